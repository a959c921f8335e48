"""mentoring journey

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blocks',
    sa.Column('target', sa.String(length=300), nullable=False),
    sa.Column('blocked_by', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('target')
    )
    op.create_table('forgotten',
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('forgotten_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('digest')
    )
    op.create_table('tallies',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('journeys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('mentee', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('phase', sa.String(length=20), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('horizon_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('paused_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paused_by', sa.String(length=300), nullable=True),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.String(length=30), nullable=True),
    sa.Column('last_activity_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('stalled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('request_id')
    )
    with op.batch_alter_table('journeys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journeys_mentee'), ['mentee'], unique=False)
        batch_op.create_index(batch_op.f('ix_journeys_state'), ['state'], unique=False)

    op.create_table('answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('journey_id', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['journey_id'], ['journeys.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answers_author'), ['author'], unique=False)
        batch_op.create_index(batch_op.f('ix_answers_journey_id'), ['journey_id'], unique=False)

    op.create_table('contracts',
    sa.Column('journey_id', sa.Integer(), nullable=False),
    sa.Column('goals', sa.JSON(), nullable=False),
    sa.Column('commitment', sa.Text(), nullable=True),
    sa.Column('every_days', sa.Integer(), nullable=True),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['journey_id'], ['journeys.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('journey_id')
    )
    op.create_table('journey_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('journey_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['journey_id'], ['journeys.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('journey_id', 'kind', 'number')
    )
    with op.batch_alter_table('journey_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journey_steps_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_journey_steps_journey_id'), ['journey_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_journey_steps_state'), ['state'], unique=False)

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notice_sent_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('relationships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('journey_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('seat', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_relationships_journey_id'), ['journey_id'], unique=False)
        batch_op.create_index('uq_relationships_open_seat', ['mentor', 'seat'], unique=True, sqlite_where=sa.text("state IN ('active', 'paused')"), postgresql_where=sa.text("state IN ('active', 'paused')"))
        batch_op.create_foreign_key('fk_relationships_journey_id', 'journeys', ['journey_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('excluded', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_column('excluded')

    with op.batch_alter_table('relationships', schema=None) as batch_op:
        batch_op.drop_constraint('fk_relationships_journey_id', type_='foreignkey')
        batch_op.drop_index('uq_relationships_open_seat', sqlite_where=sa.text("state IN ('active', 'paused')"), postgresql_where=sa.text("state IN ('active', 'paused')"))
        batch_op.drop_index(batch_op.f('ix_relationships_journey_id'))
        batch_op.drop_column('ended_at')
        batch_op.drop_column('seat')
        batch_op.drop_column('journey_id')

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('notice_sent_at')

    with op.batch_alter_table('journey_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journey_steps_state'))
        batch_op.drop_index(batch_op.f('ix_journey_steps_journey_id'))
        batch_op.drop_index(batch_op.f('ix_journey_steps_due_at'))

    op.drop_table('journey_steps')
    op.drop_table('contracts')
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answers_journey_id'))
        batch_op.drop_index(batch_op.f('ix_answers_author'))

    op.drop_table('answers')
    with op.batch_alter_table('journeys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journeys_state'))
        batch_op.drop_index(batch_op.f('ix_journeys_mentee'))

    op.drop_table('journeys')
    op.drop_table('tallies')
    op.drop_table('forgotten')
    op.drop_table('blocks')
