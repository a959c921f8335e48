"""When conversations take place: one per scheduled time and language, planned, opened, or given up when missed."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.features.conversations.calendar import (
    choose_prompt,
    due_run,
    next_run,
    plan_conversation,
)
from bot.features.conversations.facilitators import Facilitators
from bot.features.conversations.policy import ConversationPolicy
from bot.features.conversations.surroundings import Surroundings
from bot.language.reflections import (
    PromptError,
    PromptLibrary,
    ReflectionPrompt,
    UnknownPrompt,
)
from bot.storage.models.conversations import Conversation, ConversationPost

log = logging.getLogger(__name__)

# The job runs every minute or so: a run this close to its time is on time, whatever the grace says.
ON_TIME = timedelta(minutes=5)


@dataclass(frozen=True)
class Planner:
    """A conversation is one row per scheduled time and language, so a run missed while the bot was
    down is made up once, late, within the grace, and never twice."""

    policy: ConversationPolicy
    hosts: Facilitators
    library: PromptLibrary
    around: Surroundings  # the bot's account seeds its own rotation of prompts

    def schedule(self, session: Session) -> int:
        """Plan the next run (asking a host in time), open the one due, give up the missed ones."""
        policy, now, done = self.policy, self.around.clock(), 0
        if not policy.enabled:
            return 0
        upcoming = next_run(policy.cron, policy.timezone, now)
        if upcoming - policy.facilitator_notice <= now:
            self._plan(session, upcoming, ask=True)  # time to find a host
        due = due_run(policy.cron, policy.timezone, last_run=self._last_run(session), now=now, grace=self._grace)
        if due is not None:
            for conversation in self._plan(session, due, ask=False):
                if conversation.state in ("planned", "asking-host"):
                    self.open(session, conversation)
                    done += 1
        return done + self._drop_missed(session, now)

    def create(self, session: Session, prompt: ReflectionPrompt, language: str, *,
               scheduled_for: datetime | None, starts_at: datetime) -> Conversation:
        fmt = self.policy.format if self.policy.format in prompt.formats else prompt.formats[0]
        conversation = Conversation(
            prompt_id=prompt.id, language=language, format=fmt, state="planned", title=prompt.title,
            questions=list(prompt.questions), hashtag=self.policy.hashtag, host=None, host_name="",
            scheduled_for=scheduled_for, planned_at=starts_at, created_at=self.around.clock())
        session.add(conversation)
        session.flush()
        log.info("conversation %s planned: %s (%s, %s) at %s", conversation.id, prompt.id, language, fmt,
                 starts_at.isoformat())
        return conversation

    def open(self, session: Session, conversation: Conversation) -> None:
        """From now on the posts go out at their due times: counted from the planned start when on time,
        from now when late, so that downtime only delays them and never bunches them up."""
        now = self.around.clock()
        self.hosts.expire(conversation)
        conversation.state, conversation.opened_at = "open", now
        on_time = now - conversation.planned_at < self.policy.live_interval
        for kind, number, at in self._plan_posts(conversation, conversation.planned_at if on_time else now):
            session.add(ConversationPost(conversation=conversation, kind=kind, number=number, due_at=at,
                                         state="pending"))
        session.flush()
        log.info("conversation %s opens (%s, host %s)", conversation.id, conversation.prompt_id,
                 conversation.host or "the bot")

    @property
    def _grace(self) -> timedelta:
        return max(self.policy.grace, ON_TIME)

    @staticmethod
    def _last_run(session: Session) -> datetime | None:
        """The scheduled time of the last conversation that took place (or was given up)."""
        return session.scalar(select(Conversation.scheduled_for).where(
            Conversation.scheduled_for.is_not(None),
            (Conversation.opened_at.is_not(None)) | (Conversation.state == "closed"))
            .order_by(Conversation.scheduled_for.desc()).limit(1))

    def _plan(self, session: Session, when: datetime, *, ask: bool) -> list[Conversation]:
        """The conversations of scheduled time `when`, one per language, created if need be."""
        existing = {c.language: c for c in session.scalars(
            select(Conversation).where(Conversation.scheduled_for == when))}
        prompt_id = next(iter(existing.values())).prompt_id if existing else None
        for language in self.policy.languages:
            if language in existing or self._busy(session, language, when):
                continue
            try:
                prompt_id = prompt_id or self._choose_prompt(session, language)
                prompt = self.library.get(prompt_id, language)
            except (PromptError, UnknownPrompt, ValueError) as error:
                log.error("no conversation at %s: %s", when.isoformat(), error)
                return list(existing.values())
            conversation = self.create(session, prompt, language, scheduled_for=when, starts_at=when)
            existing[language] = conversation
            if ask and self.hosts.exist_for(language):
                conversation.state = "asking-host"  # the facilitators' step asks the next one in turn
        return [existing[lang] for lang in self.policy.languages if lang in existing]

    def _choose_prompt(self, session: Session, language: str) -> str:
        loaded = self.library.loaded()
        for problem in self.library.problems():
            log.warning("reflection prompts: %s", problem)
        known = list(dict.fromkeys(p.id for p in loaded))
        wanted = [i for i in self.policy.prompts if i in known] if self.policy.prompts else known
        unknown = [i for i in self.policy.prompts if i not in known]
        if unknown:
            log.warning("[conversations] prompts: no such prompt %s", ", ".join(unknown))
        fitting = [i for i in wanted if self.policy.format in self.library.get(i, language).formats]
        used = [row for row in session.scalars(select(Conversation.prompt_id).where(
            Conversation.scheduled_for.is_not(None)).order_by(Conversation.scheduled_for, Conversation.id))]
        return choose_prompt(fitting or wanted, used, self.policy.order, seed=self.around.bot_acct)

    def _busy(self, session: Session, language: str, when: datetime) -> bool:
        """A slow conversation still running at `when` in the same language: the new one is skipped
        (two weekly questions in one language would compete; live ones are over within the hour)."""
        for other in session.scalars(select(Conversation).where(
                Conversation.language == language, Conversation.state != "closed", Conversation.format == "slow")):
            if other.scheduled_for != when and other.planned_at < when < self._ends_at(other):
                log.info("conversation %s still runs at %s: that run is skipped", other.id, when.isoformat())
                return True
        return False

    def _ends_at(self, conversation: Conversation) -> datetime:
        if conversation.posts:
            return max(post.due_at for post in conversation.posts)
        return self._plan_posts(conversation, conversation.planned_at)[-1][2]

    def _plan_posts(self, conversation: Conversation, start: datetime) -> list[tuple[str, int, datetime]]:
        policy = self.policy
        plan = plan_conversation(len(conversation.questions), start, conversation.format,
                                 policy.live_interval, policy.slow_interval)
        posts = [(p.kind, p.n or 0, p.at) for p in plan]
        # The weaving waits one live interval after the closing: time for the last replies.
        return posts + [("digest", 1, plan[-1].at + policy.live_interval)]

    def _drop_missed(self, session: Session, now: datetime) -> int:
        """Conversations whose time passed beyond the grace while the bot was away are given up."""
        last = self._last_run(session)
        dropped = 0
        for conversation in session.scalars(select(Conversation).where(
                Conversation.state.in_(("planned", "asking-host")), Conversation.scheduled_for.is_not(None))):
            if conversation.scheduled_for + self._grace < now or (last and conversation.scheduled_for < last):
                conversation.state, conversation.closed_at = "closed", now
                self.hosts.expire(conversation)
                self.hosts.tell_missed(session, conversation)
                log.warning("conversation %s (%s) missed: the bot was not running at %s", conversation.id,
                            conversation.prompt_id, conversation.scheduled_for.isoformat())
                dropped += 1
        return dropped
