"""Journeys in the request thread: the thread's status and visibility, who agreed to it being public."""

from bot.storage.migrations.columns import add_columns, drop_columns, json, status, word

revision = '0005'
down_revision = '0004'


def upgrade() -> None:
    add_columns('journeys', status('thread_status_id', nullable=True), word('thread_visibility', nullable=True),
                json('public_consent', server_default='[]'))


def downgrade() -> None:
    drop_columns('journeys', 'public_consent', 'thread_visibility', 'thread_status_id')
