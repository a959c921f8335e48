"""« Transmettez ce que vous avez appris »: people offer to mentor through the bot, mentors keep their entry current.

A candidacy is a row from the first « je veux devenir mentor·e » (or `oui` to the closing's
invitation) to the moderators' decision: `asking` (the bot asked what the roster needs),
`confirming` (it read the answer back), `submitted` (the moderators have it), then `accepted`,
`declined` or `withdrawn`. A mentor's « mes sujets : … » is a candidacy of kind `change`.
Accepting is a compare-and-set on the row (`submitted` -> `accepted`) in the database: two
moderators accepting at the same moment make one entry, never two. The roster file is then edited
by bot.roster_edit, or, when it is not a local writable file, the moderators get the entry to paste.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.incoming import Incoming
from bot.delivery.outbox import Envelope, Outbox
from bot.language import volunteers as reading
from bot.people.directory import Directory, named
from bot.people.roster import Mentor, Roster, RosterError
from bot.people.roster_edit import (
    add_mentor,
    entry_of,
    entry_yaml,
    update_mentor,
    writable,
)
from bot.platform.events import Status, handle_of
from bot.storage.models.mentoring import Candidacy, Offer
from bot.storage.models.people import Person
from bot.understanding.language import detect_language

log = logging.getLogger(__name__)

OPEN = ("asking", "confirming", "submitted")
DRAFTING = ("asking", "confirming")
MINE = frozenset({"volunteer_ask", "volunteer_readback", "volunteer_submitted", "volunteer_already",
                  "profile_show", "profile_change"})
# Bot messages whose replies may start a candidacy; a reply to anything else (a closing, an offer) is not ours.
OPENINGS = MINE | {"retro_thanks", "help", "privacy_notice", "not_a_mentor"}
_ASKING_FOR_A_MENTOR = re.compile(r"(?<!\w)(?:cherche|recherche|besoin d'un|looking for|need|seeking)\s+(?:un\s+|une\s+|a\s+)?"
                                  r"mentor")


@dataclass(frozen=True)
class Outcome:
    """What accepting or declining did, for the moderator's answer."""

    name: str  # written|paste|broken|declined|already|not-found
    context: dict


