"""The `mentorat` command: the composition root, the only place that wires concrete parts together."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from bot import __version__
from bot.errors import ConfigError, GatewayError, Unauthorized
from bot.roster import RosterError

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
    match.add_argument("text", nargs="?", help="the text of a request")

    roster = sub.add_parser("roster", help="roster tools", description="Tools for the roster file.")
    roster_sub = roster.add_subparsers(dest="roster_command", metavar="ACTION", required=True)
    check = roster_sub.add_parser("check", help="validate a roster file",
                                  description="Validate a roster file; print every problem as file:line.")
    check.add_argument("path", help="roster YAML file")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    match args.command:
        case "run":
            return _run(args)
        case "demo":
            from bot.demo import run_demo
            return run_demo(data_dir=args.data_dir, flavour=args.flavour)
        case "match":
            from bot.dryrun import run_match
            if bool(args.text) == bool(args.status):
                parser.error("match: give either a TEXT or --status FILE")
            return run_match(args.roster, text=args.text, status_file=args.status, top=args.top,
                             lang=args.lang, hashtag=args.hashtag)
        case "roster":
            from bot.roster import check_roster
            return check_roster(args.path)
        case _:
            parser.print_help()
            return 0


def _run(args: argparse.Namespace) -> int:
    from bot.app import Bot
    from bot.config import load_settings
    from bot.gateway import Gateway
    from bot.logs import setup_logging
    from bot.scheduler import build_scheduler

    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"mentorat: configuration error: {exc}", file=sys.stderr)
        return 2
    token = settings.access_token.get_secret_value()
    setup_logging(settings.log_level, secrets=[token])
    gateway = Gateway(settings.instance_url, token, user_agent=settings.user_agent)
    try:
        bot = Bot(settings, gateway)
    except Unauthorized:
        log.critical("the instance %s refused the access token (MENTORAT_ACCESS_TOKEN)", settings.instance_url)
        return 1
    except RosterError as exc:
        log.critical("the roster %s cannot be used:\n%s", settings.roster, exc)
        return 1
    except GatewayError as exc:
        log.critical("cannot reach %s: %s: %s", settings.instance_url, type(exc).__name__, exc)
        return 1
    scheduler = build_scheduler(bot, blocking=True)

    def stop(signum, _frame) -> None:
        log.info("received %s, stopping", signal.Signals(signum).name)
        scheduler.shutdown(wait=True)  # let the running job finish its transaction

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("mentorat %s running; polling every %ss", __version__, settings.poll_seconds)
    try:
        scheduler.start()
    finally:
        bot.close()
    log.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
