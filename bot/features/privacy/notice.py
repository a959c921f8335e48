"""The privacy notice, once, with the first message to someone; and no direct message first to the forgotten."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope, Outbox
from bot.people.directory import forgotten_among, named, normalized
from bot.people.roster import Roster
from bot.storage.models.people import Person


class Notice:
    """The outbox's hook, after a message is queued, in the same transaction."""

    def __init__(self, *, roster: Callable[[], Roster], clock: Callable[[], datetime], bot_acct: str,
                 default_language: str):
        self.roster = roster
        self.clock = clock
        self.bot_acct = bot_acct
        self.default_language = default_language

    def __call__(self, outbox: Outbox, session: Session, key: str, envelope: Envelope) -> None:
        """Never write first to the forgotten; tell newcomers once."""
        forgotten = {normalized(a) for a in forgotten_among(session, envelope.recipients)}
        if forgotten and envelope.visibility == "direct" and envelope.reply_to_status_id is None:
            # A direct message that answers nothing they wrote: they asked never to hear from the bot.
            outbox.withdraw(session, key)
            return
        for acct in envelope.recipients:
            acct = normalized(acct)
            if acct == normalized(self.bot_acct) or acct in forgotten:
                continue
            person = session.get(Person, acct)
            if person is None:
                person = Person(acct=acct)
                session.add(person)
            if person.notice_sent_at is not None or person.stopped_at is not None:
                continue
            person.notice_sent_at = self.clock()
            # In the thread of this first message, right after it: where they will read it.
            outbox.enqueue(session, keys.PrivacyNotice(acct), "privacy_notice",
                           person.language or outbox.language_of(session, key) or self.default_language,
                           Envelope((acct,), "direct", reply_to_key=outbox.parts(session, key)[-1].key),
                           person=named(acct, person.name, self.roster()))
