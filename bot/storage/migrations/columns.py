"""The kinds of column, and the indexes, that the revisions in `versions/` write again and again.

A revision's schema never changes once released, so neither may anything here: each function builds
exactly what the revisions have always created (a new kind of column is a new function).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

ACCT = 300  # an account (`bob@example.org`), a display name, a title
STATUS = 200  # a status id on the server, a cursor
WORD = 20  # a state, a kind, a visibility


def serial() -> sa.Column:
    """The `id` that a table's primary key names."""
    return sa.Column('id', sa.Integer(), nullable=False)


def integer(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def string(name: str, length: int, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def acct(name: str, *, nullable: bool = False) -> sa.Column:
    return string(name, ACCT, nullable=nullable)


def status(name: str, *, nullable: bool = False) -> sa.Column:
    return string(name, STATUS, nullable=nullable)


def word(name: str, *, nullable: bool = False) -> sa.Column:
    return string(name, WORD, nullable=nullable)


def state() -> sa.Column:
    return word('state')


def language(*, nullable: bool = False) -> sa.Column:
    return string('language', 8, nullable=nullable)


def url(*, nullable: bool = False) -> sa.Column:
    return string('url', 1000, nullable=nullable)


def text(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=nullable)


def json(name: str, *, nullable: bool = False, server_default: str | None = None) -> sa.Column:
    return sa.Column(name, sa.JSON(), nullable=nullable, server_default=server_default)


def flag(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False)


def moment(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def moments(*names: str, nullable: bool = False) -> list[sa.Column]:
    return [moment(name, nullable=nullable) for name in names]


def retries() -> list[sa.Column]:
    """What a row that is tried again until it succeeds keeps: how often, when next, the last error."""
    return [integer('attempts'), moment('not_before'), text('last_error', nullable=True)]


def refers(column: str, table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    """`column` points at `table.id`."""
    return sa.ForeignKeyConstraint([column], [f'{table}.id'], ondelete=ondelete)


def add_columns(table: str, *columns: sa.Column) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.add_column(column)


def drop_columns(table: str, *names: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for name in names:
            batch_op.drop_column(name)


def add_indexes(table: str, *columns: str) -> None:
    """The plain index `ix_{table}_{column}` on each of `columns`."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def drop_indexes(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
