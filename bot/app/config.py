"""Settings: a TOML file plus MENTORAT_* environment variables (which win), validated into one frozen value."""

from __future__ import annotations

import difflib
import logging
import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, Mapping
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

import bot
from bot.features.conversations.calendar import cron_trigger
from bot.people.vocabulary import is_valid_timezone, language_codes, suggest_language, suggest_timezone
from bot.platform.errors import ConfigError

ENV_PREFIX = "MENTORAT_"
CONFIG_ENV = "MENTORAT_CONFIG"
DEFAULT_PROMPTS_DIR = bot.PROMPTS_DIR
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# Where each setting lives in the TOML file: field -> (section, key).
TOML_KEYS: dict[str, tuple[str, str]] = {
    "instance_url": ("instance", "url"),
    "access_token": ("instance", "access_token"),
    "user_agent": ("instance", "user_agent"),
    "request_timeout_seconds": ("instance", "request_timeout_seconds"),
    "data_dir": ("storage", "data_dir"),
    "database_url": ("storage", "database_url"),
    "roster": ("community", "roster"),
    "roster_reload_seconds": ("community", "roster_reload_seconds"),
    "self_service": ("community", "self_service"),
    "hashtag": ("community", "hashtag"),
    "languages": ("community", "languages"),
    "default_language": ("community", "default_language"),
    "timezone": ("community", "timezone"),
    "poll_seconds": ("listening", "poll_seconds"),
    "first_run_window_hours": ("listening", "first_run_window_hours"),
    "flush_seconds": ("sending", "flush_seconds"),
    "reply_visibility": ("sending", "reply_visibility"),
    "prompts_dir": ("sending", "prompts_dir"),
    "offer_ttl_hours": ("matching", "offer_ttl_hours"),
    "circle_default": ("matching", "circle_default"),
    "circle_max": ("matching", "circle_max"),
    "max_open_requests": ("matching", "max_open_requests"),
    "log_level": ("logging", "level"),
    "mentoring_horizon_days": ("journey", "mentoring_horizon_days"),
    "mentoring_checkin_days": ("journey", "mentoring_checkin_days"),
    "coaching_horizon_days": ("journey", "coaching_horizon_days"),
    "coaching_checkin_days": ("journey", "coaching_checkin_days"),
    "fit_check_days": ("journey", "fit_check_days"),
    "reminder_days": ("journey", "reminder_days"),
    "stalled_days": ("journey", "stalled_days"),
    "closing_grace_days": ("journey", "closing_grace_days"),
    "extend_days": ("journey", "extend_days"),
    "conversations_enabled": ("conversations", "enabled"),
    "conversations_cron": ("conversations", "cron"),
    "conversations_prompts": ("conversations", "prompts"),
    "conversations_order": ("conversations", "order"),
    "conversations_languages": ("conversations", "languages"),
    "conversations_hashtags": ("conversations", "hashtags"),
    "conversations_format": ("conversations", "format"),
    "conversations_live_interval_minutes": ("conversations", "live_interval_minutes"),
    "conversations_slow_interval_days": ("conversations", "slow_interval_days"),
    "conversations_grace_hours": ("conversations", "grace_hours"),
    "conversations_facilitator_notice_days": ("conversations", "facilitator_notice_days"),
    "conversations_favourite_replies": ("conversations", "favourite_replies"),
    "conversations_mention_participants": ("conversations", "mention_participants"),
    "conversations_offer_mentor": ("conversations", "offer_mentor"),
    "conversations_archive_dir": ("conversations", "archive_dir"),
    "moderation_digest_enabled": ("moderation", "digest_enabled"),
    "moderation_digest_cron": ("moderation", "digest_cron"),
}

