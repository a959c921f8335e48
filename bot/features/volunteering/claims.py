"""Whether a status is volunteering's: an offer to mentor, a mentor's profile or change, an answer to its questions."""

from __future__ import annotations

import re
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery.incoming import Incoming
from bot.delivery.outbox import Outbox
from bot.features.volunteering.candidacies import DRAFTING, open_one
from bot.language import volunteers as reading
from bot.people.roster import Roster
from bot.platform.events import Status
from bot.storage.models.mentoring import Candidacy, Offer

MINE = frozenset({"volunteer_ask", "volunteer_readback", "volunteer_submitted", "volunteer_already",
                  "profile_show", "profile_change"})
# Bot messages whose replies may start a candidacy; a reply to anything else (a closing, an offer) is not ours.
OPENINGS = MINE | {"retro_thanks", "help", "privacy_notice", "not_a_mentor"}
_ASKING_FOR_A_MENTOR = re.compile(r"(?<!\w)(?:cherche|recherche|besoin d'un|looking for|need|seeking)\s+(?:un\s+|une\s+|a\s+)?"
                                  r"mentor")


def asks_for_a_mentor(text: str) -> bool:
    """« je cherche un mentor en … » is a request, even from someone drafting a candidacy."""
    return bool(_ASKING_FOR_A_MENTOR.search(reading.fold(text)))


class Claims:
    """Reads a status, changing nothing: a tuple naming what to do with it, or None when it is not ours."""

    def __init__(self, *, roster: Callable[[], Roster], outbox: Outbox):
        self.roster = roster
        self.outbox = outbox

    def __call__(self, session: Session, incoming: Incoming) -> tuple | None:
        if not incoming.addressed:
            return None
        status, text, author = incoming.status, incoming.text, incoming.author
        answered, answered_language = self._answered(session, status)
        if answered is not None and answered not in OPENINGS:
            return None  # an answer to an offer, a journey step…: not ours
        roster = self.roster()
        said = reading.read(text, roster)
        if said is not None and said.name == "volunteer" and asks_for_a_mentor(text):
            said = None  # « je cherche un mentor pour devenir mentor » is a request
        drafting = open_one(session, author, "join", DRAFTING)
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

    def _answered(self, session: Session, status: Status) -> tuple[str | None, str | None]:
        """The template and language of the bot's message this status replies to, if any."""
        sent = self.outbox.sent_as(session, status.in_reply_to_id)
        return (sent.template, sent.language) if sent else (None, None)

    def _for_the_draft(self, session: Session, status: Status, answered: str | None, draft: Candidacy,
                       text: str) -> bool:
        """A message continues a candidacy when it answers the bot's questions, or plainly could."""
        if answered in MINE:
            return True
        if status.in_reply_to_id or status.visibility != "direct" or asks_for_a_mentor(text):
            return False
        said = reading.read_answer(text, self.roster())
        if said.name in ("yes", "no"):  # unless an offer is waiting for that very word
            return session.scalar(select(Offer.id).where(Offer.mentor == draft.acct, Offer.state == "pending")
                                  .limit(1)) is None
        return not said.fields.empty and (draft.state == "asking" or bool(reading.read_labelled(text).entry()))
