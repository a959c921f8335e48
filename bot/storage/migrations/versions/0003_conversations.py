"""open conversations

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('conversations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('prompt_id', sa.String(length=100), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('format', sa.String(length=10), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=False),
    sa.Column('hashtag', sa.String(length=100), nullable=False),
    sa.Column('host', sa.String(length=300), nullable=True),
    sa.Column('host_name', sa.String(length=300), nullable=False),
    sa.Column('scheduled_for', sa.DateTime(timezone=True), nullable=True),
    sa.Column('planned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('url', sa.String(length=1000), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('scheduled_for', 'language')
    )
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversations_prompt_id'), ['prompt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversations_state'), ['state'], unique=False)

    op.create_table('conversation_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('conversation_id', 'kind', 'number')
    )
    with op.batch_alter_table('conversation_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_posts_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversation_posts_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversation_posts_state'), ['state'], unique=False)

    op.create_table('conversation_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('status_id', sa.String(length=200), nullable=False),
    sa.Column('author', sa.String(length=300), nullable=False),
    sa.Column('author_name', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('visibility', sa.String(length=20), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('question', sa.Integer(), nullable=True),
    sa.Column('in_reply_to_id', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('quotable', sa.Boolean(), nullable=False),
    sa.Column('favourite', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('status_id')
    )
    with op.batch_alter_table('conversation_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_replies_author'), ['author'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversation_replies_conversation_id'), ['conversation_id'], unique=False)

    op.create_table('facilitator_asks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('facilitator', sa.String(length=300), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('conversation_id', 'facilitator')
    )
    with op.batch_alter_table('facilitator_asks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facilitator_asks_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_facilitator_asks_facilitator'), ['facilitator'], unique=False)
        batch_op.create_index(batch_op.f('ix_facilitator_asks_state'), ['state'], unique=False)

    op.create_table('conversation_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('acct', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('acct', 'kind')
    )
    with op.batch_alter_table('conversation_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_contacts_acct'), ['acct'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('conversation_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_contacts_acct'))
    op.drop_table('conversation_contacts')
    with op.batch_alter_table('facilitator_asks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_facilitator_asks_state'))
        batch_op.drop_index(batch_op.f('ix_facilitator_asks_facilitator'))
        batch_op.drop_index(batch_op.f('ix_facilitator_asks_conversation_id'))
    op.drop_table('facilitator_asks')
    with op.batch_alter_table('conversation_replies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_replies_conversation_id'))
        batch_op.drop_index(batch_op.f('ix_conversation_replies_author'))
    op.drop_table('conversation_replies')
    with op.batch_alter_table('conversation_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_posts_state'))
        batch_op.drop_index(batch_op.f('ix_conversation_posts_due_at'))
        batch_op.drop_index(batch_op.f('ix_conversation_posts_conversation_id'))
    op.drop_table('conversation_posts')
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversations_state'))
        batch_op.drop_index(batch_op.f('ix_conversations_prompt_id'))
    op.drop_table('conversations')
