"""A candidacy from the first « je veux devenir mentor·e » to the moderators: ask, read back, submit or withdraw."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.features.volunteering.candidacies import open_one
from bot.features.volunteering.replies import Replies
from bot.features.volunteering.views import unreadable, view
from bot.language import volunteers as reading
from bot.people.roster import Roster
from bot.platform.events import Status
from bot.storage.models.mentoring import Candidacy

log = logging.getLogger(__name__)


class Drafting:
    """`asking` (what the roster needs), `confirming` (read back), `submitted`, or `withdrawn`."""

    def __init__(self, *, roster: Callable[[], Roster], replies: Replies, clock: Callable[[], datetime]):
        self.roster = roster
        self.replies = replies
        self.clock = clock

    def start(self, session: Session, status: Status, said: reading.Said, draft: Candidacy | None) -> str:
        acct, now = status.account.acct, self.clock()
        language = self.replies.language(session, status, said.language, status.language)
        if self.roster().mentor(acct) is not None:
            self.replies.reply(session, status, "volunteer_already", language, is_mentor=True, candidacy=None)
            return "volunteer-already-mentor"
        submitted = open_one(session, acct, "join", ("submitted",))
        if submitted is not None:
            self.replies.reply(session, status, "volunteer_already", submitted.language, is_mentor=False,
                               candidacy=view(submitted))
            return "volunteer-already-submitted"
        if draft is None:
            draft = Candidacy(acct=acct, name=status.account.name, kind="join", state="asking", entry={},
                              language=language, created_at=now, updated_at=now)
            session.add(draft)
        draft.language = language
        if said.fields.empty and not said.fields.unreadable:
            draft.state = "asking"
            session.flush()
            self.replies.reply(session, status, "volunteer_ask", language, candidacy=view(draft))
            log.info("candidacy %s started", draft.id)
            return "volunteer-ask"
        return self._read_back(session, status, draft, said.fields)

    def answer(self, session: Session, status: Status, draft: Candidacy, said: reading.Said) -> str:
        if said.name == "yes":
            if draft.state == "confirming" and not reading.missing(draft.entry):
                return self._submit(session, status, draft)
            return self._read_back(session, status, draft, reading.Fields())
        if said.name == "no":
            draft.state, draft.updated_at = "withdrawn", self.clock()
            self.replies.reply(session, status, "volunteer_readback", draft.language, candidacy=view(draft),
                               withdrawn=True, unreadable=[], understood=False)
            return "volunteer-withdrawn"
        return self._read_back(session, status, draft, said.fields)

    def _read_back(self, session: Session, status: Status, draft: Candidacy, fields: reading.Fields) -> str:
        draft.entry = reading.merge(draft.entry or {}, fields)
        draft.state, draft.updated_at = "confirming", self.clock()
        session.flush()
        self.replies.reply(session, status, "volunteer_readback", draft.language, candidacy=view(draft),
                           unreadable=unreadable(fields),
                           understood=not fields.empty, withdrawn=False)
        return "volunteer-readback"

    def _submit(self, session: Session, status: Status, draft: Candidacy) -> str:
        now = self.clock()
        draft.state, draft.submitted_at, draft.updated_at = "submitted", now, now
        session.flush()
        self.replies.to_moderators(session, draft, keys.Candidacy(draft.id))
        self.replies.reply(session, status, "volunteer_submitted", draft.language, candidacy=view(draft))
        log.info("candidacy %s submitted to the moderators", draft.id)
        return "volunteer-submitted"
