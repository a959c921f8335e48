"""The settings value: every field with its default, validated once, frozen; the token never shows."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

import bot
from bot.app.setting_names import EXPECTED, LOG_LEVELS
from bot.features.conversations.calendar import cron_trigger
from bot.people.vocabulary import (
    is_valid_timezone,
    language_codes,
    suggest_language,
    suggest_timezone,
)

DEFAULT_PROMPTS_DIR = bot.PROMPTS_DIR


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

