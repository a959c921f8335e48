"""Which incoming statuses are the conversations': replies to the thread, hosts' answers and commands, mentors'."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.incoming import Incoming
from bot.features.conversations import replies as gathering
from bot.features.conversations.host_answers import HostAnswers
from bot.features.conversations.host_commands import HostCommands
from bot.features.conversations.mentor_offers import MentorOffers
from bot.features.conversations.participation import Participation
from bot.features.conversations.policy import OWN_KEYS
from bot.features.ports import Requests
from bot.storage.models.conversations import FacilitatorAsk

_PASSED_ON = ("stop", "help", "status", "cancel")  # commands mentoring answers even inside a conversation


@dataclass(frozen=True)
class Claims:
    """`claim` only reads; `act` does what the claim recognised."""

    answers: HostAnswers
    commands: HostCommands
    offers: MentorOffers
    participation: Participation
    mentoring: Requests  # whether an offer waits for a mentor's answer

    def claim(self, session: Session, incoming: Incoming) -> tuple | None:
        """What answers the conversations' posts and messages, and the hosts' commands."""
        status, author, key = incoming.status, incoming.author, incoming.replies_to
        command = incoming.command.name if incoming.command else None
        if status.visibility == "direct":  # the host's "relance : …" or "clore", wherever it is written
            hosting = self.commands.recognise(session, incoming)
            if hosting is not None:
                return hosting
        if isinstance(key, keys.ConversationPost):
            if command in _PASSED_ON:
                return None  # "stop" under a question is still a stop
            return "reply", key.conversation_id, gathering.question_asked(key)
        if isinstance(key, keys.HostAsk) and command in ("yes", "no") and key.facilitator == author:
            ask = session.scalar(select(FacilitatorAsk).where(
                FacilitatorAsk.conversation_id == key.conversation_id, FacilitatorAsk.facilitator == author))
            if ask is not None:
                return "host-answer", ask, command == "yes"
        if isinstance(key, keys.ConversationMentorOffer) and command in ("yes", "no") and key.acct == author:
            return "mentor-answer", command == "yes"
        return self._unkeyed(session, incoming, command)

    def _unkeyed(self, session: Session, incoming: Incoming, command: str | None) -> tuple | None:
        """A reply to a participant's reply, a bare "oui" by direct message, or chatter under our messages."""
        status, key = incoming.status, incoming.replies_to
        if key is None and status.in_reply_to_id:
            parent = gathering.known_reply(session, status.in_reply_to_id)
            if parent is not None and command not in _PASSED_ON:
                return "reply", parent.conversation_id, None
        if status.visibility == "direct" and command in ("yes", "no") and key is None:
            fresh = self._fresh_answer(session, incoming.author, command == "yes")
            if fresh is not None:
                return fresh
        if isinstance(key, OWN_KEYS) and command not in _PASSED_ON:
            return ("chatter",)  # "thanks!" under one of its messages needs no help text
        return None

    def _fresh_answer(self, session: Session, acct: str, yes: bool) -> tuple | None:
        """A bare "oui" by direct message: for the one question of ours waiting, unless an offer waits too."""
        if self.mentoring.offer_waiting(session, acct):
            return None  # mentoring asks which one
        asks = self.answers.pending_for(session, acct) or self.answers.lapsed_for(session, acct)
        if len(asks) == 1:
            return "host-answer", asks[0], yes
        if not asks and self.offers.contact(session, acct, pending=True) is not None:
            return "mentor-answer", yes
        return None

    def act(self, session: Session, incoming: Incoming, claim: tuple) -> str:
        status = incoming.status
        match claim:
            case ("host-command", conversation, follow_up):
                return self.commands.act(session, status, conversation, follow_up)
            case ("reply", conversation_id, question):
                return self.participation.reply(session, status, conversation_id, question)
            case ("host-answer", ask, yes):
                return self.answers.answer(session, status, ask, yes)
            case ("mentor-answer", yes):
                return self.offers.answer(session, status, yes)
            case ("chatter",):
                return "conversation-chatter"
        raise ValueError(f"not a conversation claim: {claim!r}")
