"""Open conversations: their posts, replies, facilitators asked to host, people contacted."""

import sqlalchemy as sa
from alembic import op

from bot.storage.migrations.columns import (
    acct, add_indexes, drop_indexes, flag, integer, json, language, moment, moments, refers, serial, state,
    status, string, text, url, word)

revision = '0003'
down_revision = '0002'


def upgrade() -> None:
    op.create_table('conversations',
                    serial(), string('prompt_id', 100), language(), string('format', 10), state(), acct('title'),
                    json('questions'), string('hashtag', 100), acct('host', nullable=True), acct('host_name'),
                    moment('scheduled_for', nullable=True), moment('planned_at'),
                    *moments('opened_at', 'closed_at', nullable=True), url(nullable=True), moment('created_at'),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('scheduled_for', 'language'))
    add_indexes('conversations', 'prompt_id', 'state')

    op.create_table('conversation_posts',
                    serial(), integer('conversation_id'), word('kind'), integer('number'),
                    text('text', nullable=True), moment('due_at'), state(), moment('posted_at', nullable=True),
                    refers('conversation_id', 'conversations', 'CASCADE'), sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('conversation_id', 'kind', 'number'))
    add_indexes('conversation_posts', 'conversation_id', 'due_at', 'state')

    op.create_table('conversation_replies',
                    serial(), integer('conversation_id'), status('status_id'), acct('author'), acct('author_name'),
                    text('text'), url(), word('visibility'), language(nullable=True),
                    integer('question', nullable=True), status('in_reply_to_id', nullable=True),
                    *moments('created_at', 'recorded_at'), flag('quotable'), string('favourite', 10),
                    refers('conversation_id', 'conversations', 'CASCADE'), sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('status_id'))
    add_indexes('conversation_replies', 'author', 'conversation_id')

    op.create_table('facilitator_asks',
                    serial(), integer('conversation_id'), acct('facilitator'), state(), moment('asked_at'),
                    moment('answered_at', nullable=True),
                    refers('conversation_id', 'conversations', 'CASCADE'), sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('conversation_id', 'facilitator'))
    add_indexes('facilitator_asks', 'conversation_id', 'facilitator', 'state')

    op.create_table('conversation_contacts',
                    serial(), acct('acct'), word('kind'), integer('conversation_id', nullable=True), state(),
                    moment('created_at'), moment('answered_at', nullable=True),
                    refers('conversation_id', 'conversations', 'SET NULL'), sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('acct', 'kind'))
    add_indexes('conversation_contacts', 'acct')


def downgrade() -> None:
    drop_indexes('conversation_contacts', 'acct')
    op.drop_table('conversation_contacts')
    drop_indexes('facilitator_asks', 'state', 'facilitator', 'conversation_id')
    op.drop_table('facilitator_asks')
    drop_indexes('conversation_replies', 'conversation_id', 'author')
    op.drop_table('conversation_replies')
    drop_indexes('conversation_posts', 'state', 'due_at', 'conversation_id')
    op.drop_table('conversation_posts')
    drop_indexes('conversations', 'state', 'prompt_id')
    op.drop_table('conversations')
