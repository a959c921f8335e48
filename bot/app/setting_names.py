"""Where each setting lives: its TOML section and key, its environment variable, and what it expects."""

from __future__ import annotations

ENV_PREFIX = "MENTORAT_"
CONFIG_ENV = "MENTORAT_CONFIG"
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

