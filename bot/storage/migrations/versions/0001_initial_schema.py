"""The first schema: claims, cursors, the outbox, people, requests, offers and relationships."""

import sqlalchemy as sa
from alembic import op

from bot.storage.migrations.columns import (
    acct, add_indexes, drop_indexes, flag, integer, json, language, moment, moments, refers, retries, serial, state,
    status, string, text, url, word)

revision = '0001'
down_revision = None


def upgrade() -> None:
    op.create_table('claims',
                    status('status_id'), string('source', 50), string('outcome', 50), moment('claimed_at'),
                    sa.PrimaryKeyConstraint('status_id'))
    op.create_table('cursors',
                    string('name', 200), string('value', 200), moment('updated_at'),
                    sa.PrimaryKeyConstraint('name'))
    op.create_table('outbox',
                    serial(), string('key', 400), string('template', 100), text('text'), word('visibility'),
                    language(), json('recipients'), status('reply_to_status_id', nullable=True),
                    string('reply_to_key', 400, nullable=True), state(), status('remote_id', nullable=True),
                    *retries(), moment('created_at'), moment('sent_at', nullable=True),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('key'))
    add_indexes('outbox', 'remote_id', 'state')

    op.create_table('people',
                    acct('acct'), status('account_id', nullable=True), acct('name'), language(nullable=True),
                    moment('stopped_at', nullable=True), flag('paused'),
                    sa.Column('paused_until', sa.Date(), nullable=True), flag('nobot'),
                    moment('profile_checked_at', nullable=True),
                    sa.PrimaryKeyConstraint('acct'))
    op.create_table('requests',
                    serial(), status('status_id'), acct('requester'), acct('requester_name'), text('text'), url(),
                    word('visibility'), language(), word('kind'), json('topics'), integer('circle_size'), state(),
                    *moments('created_at', 'updated_at'),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('status_id'))
    add_indexes('requests', 'requester', 'state')

    op.create_table('offers',
                    serial(), integer('request_id'), acct('mentor'), state(),
                    sa.Column('score', sa.Float(), nullable=False), json('reasons'),
                    *moments('created_at', 'remind_at', 'expires_at'),
                    *moments('reminded_at', 'answered_at', nullable=True),
                    refers('request_id', 'requests', 'CASCADE'), sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('request_id', 'mentor'))
    add_indexes('offers', 'mentor', 'request_id', 'state')

    op.create_table('relationships',
                    serial(), integer('request_id', nullable=True), acct('mentor'), acct('mentee'), word('kind'),
                    json('topics'), state(), moment('started_at'),
                    refers('request_id', 'requests', 'SET NULL'), sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('request_id', 'mentor'))
    add_indexes('relationships', 'mentee', 'mentor', 'request_id', 'state')


def downgrade() -> None:
    drop_indexes('relationships', 'state', 'request_id', 'mentor', 'mentee')
    op.drop_table('relationships')
    drop_indexes('offers', 'state', 'request_id', 'mentor')
    op.drop_table('offers')
    drop_indexes('requests', 'state', 'requester')
    op.drop_table('requests')
    op.drop_table('people')
    drop_indexes('outbox', 'state', 'remote_id')
    op.drop_table('outbox')
    op.drop_table('cursors')
    op.drop_table('claims')
