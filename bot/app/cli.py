"""The `mentorat` command: the composition root, the only place that wires concrete parts together."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot import __version__
from bot.people.roster import RosterError
from bot.platform.errors import ConfigError, GatewayError, Unauthorized

if TYPE_CHECKING:
    from bot.app.settings import Settings
    from bot.language.reflections import PromptLibrary

log = logging.getLogger("bot")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentorat",
        description="A fediverse mentoring bot: hears #mentorat and mentions, matches people with "
                    "volunteer mentors from a roster, asks for consent and introduces them.")
    parser.add_argument("--version", action="version", version=f"mentorat {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="run the bot until SIGTERM/SIGINT",
                         description="Run the bot against the configured instance until SIGTERM or SIGINT.")
    run.add_argument("--config", type=Path, help="TOML settings file (default: $MENTORAT_CONFIG)")
    run.add_argument("--http", metavar="HOST:PORT",
                     help="serve /healthz, /readyz and /metrics there, e.g. 127.0.0.1:9464 (default: off)")
    run.add_argument("--log-format", choices=("text", "json"), default="text", help="log lines (default: text)")
    run.add_argument("--no-streaming", action="store_true", help="poll only, never open a streaming connection")

    register = sub.add_parser("register", help="create the application and the bot's access token",
                              description="Create the application on the instance, sign the bot's account in "
                                          "(authorisation code), verify it, offer to mark it as a bot, and write "
                                          "its token to an env file readable only by you (or print it).")
    register.add_argument("--instance", required=True, metavar="URL", help="the instance, e.g. https://social.example")
    register.add_argument("--redirect", nargs="?", type=int, const=0, metavar="PORT",
                          help="catch the code on a loopback port (any free one without PORT) instead of pasting it")
    register.add_argument("--env-file", type=Path, metavar="FILE",
                          help="write MENTORAT_INSTANCE_URL and MENTORAT_ACCESS_TOKEN there, e.g. .env (mode 0600)")
    register.add_argument("--bot", action=argparse.BooleanOptionalAction, default=None,
                          help="mark the account as a bot without asking (--no-bot: leave it)")

    doctor = sub.add_parser("doctor", help="check the set-up, one line per check",
                            description="Check settings, database, roster, prompts, instance, token, bot flag, "
                                        "streaming and rate-limit budget; exit 1 if anything is wrong.")
    doctor.add_argument("--config", type=Path, help="TOML settings file (default: $MENTORAT_CONFIG)")

    demo = sub.add_parser("demo", help="run the whole story against a sandbox instance and print a transcript",
                          description="Start a sandbox Mastodon-compatible server on loopback with scripted "
                                      "personas, run the real bot against it over HTTP and print what everyone sees.")
    demo.add_argument("--data-dir", type=Path, help="keep the demo's database here (default: a temporary directory)")
    demo.add_argument("--flavour", choices=("mastodon", "gotosocial", "akkoma"), default="mastodon",
                      help="which server the sandbox imitates (default: mastodon)")

    match = sub.add_parser("match", help="dry run: show who the bot would ask for a request",
                           description="Print, as JSON, how a request is understood and which mentors "
                                       "the roster offers for it, best first. Nothing is posted.")
    match.add_argument("--roster", required=True, help="roster YAML file")
    match.add_argument("--top", type=int, help="how many proposals (default: the request's circle size)")
    match.add_argument("--lang", help="language of the text when it cannot be detected reliably (e.g. fr)")
    match.add_argument("--hashtag", default="mentorat", help="trigger hashtag (default: mentorat)")
    match.add_argument("--status", help="a Mastodon status as JSON, or JSON Lines of many")
    match.add_argument("--bot", metavar="ACCT", help="the bot's account (user@domain): statuses mentioning it are "
                                                     "read as addressed to the bot")
    match.add_argument("text", nargs="?", help="the text of a request")

    roster = sub.add_parser("roster", help="roster tools", description="Tools for the roster file.")
    roster_sub = roster.add_subparsers(dest="roster_command", metavar="ACTION", required=True)
    check = roster_sub.add_parser("check", help="validate a roster file",
                                  description="Validate a roster file; print every problem as file:line.")
    check.add_argument("path", help="roster YAML file")

    # Reflection prompts: read and rendered locally, no instance nor token needed.
    prompts = sub.add_parser("prompts", help="reflection prompt tools: list, preview, check, post",
                             description="Tools for the reflection prompts of open conversations "
                                         "(<prompts_dir>/reflections). Only `post` posts anything.")
    prompts_sub = prompts.add_subparsers(dest="prompts_command", metavar="ACTION", required=True)
    local = argparse.ArgumentParser(add_help=False)
    local.add_argument("--config", type=Path,
                       help="TOML settings file whose prompts_dir and timezone are used (default: $MENTORAT_CONFIG)")
    prompts_sub.add_parser("list", parents=[local], help="one prompt per line: id, languages, title",
                           description="List the reflection prompts: id, languages, title.")
    preview = prompts_sub.add_parser("preview", parents=[local], help="show every post of a prompt as posted",
                                     description="Show every post of a prompt (opening, Q1…Qn, closing) exactly "
                                                 "as it would be posted, each with its length against the limit.")
    preview.add_argument("id", help="the prompt's id, e.g. reverse-mentoring")
    preview.add_argument("--lang", choices=("fr", "en"), help="which language (default: French if it exists)")
    preview.add_argument("--format", choices=("live", "slow"), help="which format (default: the prompt's first)")
    preview.add_argument("--limit", type=int, default=500, help="the instance's post limit (default: 500)")
    prompts_check = prompts_sub.add_parser("check", parents=[local], help="render every prompt and check its length",
                                           description="Render every prompt, in every format, with and without a host, "
                                                       "with strict variables; print each problem as file:line.")
    prompts_check.add_argument("--limit", type=int, default=500, help="the instance's post limit (default: 500)")
    post = prompts_sub.add_parser("post", help="start an open conversation on a prompt now",
                                  description="Open a conversation on a prompt now, hosted by the bot: the opening "
                                              "is posted at once; the running bot posts the questions at their times.")
    post.add_argument("id", help="the prompt's id, e.g. reverse-mentoring")
    post.add_argument("--lang", choices=("fr", "en"),
                      help="which language (default: the first of [conversations] languages)")
    post.add_argument("--config", type=Path, help="TOML settings file (default: $MENTORAT_CONFIG)")

    archive = sub.add_parser("archive", help="write the archive of past open conversations",
                             description="Write one page per past open conversation (public and unlisted replies "
                                         "only, never of people who opted out) and an index.")
    archive.add_argument("--format", choices=("md", "html"), default="md", help="page format (default: md)")
    archive.add_argument("--out", type=Path, help="folder to write in (default: [conversations] archive_dir)")
    archive.add_argument("--config", type=Path, help="TOML settings file (default: $MENTORAT_CONFIG)")

    report = sub.add_parser("report", help="write the programme report (one HTML page with charts)",
                            description="Figures and charts from the database: requests per week, time to match, "
                                        "acceptance and completion, load per mentor, topics asked vs offered.")
    report.add_argument("--html", type=Path, required=True, metavar="FILE", help="the page to write")
    report.add_argument("--since", metavar="DATE", help="only requests from this date (2026-09-01 or 01/09/2026)")
    report.add_argument("--lang", choices=("fr", "en"), help="language of the page (default: the community's)")
    report.add_argument("--config", type=Path, help="TOML settings file (default: $MENTORAT_CONFIG)")
    return parser


def entry() -> None:
    """The `mentorat` command: `main`, then leave at once."""
    code = main()
    # Everything is released by then (commits are durable, sockets closed, jobs joined): tearing the
    # interpreter down object by object takes up to a second on a busy machine, which a SIGTERM should not wait for.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    match args.command:
        case "run":
            return _run(args)
        case "register":
            from bot.app.register import run_register
            return run_register(args)
        case "doctor":
            from bot.app.doctor import run_doctor
            return run_doctor(args.config)
        case "demo":
            from bot.app.demo import run_demo
            return run_demo(data_dir=args.data_dir, flavour=args.flavour)
        case "match":
            from bot.app.dryrun import run_match
            if bool(args.text) == bool(args.status):
                parser.error("match: give either a TEXT or --status FILE")
            return run_match(args.roster, text=args.text, status_file=args.status, top=args.top,
                             lang=args.lang, hashtag=args.hashtag, bot_acct=args.bot)
        case "roster":
            from bot.people.roster_check import check_roster
            return check_roster(args.path)
        case "prompts":
            return _prompts(args)
        case "archive":
            return _archive(args)
        case "report":
            return _report(args)
        case _:
            parser.print_help()
            return 0


def _prompt_library(config: Path | None) -> PromptLibrary:
    """The reflection prompts under the settings' prompts_dir; the roster and the instance are not needed."""
    from bot.app.config import load_settings
    from bot.language.reflections import PromptLibrary

    # The roster is never read here: a placeholder keeps settings without one valid.
    settings = load_settings(config, require_instance=False, overrides={"roster": "unused"})
    return PromptLibrary(settings.prompts_dir / "reflections", timezone=settings.timezone)


