"""candidacies and status deletions

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

OPEN = "state IN ('asking', 'confirming', 'submitted')"


def upgrade() -> None:
    op.create_table(
        'candidacies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('acct', sa.String(length=300), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('entry', sa.JSON(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('written', sa.Boolean(), nullable=False),
        sa.Column('decided_by', sa.String(length=300), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('candidacies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidacies_acct'), ['acct'], unique=False)
        batch_op.create_index(batch_op.f('ix_candidacies_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_candidacies_submitted_at'), ['submitted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_candidacies_decided_at'), ['decided_at'], unique=False)
        batch_op.create_index('uq_candidacies_open', ['acct', 'kind'], unique=True,
                              sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))

    op.create_table(
        'status_deletions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('remote_id', sa.String(length=200), nullable=False),
        sa.Column('batch', sa.String(length=400), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('not_before', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('remote_id'),
    )
    with op.batch_alter_table('status_deletions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_deletions_batch'), ['batch'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_deletions_state'), ['state'], unique=False)


def downgrade() -> None:
    op.drop_table('status_deletions')
    with op.batch_alter_table('candidacies', schema=None) as batch_op:
        batch_op.drop_index('uq_candidacies_open', sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
    op.drop_table('candidacies')