# What a valid value looks like, for messages: "<label>: must be <this>, got ...".
EXPECTED: dict[str, str] = {
    "instance_url": "the http(s) address of the bot's instance, e.g. https://social.example",
    "access_token": "the bot account's access token (text)",
    "user_agent": "a text",
    "request_timeout_seconds": "a number of seconds > 0",
    "data_dir": "a folder path",
    "database_url": "an SQLAlchemy database URL, e.g. sqlite:///data/mentorat.sqlite3",
    "roster": "the path of the roster file, e.g. config/roster.yaml, or its https:// address",
    "roster_reload_seconds": "an integer ≥ 1",
    "self_service": "true or false",
    "hashtag": "a hashtag word made of letters, digits or _ (not only digits), e.g. mentorat",
    "languages": "a list of two-letter ISO 639-1 codes, e.g. fr, en",
    "default_language": "a two-letter ISO 639-1 code, e.g. fr",
    "timezone": "an IANA time zone name, e.g. Europe/Paris",
    "poll_seconds": "an integer ≥ 2",
    "first_run_window_hours": "a number of hours ≥ 0",
    "flush_seconds": "an integer ≥ 1",
    "reply_visibility": "one of public, unlisted, private, direct",
    "prompts_dir": "a folder path",
    "offer_ttl_hours": "a number of hours > 0",
    "circle_default": "an integer ≥ 1",
    "circle_max": "an integer ≥ 1",
    "max_open_requests": "an integer ≥ 1",
    "log_level": "one of " + ", ".join(LOG_LEVELS),
    "mentoring_horizon_days": "a number of days ≥ 1",
    "mentoring_checkin_days": "a number of days ≥ 1",
    "coaching_horizon_days": "a number of days ≥ 1",
    "coaching_checkin_days": "a number of days ≥ 1",
    "fit_check_days": "a number of days ≥ 1",
    "reminder_days": "a number of days ≥ 1",
    "stalled_days": "a number of days ≥ 1",
    "closing_grace_days": "a number of days ≥ 1",
    "extend_days": "a number of days ≥ 1",
    "conversations_enabled": "true or false",
    "conversations_cron": "a cron line of 5 fields (minute hour day month weekday), e.g. 0 18 * * 2",
    "conversations_prompts": "a list of reflection prompt ids, e.g. reverse-mentoring, pass-it-on",
    "conversations_order": "one of rotate, in_order",
    "conversations_languages": "a list of languages the bot speaks, e.g. fr, en",
    "conversations_hashtags": "a list of hashtag words (letters, digits or _), e.g. mentoratouvert",
    "conversations_format": "one of live, slow",
    "conversations_live_interval_minutes": "an integer ≥ 1",
    "conversations_slow_interval_days": "an integer ≥ 1",
    "conversations_grace_hours": "a number of hours ≥ 0",
    "conversations_facilitator_notice_days": "a number of days ≥ 0",
    "conversations_favourite_replies": "true or false",
    "conversations_mention_participants": "true or false",
    "conversations_offer_mentor": "true or false",
    "conversations_archive_dir": "a folder path",
    "moderation_digest_enabled": "true or false",
    "moderation_digest_cron": "a cron line of 5 fields (minute hour day month weekday), e.g. 0 9 * * 1",
}

SECRET_FIELDS = frozenset({"access_token"})
REQUIRED_TO_RUN = ("instance_url", "access_token")


def env_name(field: str) -> str:
    """`poll_seconds` -> `MENTORAT_POLL_SECONDS`."""
    return ENV_PREFIX + field.upper()


def setting_label(field: str) -> str:
    """`MENTORAT_POLL_SECONDS / [listening] poll_seconds`: how messages name a setting."""
    section, key = TOML_KEYS[field]
    return f"{env_name(field)} / [{section}] {key}"


def _not_bool(value: Any) -> Any:
    # pydantic would read `true` as 1; a switch where a number belongs is a mistake.
    if isinstance(value, bool):
        raise PydanticCustomError("not_a_number", "a switch where a number belongs")
    return value


Int = Annotated[int, BeforeValidator(_not_bool)]
Hours = Annotated[float, BeforeValidator(_not_bool)]


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _path(value: Any) -> Any:
    return Path(value).expanduser() if isinstance(value, (str, Path)) else value


def _roster_location(value: Any) -> Any:
    """A path, or an http(s):// address kept as it is written."""
    if isinstance(value, str) and value.strip().lower().startswith(("https://", "http://")):
        return value.strip()
    return _path(value)