def _prompts(args: argparse.Namespace) -> int:
    from bot.language.prompt_views import check_prompts, list_prompts, preview_prompt

    if args.prompts_command == "post":
        return _post_prompt(args)
    try:
        library = _prompt_library(args.config)
    except ConfigError as exc:
        print(f"mentorat: configuration error: {exc}", file=sys.stderr)
        return 2
    match args.prompts_command:
        case "list":
            return list_prompts(library, sys.stdout)
        case "preview":
            return preview_prompt(library, args.id, args.lang, args.limit, sys.stdout, format=args.format)
        case "check":
            return check_prompts(library, args.limit, sys.stdout)
    return 2


def _post_prompt(args: argparse.Namespace) -> int:
    """Open a conversation now through the real bot (its account, its database, its outbox)."""
    from bot.app.bot import Bot
    from bot.app.logs import setup_logging
    from bot.language.reflections import PromptError, UnknownPrompt

    settings = _settings(args.config)
    if settings is None:
        return 2
    token = settings.access_token.get_secret_value()
    setup_logging(settings.log_level, secrets=[token])
    try:
        bot = Bot.connected(settings, _gateway(settings, token))
    except (GatewayError, RosterError) as exc:
        print(f"mentorat: {exc}", file=sys.stderr)
        return 1
    try:
        conversation = bot.conversations.start_now(args.id, args.lang)
        bot.flush()
        url = bot.conversations.opening_url(conversation)
    except (UnknownPrompt, PromptError) as exc:
        print(f"mentorat: {exc.args[0] if isinstance(exc, UnknownPrompt) else exc}", file=sys.stderr)
        return 1
    finally:
        bot.close()
    print(f"conversation {conversation} opened" + (f": {url}" if url else "; its opening is queued"))
    return 0