class Volunteering:
    def __init__(self, *, roster: Callable[[], Roster], location: Callable[[], Path | str],
                 reload: Callable[[], object], outbox: Outbox, clock: Callable[[], datetime], bot_acct: str,
                 local_domain: str, default_language: str, directory: Directory, self_service: bool = False):
        self.roster = roster
        self.directory = directory
        self.location = location  # where the roster lives: a local path, or anything else (not writable)
        self.reload = reload  # read the roster file again after the bot wrote it
        self.outbox = outbox
        self.clock = clock
        self.bot_acct = bot_acct
        self.local_domain = local_domain
        self.default_language = default_language
        self.self_service = self_service

    # --- incoming -------------------------------------------------------------------------------

    def claim(self, session: Session, incoming: Incoming) -> tuple | None:
        """An offer to volunteer, a mentor's profile or change, and the answers to the bot's questions about them."""
        if not incoming.addressed:
            return None
        status, text, author = incoming.status, incoming.text, incoming.author
        answered, answered_language = self._answered(session, status)
        if answered is not None and answered not in OPENINGS:
            return None  # an answer to an offer, a journey step…: not ours
        roster = self.roster()
        said = reading.read(text, roster)
        if said is not None and _ASKING_FOR_A_MENTOR.search(reading.fold(text)) and said.name == "volunteer":
            said = None  # « je cherche un mentor pour devenir mentor » is a request
        drafting = self._open(session, author, "join", DRAFTING)
        invitation = answered == "retro_thanks" and reading.read_answer(text, roster).name == "yes"
        if said is not None and said.name in ("volunteer", "profile", "change") or invitation:
            if incoming.stopped:
                return ("ignored",)
        if said is not None and said.name == "volunteer" or invitation:
            return "start", said or reading.Said("volunteer", answered_language), drafting
        if said is not None and said.name in ("profile", "change"):
            return said.name, said
        if drafting is None or not self._for_the_draft(session, status, answered, drafting, text):
            return None
        if incoming.stopped:
            return ("ignored",)
        return "answer", drafting, reading.read_answer(text, roster)

    def act(self, session: Session, incoming: Incoming, claim: tuple) -> str:
        status = incoming.status
        match claim:
            case ("ignored",):
                log.info("a candidacy or profile message from a stopped account was ignored")
                return "volunteer-ignored"
            case ("start", said, drafting):
                return self._start(session, status, said, drafting)
            case ("profile", said):
                return self._show_profile(session, status, said.language)
            case ("change", said):
                return self._change(session, status, said)
            case ("answer", drafting, answer):
                return self._answer(session, status, drafting, answer)
        raise ValueError(f"not a volunteering claim: {claim!r}")

    def _answered(self, session: Session, status: Status) -> tuple[str | None, str | None]:
        """The template and language of the bot's message this status replies to, if any."""
        sent = self.outbox.sent_as(session, status.in_reply_to_id)
        return (sent.template, sent.language) if sent else (None, None)

    def _for_the_draft(self, session: Session, status: Status, answered: str | None, draft: Candidacy,
                       text: str) -> bool:
        """A message continues a candidacy when it answers the bot's questions, or plainly could."""
        if answered in MINE:
            return True
        if status.in_reply_to_id or status.visibility != "direct" or _ASKING_FOR_A_MENTOR.search(reading.fold(text)):
            return False  # « je cherche un mentor en … » is a request, even from someone drafting a candidacy
        said = reading.read_answer(text, self.roster())
        if said.name in ("yes", "no"):  # unless an offer is waiting for that very word
            return session.scalar(select(Offer.id).where(Offer.mentor == draft.acct, Offer.state == "pending")
                                  .limit(1)) is None
        return not said.fields.empty and (draft.state == "asking" or bool(reading.read_labelled(text).entry()))

    def _unwelcome(self, session: Session, acct: str) -> bool:
        """Blocked (roster or command) or said `stop`: the bot stays silent, as it does for everything else."""
        return self.directory.is_blocked(session, acct) or self.directory.is_stopped(session, acct)

    # --- a candidacy ----------------------------------------------------------------------------

    def _start(self, session: Session, status: Status, said: reading.Said, draft: Candidacy | None) -> str:
        acct, now = status.account.acct, self.clock()
        language = said.language or status.language or self._language(session, acct, status.text)
        if self.roster().mentor(acct) is not None:
            self._reply(session, status, "volunteer_already", language, is_mentor=True, candidacy=None)
            return "volunteer-already-mentor"
        submitted = self._open(session, acct, "join", ("submitted",))
        if submitted is not None:
            self._reply(session, status, "volunteer_already", submitted.language, is_mentor=False,
                        candidacy=self.view(submitted))
            return "volunteer-already-submitted"
        if draft is None:
            draft = Candidacy(acct=acct, name=status.account.name, kind="join", state="asking", entry={},
                              language=language, created_at=now, updated_at=now)
            session.add(draft)
        draft.language = language
        if said.fields.empty and not said.fields.unreadable:
            draft.state = "asking"
            session.flush()
            self._reply(session, status, "volunteer_ask", language, candidacy=self.view(draft))
            log.info("candidacy %s started", draft.id)
            return "volunteer-ask"
        return self._read_back(session, status, draft, said.fields)

    def _answer(self, session: Session, status: Status, draft: Candidacy, said: reading.Said) -> str:
        if said.name == "yes":
            if draft.state == "confirming" and not reading.missing(draft.entry):
                return self._submit(session, status, draft)
            return self._read_back(session, status, draft, reading.Fields())
        if said.name == "no":
            draft.state, draft.updated_at = "withdrawn", self.clock()
            self._reply(session, status, "volunteer_readback", draft.language, candidacy=self.view(draft),
                        withdrawn=True, unreadable=[], understood=False)
            return "volunteer-withdrawn"
        return self._read_back(session, status, draft, said.fields)

    def _read_back(self, session: Session, status: Status, draft: Candidacy, fields: reading.Fields) -> str:
        draft.entry = reading.merge(draft.entry or {}, fields)
        draft.state, draft.updated_at = "confirming", self.clock()
        session.flush()
        self._reply(session, status, "volunteer_readback", draft.language, candidacy=self.view(draft),
                    unreadable=[{"field": f, "given": g} for f, g in fields.unreadable],
                    understood=not fields.empty, withdrawn=False)
        return "volunteer-readback"

    def _submit(self, session: Session, status: Status, draft: Candidacy) -> str:
        now = self.clock()
        draft.state, draft.submitted_at, draft.updated_at = "submitted", now, now
        session.flush()
        self._tell_moderators(session, draft, keys.Candidacy(draft.id))
        self._reply(session, status, "volunteer_submitted", draft.language, candidacy=self.view(draft))
        log.info("candidacy %s submitted to the moderators", draft.id)
        return "volunteer-submitted"

    def _tell_moderators(self, session: Session, candidacy: Candidacy, key: keys.Key) -> None:
        moderators = self.roster().moderators
        if not moderators:
            log.warning("candidacy %s: the roster names no moderator to decide on it", candidacy.id)
            return
        mentor = self.roster().mentor(candidacy.acct)
        self.outbox.enqueue(session, key, "mod_candidacy", self.default_language, Envelope(tuple(moderators), "direct"),
                            candidacy=self.view(candidacy), current=_mentor_view(mentor) if mentor else None)

    # --- a mentor's own entry -------------------------------------------------------------------

    def _show_profile(self, session: Session, status: Status, language: str | None) -> str:
        acct = status.account.acct
        mentor = self.roster().mentor(acct)
        person = session.get(Person, acct)
        change = self._open(session, acct, "change", ("submitted",))
        self._reply(session, status, "profile_show", language or self._language(session, acct, status.text),
                    mentor=_mentor_view(mentor) if mentor else None,
                    paused=bool(person and person.paused), paused_until=person.paused_until if person else None,
                    change=self.view(change) if change else None)
        return "profile-show"

    def _change(self, session: Session, status: Status, said: reading.Said) -> str:
        acct, now = status.account.acct, self.clock()
        language = said.language or status.language or self._language(session, acct, status.text)
        mentor = self.roster().mentor(acct)
        fields = said.fields
        if mentor is None or fields.unreadable or fields.empty:
            self._reply(session, status, "profile_change", language, outcome="not-a-mentor" if mentor is None
                        else "unclear", unreadable=[{"field": f, "given": g} for f, g in fields.unreadable],
                        candidacy=None, reason=None)
            return "profile-change-unclear" if mentor else "profile-not-a-mentor"
        change = self._open(session, acct, "change", ("submitted",))
        if change is None:
            change = Candidacy(acct=acct, name=mentor.name or status.account.name, kind="change", entry={},
                               language=language, created_at=now, updated_at=now)
            session.add(change)
        change.entry = reading.merge(change.entry or {}, fields)
        change.state, change.submitted_at, change.updated_at, change.language = "submitted", now, now, language
        session.flush()
        if self.self_service:
            claimed = self._claim(session, change, "accepted", by=None)
            outcome = self._apply(session, change) if claimed else None
            if outcome is not None and outcome.name != "broken":
                self._tell_volunteer(session, change, outcome.name, reply_to=status)
                if outcome.name == "paste":
                    self._paste_to_moderators(session, change, outcome)
                return f"profile-change-{outcome.name}"
            self._reopen(session, change)
        self._tell_moderators(session, change, keys.Candidacy(change.id, keys.stamp(now)))
        self._reply(session, status, "profile_change", language, outcome="submitted", candidacy=self.view(change),
                    unreadable=[], reason=None)
        return "profile-change-submitted"

    # --- the moderators' decision ---------------------------------------------------------------

    def accept(self, session: Session, number: int, moderator: str) -> Outcome:
        candidacy = session.get(Candidacy, number)
        if candidacy is None:
            return Outcome("not-found", {"number": number})
        if not self._claim(session, candidacy, "accepted", by=moderator):
            return self._already(candidacy)
        outcome = self._apply(session, candidacy)
        if outcome.name == "broken":
            self._reopen(session, candidacy)  # nothing was written: it waits for a fixed roster
            return outcome
        self._tell_volunteer(session, candidacy, outcome.name)
        log.info("candidacy %s accepted by %s (%s)", candidacy.id, moderator, outcome.name)
        return outcome

    def decline(self, session: Session, number: int, moderator: str, reason: str) -> Outcome:
        candidacy = session.get(Candidacy, number)
        if candidacy is None:
            return Outcome("not-found", {"number": number})
        if not self._claim(session, candidacy, "declined", by=moderator, reason=reason or None):
            return self._already(candidacy)
        self._tell_volunteer(session, candidacy, "declined")
        log.info("candidacy %s declined by %s", candidacy.id, moderator)
        return Outcome("declined", {"candidacy": self.view(candidacy), "reason": reason})

    def _claim(self, session: Session, candidacy: Candidacy, state: str, *, by: str | None,
               reason: str | None = None) -> bool:
        """`submitted` -> `state` as one conditional UPDATE: of two moderators deciding at once, one wins."""
        now = self.clock()
        done = session.execute(update(Candidacy).where(Candidacy.id == candidacy.id, Candidacy.state == "submitted")
                               .values(state=state, decided_by=by, decided_at=now, updated_at=now, reason=reason))
        session.refresh(candidacy)
        return bool(done.rowcount)

    def _reopen(self, session: Session, candidacy: Candidacy) -> None:
        candidacy.state, candidacy.decided_by, candidacy.decided_at = "submitted", None, None
        session.flush()

    def _already(self, candidacy: Candidacy) -> Outcome:
        return Outcome("already", {"candidacy": self.view(candidacy),
                                   "decided_by": handle_of(candidacy.decided_by) if candidacy.decided_by else None})

    def _apply(self, session: Session, candidacy: Candidacy) -> Outcome:
        """Into the roster file when the bot may write it; else the entry for the moderators to paste."""
        entry = self._entry(candidacy)
        context = {"candidacy": self.view(candidacy), "yaml": entry_yaml(entry)}
        location = self.location()
        if not writable(location):
            return Outcome("paste", {**context, "location": str(location)})
        try:
            if candidacy.kind == "join":
                add_mentor(location, entry, self.local_domain)
            else:
                changes = {k: v for k, v in candidacy.entry.items() if k in reading.FIELDS}
                update_mentor(location, candidacy.acct, changes, self.local_domain)
        except RosterError as error:
            log.error("candidacy %s not written: the roster has problems", candidacy.id)
            return Outcome("broken", {**context, "problems": [str(p) for p in error.problems],
                                      "location": str(location)})
        except KeyError:
            return Outcome("broken", {**context, "problems": [f"{location}: {handle_of(candidacy.acct)} is not in "
                                                              f"the mentors of this file"], "location": str(location)})
        except OSError as error:
            log.warning("roster %s could not be written (%s): the moderators get the entry", location, error.strerror)
            return Outcome("paste", {**context, "location": str(location)})
        candidacy.written = True
        self.reload()
        return Outcome("written", {**context, "location": str(location)})

    def _entry(self, candidacy: Candidacy) -> dict:
        if candidacy.kind == "join":
            return entry_of(candidacy.acct, candidacy.entry, name=candidacy.name)
        mentor = self.roster().mentor(candidacy.acct)
        current = _mentor_view(mentor) if mentor else {}
        current = {k: v for k, v in current.items() if k not in ("handle", "name") and v not in (None, False)}
        return entry_of(candidacy.acct, {**current, **candidacy.entry}, name=mentor.name if mentor else "")

    def _tell_volunteer(self, session: Session, candidacy: Candidacy, outcome: str,
                        reply_to: Status | None = None) -> None:
        if self._unwelcome(session, candidacy.acct):
            return  # they said stop (or were blocked) since: the decision stands, the bot stays silent
        template = "volunteer_decided" if candidacy.kind == "join" else "profile_change"
        self.outbox.enqueue(session, keys.CandidacyDecided(candidacy.id, keys.stamp(candidacy.updated_at)),
                            template, candidacy.language,
                            Envelope((candidacy.acct,), "direct", reply_to.id if reply_to else None),
                            person=self._who(candidacy), outcome=outcome, candidacy=self.view(candidacy),
                            reason=candidacy.reason, unreadable=[])

    def _paste_to_moderators(self, session: Session, candidacy: Candidacy, outcome: Outcome) -> None:
        moderators = self.roster().moderators
        if moderators:
            self.outbox.enqueue(session, keys.CandidacyPaste(candidacy.id, keys.stamp(candidacy.updated_at)),
                                "mod_candidacy_decided", self.default_language, Envelope(tuple(moderators), "direct"),
                                **decided_context(outcome, person={"handle": "", "name": ""}))

    # --- views ----------------------------------------------------------------------------------

    @staticmethod
    def decided(outcome: Outcome, **context) -> dict:
        """What the moderator is told of a decision (see `decided_context`)."""
        return decided_context(outcome, **context)

    def pending(self, session: Session) -> list[dict]:
        return [self.view(c) for c in session.scalars(select(Candidacy).where(Candidacy.state == "submitted")
                                                      .order_by(Candidacy.id))]

    def view(self, candidacy: Candidacy) -> dict:
        entry = candidacy.entry or {}
        return {"id": candidacy.id, "kind": candidacy.kind, "state": candidacy.state, "person": self._who(candidacy),
                "topics": entry.get("topics", []), "languages": entry.get("languages", []),
                "kinds": entry.get("kinds", []), "capacity": entry.get("capacity"),
                "timezone": entry.get("timezone"), "bio": entry.get("bio"),
                "missing": reading.missing(entry) if candidacy.kind == "join" else [],
                "submitted_at": candidacy.submitted_at}

    def _who(self, candidacy: Candidacy) -> dict:
        return named(candidacy.acct, candidacy.name)

    # --- helpers --------------------------------------------------------------------------------

    @staticmethod
    def _open(session: Session, acct: str, kind: str, states: tuple[str, ...]) -> Candidacy | None:
        return session.scalar(select(Candidacy).where(Candidacy.acct == acct, Candidacy.kind == kind,
                                                      Candidacy.state.in_(states)).order_by(Candidacy.id.desc()))

    def _language(self, session: Session, acct: str, text: str) -> str:
        person = session.get(Person, acct)
        return detect_language(text, default=(person.language if person else None)
                                             or self.default_language)

    def _reply(self, session: Session, status: Status, template: str, language: str, **context) -> None:
        """One answer per incoming status, always by direct message: a candidacy is personal."""
        self.outbox.enqueue(session, keys.Reply(status.id), template, language,
                            Envelope((status.account.acct,), "direct", status.id),
                            person={"handle": handle_of(status.account.acct),
                                    "name": status.account.name or status.account.username}, **context)


def decided_context(outcome: Outcome, **context) -> dict:
    """What `mod_candidacy_decided` reads, whatever the outcome."""
    return {"candidacy": None, "yaml": None, "problems": [], "location": None, "decided_by": None, "reason": None,
            "number": None, **context, **outcome.context, "outcome": outcome.name}


def _mentor_view(mentor: Mentor) -> dict:
    return {"handle": handle_of(mentor.handle), "name": mentor.name, "topics": list(mentor.topics),
            "languages": list(mentor.languages), "kinds": list(mentor.kinds), "capacity": mentor.capacity,
            "timezone": mentor.timezone, "bio": mentor.bio, "facilitator": mentor.facilitator,
            "paused_until": mentor.paused_until}
