"""Mentoring journeys: blocks, forgotten people, tallies, journeys with their answers, contracts and steps."""

import sqlalchemy as sa
from alembic import op

from bot.storage.migrations.columns import (
    acct, add_columns, add_indexes, drop_columns, drop_indexes, integer, json, language, moment, moments, refers,
    serial, state, string, text, word)

revision = '0002'
down_revision = '0001'

OPEN_SEAT = "state IN ('active', 'paused')"


def upgrade() -> None:
    op.create_table('blocks',
                    acct('target'), acct('blocked_by'), moment('created_at'),
                    sa.PrimaryKeyConstraint('target'))
    op.create_table('forgotten',
                    string('digest', 64), moment('forgotten_at'),
                    sa.PrimaryKeyConstraint('digest'))
    op.create_table('tallies',
                    string('name', 100), integer('count'),
                    sa.PrimaryKeyConstraint('name'))
    op.create_table('journeys',
                    serial(), integer('request_id', nullable=True), acct('mentee'), word('kind'), json('topics'),
                    language(), state(), word('phase'), *moments('started_at', 'horizon_at'),
                    moment('paused_at', nullable=True), acct('paused_by', nullable=True),
                    moment('ended_at', nullable=True), string('end_reason', 30, nullable=True),
                    moment('last_activity_at'), moment('stalled_at', nullable=True),
                    refers('request_id', 'requests', 'SET NULL'), sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('request_id'))
    add_indexes('journeys', 'mentee', 'state')

    op.create_table('answers',
                    serial(), integer('journey_id'), acct('author'), word('kind'), integer('score', nullable=True),
                    text('text'), json('details'), moment('created_at'),
                    refers('journey_id', 'journeys', 'CASCADE'), sa.PrimaryKeyConstraint('id'))
    add_indexes('answers', 'author', 'journey_id')

    op.create_table('contracts',
                    integer('journey_id'), json('goals'), text('commitment', nullable=True),
                    integer('every_days', nullable=True), sa.Column('review_on', sa.Date(), nullable=True),
                    integer('revision'), moment('updated_at'),
                    refers('journey_id', 'journeys', 'CASCADE'), sa.PrimaryKeyConstraint('journey_id'))
    op.create_table('journey_steps',
                    serial(), integer('journey_id'), string('kind', 30), integer('number'), moment('due_at'),
                    state(), *moments('sent_at', 'reminded_at', 'answered_at', nullable=True),
                    refers('journey_id', 'journeys', 'CASCADE'), sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('journey_id', 'kind', 'number'))
    add_indexes('journey_steps', 'due_at', 'journey_id', 'state')

    add_columns('people', moment('notice_sent_at', nullable=True))

    with op.batch_alter_table('relationships', schema=None) as batch_op:
        batch_op.add_column(integer('journey_id', nullable=True))
        batch_op.add_column(integer('seat', nullable=True))
        batch_op.add_column(moment('ended_at', nullable=True))
        batch_op.create_index(batch_op.f('ix_relationships_journey_id'), ['journey_id'], unique=False)
        batch_op.create_index('uq_relationships_open_seat', ['mentor', 'seat'], unique=True,
                              sqlite_where=sa.text(OPEN_SEAT), postgresql_where=sa.text(OPEN_SEAT))
        batch_op.create_foreign_key('fk_relationships_journey_id', 'journeys', ['journey_id'], ['id'],
                                    ondelete='CASCADE')

    add_columns('requests', json('excluded', server_default='[]'))


def downgrade() -> None:
    drop_columns('requests', 'excluded')

    with op.batch_alter_table('relationships', schema=None) as batch_op:
        batch_op.drop_constraint('fk_relationships_journey_id', type_='foreignkey')
        batch_op.drop_index('uq_relationships_open_seat',
                            sqlite_where=sa.text(OPEN_SEAT), postgresql_where=sa.text(OPEN_SEAT))
        batch_op.drop_index(batch_op.f('ix_relationships_journey_id'))
        batch_op.drop_column('ended_at')
        batch_op.drop_column('seat')
        batch_op.drop_column('journey_id')

    drop_columns('people', 'notice_sent_at')

    drop_indexes('journey_steps', 'state', 'journey_id', 'due_at')
    op.drop_table('journey_steps')
    op.drop_table('contracts')
    drop_indexes('answers', 'journey_id', 'author')
    op.drop_table('answers')
    drop_indexes('journeys', 'state', 'mentee')
    op.drop_table('journeys')
    op.drop_table('tallies')
    op.drop_table('forgotten')
    op.drop_table('blocks')
