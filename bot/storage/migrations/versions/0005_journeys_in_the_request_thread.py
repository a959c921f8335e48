"""journeys in the request thread

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('journeys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('thread_status_id', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('thread_visibility', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('public_consent', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('journeys', schema=None) as batch_op:
        batch_op.drop_column('public_consent')
        batch_op.drop_column('thread_visibility')
        batch_op.drop_column('thread_status_id')
