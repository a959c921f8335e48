"""What volunteering tells people: the answer to each status, the moderators' copy, the volunteer's decision."""

from __future__ import annotations

import logging
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope, Outbox
from bot.features.volunteering.views import (
    Outcome,
    decided_context,
    mentor_view,
    view,
    who,
)
from bot.language.understanding.language import detect_language
from bot.people.directory import Directory
from bot.people.roster import Roster
from bot.platform.events import Status, handle_of
from bot.storage.models.mentoring import Candidacy
from bot.storage.models.people import Person

log = logging.getLogger(__name__)


class Replies:
    """Every message of the feature, by direct message: a candidacy is personal."""

    def __init__(self, *, outbox: Outbox, roster: Callable[[], Roster], directory: Directory, default_language: str):
        self.outbox = outbox
        self.roster = roster
        self.directory = directory
        self.default_language = default_language

    def reply(self, session: Session, status: Status, template: str, language: str, **context) -> None:
        """One answer per incoming status."""
        self.outbox.enqueue(session, keys.Reply(status.id), template, language,
                            Envelope((status.account.acct,), "direct", status.id),
                            person={"handle": handle_of(status.account.acct),
                                    "name": status.account.name or status.account.username}, **context)

    def language(self, session: Session, status: Status, *preferred: str | None) -> str:
        """The first language `preferred` names, else the one their text is in (or they are known by, or the bot's)."""
        if any(preferred):
            return next(language for language in preferred if language)
        person = session.get(Person, status.account.acct)
        return detect_language(status.text, default=(person.language if person else None)
                                             or self.default_language)

    def to_moderators(self, session: Session, candidacy: Candidacy, key: keys.Key) -> None:
        """The candidacy for the moderators to decide."""
        moderators = self.roster().moderators
        if not moderators:
            log.warning("candidacy %s: the roster names no moderator to decide on it", candidacy.id)
            return
        mentor = self.roster().mentor(candidacy.acct)
        self.outbox.enqueue(session, key, "mod_candidacy", self.default_language, Envelope(tuple(moderators), "direct"),
                            candidacy=view(candidacy), current=mentor_view(mentor) if mentor else None)

    def to_volunteer(self, session: Session, candidacy: Candidacy, outcome: str,
                     reply_to: Status | None = None) -> None:
        acct = candidacy.acct
        if self.directory.is_blocked(session, acct) or self.directory.is_stopped(session, acct):
            return  # they said stop (or were blocked) since: the decision stands, the bot stays silent
        template = "volunteer_decided" if candidacy.kind == "join" else "profile_change"
        self.outbox.enqueue(session, keys.CandidacyDecided(candidacy.id, keys.stamp(candidacy.updated_at)),
                            template, candidacy.language,
                            Envelope((acct,), "direct", reply_to.id if reply_to else None),
                            person=who(candidacy), outcome=outcome, candidacy=view(candidacy),
                            reason=candidacy.reason, unreadable=[])

    def paste_to_moderators(self, session: Session, candidacy: Candidacy, outcome: Outcome) -> None:
        moderators = self.roster().moderators
        if moderators:
            self.outbox.enqueue(session, keys.CandidacyPaste(candidacy.id, keys.stamp(candidacy.updated_at)),
                                "mod_candidacy_decided", self.default_language, Envelope(tuple(moderators), "direct"),
                                **decided_context(outcome, person={"handle": "", "name": ""}))
