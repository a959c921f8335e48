"""Settings from the TOML file and MENTORAT_* variables: what wins, and what a mistake says."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

import bot
from bot.app.config import load_settings
from bot.app.setting_names import TOML_KEYS, env_name, setting_label
from bot.app.settings import Settings
from bot.platform.errors import ConfigError

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "config" / "mentorat.example.toml"
TOKEN = "tok-9f8e7d6c5b4a-never-show-me"
RUN_ENV = {"MENTORAT_INSTANCE_URL": "https://social.example", "MENTORAT_ACCESS_TOKEN": TOKEN,
           "MENTORAT_ROSTER": "config/roster.yaml"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mentorat.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(*args, **kwargs) -> str:
    with pytest.raises(ConfigError) as caught:
        load_settings(*args, **kwargs)
    return str(caught.value)


FULL_TOML = f"""
[instance]
url = "https://Social.example/"
access_token = "{TOKEN}"
user_agent = "mentorat-test/1"

[storage]
data_dir = "/srv/mentorat"

[community]
roster = "/etc/mentorat/roster.yaml"
roster_reload_seconds = 20
hashtag = "#Mentorat"
languages = ["FR", "en", "es"]
default_language = "es"
timezone = "America/Montreal"

[listening]
poll_seconds = 15
first_run_window_hours = 6

[sending]
flush_seconds = 2
reply_visibility = "private"

[matching]
offer_ttl_hours = 48
circle_default = 2
circle_max = 4
max_open_requests = 1

