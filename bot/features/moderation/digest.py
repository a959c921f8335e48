"""The moderators' weekly digest: the period's figures and what needs them now, once per scheduled time."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope, Outbox
from bot.features.moderation.figures import (
    candidacies,
    figures,
    mentors_at_capacity,
    silent_mentors,
    stalled_journeys,
    waiting_requests,
)
from bot.features.moderation.policy import ModerationPolicy
from bot.features.moderation.views import mentor_view, request_view
from bot.features.ports import DueRun, Offers
from bot.people.directory import Directory
from bot.people.roster import Roster
from bot.storage.models.delivery import Cursor

log = logging.getLogger(__name__)

DIGEST_CURSOR = "moderation-digest"  # the scheduled time of the last digest, so each is sent once


@dataclass(frozen=True)
class Digest:
    """Queues the digest to the moderators when its scheduled time is due, and says what it holds."""

    policy: ModerationPolicy
    outbox: Outbox
    offers: Offers
    directory: Directory
    roster: Callable[[], Roster]
    clock: Callable[[], datetime]
    due_run: DueRun  # the scheduled time of a cron expression that is due now, if any
    roster_problems: Callable[[], list[str]] = list

    def run(self, session: Session) -> int:
        """Late after downtime, never twice. Returns 1 if queued."""
        if not self.policy.digest_enabled:
            return 0
        now = self.clock()
        row = session.get(Cursor, DIGEST_CURSOR)
        last = datetime.fromisoformat(row.value) if row else None
        due = self.due_run(self.policy.digest_cron, self.policy.timezone, last_run=last, now=now,
                           grace=self.policy.digest_grace)
        if row is None:
            # The first run only marks where counting starts: the first digest covers what follows.
            session.add(Cursor(name=DIGEST_CURSOR, value=(due or now).isoformat(), updated_at=now))
            return 0
        if due is None:
            return 0
        moderators = self.roster().moderators
        if moderators:
            self.outbox.enqueue(session, keys.ModeratorsDigest.due(due), "mod_digest", self.policy.default_language,
                                Envelope(tuple(moderators), "direct"), **self.context(session, last, due))
            log.info("moderators' digest for %s queued", due.isoformat())
        row.value, row.updated_at = due.isoformat(), now
        return 1

    def context(self, session: Session, since: datetime | None, until: datetime) -> dict:
        """The period's figures, and what needs the moderators now."""
        roster = self.roster()
        unmatched = [r for r in waiting_requests(session) if r.state == "unmatched"]
        return {
            "since": since, "until": until, **figures(session, since, until).context(),
            **candidacies(session, since, until, roster).context(),
            "unmatched": [request_view(r, until) for r in unmatched],
            "uncovered_topics": self.offers.waiting_topics(session),
            "stalled": [{"journey_id": j.id, "requester": self.directory.name(session, j.mentee),
                         "mentors": [mentor_view(m, roster) for m in j.mentors], "since": j.stalled_at}
                        for j in stalled_journeys(session)],
            "full_mentors": [{"mentor": mentor_view(m, roster), "seats": seats, "capacity": capacity}
                             for m, seats, capacity in mentors_at_capacity(session, roster)],
            "silent_mentors": [{"mentor": mentor_view(m, roster), "expired": count}
                               for m, count in silent_mentors(session, since, until)],
            "roster_problems": self.roster_problems(),
        }
