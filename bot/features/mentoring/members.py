"""The people mentoring writes to, as rows: the author of a status, kept up to date, and a member's name."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.language.understanding.language import detect_language
from bot.platform.events import Status
from bot.storage.models.people import Person


def author_of(session: Session, status: Status, *, default_language: str) -> Person:
    """The status's author, their name and language refreshed from it."""
    author = status.account
    person = session.get(Person, author.acct)
    if person is None:
        person = Person(acct=author.acct)
        session.add(person)
    language = status.language or detect_language(status.text, default=person.language or default_language)
    # Only what changed is set: an unchanged row is left out of the next flush.
    for name, value in (("account_id", author.id), ("name", author.name), ("language", language)):
        if getattr(person, name) != value:
            setattr(person, name, value)
    return person


def name_of(session: Session, acct: str) -> str:
    person = session.get(Person, acct)
    return person.name if person else ""