def _archive(args: argparse.Namespace) -> int:
    from bot.features.conversations import archive_entries
    from bot.features.conversations.archive import write_archive
    from bot.storage.store import Store

    # Only the database is read: no instance, and a placeholder for the roster.
    settings = _settings(args.config, require_instance=False, overrides={"roster": "unused"})
    if settings is None:
        return 2
    out = args.out or settings.conversations_archive_dir
    if out is None:
        print("mentorat: archive: give --out DIR or set [conversations] archive_dir", file=sys.stderr)
        return 2
    store = Store(settings.database_url)
    try:
        with store.transaction() as session:
            entries = archive_entries(session)
        for path in write_archive(entries, out, args.format, timezone=settings.timezone,
                                  language=settings.default_language):
            print(path)
    finally:
        store.close()
    return 0


def _run(args: argparse.Namespace) -> int:
    from bot.app.logs import setup_logging
    from bot.app.service import Service
    from bot.app.startup import Stopped
    from bot.platform.errors import WrongAddress

    settings = _settings(args.config)
    if settings is None:
        return 2
    if args.http:
        from bot.app.health import parse_address  # the HTTP server's libraries load only with --http

        try:
            parse_address(args.http)
        except ValueError as exc:
            print(f"mentorat: {exc}", file=sys.stderr)
            return 2
    token = settings.access_token.get_secret_value()
    setup_logging(settings.log_level, secrets=[token], fmt=args.log_format)
    service = Service(settings, lambda: _gateway(settings, token), http=args.http, streaming=not args.no_streaming)

    def stop(signum, _frame) -> None:
        log.info("received %s, stopping", signal.Signals(signum).name)
        service.stop()  # the running job ends after its current post or status
        if service.startup.interruptible:
            raise Stopped  # a call to the instance while starting is cut short

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("mentorat %s starting; polling every %ss", __version__, settings.poll_seconds)
    try:
        code = service.run()
    except Stopped:
        code = 0
    except Unauthorized:
        log.critical("the instance %s refused the access token (MENTORAT_ACCESS_TOKEN)", settings.instance_url)
        return 1
    except WrongAddress as exc:
        log.critical("%s is not a reachable instance (MENTORAT_INSTANCE_URL): %s", settings.instance_url, exc)
        return 1
    except RosterError as exc:
        log.critical("the roster %s cannot be used:\n%s", settings.roster, exc)
        return 1
    except OSError as exc:
        log.critical("cannot serve --http %s: %s", args.http, exc.strerror or exc)
        return 2
    log.info("stopped")
    return code


