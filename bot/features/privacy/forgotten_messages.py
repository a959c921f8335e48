"""What forgetting someone does to the outbox: what is theirs goes, what others received is blanked out."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Outbox
from bot.features.privacy.deletions import Deletions
from bot.features.privacy.redaction import Traces, naming
from bot.people.directory import normalized
from bot.storage.models.people import Person


class ForgottenMessages:
    """Addressed to them or keyed by them: deleted. About them and unsent: deleted. Sent to others: blanked.

    A message is judged whole: every part of a thread goes, or is blanked, with the part that names them.
    The bot's posts of every such message are queued for deletion on the server."""

    def __init__(self, *, outbox: Outbox, deletions: Deletions):
        self.outbox = outbox
        self.deletions = deletions

    def forget(self, session: Session, traces: Traces, batch: str) -> Counter:
        verdicts = self._verdicts(session, traces.acct)
        self.deletions.queue(session, [part.remote_id for message in verdicts
                                       for part in self.outbox.parts(session, message)
                                       if part.state == "sent" and part.remote_id], batch)
        gone: list[str] = []
        for message, deleted in verdicts.items():
            if deleted:
                gone.extend(self.outbox.withdraw(session, message))
            else:
                self.outbox.rewrite(session, message, traces.redact)
        self._postpone_notices(session, gone)
        session.flush()
        return Counter(outbox=len(gone))

    def _verdicts(self, session: Session, acct: str) -> dict[str, bool]:
        """Message key -> deleted (else blanked), for every message that names them."""
        pattern, acct = naming(acct), normalized(acct)
        verdicts: dict[str, bool] = {}
        for row in self.outbox.mentioning(session, acct):
            message = keys.message_of(row.key)
            addressed = any(normalized(r) == acct for r in row.recipients)
            keyed = pattern.search(row.key) or (row.reply_to_key and pattern.search(row.reply_to_key))
            named = pattern.search(row.text)
            if addressed or keyed or (named and row.state in ("pending", "sending")):
                verdicts[message] = True
            elif named:
                verdicts.setdefault(message, False)
        return verdicts

    def _postpone_notices(self, session: Session, gone: list[str]) -> None:
        """A notice still waiting under a message that is gone would arrive out of the blue: it waits for
        its person's real first contact instead."""
        for notice in self.outbox.waiting_under(session, "privacy_notice", gone):
            for person in session.scalars(select(Person).where(Person.acct.in_(notice.recipients))):
                person.notice_sent_at = None
            self.outbox.withdraw(session, notice.key)
