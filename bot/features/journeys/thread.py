"""Whether a journey speaks in the request's public thread: only when the request was public and everyone agrees."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.features.journeys.messages import Mail
from bot.platform.events import Status
from bot.storage.models.journeys import Journey


@dataclass(frozen=True, kw_only=True)
class Thread:
    mail: Mail

    def choose(self, session: Session, status: Status, journey: Journey, *, public: bool) -> str:
        author = status.account.acct
        if journey.thread_status_id is None:
            self.mail.reply(session, status, journey, "journey_thread", state="unavailable", by=None, waiting_for=[])
            return "thread-unavailable"
        was_public = journey.in_thread
        consent = [a for a in journey.public_consent or () if a != author]
        journey.public_consent = consent + [author] if public else consent
        waiting = [a for a in journey.members if a not in journey.public_consent]
        state = "public" if journey.in_thread else ("waiting" if public else "private")
        if was_public != public:
            # Said to everyone, privately: the switch itself is never announced in public.
            names = self.mail.names
            self.mail.send(session, journey, keys.JourneyEvent(journey.id, "thread", status.id), "journey_thread",
                           state=state, by=names.who(session, author),
                           waiting_for=[names.who(session, a) for a in waiting], direct=True,
                           **self.mail.context(session, journey))
        return f"thread-{state}"