def _word_list(value: Any) -> Any:
    """`"a, b"` (from the environment) or `["a", "b"]` -> ("a", "b"), each trimmed, empty ones dropped."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        return value  # pydantic reports the wrong shape
    return tuple(dict.fromkeys(v.strip() for v in value if v.strip()))


_HASHTAG_WORD = re.compile(r"(?=\w*[^\W\d])\w+")
_PROMPT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Settings(BaseModel):
    """Everything the bot needs to run; `access_token` never shows in repr, str or errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    instance_url: str = ""
    access_token: SecretStr = SecretStr("")
    user_agent: str = f"mentorat/{bot.__version__}"
    request_timeout_seconds: Hours = Field(30.0, gt=0, allow_inf_nan=False)
    data_dir: Annotated[Path, BeforeValidator(_path)] = Path("data")
    database_url: str = ""
    roster: Annotated[Path | str, BeforeValidator(_roster_location)]
    roster_reload_seconds: Int = Field(10, ge=1)
    self_service: bool = False  # mentors' own profile changes apply at once, without a moderator
    hashtag: str = "mentorat"
    languages: tuple[str, ...] = ("fr", "en")
    default_language: Annotated[str, BeforeValidator(_lower)] = "fr"
    timezone: str = "Europe/Paris"
    poll_seconds: Int = Field(30, ge=2)
    first_run_window_hours: Hours = Field(24.0, ge=0, allow_inf_nan=False)
    flush_seconds: Int = Field(5, ge=1)
    reply_visibility: Annotated[Literal["public", "unlisted", "private", "direct"], BeforeValidator(_lower)] = "unlisted"
    prompts_dir: Annotated[Path, BeforeValidator(_path)] = DEFAULT_PROMPTS_DIR
    offer_ttl_hours: Hours = Field(72.0, gt=0, allow_inf_nan=False)
    circle_max: Int = Field(3, ge=1)
    circle_default: Int = Field(1, ge=1)
    max_open_requests: Int = Field(2, ge=1)
    log_level: str = "INFO"
    mentoring_horizon_days: Int = Field(91, ge=1)
    mentoring_checkin_days: Int = Field(14, ge=1)
    coaching_horizon_days: Int = Field(28, ge=1)
    coaching_checkin_days: Int = Field(7, ge=1)
    fit_check_days: Int = Field(7, ge=1)
    reminder_days: Int = Field(3, ge=1)
    stalled_days: Int = Field(21, ge=1)
    closing_grace_days: Int = Field(7, ge=1)
    extend_days: Int = Field(28, ge=1)
    conversations_enabled: bool = False
    conversations_cron: str = "0 18 * * 2"
    conversations_prompts: Annotated[tuple[str, ...], BeforeValidator(_word_list)] = ()
    conversations_order: Annotated[Literal["rotate", "in_order"], BeforeValidator(_lower)] = "rotate"
    conversations_languages: Annotated[tuple[str, ...], BeforeValidator(_word_list)] = ()
    conversations_hashtags: Annotated[tuple[str, ...], BeforeValidator(_word_list)] = ("mentoratouvert",)
    conversations_format: Annotated[Literal["live", "slow"], BeforeValidator(_lower)] = "live"
    conversations_live_interval_minutes: Int = Field(10, ge=1)
    conversations_slow_interval_days: Int = Field(7, ge=1)
    conversations_grace_hours: Hours = Field(2.0, ge=0, allow_inf_nan=False)
    conversations_facilitator_notice_days: Hours = Field(3.0, ge=0, allow_inf_nan=False)
    conversations_favourite_replies: bool = False
    conversations_mention_participants: bool = False
    conversations_offer_mentor: bool = True
    conversations_archive_dir: Annotated[Path | None, BeforeValidator(_path)] = None
    moderation_digest_enabled: bool = True
    moderation_digest_cron: str = "0 9 * * 1"

    @model_validator(mode="before")
    @classmethod
    def _default_database(cls, data: Any) -> Any:
        """The database sits in `data_dir` unless told otherwise."""
        if isinstance(data, dict) and not data.get("database_url"):
            data_dir = _path(data.get("data_dir") or "data")
            if isinstance(data_dir, Path):
                data = {**data, "database_url": f"sqlite:///{data_dir.as_posix()}/mentorat.sqlite3"}
        return data

    @field_validator("instance_url")
    @classmethod
    def _instance_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value:
            return value
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise ValueError(f"must be {EXPECTED['instance_url']}")
        return value

    @field_validator("access_token")
    @classmethod
    def _token(cls, value: SecretStr) -> SecretStr:
        return SecretStr(value.get_secret_value().strip())

    @field_validator("hashtag")
    @classmethod
    def _hashtag(cls, value: str) -> str:
        tag = value.strip().removeprefix("#").lower()
        if not re.fullmatch(r"(?=\w*[^\W\d])\w+", tag):
            raise ValueError(f"must be {EXPECTED['hashtag']}")
        return tag

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            return value  # pydantic reports the wrong shape
        codes = tuple(dict.fromkeys(v.strip().lower() for v in value if v.strip()))
        unknown = [c for c in codes if c not in language_codes()]
        if unknown:
            raise ValueError(_unknown_languages(unknown))
        if not codes:
            raise ValueError("must name at least one language, e.g. fr, en")
        return codes

    @field_validator("default_language")
    @classmethod
    def _default_language(cls, value: str, info: Any) -> str:
        languages = info.data.get("languages")
        if languages and value not in languages:
            raise ValueError(f"must be one of the languages the bot speaks ({', '.join(languages)})")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        value = value.strip()
        if not is_valid_timezone(value):
            guess = suggest_timezone(value)
            raise ValueError(f"must be {EXPECTED['timezone']}" + (f' (did you mean "{guess}"?)' if guess else ""))
        return value

    @field_validator("circle_default")
    @classmethod
    def _circle_default(cls, value: int, info: Any) -> int:
        circle_max = info.data.get("circle_max")
        if circle_max is not None and value > circle_max:
            raise ValueError(f"must be at most circle_max ({circle_max})")
        return value

    @field_validator("conversations_cron", "moderation_digest_cron")
    @classmethod
    def _cron(cls, value: str, info: Any) -> str:
        value = " ".join(value.split())
        cron_trigger(value, info.data.get("timezone") or "UTC")  # ValueError says what is wrong
        return value

    @field_validator("conversations_prompts")
    @classmethod
    def _conversations_prompts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        wrong = [v for v in value if not _PROMPT_ID.fullmatch(v)]
        if wrong:
            raise ValueError(f"must be {EXPECTED['conversations_prompts']}; not an id: {', '.join(wrong)}")
        return value

    @field_validator("conversations_languages")
    @classmethod
    def _conversations_languages(cls, value: tuple[str, ...], info: Any) -> tuple[str, ...]:
        codes = tuple(dict.fromkeys(v.lower() for v in value))
        spoken = info.data.get("languages") or ()
        unknown = [c for c in codes if c not in spoken]
        if spoken and unknown:
            raise ValueError(f"must be among the languages the bot speaks ({', '.join(spoken)}); "
                             f"not: {', '.join(unknown)}")
        return codes

    @field_validator("conversations_hashtags")
    @classmethod
    def _conversations_hashtags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        tags = tuple(dict.fromkeys(v.removeprefix("#").lower() for v in value))
        wrong = [t for t in tags if not _HASHTAG_WORD.fullmatch(t)]
        if wrong:
            raise ValueError(f"must be {EXPECTED['conversations_hashtags']}; not: {', '.join(wrong)}")
        return tags

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: Any) -> Any:
        level = value.strip().upper() if isinstance(value, str) else value
        if level not in LOG_LEVELS:
            raise ValueError(f"must be {EXPECTED['log_level']}")
        return level

    @property
    def log_level_number(self) -> int:
        return logging.getLevelName(self.log_level)