[logging]
level = "debug"
"""


def test_settings_from_toml(tmp_path):
    s = load_settings(write(tmp_path, FULL_TOML), env={})
    assert s.instance_url == "https://Social.example"  # trailing slash dropped
    assert s.access_token.get_secret_value() == TOKEN
    assert s.user_agent == "mentorat-test/1"
    assert s.data_dir == Path("/srv/mentorat")
    assert s.database_url == "sqlite:////srv/mentorat/mentorat.sqlite3"
    assert s.roster == Path("/etc/mentorat/roster.yaml")
    assert (s.hashtag, s.languages, s.default_language, s.timezone) == ("mentorat", ("fr", "en", "es"), "es", "America/Montreal")
    assert (s.poll_seconds, s.flush_seconds, s.roster_reload_seconds, s.first_run_window_hours) == (15, 2, 20, 6)
    assert s.reply_visibility == "private"
    assert (s.offer_ttl_hours, s.circle_default, s.circle_max, s.max_open_requests) == (48, 2, 4, 1)
    assert s.log_level == "DEBUG"


def test_defaults():
    s = load_settings(env=RUN_ENV)
    assert s.data_dir == Path("data")
    assert s.database_url == "sqlite:///data/mentorat.sqlite3"
    assert s.hashtag == "mentorat"
    assert (s.poll_seconds, s.flush_seconds, s.roster_reload_seconds) == (30, 5, 10)
    assert (s.default_language, s.languages, s.timezone) == ("fr", ("fr", "en"), "Europe/Paris")
    assert s.reply_visibility == "unlisted"
    assert (s.offer_ttl_hours, s.circle_default, s.circle_max, s.first_run_window_hours, s.max_open_requests) == (72, 1, 3, 24, 2)
    assert s.user_agent == f"mentorat/{bot.__version__}"
    assert s.prompts_dir == ROOT / "prompts"
    assert s.log_level == "INFO"


def test_example_file_loads_and_lists_every_setting():
    s = load_settings(EXAMPLE, env={"MENTORAT_ACCESS_TOKEN": TOKEN})
    assert s == load_settings(env={**RUN_ENV, "MENTORAT_INSTANCE_URL": "https://social.example"})
    text = EXAMPLE.read_text(encoding="utf-8")
    for field, (section, key) in TOML_KEYS.items():
        assert f"[{section}]" in text and env_name(field) in text, field
        assert f"\n{key} = " in text or f"# {key} = " in text, key
    assert '\n# access_token = ""' in text  # left commented out: the variable is the place for it


def test_environment_wins_over_toml(tmp_path):
    env = {"MENTORAT_POLL_SECONDS": "45", "MENTORAT_HASHTAG": "Entraide", "MENTORAT_LANGUAGES": "en, fr",
           "MENTORAT_DEFAULT_LANGUAGE": "en", "MENTORAT_INSTANCE_URL": "https://other.example",
           "MENTORAT_ACCESS_TOKEN": "from-env", "MENTORAT_ROSTER": "/env/roster.yaml",
           "MENTORAT_DATABASE_URL": "postgresql://db/mentorat", "MENTORAT_REPLY_VISIBILITY": "Direct"}
    s = load_settings(write(tmp_path, FULL_TOML), env=env)
    assert s.poll_seconds == 45
    assert s.hashtag == "entraide"
    assert s.languages == ("en", "fr") and s.default_language == "en"
    assert s.instance_url == "https://other.example"
    assert s.access_token.get_secret_value() == "from-env"
    assert s.roster == Path("/env/roster.yaml")
    assert s.database_url == "postgresql://db/mentorat"
    assert s.reply_visibility == "direct"
    assert s.flush_seconds == 2  # not in the environment: the file's value stays


def test_every_setting_has_a_working_variable():
    values = {"instance_url": "https://a.example", "access_token": "t", "user_agent": "ua/1", "data_dir": "/d",
              "database_url": "sqlite://", "roster": "/r.yaml", "roster_reload_seconds": "3", "hashtag": "h",
              "languages": "de,fr", "default_language": "de", "timezone": "UTC", "poll_seconds": "2",
              "first_run_window_hours": "1.5", "flush_seconds": "1", "reply_visibility": "public",
              "prompts_dir": "/p", "offer_ttl_hours": "0.5", "circle_default": "2", "circle_max": "2",
              "max_open_requests": "5", "log_level": "warning"}
    values.update({
        "conversations_enabled": "true", "conversations_cron": "30 9 * * 1",
        "conversations_prompts": "reverse-mentoring,pass-it-on", "conversations_order": "in_order",
        "conversations_languages": "de", "conversations_hashtags": "ouvert,entraide", "conversations_format": "slow",
        "conversations_live_interval_minutes": "5", "conversations_slow_interval_days": "14",
        "conversations_grace_hours": "0.5", "conversations_facilitator_notice_days": "1.5",
        "conversations_favourite_replies": "true", "conversations_mention_participants": "true",
        "conversations_offer_mentor": "false", "conversations_archive_dir": "/a"})
    values.update({
        "mentoring_horizon_days": "120", "mentoring_checkin_days": "10", "coaching_horizon_days": "21",
        "coaching_checkin_days": "5", "fit_check_days": "4", "reminder_days": "2", "stalled_days": "30",
        "closing_grace_days": "3", "extend_days": "14"})
    values.update({"moderation_digest_enabled": "false", "moderation_digest_cron": "0 8 * * 5"})
    values.update({"self_service": "true"})
    values.update({"request_timeout_seconds": "2.5"})
    assert set(values) == set(TOML_KEYS) == set(Settings.model_fields)
    s = load_settings(env={env_name(f): v for f, v in values.items()})
    for field, value in values.items():
        got = getattr(s, field)
        got = got.get_secret_value() if isinstance(got, pydantic.SecretStr) else got
        assert str(got if not isinstance(got, tuple) else ",".join(got)).lower() == value.lower(), field


def test_config_file_named_by_variable(tmp_path):
    path = write(tmp_path, FULL_TOML)
    assert load_settings(env={"MENTORAT_CONFIG": str(path)}).poll_seconds == 15


def test_overrides_come_last(tmp_path):
    s = load_settings(write(tmp_path, FULL_TOML), env={"MENTORAT_POLL_SECONDS": "45"},
                      overrides={"poll_seconds": 3, "data_dir": tmp_path})
    assert s.poll_seconds == 3
    assert s.database_url == f"sqlite:///{tmp_path.as_posix()}/mentorat.sqlite3"
    assert "pol_seconds" in error_of(env=RUN_ENV, overrides={"pol_seconds": 3})


def test_empty_variable_counts_as_unset(tmp_path):
    s = load_settings(write(tmp_path, FULL_TOML), env={"MENTORAT_POLL_SECONDS": "", "MENTORAT_DATABASE_URL": " "})
    assert s.poll_seconds == 15
    assert s.database_url == "sqlite:////srv/mentorat/mentorat.sqlite3"


def test_settings_are_frozen():
    s = load_settings(env=RUN_ENV)
    with pytest.raises(pydantic.ValidationError):
        s.poll_seconds = 1


def test_instance_not_needed_when_not_required():
    s = load_settings(env={"MENTORAT_ROSTER": "r.yaml"}, require_instance=False)
    assert s.instance_url == "" and s.access_token.get_secret_value() == ""


# -- mistakes, each named as variable and TOML key ---------------------------------------------


@pytest.mark.parametrize("missing", ["MENTORAT_INSTANCE_URL", "MENTORAT_ACCESS_TOKEN", "MENTORAT_ROSTER"])
def test_required_settings(missing):
    env = {k: v for k, v in RUN_ENV.items() if k != missing}
    message = error_of(env=env)
    field = missing.removeprefix("MENTORAT_").lower()
    assert message.startswith(f"{setting_label(field)}: required")
    assert "\n" not in message


def test_label_names_variable_and_toml_key():
    assert setting_label("poll_seconds") == "MENTORAT_POLL_SECONDS / [listening] poll_seconds"
    assert setting_label("instance_url") == "MENTORAT_INSTANCE_URL / [instance] url"


@pytest.mark.parametrize("variable, value, expected", [
    ("MENTORAT_POLL_SECONDS", "abc", 'MENTORAT_POLL_SECONDS / [listening] poll_seconds: must be an integer ≥ 2, got "abc"'),
    ("MENTORAT_POLL_SECONDS", "1", 'MENTORAT_POLL_SECONDS / [listening] poll_seconds: must be an integer ≥ 2, got "1"'),
    ("MENTORAT_FLUSH_SECONDS", "0", "MENTORAT_FLUSH_SECONDS / [sending] flush_seconds: must be an integer ≥ 1"),
    ("MENTORAT_ROSTER_RELOAD_SECONDS", "2.5", "[community] roster_reload_seconds: must be an integer ≥ 1"),
    ("MENTORAT_INSTANCE_URL", "social.example", "MENTORAT_INSTANCE_URL / [instance] url: must be the http(s) address"),
    ("MENTORAT_INSTANCE_URL", "ftp://social.example", 'got "ftp://social.example"'),
    ("MENTORAT_HASHTAG", "mentorat pro", "MENTORAT_HASHTAG / [community] hashtag: must be a hashtag word"),
    ("MENTORAT_HASHTAG", "2024", 'got "2024"'),
    ("MENTORAT_LANGUAGES", "fr,xx", 'MENTORAT_LANGUAGES / [community] languages: must be two-letter ISO 639-1 codes such as fr, en; unknown: "xx"'),
    ("MENTORAT_LANGUAGES", "fr,english", '"english" (did you mean "en"?)'),
    ("MENTORAT_DEFAULT_LANGUAGE", "de", "MENTORAT_DEFAULT_LANGUAGE / [community] default_language: must be one of the languages the bot speaks (fr, en)"),
    ("MENTORAT_TIMEZONE", "Europe/Pariss", 'MENTORAT_TIMEZONE / [community] timezone: must be an IANA time zone name, e.g. Europe/Paris (did you mean "Europe/Paris"?)'),
    ("MENTORAT_REPLY_VISIBILITY", "secret", "MENTORAT_REPLY_VISIBILITY / [sending] reply_visibility: must be one of public, unlisted, private, direct"),
    ("MENTORAT_OFFER_TTL_HOURS", "0", "MENTORAT_OFFER_TTL_HOURS / [matching] offer_ttl_hours: must be a number of hours > 0"),
    ("MENTORAT_OFFER_TTL_HOURS", "nan", "offer_ttl_hours: must be a number of hours > 0"),
    ("MENTORAT_FIRST_RUN_WINDOW_HOURS", "inf", "first_run_window_hours: must be a number of hours ≥ 0"),
    ("MENTORAT_FIRST_RUN_WINDOW_HOURS", "-1", "[listening] first_run_window_hours: must be a number of hours ≥ 0"),
    ("MENTORAT_CIRCLE_DEFAULT", "4", "MENTORAT_CIRCLE_DEFAULT / [matching] circle_default: must be at most circle_max (3)"),
    ("MENTORAT_CIRCLE_MAX", "0", "[matching] circle_max: must be an integer ≥ 1"),
    ("MENTORAT_MAX_OPEN_REQUESTS", "none", "[matching] max_open_requests: must be an integer ≥ 1"),
    ("MENTORAT_LOG_LEVEL", "chatty", "MENTORAT_LOG_LEVEL / [logging] level: must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
])
def test_invalid_values_name_the_setting(variable, value, expected):
    message = error_of(env={**RUN_ENV, variable: value})
    assert expected in message
    assert message.endswith("(set in the environment)")
    assert "\n" not in message


def test_invalid_value_in_file_says_which_file(tmp_path):
    path = write(tmp_path, "[listening]\npoll_seconds = true\n")
    message = error_of(path, env=RUN_ENV)
    assert message == f'MENTORAT_POLL_SECONDS / [listening] poll_seconds: must be an integer ≥ 2, got "true" (set in {path})'


def test_several_mistakes_are_listed_together():
    message = error_of(env={"MENTORAT_ROSTER": "r.yaml", "MENTORAT_POLL_SECONDS": "x"}, require_instance=True)
    assert message.splitlines()[0].startswith("MENTORAT_INSTANCE_URL / [instance] url: required")
    assert any(line.startswith("MENTORAT_POLL_SECONDS") for line in message.splitlines())


def test_toml_syntax_error_gives_file_and_line(tmp_path):
    path = write(tmp_path, '[instance]\nurl = "https://social.example"\naccess_token = "abc\n')
    message = error_of(path, env={})
    assert message.startswith(f"{path}:3: TOML syntax error")


@pytest.mark.parametrize("toml, expected", [
    ("[listen]\npoll_seconds = 3\n", '[listen]: unknown section (did you mean "[listening]"?)'),
    ("[community]\nhastag = 'x'\n", '[community] hastag: unknown setting (did you mean "hashtag"?)'),
    ("[instance]\npoll_seconds = 3\n", '[instance] poll_seconds: this setting belongs in section [listening] as "poll_seconds"'),
    ("poll_seconds = 3\n", 'poll_seconds: this setting belongs in section [listening] as "poll_seconds"'),
])
def test_unknown_toml_keys(tmp_path, toml, expected):
    path = write(tmp_path, toml)
    assert error_of(path, env=RUN_ENV) == f"{path}: {expected}"


def test_missing_config_file(tmp_path):
    assert error_of(tmp_path / "nope.toml", env=RUN_ENV) == f"configuration file not found: {tmp_path / 'nope.toml'}"
    assert error_of(env={**RUN_ENV, "MENTORAT_CONFIG": "/nope/m.toml"}) == "MENTORAT_CONFIG: configuration file not found: /nope/m.toml"


# -- the token stays secret ------------------------------------------------------------------------


def test_token_never_in_repr_or_str(tmp_path):
    s = load_settings(write(tmp_path, FULL_TOML), env={})
    for text in (repr(s), str(s), s.model_dump_json(), str(s.model_dump()), f"{s}", repr(s.access_token)):
        assert TOKEN not in text


@pytest.mark.parametrize("toml", [
    f'[instance]\naccess_token = ["{TOKEN}"]\n',  # wrong type
    f'[instance]\ntoken = "{TOKEN}"\n',  # wrong key
    f'[instance]\naccess_token = "{TOKEN}"\n[listening]\npoll_seconds = "often"\n',  # another setting wrong
    f'[instance]\naccess_token = "{TOKEN}\n',  # syntax error on its line
])
def test_token_never_in_error_messages(tmp_path, toml):
    env = {k: v for k, v in RUN_ENV.items() if k != "MENTORAT_ACCESS_TOKEN"}
    message = error_of(write(tmp_path, toml), env=env)
    assert TOKEN not in message
    assert "access_token" in message or "poll_seconds" in message or "token" in message


def test_token_from_environment_never_in_error_messages():
    message = error_of(env={**RUN_ENV, "MENTORAT_HASHTAG": "???"})
    assert TOKEN not in message
    with pytest.raises(ConfigError) as caught:
        load_settings(env={**RUN_ENV, "MENTORAT_POLL_SECONDS": "x"})
    assert TOKEN not in repr(caught.value) and caught.value.__cause__ is None
