"""Open mentored conversations: reflection prompts posted on a schedule, hosted in turn, gathered and woven."""

from bot.features.conversations.engine import Conversations
from bot.features.conversations.policy import ConversationPolicy, policy_from
from bot.features.conversations.remote import Remote
from bot.features.conversations.replies import archive_entries
from bot.features.conversations.surroundings import Surroundings

__all__ = ["ConversationPolicy", "Conversations", "Remote", "Surroundings", "archive_entries", "policy_from"]