def _unknown_languages(unknown: list[str]) -> str:
    hints = [f'"{c}"' + (f' (did you mean "{g}"?)' if (g := suggest_language(c)) else "") for c in unknown]
    return f"must be two-letter ISO 639-1 codes such as fr, en; unknown: {', '.join(hints)}"


# -- reading the sources ----------------------------------------------------------------


def _toml_problem_line(error: tomllib.TOMLDecodeError) -> tuple[str, str]:
    found = re.search(r"\(at line (\d+), column \d+\)", str(error))
    message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
    return (found.group(1) if found else "0"), message


def _read_toml(path: Path, named_by: str) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise ConfigError(f"{named_by}configuration file not found: {path}") from None
    except OSError as error:
        raise ConfigError(f"{named_by}cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        line, message = _toml_problem_line(error)
        raise ConfigError(f"{path}:{line}: TOML syntax error: {message}") from None


def _key_of(section: str, key: str) -> str | None:
    return next((f for f, place in TOML_KEYS.items() if place == (section, key)), None)


def _toml_problem(section: str | None, key: str) -> str:
    """A friendly word for a key the settings do not know, pointing to where it belongs."""
    where = f"[{section}] {key}" if section else key
    home = [f for f, (_, k) in TOML_KEYS.items() if k == key or f == key]
    if home:
        right = TOML_KEYS[home[0]]
        return f'{where}: this setting belongs in section [{right[0]}] as "{right[1]}"'
    known = [k for s, k in TOML_KEYS.values() if s == section] if section else list(TOML_KEYS)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
    return f"{where}: unknown setting" + (f' (did you mean "{close[0]}"?)' if close else "")


def _flatten_toml(data: dict[str, Any], path: Path) -> dict[str, Any]:
    sections = sorted({s for s, _ in TOML_KEYS.values()})
    values: dict[str, Any] = {}
    problems: list[str] = []
    for section, table in data.items():
        if section not in sections:
            if not isinstance(table, dict):
                problems.append(_toml_problem(None, section))
                continue
            close = difflib.get_close_matches(section, sections, n=1, cutoff=0.6)
            hint = f' (did you mean "[{close[0]}]"?)' if close else f"; sections are {', '.join(f'[{s}]' for s in sections)}"
            problems.append(f"[{section}]: unknown section{hint}")
            continue
        if not isinstance(table, dict):
            problems.append(f"{section}: must be a section, written [{section}] on its own line")
            continue
        for key, value in table.items():
            field = _key_of(section, key)
            if field is None:
                problems.append(_toml_problem(section, key))
            elif value != "":
                values[field] = value
    if problems:
        raise ConfigError(f"{path}: " + f"\n{path}: ".join(problems))
    return values


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    """Every `MENTORAT_<FIELD>` that is set and not empty (an empty variable counts as unset)."""
    return {field: env[env_name(field)] for field in TOML_KEYS if env.get(env_name(field), "").strip()}


def _describe_input(field: str, value: Any) -> str:
    if field in SECRET_FIELDS:
        return ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    text = str(value).lower() if isinstance(value, bool) else str(value)  # as TOML writes it
    return f', got "{text[:77] + "..." if len(text) > 80 else text}"'


def _messages(error: ValidationError, values: Mapping[str, Any], origins: Mapping[str, str]) -> list[str]:
    """pydantic's errors -> one plain line per setting, naming it as env variable and TOML key."""
    lines: dict[str, str] = {}
    for item in error.errors(include_input=False):
        field = str(item["loc"][0]) if item["loc"] else ""
        if field not in TOML_KEYS or field in lines or item["type"] == "missing":
            continue  # missing settings are reported by `_missing`, with what to put there
        if item["type"] == "value_error":
            problem = str(item["ctx"]["error"])
        else:
            problem = f"must be {EXPECTED[field]}"
        got = _describe_input(field, values.get(field)) if field in values else ""
        origin = f" (set in {origins[field]})" if field in origins else ""
        lines[field] = f"{setting_label(field)}: {problem}{got}{origin}"
    return list(lines.values())


def _missing(values: Mapping[str, Any], require_instance: bool) -> list[str]:
    why = {
        "instance_url": "required: the address of the bot's instance, e.g. https://social.example",
        "access_token": f"required: the bot account's access token (best set as {env_name('access_token')})",
        "roster": "required: the path of the roster file, e.g. config/roster.yaml",
    }
    needed = (*REQUIRED_TO_RUN, "roster") if require_instance else ("roster",)
    return [f"{setting_label(f)}: {why[f]}" for f in needed if values.get(f) in (None, "")]


def load_settings(
    path: Path | None = None,
    env: Mapping[str, str] | None = None,
    *,
    require_instance: bool = True,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Defaults, then the TOML file (`path` or $MENTORAT_CONFIG), then MENTORAT_* variables, then `overrides`."""
    env = os.environ if env is None else env
    from_variable = path is None and bool(env.get(CONFIG_ENV, "").strip())
    config_path = Path(env[CONFIG_ENV]).expanduser() if from_variable else path
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    if config_path is not None:
        config_path = Path(config_path)
        named_by = f"{CONFIG_ENV}: " if from_variable else ""
        from_file = _flatten_toml(_read_toml(config_path, named_by), config_path)
        values.update(from_file)
        origins.update({f: str(config_path) for f in from_file})
    from_env = _from_env(env)
    values.update(from_env)
    origins.update({f: "the environment" for f in from_env})
    for field, value in (overrides or {}).items():
        if field not in TOML_KEYS:
            raise ConfigError(f"unknown setting {field!r}{_did_you_mean_field(field)}")
        values[field] = value
        origins.pop(field, None)
    problems = _missing(values, require_instance)
    try:
        settings = Settings(**values)
    except ValidationError as error:
        raise ConfigError("\n".join(problems + _messages(error, values, origins)) or "invalid settings") from None
    if problems:
        raise ConfigError("\n".join(problems))
    return settings


def _did_you_mean_field(field: str) -> str:
    close = difflib.get_close_matches(field, list(TOML_KEYS), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
