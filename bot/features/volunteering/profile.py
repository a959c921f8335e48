"""A mentor's own entry: « mon profil » shows it, « mes sujets : … » changes it (at once with self-service)."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.features.volunteering import candidacies
from bot.features.volunteering.replies import Replies
from bot.features.volunteering.roster_file import RosterFile
from bot.features.volunteering.views import mentor_view, unreadable, view
from bot.language import volunteers as reading
from bot.people.roster import Roster
from bot.platform.events import Status
from bot.storage.models.mentoring import Candidacy
from bot.storage.models.people import Person


class Profile:
    """A change is a candidacy of kind `change`: the moderators decide it, unless self-service applies it."""

    def __init__(self, *, roster: Callable[[], Roster], replies: Replies, roster_file: RosterFile,
                 clock: Callable[[], datetime], self_service: bool):
        self.roster = roster
        self.replies = replies
        self.roster_file = roster_file
        self.clock = clock
        self.self_service = self_service

    def show(self, session: Session, status: Status, said: reading.Said) -> str:
        acct = status.account.acct
        mentor = self.roster().mentor(acct)
        person = session.get(Person, acct)
        change = candidacies.open_one(session, acct, "change", ("submitted",))
        self.replies.reply(session, status, "profile_show", self.replies.language(session, status, said.language),
                           mentor=mentor_view(mentor) if mentor else None,
                           paused=bool(person and person.paused), paused_until=person.paused_until if person else None,
                           change=view(change) if change else None)
        return "profile-show"

    def change(self, session: Session, status: Status, said: reading.Said) -> str:
        now, language = self.clock(), self.replies.language(session, status, said.language, status.language)
        mentor = self.roster().mentor(status.account.acct)
        fields = said.fields
        if mentor is None or fields.unreadable or fields.empty:
            self.replies.reply(session, status, "profile_change", language, outcome="not-a-mentor" if mentor is None
                               else "unclear", unreadable=unreadable(fields), candidacy=None, reason=None)
            return "profile-change-unclear" if mentor else "profile-not-a-mentor"
        change = self._submit(session, status, mentor.name, fields, language, now)
        if self.self_service:
            applied = self._apply_at_once(session, status, change)
            if applied is not None:
                return f"profile-change-{applied}"
        self.replies.to_moderators(session, change, keys.Candidacy(change.id, keys.stamp(now)))
        self.replies.reply(session, status, "profile_change", language, outcome="submitted", candidacy=view(change),
                           unreadable=[], reason=None)
        return "profile-change-submitted"

    def _submit(self, session: Session, status: Status, name: str, fields: reading.Fields,
                language: str, now: datetime) -> Candidacy:
        """Their open change, with these fields merged in, submitted now."""
        acct = status.account.acct
        change = candidacies.open_one(session, acct, "change", ("submitted",))
        if change is None:
            change = Candidacy(acct=acct, name=name or status.account.name, kind="change", entry={},
                               language=language, created_at=now, updated_at=now)
            session.add(change)
        change.entry = reading.merge(change.entry or {}, fields)
        change.state, change.submitted_at, change.updated_at, change.language = "submitted", now, now, language
        session.flush()
        return change

    def _apply_at_once(self, session: Session, status: Status, change: Candidacy) -> str | None:
        """Self-service: the change goes into the roster now; None when it could not (the moderators decide)."""
        claimed = candidacies.decide(session, change, "accepted", by=None, now=self.clock())
        outcome = self.roster_file.apply(change) if claimed else None
        if outcome is not None and outcome.name != "broken":
            self.replies.to_volunteer(session, change, outcome.name, reply_to=status)
            if outcome.name == "paste":
                self.replies.paste_to_moderators(session, change, outcome)
            return outcome.name
        candidacies.reopen(session, change)
        return None
