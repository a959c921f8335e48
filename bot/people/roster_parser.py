"""Roster YAML text read into a `Roster`, every problem noted with its line."""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Iterator

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.people.roster import (
    KIND_ALIASES,
    KINDS,
    MENTOR_KEYS,
    REQUIRED_MENTOR_KEYS,
    TOP_KEYS,
    Mentor,
    Problem,
    Roster,
    RosterError,
)
from bot.people.vocabulary import (
    fold,
    is_valid_timezone,
    language_codes,
    suggest_language,
    suggest_timezone,
)
from bot.platform.events import handle_of, normalize_acct

_USER = r"\w[\w.-]*"
_HOST = r"[\w-]+(?:\.[\w-]+)*(?::\d+)?"
_HANDLE_RE = re.compile(rf"@?{_USER}(?:@{_HOST})?")
_DOMAIN_RE = re.compile(r"(?:[\w-]+\.)+[\w-]+(?::\d+)?|localhost(?::\d+)?")  # bare domains need a dot


def _did_you_mean(value: str, options: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _construct(node: Node) -> object:
    return SafeConstructor().construct_object(node, deep=True)


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f'"{node.value}"'


class _Checker:
    """Walks the composed YAML tree, building the roster and noting every problem with its line."""

    def __init__(self, path: str, local_domain: str):
        self.path = path
        self.local_domain = local_domain
        self.problems: list[Problem] = []

    def problem(self, node: Node | int, message: str) -> None:
        line = node if isinstance(node, int) else _line(node)
        self.problems.append(Problem(self.path, line, message))

    # -- generic shapes -------------------------------------------------------------------

    def pairs(self, node: MappingNode, where: str) -> Iterator[tuple[str, Node, Node]]:
        """(key, key node, value node), reporting keys written twice (YAML silently keeps the last)."""
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
            if key in seen:
                self.problem(key_node, f'"{key}" appears twice in {where} (first on line {seen[key]}); keep only one')
                continue
            seen[key] = _line(key_node)
            yield key, key_node, value_node

    def strings(self, node: Node, what: str, *, allow_single: bool = True) -> list[tuple[str, Node]]:
        """A list of plain strings (raw text: `no` stays "no", not false); a lone value counts as a list of one."""
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if isinstance(node, ScalarNode) and allow_single:
            if "," in node.value:
                self.problem(node, f"{what} must be a list: write [{node.value}] or one item per line starting with '- '")
                return []
            return [(node.value.strip(), node)] if node.value.strip() else []
        if not isinstance(node, SequenceNode):
            self.problem(node, f"{what} must be a list, got {_describe(node)}")
            return []
        items = []
        for item in node.value:
            if isinstance(item, ScalarNode) and str(item.value).strip():
                items.append((str(item.value).strip(), item))
            else:
                self.problem(item, f"each item of {what} must be a plain text value, got {_describe(item)}")
        return items

    def text(self, node: Node, what: str) -> str:
        if isinstance(node, ScalarNode):
            return "" if node.tag == "tag:yaml.org,2002:null" else str(node.value).strip()
        self.problem(node, f"{what} must be a text value, got {_describe(node)}")
        return ""

    def handle(self, node: Node, text: str, what: str) -> str | None:
        if not _HANDLE_RE.fullmatch(text):
            self.problem(node, f'{what} "{text}" does not look like a handle: write it like @user@example.social (or @user for this instance)')
            return None
        return normalize_acct(text, self.local_domain)

    # -- top level ------------------------------------------------------------------------

    def roster(self, root: Node | None) -> Roster:
        if root is None:
            self.problem(0, "the roster is empty: it needs at least a \"mentors:\" list")
            return Roster()
        if not isinstance(root, MappingNode):
            self.problem(root, f"the roster must be a mapping with keys such as \"mentors:\" and \"moderators:\", got {_describe(root)}")
            return Roster()
        parts: dict[str, Node] = {}
        for key, key_node, value in self.pairs(root, "the roster"):
            if key in TOP_KEYS:
                parts[key] = value
            else:
                self.problem(key_node, f'unknown top-level key "{key}"{_did_you_mean(key, TOP_KEYS)}; known keys: {", ".join(TOP_KEYS)}')
        return Roster(
            mentors=self.mentors(parts["mentors"]) if "mentors" in parts else (),
            moderators=self.accounts(parts["moderators"], "moderators", "moderator") if "moderators" in parts else (),
            blocked=self.blocked(parts["blocked"]) if "blocked" in parts else (),
            topics=self.topics(parts["topics"]) if "topics" in parts else {},
        )

    def accounts(self, node: Node, what: str, noun: str) -> tuple[str, ...]:
        found = (self.handle(item, text, noun) for text, item in self.strings(node, f'"{what}"'))
        return tuple(dict.fromkeys(acct for acct in found if acct))

    def blocked(self, node: Node) -> tuple[str, ...]:
        entries = []
        for text, item in self.strings(node, '"blocked"'):
            if "@" in text:
                entries.append(self.handle(item, text, "blocked account"))
            elif _DOMAIN_RE.fullmatch(text.lower()):
                entries.append(text.lower())
            else:
                self.problem(item, f'blocked entry "{text}" is neither an account (@user@example.social) nor a domain (example.social)')
        return tuple(dict.fromkeys(e for e in entries if e))

    def topics(self, node: Node) -> dict[str, tuple[str, ...]]:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return {}
        if not isinstance(node, MappingNode):
            self.problem(node, f'"topics" must map each topic to a list of synonyms, got {_describe(node)}')
            return {}
        topics: dict[str, tuple[str, ...]] = {}
        for key, _key_node, value in self.pairs(node, '"topics"'):
            if isinstance(value, ScalarNode) and value.tag != "tag:yaml.org,2002:null":
                self.problem(value, f'synonyms of topic "{key}" must be a list, e.g. [{value.value}]')
                continue
            synonyms = self.strings(value, f'synonyms of topic "{key}"', allow_single=False)
            topics[key.strip()] = tuple(text for text, _ in synonyms)
        return topics

    # -- mentors --------------------------------------------------------------------------

    def mentors(self, node: Node) -> tuple[Mentor, ...]:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return ()
        if not isinstance(node, SequenceNode):
            self.problem(node, f'"mentors" must be a list of mentors, each starting with "- handle: ...", got {_describe(node)}')
            return ()
        mentors: list[Mentor] = []
        first_line: dict[str, int] = {}
        for index, item in enumerate(node.value, start=1):
            handle, mentor = self.mentor(item, index)
            if handle in first_line:
                self.problem(item, f"duplicate handle {handle_of(handle)}: already used by the mentor on line {first_line[handle]}")
            elif handle:
                first_line[handle] = _line(item)
                mentors.extend([mentor] if mentor else [])
        return tuple(mentors)

    def mentor(self, node: Node, index: int) -> tuple[str | None, Mentor | None]:
        """The mentor's normalized handle (when readable, to spot duplicates) and the mentor if valid."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"mentor #{index} must be a mapping of keys (handle:, languages:, topics: ...), got {_describe(node)}")
            return None, None
        who = _mentor_label(node, index)
        before = len(self.problems)
        values: dict[str, object] = {}
        for key, key_node, value in self.pairs(node, who):
            if key not in MENTOR_KEYS:
                self.problem(key_node, f'unknown key "{key}" in {who}{_did_you_mean(key, MENTOR_KEYS)}')
                continue
            seen = len(self.problems)
            values[key] = getattr(self, f"mentor_{key}")(value, who)
            if not values[key] and key in REQUIRED_MENTOR_KEYS and len(self.problems) == seen:
                self.problem(value, f"{who} has an empty handle" if key == "handle" else f'{who} needs at least one item in "{key}"')
        missing = [key for key in REQUIRED_MENTOR_KEYS if key not in values]
        if missing:
            keys = " and ".join(f'"{key}"' for key in missing)
            self.problem(node, f"{who} has no {keys}: {'it is' if len(missing) == 1 else 'they are'} required")
        handle = values.get("handle")
        if len(self.problems) > before:
            return handle, None  # type: ignore[return-value]
        return handle, Mentor(**values)  # type: ignore[arg-type, return-value]

    def mentor_handle(self, node: Node, who: str) -> str | None:
        text = self.text(node, f"the handle of {who}")
        return self.handle(node, text, "the handle") if text else None

    def mentor_name(self, node: Node, who: str) -> str:
        return self.text(node, f'"name" of {who}')

    def mentor_bio(self, node: Node, who: str) -> str:
        return self.text(node, f'"bio" of {who}')

    def mentor_languages(self, node: Node, who: str) -> tuple[str, ...]:
        codes = []
        for text, item in self.strings(node, f'"languages" of {who}'):
            code = text.lower()
            if code in language_codes():
                codes.append(code)
                continue
            guess = suggest_language(text)
            hint = f' (did you mean "{guess}"?)' if guess else ""
            self.problem(item, f'unknown language code "{text}" for {who}{hint}; use two-letter ISO 639-1 codes such as fr, en, es')
        return tuple(dict.fromkeys(codes))

    def mentor_topics(self, node: Node, who: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(text for text, _ in self.strings(node, f'"topics" of {who}')))

    def mentor_kinds(self, node: Node, who: str) -> tuple[str, ...]:
        kinds = []
        for text, item in self.strings(node, f'"kinds" of {who}'):
            kind = KIND_ALIASES.get(fold(text))
            if kind:
                kinds.append(kind)
                continue
            close = difflib.get_close_matches(fold(text), list(KIND_ALIASES), n=1, cutoff=0.6)
            hint = f' (did you mean "{KIND_ALIASES[close[0]]}"?)' if close else ""
            self.problem(item, f'unknown kind "{text}" for {who}{hint}; use {", ".join(KINDS)} (or mentorat, inversé, pairs)')
        return tuple(dict.fromkeys(kinds)) or ("mentoring",)

    def mentor_capacity(self, node: Node, who: str) -> int:
        value = _construct(node) if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int" else None
        if isinstance(value, int) and value >= 0:
            return value
        self.problem(node, f'"capacity" of {who} must be a whole number ≥ 0 (0 = not taking anyone now), got {_describe(node)}')
        return 0

    def mentor_timezone(self, node: Node, who: str) -> str | None:
        name = self.text(node, f'"timezone" of {who}')
        if not name:
            return None
        if is_valid_timezone(name):
            return name
        guess = suggest_timezone(name)
        hint = f' (did you mean "{guess}"?)' if guess else ""
        self.problem(node, f'unknown time zone "{name}" for {who}{hint}; use a zone name such as Europe/Paris or America/Montreal')
        return None

    def mentor_paused_until(self, node: Node, who: str) -> date | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return None
        try:
            value = _construct(node) if isinstance(node, ScalarNode) else None
            if isinstance(value, str):
                value = date.fromisoformat(value.strip())
        except ValueError:
            value = None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        self.problem(node, f'"paused_until" of {who} must be a date written YYYY-MM-DD, e.g. 2027-01-15, got {_describe(node)}')
        return None

    def mentor_facilitator(self, node: Node, who: str) -> bool:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return bool(_construct(node))
        self.problem(node, f'"facilitator" of {who} must be true or false, got {_describe(node)}')
        return False


def _mentor_label(node: MappingNode, index: int) -> str:
    """How messages name a mentor: by handle as written, else by position."""
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == "handle" and isinstance(value, ScalarNode) and value.value:
            return f"mentor {value.value.strip()}"
    return f"mentor #{index}"


def _syntax_problem(path: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    message = f"YAML syntax error: {problem}"
    if context and context_mark is not None:
        message += f" ({context} that starts on line {context_mark.line + 1})"
    if "'\\t'" in problem:
        message += "; YAML does not allow tabs for indentation, use spaces"
    return Problem(path, mark.line + 1 if mark is not None else 0, message)


def parse_roster(text: str, path: str = "<roster>", local_domain: str = "") -> Roster:
    """Validate roster text; raises `RosterError` listing every problem found."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise RosterError([_syntax_problem(path, error)]) from None
    checker = _Checker(path, local_domain)
    roster = checker.roster(root)
    if checker.problems:
        raise RosterError(sorted(checker.problems, key=lambda p: p.line))
    return roster
