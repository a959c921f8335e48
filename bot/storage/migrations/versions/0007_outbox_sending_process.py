"""The outbox: which process has a post in flight."""

from bot.storage.migrations.columns import add_columns, drop_columns, string

revision = '0007'
down_revision = '0006'


def upgrade() -> None:
    add_columns('outbox', string('sending_process', 100, nullable=True))


def downgrade() -> None:
    drop_columns('outbox', 'sending_process')
