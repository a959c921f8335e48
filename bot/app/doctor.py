"""`mentorat doctor`: every check a moderator would otherwise do by hand, in order, one ✓ or ✗ line each.

A ✗ comes with a hint saying what to do. Checks that need an earlier one (the instance needs the
settings, the bot flag needs the token) say so instead of failing twice.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TextIO
from urllib.parse import urlsplit

from bot.platform.errors import ConfigError, GatewayError, NetworkError, Unauthorized

NEEDED_SCOPES = ("read", "write")
SHORT_LIMIT = 280  # below this, most messages are split into many posts


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool | None  # None: not run, an earlier check failed
    detail: str
    hint: str = ""

    def line(self) -> str:
        mark = {True: "✓", False: "✗", None: "–"}[self.ok]
        text = f"{mark} {self.name}: {self.detail}"
        return text + (f"\n    → {self.hint}" if self.hint and self.ok is False else "")


class Doctor:
    def __init__(self, config: Path | None, env=None):
        self.config = config
        self.env = env
        self.settings = None
        self.gateway = None
        self.instance = None
        self.me = None

    def checks(self) -> list[Callable[[], Check]]:
        return [self.check_settings, self.check_database, self.check_roster, self.check_prompts,
                self.check_instance, self.check_software, self.check_token, self.check_bot_flag,
                self.check_streaming, self.check_rate_limit]

    def run(self, out: TextIO) -> int:
        failed = False
        for check in self.checks():
            try:
                result = check()
            except Exception as exc:  # a check that breaks is a ✗ of its own, never a traceback
                result = Check(check.__name__.removeprefix("check_"), False, f"{type(exc).__name__}: {exc}",
                               "this looks like a bug in mentorat; please report it with this line")
            failed = failed or result.ok is False
            print(result.line(), file=out, flush=True)
        return 1 if failed else 0

    def _needs(self, name: str, what: str) -> Check:
        return Check(name, None, f"not checked ({what} first)")

    # -- the checks, in order ------------------------------------------------------------------

    def check_settings(self) -> Check:
        from bot.app.config import load_settings

        try:
            self.settings = load_settings(self.config, self.env)
        except ConfigError as exc:
            return Check("settings", False, str(exc).replace("\n", "; "),
                         "set them in the TOML file (see config/mentorat.example.toml) or as MENTORAT_* variables")
        where = self.config or "the environment"
        return Check("settings", True, f"read from {where}; instance {self.settings.instance_url}")

    def check_database(self) -> Check:
        if self.settings is None:
            return self._needs("database", "settings")
        from alembic.config import Config
        from alembic.migration import MigrationContext
        from alembic.script import ScriptDirectory

        from bot.storage.store import MIGRATIONS, make_engine

        engine = make_engine(self.settings.database_url)
        try:
            with engine.connect() as connection:
                current = set(MigrationContext.configure(connection).get_current_heads())
        except Exception as exc:
            return Check("database", False, f"cannot open {_safe_url(self.settings.database_url)}: "
                                            f"{type(exc).__name__}", "check MENTORAT_DATABASE_URL and that the "
                                                                     "database server runs and accepts this user")
        finally:
            engine.dispose()
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        script = ScriptDirectory.from_config(config)
        heads = set(script.get_heads())
        if current == heads:
            return Check("database", True, "reachable, schema up to date")
        if not current:
            return Check("database", True, "reachable, empty: `mentorat run` creates the schema at start")
        known = {rev.revision for rev in script.walk_revisions()}
        if current - known:
            return Check("database", False, f"the schema ({', '.join(sorted(current))}) is newer than this mentorat",
                         "upgrade mentorat to the version that last ran on this database")
        return Check("database", True, "reachable; `mentorat run` applies the pending migrations at start")

    def check_roster(self) -> Check:
        if self.settings is None:
            return self._needs("roster", "settings")
        from bot.people.roster import RosterError
        from bot.people.roster_check import summary
        from bot.people.roster_files import load_roster

        domain = urlsplit(self.settings.instance_url).netloc
        try:
            roster = load_roster(self.settings.roster, domain)
        except RosterError as exc:
            problems = "; ".join(str(p) for p in exc.problems[:3])
            more = f" (and {len(exc.problems) - 3} more)" if len(exc.problems) > 3 else ""
            return Check("roster", False, problems + more, f"mentorat roster check {self.settings.roster}")
        return Check("roster", True, f"{self.settings.roster}: {summary(roster)}")

    def check_prompts(self) -> Check:
        if self.settings is None:
            return self._needs("prompts", "settings")
        from bot.language.messages import Messages
        from bot.language.prompt_views import check_prompts
        from bot.language.reflections import PromptLibrary

        settings = self.settings
        messages = Messages(settings.prompts_dir, languages=settings.languages,
                            default_language=settings.default_language, timezone=settings.timezone)
        names = messages.template_names()
        problems = []
        for language in settings.languages:
            for name in names:
                try:
                    messages.environment.get_template(f"{language}/{name}.txt.j2")
                except Exception as exc:
                    problems.append(f"{language}/{name}: {type(exc).__name__}: {exc}")
        library = PromptLibrary(settings.prompts_dir / "reflections", timezone=settings.timezone)
        report = io.StringIO()
        if check_prompts(library, 500, report):
            problems.extend(line for line in report.getvalue().splitlines() if not line.startswith("note:"))
        if not names:
            problems.append(f"no message templates in {settings.prompts_dir / settings.default_language}")
        if problems:
            return Check("prompts", False, "; ".join(problems[:3]),
                         f"mentorat prompts check (templates under {settings.prompts_dir})")
        return Check("prompts", True, f"{len(names)} messages in {', '.join(settings.languages)}, "
                                      f"{len(library.loaded())} reflection prompts")

    def check_instance(self) -> Check:
        if self.settings is None:
            return self._needs("instance", "settings")
        from bot.platform.gateway import Gateway

        settings = self.settings
        self.gateway = Gateway(settings.instance_url, settings.access_token.get_secret_value(),
                               user_agent=settings.user_agent, timeout=15)
        try:
            self.instance = self.gateway.instance()
        except NetworkError as exc:
            return Check("instance", False, str(exc), "check MENTORAT_INSTANCE_URL and this machine's network")
        except GatewayError as exc:
            return Check("instance", False, f"{type(exc).__name__}: {exc}",
                         "is MENTORAT_INSTANCE_URL the address of a Mastodon, GoToSocial or Akkoma server?")
        return Check("instance", True, f"{settings.instance_url} answers as {self.instance.domain}")

    def check_software(self) -> Check:
        if self.instance is None:
            return self._needs("server", "instance")
        software = software_of(self.instance.version)
        detail = f"{software} {self.instance.version}, {self.instance.max_characters} characters per post"
        if self.instance.max_characters < SHORT_LIMIT:
            return Check("server", False, detail, "messages will be split into many posts; ask the admins for "
                                                  "a higher limit")
        return Check("server", True, detail)

    def check_token(self) -> Check:
        if self.gateway is None or self.instance is None:
            return self._needs("token", "instance")
        try:
            self.me = self.gateway.me()
            scopes = self.gateway.token_scopes()
        except Unauthorized as exc:
            return Check("token", False, f"refused ({exc})", "create a new one: mentorat register --instance "
                                                              f"{self.settings.instance_url}")
        except GatewayError as exc:
            return Check("token", False, f"{type(exc).__name__}: {exc}", "try again; the instance did not answer")
        if scopes is None:
            return Check("token", True, f"valid for @{self.me.acct} (this server does not list the scopes)")
        missing = [s for s in NEEDED_SCOPES if not _grants(scopes, s)]
        if missing:
            return Check("token", False, f"valid for @{self.me.acct} but without {', '.join(missing)}",
                         "create a token with read and write: mentorat register --instance "
                         f"{self.settings.instance_url}")
        return Check("token", True, f"valid for @{self.me.acct}, scopes {' '.join(scopes)}")

    def check_bot_flag(self) -> Check:
        if self.me is None:
            return self._needs("bot flag", "token")
        if self.me.bot:
            return Check("bot flag", True, f"@{self.me.acct} is marked as a bot")
        return Check("bot flag", False, f"@{self.me.acct} is not marked as a bot",
                     "tick \"This is a bot account\" in its profile settings, or run mentorat register --bot")

    def check_streaming(self) -> Check:
        if self.me is None:
            return self._needs("streaming", "token")
        from bot.platform.streaming import probe

        settings = self.settings
        url, problems = probe(settings.instance_url, settings.access_token.get_secret_value(),
                              self.instance.streaming_url, user_agent=settings.user_agent)
        if url is None:
            return Check("streaming", False, "; ".join(problems),
                         "answers come at each poll meanwhile; let the reverse proxy pass WebSocket upgrades "
                         "on /api/v1/streaming")
        note = f" (not the advertised {self.instance.streaming_url})" if (
            self.instance.streaming_url and not url.startswith(self.instance.streaming_url.rstrip("/"))) else ""
        return Check("streaming", True, f"{url}{note}")

    def check_rate_limit(self) -> Check:
        if self.gateway is None or self.me is None:
            return self._needs("rate limit", "token")
        limit = self.gateway.rate_limit_limit
        remaining = self.gateway.rate_limit_remaining if limit is not None else None
        if remaining is None:
            return Check("rate limit", True, "the server does not say (no X-RateLimit headers)")
        detail = f"{remaining} of {limit} requests left in this window" if limit else f"{remaining} requests left"
        if limit and remaining < limit * 0.1:
            return Check("rate limit", False, detail, "another client is using this account's budget; "
                                                      "give the bot its own account")
        return Check("rate limit", True, detail)


def software_of(version: str) -> str:
    lower = version.lower()
    for name, label in (("akkoma", "Akkoma"), ("pleroma", "Pleroma"), ("gotosocial", "GoToSocial")):
        if name in lower:
            return label
    if lower.startswith("v0.") or "git-" in lower:
        return "GoToSocial"
    return "Mastodon"


def _grants(scopes: list[str], needed: str) -> bool:
    return needed in scopes  # granular scopes (read:statuses...) are not enough for everything the bot does


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def run_doctor(config: Path | None, out: TextIO | None = None, env=None) -> int:
    return Doctor(config, env).run(out or sys.stdout)
