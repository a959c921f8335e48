"""Who someone is to the bot: blocked, stopped, forgotten, whether they may be written to first, and how they are named.

Each rule lives here once; features ask, they do not write the rule out again. Nothing here calls the
network: whether a profile carries #nobot is read from what a job last fetched (see `Profiles.refresh`).
"""

from __future__ import annotations

import hashlib
from itertools import chain
from typing import Callable, Iterable, Protocol

from sqlalchemy import bindparam, event, select
from sqlalchemy.orm import Session

from bot.people.roster import Roster
from bot.platform.events import Status, handle_of
from bot.storage.models.people import Block, Forgotten, Person


class ProfileCache(Protocol):
    """What the directory reads of the profiles a job fetched (bot.people.profiles.Profiles)."""

    def allows_contact(self, session: Session, acct: str) -> bool: ...


def normalized(acct: str) -> str:
    return acct.strip().lstrip("@").lower()


def digest_of(acct: str) -> str:
    """How a forgotten person is remembered: a digest of their account, never the account itself."""
    return hashlib.sha256(normalized(acct).encode()).hexdigest()


# Built once: they run for nearly every status read and message queued.
_FORGOTTEN = select(Forgotten.digest).where(Forgotten.digest.in_(bindparam("digests", expanding=True)))
_BLOCKED = select(Block.target).where(Block.target.in_(bindparam("targets", expanding=True))).limit(1)


_ASKED = "forgotten"  # session.info: digest -> whether forgotten, as this transaction found it
_BLOCKS_ASKED = "blocked"  # session.info: acct -> whether blocked by command, as this transaction found it


def forgotten_among(session: Session, accts: Iterable[str]) -> set[str]:
    """Those of `accts` who asked to be forgotten and have not written since."""
    by_digest = {digest_of(a): a for a in accts}
    return {by_digest[d] for d in _forgotten(session, list(by_digest))}


def _forgotten(session: Session, digests: list[str], along: Iterable[str] = ()) -> set[str]:
    """Asked once per transaction and person (a status asks of its author, of mentors and of each recipient);
    asked again whenever the transaction itself forgets someone or forgets a forgetting. `along`: digests the
    transaction is likely to ask of next, asked in the same statement when one is needed."""
    if not digests:
        return set()
    asked = _answers(session, Forgotten, _ASKED)
    unknown = [d for d in digests if d not in asked]
    if unknown:
        unknown += [d for d in along if d not in asked]
        found = set(session.scalars(_FORGOTTEN, {"digests": unknown}))
        asked.update((d, d in found) for d in unknown)
    return {d for d in digests if asked[d]}


def _answers(session: Session, model: type, key: str) -> dict[str, bool]:
    """What this transaction found of `model` rows so far (kept in `session.info[key]`); none while it is
    itself adding or deleting such rows, which its earlier answers do not know."""
    if any(isinstance(row, model) for row in chain(session.new, session.deleted)):
        return {}
    return session.info.setdefault(key, {})


@event.listens_for(Session, "before_flush")
def _forget_answers(session: Session, _context, _instances) -> None:
    """A flush that writes who is forgotten, or blocked, makes this transaction's earlier answers stale."""
    written = list(chain(session.new, session.dirty, session.deleted))
    if any(isinstance(row, Forgotten) for row in written):
        session.info.pop(_ASKED, None)
    if any(isinstance(row, Block) for row in written):
        session.info.pop(_BLOCKS_ASKED, None)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _transaction_over(session: Session) -> None:
    session.info.pop(_ASKED, None)  # the next transaction asks again
    session.info.pop(_BLOCKS_ASKED, None)


def domains_of(acct: str) -> list[str]:
    """`a@x.b.example` -> [`x.b.example`, `b.example`, `example`]: a blocked domain covers its subdomains."""
    domain = acct.rpartition("@")[2] if "@" in acct else acct
    parts = domain.split(".")
    return [".".join(parts[i:]) for i in range(len(parts))] if domain else []


def blocked_by_command(session: Session, acct: str) -> bool:
    """Blocked by a moderator's command (kept in the database), as an account or through its domain. Asked once
    per transaction and person (the statuses read together share one), again once it blocks or unblocks."""
    acct = normalized(acct)
    asked = _answers(session, Block, _BLOCKS_ASKED)
    if acct not in asked:
        targets = [acct, *domains_of(acct)] if "@" in acct else domains_of(acct)
        asked[acct] = session.scalar(_BLOCKED, {"targets": targets}) is not None
    return asked[acct]


def is_addressed(status: Status, bot_acct: str) -> bool:
    """A status speaks to the bot when it is a direct message or mentions it."""
    return status.visibility == "direct" or status.mentions_acct(bot_acct)


def named(acct: str, name: str = "", roster: Roster | None = None) -> dict[str, str]:
    """A person as templates take them, `{handle, name}`: the roster's name for a mentor, else the name
    they gave themselves, else the user part of their account."""
    mentor = roster.mentor(acct) if roster is not None else None
    return {"handle": handle_of(acct), "name": (mentor.name if mentor and mentor.name else name) or acct.split("@")[0]}


class Directory:
    """The one place that answers "may the bot hear from, and write to, this person?"."""

    def __init__(self, roster: Callable[[], Roster], profiles: ProfileCache):
        self.roster = roster  # the roster with the moderators' blocks
        self.profiles = profiles  # #nobot, as last read
        self._digests: tuple[Roster | None, list[str]] = (None, [])  # the mentors' digests, for this roster

    def is_blocked(self, session: Session, acct: str) -> bool:
        return self.roster().is_blocked(acct) or blocked_by_command(session, acct)

    @staticmethod
    def is_stopped(session: Session, acct: str) -> bool:
        person = session.get(Person, acct)
        return person is not None and person.stopped_at is not None

    @staticmethod
    def reachable(session: Session, accts: Iterable[str]) -> list[str]:
        """`accts`, each once and in order, but those who said stop: they never hear from the bot again."""
        accts = list(dict.fromkeys(accts))
        stopped = set(session.scalars(select(Person.acct).where(Person.acct.in_(accts),
                                                                 Person.stopped_at.is_not(None))))
        return [a for a in accts if a not in stopped]

    def is_forgotten(self, session: Session, acct: str) -> bool:
        """Asked with the roster's mentors, in one statement: a request asks of them next, in the same transaction."""
        return bool(_forgotten(session, [digest_of(acct)], along=self._mentor_digests()))

    def _mentor_digests(self) -> list[str]:
        roster = self.roster()
        if self._digests[0] is not roster:
            self._digests = (roster, [digest_of(m.handle) for m in roster.mentors])
        return self._digests[1]

    def may_write_first(self, session: Session, acct: str) -> bool:
        """Not blocked, not stopped, not forgotten, and no #nobot on their profile as last read (`NotYet` when
        it never was). An answer to what they wrote needs none of this but the block."""
        if self.is_blocked(session, acct) or self.is_stopped(session, acct) or self.is_forgotten(session, acct):
            return False
        return self.profiles.allows_contact(session, acct)

    def name(self, session: Session, acct: str) -> dict[str, str]:
        """How the bot names `acct`, from the roster or what it last read of them."""
        person = session.get(Person, acct)
        return named(acct, person.name if person else "", self.roster())