if __name__ == "__main__":
    entry()


def _report(args: argparse.Namespace) -> int:
    from urllib.parse import urlsplit

    from bot.app.config import load_settings
    from bot.features.moderation.report import parse_since, write_report
    from bot.people.roster import RosterError
    from bot.people.roster_files import load_roster
    from bot.storage.store import Store

    try:
        since = parse_since(args.since) if args.since else None
    except ValueError as exc:
        print(f"mentorat: report: --since: {exc}", file=sys.stderr)
        return 2
    # Only the database (and the roster, when one is set) is read: no instance needed.
    try:
        settings = load_settings(args.config, require_instance=False)
    except ConfigError:
        settings = _settings(args.config, require_instance=False, overrides={"roster": "unused"})
    if settings is None:
        return 2
    try:
        # Handles written without a domain belong to the bot's instance, when the settings name it.
        roster = load_roster(settings.roster, urlsplit(settings.instance_url).hostname or "")
    except (RosterError, OSError):
        roster = None  # load and topics offered are left out
    store = Store(settings.database_url)
    try:
        with store.transaction() as session:
            report = write_report(session, args.html, since=since, roster=roster,
                                  lang=args.lang or settings.default_language, zone=settings.timezone)
    finally:
        store.close()
    print(f"{args.html}: {report.requests} requests" + (f" since {since.isoformat()}" if since else ""))
    return 0


def _gateway(settings: Settings, token: str):
    """The gateway of a command that acts on the instance; a nearly spent rate-limit window is kept beside
    the database, for the next process."""
    from bot.platform.gateway import Gateway

    return Gateway(settings.instance_url, token, user_agent=settings.user_agent,
                   timeout=settings.request_timeout_seconds, window_file=settings.data_dir / "rate-window.json")


def _settings(config: Path | None, **options) -> Settings | None:
    """The settings, or None after saying clearly what is wrong with them."""
    from bot.app.config import load_settings

    try:
        return load_settings(config, **options)
    except ConfigError as exc:
        print(f"mentorat: configuration error: {exc}", file=sys.stderr)
        return None
