"""Volunteers' candidacies, and the deletions of statuses the bot posted."""

import sqlalchemy as sa
from alembic import op

from bot.storage.migrations.columns import (
    acct, add_indexes, flag, json, language, moment, moments, retries, serial, state, status, string, text, word)

revision = '0006'
down_revision = '0005'

OPEN = "state IN ('asking', 'confirming', 'submitted')"


def upgrade() -> None:
    op.create_table('candidacies',
                    serial(), acct('acct'), acct('name'), word('kind'), state(), json('entry'), language(),
                    flag('written'), acct('decided_by', nullable=True), text('reason', nullable=True),
                    *moments('created_at', 'updated_at'), *moments('submitted_at', 'decided_at', nullable=True),
                    sa.PrimaryKeyConstraint('id'))
    add_indexes('candidacies', 'acct', 'state', 'submitted_at', 'decided_at')
    with op.batch_alter_table('candidacies', schema=None) as batch_op:
        batch_op.create_index('uq_candidacies_open', ['acct', 'kind'], unique=True,
                              sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))

    op.create_table('status_deletions',
                    serial(), status('remote_id'), string('batch', 400), state(), *retries(),
                    moment('created_at'), moment('done_at', nullable=True),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('remote_id'))
    add_indexes('status_deletions', 'batch', 'state')


def downgrade() -> None:
    op.drop_table('status_deletions')
    with op.batch_alter_table('candidacies', schema=None) as batch_op:
        batch_op.drop_index('uq_candidacies_open', sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
    op.drop_table('candidacies')
