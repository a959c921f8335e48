"""Whether a moderator writes from the account first seen for them: its id, not only its name, must match."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from bot.platform.events import Account
from bot.storage.models.people import Person

log = logging.getLogger(__name__)


def same_account(session: Session, author: Account) -> bool:
    """Without changing anything: whether the author is the account the bot knows by that name."""
    person = session.get(Person, author.acct)
    return person is None or not person.account_id or person.account_id == author.id


def recognised(session: Session, author: Account) -> bool:
    """The same account as the first time this moderator wrote; the first time, its id is kept."""
    person = session.get(Person, author.acct)
    if person is None:
        session.add(Person(acct=author.acct, account_id=author.id, name=author.name))
        return True
    if not person.account_id:
        person.account_id = author.id
    if person.account_id == author.id:
        return True
    log.warning("%s wrote with account id %s, not the id %s first seen for this moderator: refused",
                author.acct, author.id, person.account_id)
    return False
