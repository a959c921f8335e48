"""Settings from defaults, a TOML file, MENTORAT_* variables (which win) and overrides; a plain line per problem."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Mapping

from pydantic import ValidationError

from bot.app.setting_names import (
    CONFIG_ENV,
    EXPECTED,
    REQUIRED_TO_RUN,
    SECRET_FIELDS,
    TOML_KEYS,
    env_name,
    setting_label,
)
from bot.app.settings import Settings
from bot.platform.errors import ConfigError


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

