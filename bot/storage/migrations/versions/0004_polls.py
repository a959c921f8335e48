"""Polls: when a step's polls were read, the poll an outbox message carries."""

from bot.storage.migrations.columns import add_columns, drop_columns, json, moment

revision = '0004'
down_revision = '0003'


def upgrade() -> None:
    add_columns('journey_steps', moment('polls_read_at', nullable=True))
    add_columns('outbox', json('poll', nullable=True))


def downgrade() -> None:
    drop_columns('outbox', 'poll')
    drop_columns('journey_steps', 'polls_read_at')
