"""The open-conversation engine: plan, ask a host, post the thread at its due times, gather replies, weave, archive.

Every post is an outbox row keyed by the conversation (`conv:{id}:{kind}:{number}`), and every
planned post a database row with its due time: a restart, a re-run or downtime can delay a post,
never double it. A conversation is one row per scheduled time and language, so a run missed
while the bot was down is made up once, late, within the grace, and never twice.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.incoming import Incoming
from bot.delivery.keys import Key
from bot.delivery.outbox import Envelope, Outbox
from bot.features.conversations import replies as gathering
from bot.features.conversations.archive import write_archive
from bot.features.conversations.calendar import (
    choose_prompt,
    due_run,
    next_run,
    plan_conversation,
)
from bot.features.conversations.facilitators import Facilitators
from bot.features.conversations.policy import (
    OWN_KEYS,
    ConversationPolicy,
    who,
)
from bot.features.conversations.replies import OPT_OUT_TAGS
from bot.features.ports import Requests
from bot.language import weaving
from bot.language.messages import Messages, count_length
from bot.language.reflections import (
    PromptError,
    PromptLibrary,
    ReflectionPrompt,
    UnknownPrompt,
)
from bot.people.directory import Directory
from bot.people.roster import Roster
from bot.platform.backoff import RateGate
from bot.platform.errors import GatewayError, NotFound, NotYet
from bot.platform.events import Status
from bot.storage.models.conversations import (
    Conversation,
    ConversationContact,
    ConversationPost,
    ConversationReply,
    FacilitatorAsk,
)
from bot.storage.models.journeys import Relationship
from bot.storage.models.mentoring import Offer, Request
from bot.storage.models.people import Person
from bot.storage.store import Store
from bot.topics import vocabulary
from bot.understanding.asked_topics import detect_topics

log = logging.getLogger(__name__)

POST_TEMPLATE = "conversation_post"  # carries a text already written: a prompt's post, a part of the weaving
THREAD_KINDS = ("opening", "question", "followup", "closing")
# Host commands, by direct message: "relance : …" / "follow-up: …" and "clore" / "close".
_FOLLOW_UP = re.compile(r"^(?:relance[rz]?|follow[\s-]?up)\b\s*[:：—–-]?\s*(?P<text>\S.*)$",
                        re.IGNORECASE | re.DOTALL)
_CLOSE = re.compile(r"^(?:clore|cl[oô]turer|terminer|close|end)(?:\s+(?:la|the)?\s*conversation)?[\s.!]*$",
                    re.IGNORECASE)
_PASSED_ON = ("stop", "help", "status", "cancel")  # commands mentoring answers even inside a conversation
# The job runs every minute or so: a run this close to its time is on time, whatever the grace says.
ON_TIME = timedelta(minutes=5)


class Conversations:
    def __init__(self, *, policy: ConversationPolicy, library: PromptLibrary, store: Store, outbox: Outbox,
                 messages: Messages, gateway, directory: Directory, mentoring: Requests, roster: Callable[[], Roster],
                 clock: Callable[[], datetime], bot_acct: str, gate: RateGate, max_characters: int,
                 url_length: int | None):
        self.policy = policy
        self.library = library
        self.store = store
        self.outbox = outbox
        self.messages = messages
        self.gateway = gateway
        self.directory = directory  # who may be written to first
        self.mentoring = mentoring  # starts a request when a participant wants a mentor
        self.roster = roster
        self.clock = clock
        self.bot_acct = bot_acct
        self.gate = gate
        self.max_characters = max_characters
        self.url_length = url_length
        self.hosts = Facilitators(roster=roster, outbox=outbox, directory=directory, clock=clock)

    # --- the job --------------------------------------------------------------------------------

    def run(self) -> int:
        """Everything due, in order; idempotent. Returns how many things it did."""
        done = 0
        # Each step in its own transaction: a host who cannot be reached yet never holds the thread back.
        for step in (self._schedule, self.hosts.run_due, self._post_due):
            try:
                with self.store.transaction() as session:
                    done += step(session)
            except GatewayError as error:
                log.warning("open conversations: %s will run again (%s: %s)", step.__name__,
                            type(error).__name__, error)
        for conversation_id in self._closing_due():
            done += self._close(conversation_id)
        if self.policy.favourite_replies:
            done += self._favourite()
        return done

    def start_now(self, prompt_id: str, language: str | None = None) -> int:
        """Open a conversation on `prompt_id` at once, hosted by the bot; returns its id."""
        language = language or self.policy.languages[0]
        prompt = self.library.get(prompt_id, language)  # UnknownPrompt says which ids exist
        with self.store.transaction() as session:
            conversation = self._create(session, prompt, language, scheduled_for=None, starts_at=self.clock())
            self._open(session, conversation)
            conversation_id = conversation.id
        with self.store.transaction() as session:
            self._post_due(session)
        return conversation_id

    def opening_url(self, conversation_id: int) -> str | None:
        """Where people read the conversation, once its opening is out."""
        with self.store.transaction() as session:
            remote = Outbox.remote_id(session, keys.ConversationPost(conversation_id, "opening", 0))
        status = self.gateway.status(remote) if remote else None
        return status.link if status else None

    # --- when -----------------------------------------------------------------------------------

    def _schedule(self, session: Session) -> int:
        policy, now, done = self.policy, self.clock(), 0
        if not policy.enabled:
            return 0
        upcoming = next_run(policy.cron, policy.timezone, now)
        if upcoming - policy.facilitator_notice <= now:
            self._plan(session, upcoming, ask=True)  # time to find a host
        due = due_run(policy.cron, policy.timezone, last_run=self._last_run(session), now=now, grace=self._grace)
        if due is not None:
            for conversation in self._plan(session, due, ask=False):
                if conversation.state in ("planned", "asking-host"):
                    self._open(session, conversation)
                    done += 1
        return done + self._drop_missed(session, now)

    @property
    def _grace(self) -> timedelta:
        return max(self.policy.grace, ON_TIME)

    def _last_run(self, session: Session) -> datetime | None:
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
            conversation = self._create(session, prompt, language, scheduled_for=when, starts_at=when)
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
        return choose_prompt(fitting or wanted, used, self.policy.order, seed=self.bot_acct)

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
        plan = self._plan_posts(conversation, conversation.planned_at)
        return plan[-1][2]

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

    # --- the thread -----------------------------------------------------------------------------

    def _create(self, session: Session, prompt: ReflectionPrompt, language: str, *,
                scheduled_for: datetime | None, starts_at: datetime) -> Conversation:
        fmt = self.policy.format if self.policy.format in prompt.formats else prompt.formats[0]
        conversation = Conversation(
            prompt_id=prompt.id, language=language, format=fmt, state="planned", title=prompt.title,
            questions=list(prompt.questions), hashtag=self.policy.hashtag, host=None, host_name="",
            scheduled_for=scheduled_for, planned_at=starts_at, created_at=self.clock())
        session.add(conversation)
        session.flush()
        log.info("conversation %s planned: %s (%s, %s) at %s", conversation.id, prompt.id, language, fmt,
                 starts_at.isoformat())
        return conversation

    def _plan_posts(self, conversation: Conversation, start: datetime) -> list[tuple[str, int, datetime]]:
        policy = self.policy
        plan = plan_conversation(len(conversation.questions), start, conversation.format,
                                 policy.live_interval, policy.slow_interval)
        posts = [(p.kind, p.n or 0, p.at) for p in plan]
        # The weaving waits one live interval after the closing: time for the last replies.
        return posts + [("digest", 1, plan[-1].at + policy.live_interval)]

    def _open(self, session: Session, conversation: Conversation) -> None:
        """From now on the posts go out at their due times: counted from the planned start when on time,
        from now when late, so that downtime only delays them and never bunches them up."""
        now = self.clock()
        self.hosts.expire(conversation)
        conversation.state, conversation.opened_at = "open", now
        on_time = now - conversation.planned_at < self.policy.live_interval
        for kind, number, at in self._plan_posts(conversation, conversation.planned_at if on_time else now):
            session.add(ConversationPost(conversation=conversation, kind=kind, number=number, due_at=at,
                                         state="pending"))
        session.flush()
        log.info("conversation %s opens (%s, host %s)", conversation.id, conversation.prompt_id,
                 conversation.host or "the bot")

    def _post_due(self, session: Session) -> int:
        now, done = self.clock(), 0
        for conversation in session.scalars(select(Conversation).where(Conversation.state == "open")
                                            .order_by(Conversation.id)):
            due = sorted((p for p in conversation.posts
                          if p.state == "pending" and p.kind in THREAD_KINDS and p.due_at <= now),
                         key=lambda p: (p.due_at, p.id))
            for post in due:
                try:
                    self._publish(session, conversation, post)
                except (PromptError, UnknownPrompt) as error:
                    log.error("conversation %s: %s", conversation.id, error)
                    break  # fixed files let it go on at the next run
                done += 1
        return done

    def _context(self, conversation: Conversation) -> dict:
        host = who(conversation.host, conversation.host_name) if conversation.host else None
        return {"hashtag": conversation.hashtag, "hashtags": self.policy.extra_hashtags, "host": host,
                "starts_at": conversation.opened_at or conversation.planned_at, "format": conversation.format}

    def _publish(self, session: Session, conversation: Conversation, post: ConversationPost) -> None:
        tail = self._tail(session, conversation)
        envelope = Envelope((), "public", reply_to_key=tail)
        if post.kind == "followup":
            self.outbox.enqueue(session, _key(post), "conversation_followup", conversation.language, envelope,
                                host=self._context(conversation)["host"], n=post.number, question=post.text or "",
                                hashtags=[t for t in [conversation.hashtag, *self.policy.extra_hashtags] if t])
        else:
            prompt = self.library.get(conversation.prompt_id, conversation.language)
            context = self._context(conversation)
            if post.kind == "opening":
                text = self.library.render_opening(prompt, **context)
            elif post.kind == "question":
                text = self.library.render_question(prompt, post.number, **context)
            else:
                text = self.library.render_closing(prompt, **context)
            self.outbox.enqueue(session, _key(post), POST_TEMPLATE, conversation.language, envelope, text=text)
        post.state, post.posted_at = "posted", self.clock()

    def _tail(self, session: Session, conversation: Conversation) -> str | None:
        """The key of the thread's last post (its last part), which the next post answers."""
        last = self.outbox.latest(session, (_key(p) for p in conversation.posts
                                            if p.state == "posted" and p.kind in THREAD_KINDS))
        return self.outbox.last_part(session, last) if last else None

    # --- closing: gather, weave, thank, offer, archive --------------------------------------------

    def _closing_due(self) -> list[int]:
        now = self.clock()
        with self.store.transaction() as session:
            return list(session.scalars(select(ConversationPost.conversation_id).join(Conversation).where(
                Conversation.state == "open", ConversationPost.kind == "digest",
                ConversationPost.state == "pending", ConversationPost.due_at <= now)))

    def _close(self, conversation_id: int) -> int:
        with self.store.transaction() as session:
            conversation = session.get(Conversation, conversation_id)
            if any(p.state == "pending" and p.kind in THREAD_KINDS for p in conversation.posts):
                return 0  # the closing is not queued yet
            opening = Outbox.remote_id(session, keys.ConversationPost(conversation_id, "opening", 0))
            known_url = conversation.url
        if opening is None or not self.gate.is_open(self.clock()):
            return 0  # the opening is not out yet, or the rate limit says wait
        try:
            _, descendants = self.gateway.context(opening)
            if not known_url:
                status = self.gateway.status(opening)
                known_url = status.link if status else None
            self.gate.observe(self.gateway, self.clock())
        except GatewayError as error:
            log.warning("conversation %s: cannot read the thread yet (%s: %s)", conversation_id,
                        type(error).__name__, error)
            return 0
        with self.store.transaction() as session:
            conversation = session.get(Conversation, conversation_id)
            conversation.url = known_url
            for status in descendants:
                self._gather(session, conversation, status)
            authors = list(dict.fromkeys(r.author for r in conversation.replies))
        try:
            opted_out = {acct: self._opted_out(acct) for acct in authors}
        except GatewayError as error:
            log.warning("conversation %s: cannot check profiles yet (%s)", conversation_id, error)
            return 0
        with self.store.transaction() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation.state != "open":
                return 0
            self._weave(session, conversation, opted_out)
            for row in self._first_replies(conversation).values():  # those found only now are thanked too
                if not opted_out.get(row.author, True):
                    self._thank(session, conversation, row, check_profile=False)
            if self.policy.offer_mentor:
                self._offer_mentors(session, conversation, opted_out)
        if self.policy.archive_dir:
            self.write_archive()
        return 1

    @staticmethod
    def _first_replies(conversation: Conversation) -> dict[str, ConversationReply]:
        """Each participant's first reply, in the order they came."""
        firsts: dict[str, ConversationReply] = {}
        for row in sorted(conversation.replies, key=lambda r: r.created_at):
            firsts.setdefault(row.author, row)
        return firsts

    def _gather(self, session: Session, conversation: Conversation, status: Status) -> ConversationReply | None:
        """A status found in the thread: a participant's reply, not the bot's nor an answer to its DMs."""
        author = status.account
        if author.acct == self.bot_acct or author.bot or self.roster().is_blocked(author.acct):
            return None
        replied, key = self._replied_to(session, status)
        if replied and not isinstance(key, keys.ConversationPost):
            return None  # a reply to a direct message of the bot's, not to the conversation
        question = self._question_of(key) if isinstance(key, keys.ConversationPost) else None
        return gathering.record(session, conversation, status, question=question, now=self.clock())

    def _opted_out(self, acct: str) -> bool:
        """Never quoted: #nobot or #noindex on the profile, an account gone, or someone who said stop."""
        with self.store.transaction() as session:
            person = session.get(Person, acct)
            if person is not None and person.stopped_at:
                return True
        account = self.gateway.account(acct)
        self.gate.observe(self.gateway, self.clock())
        return account is None or any(account.profile_has_tag(tag) for tag in OPT_OUT_TAGS)

    def _weave(self, session: Session, conversation: Conversation, opted_out: dict[str, bool]) -> None:
        for row in conversation.replies:
            row.quotable = not opted_out.get(row.author, True) and not self.roster().is_blocked(row.author)
        replies = [gathering.as_reply(row) for row in conversation.replies]
        mentions = self._mentions(conversation, opted_out)
        prefix = " ".join("@" + acct for acct in mentions)
        reserved = count_length(prefix, url_length=self.url_length) + 1 if mentions else 0
        parts = weaving.weave(gathering.woven(conversation), replies, limit=self.max_characters - reserved,
                              lang=conversation.language, messages=self.messages, url_length=self.url_length)
        tail = self._tail(session, conversation)
        for number, part in enumerate(parts, 1):
            key = keys.ConversationPost(conversation.id, "digest", number)
            recipients = tuple(mentions) if number == len(parts) else ()
            self.outbox.enqueue(session, key, POST_TEMPLATE, conversation.language,
                                Envelope(recipients, "public", reply_to_key=tail), text=part)
            tail = self.outbox.last_part(session, key)
        now = self.clock()
        for post in conversation.posts:
            if post.kind == "digest":
                post.state, post.posted_at = "posted", now
        conversation.state, conversation.closed_at = "closed", now
        log.info("conversation %s closed: %d replies from %d people, weaving in %d post(s)", conversation.id,
                 len(replies), len(set(r.author_acct for r in replies)), len(parts))

    def _mentions(self, conversation: Conversation, opted_out: dict[str, bool]) -> list[str]:
        """Participants to @-mention in the weaving: none unless asked, never one who opted out, nor
        one who only replied privately (naming them in public would tell what they kept private)."""
        if not self.policy.mention_participants:
            return []
        people = [acct for acct in dict.fromkeys(r.author for r in conversation.replies
                                                 if r.visibility in weaving.QUOTABLE_VISIBILITIES)
                  if not opted_out.get(acct, True)]
        kept: list[str] = []
        for acct in people:  # a long list of names would leave no room for the weaving itself
            names = " ".join("@" + a for a in [*kept, acct])
            if count_length(names, url_length=self.url_length) > self.max_characters // 3:
                break
            kept.append(acct)
        return kept

    def _thank(self, session: Session, conversation: Conversation, row: ConversationReply, *,
               check_profile: bool = True) -> None:
        """A first-time participant is thanked once, by a direct reply only they see."""
        acct = row.author
        if acct == conversation.host or not gathering.is_first_time(session, acct, conversation.id):
            return
        if session.scalar(select(ConversationContact.id).where(
                ConversationContact.acct == acct, ConversationContact.kind == "thanks")) is not None:
            return
        if not self._may_thank(session, acct, check_profile):
            return
        contact = ConversationContact(acct=acct, kind="thanks", conversation_id=conversation.id, state="sent",
                                      created_at=self.clock())
        session.add(contact)
        self.outbox.enqueue(session, keys.contact(contact.kind, contact.acct), "conversation_thanks",
                            row.language or conversation.language, Envelope((acct,), "direct", row.status_id),
                            person=who(acct, row.author_name), title=conversation.title,
                            hashtag=conversation.hashtag)

    def _may_thank(self, session: Session, acct: str, check_profile: bool) -> bool:
        if not check_profile:  # at the closing, their profile was just read (the weaving's opt-outs)
            return not self.directory.is_stopped(session, acct)
        try:
            return self.directory.may_write_first(session, acct)
        except NotYet:
            return False  # their profile could not be read before their reply: no thanks, rather than no reply

    def _offer_mentors(self, session: Session, conversation: Conversation, opted_out: dict[str, bool]) -> None:
        """Each participant may be asked once whether they would like a mentor on the theme."""
        roster = self.roster()
        for acct, row in self._first_replies(conversation).items():
            if (acct == conversation.host or opted_out.get(acct, True) or roster.mentor(acct) is not None
                    or roster.is_blocked(acct)):
                continue
            if session.scalar(select(ConversationContact.id).where(
                    ConversationContact.acct == acct, ConversationContact.kind == "mentor")) is not None:
                continue
            if session.scalar(select(Request.id).where(Request.requester == acct, Request.state == "open")
                              .limit(1)) is not None or session.scalar(select(Relationship.id).where(
                                  Relationship.mentee == acct, Relationship.state == "active").limit(1)) is not None:
                continue  # already asking, or already accompanied
            contact = ConversationContact(acct=acct, kind="mentor", conversation_id=conversation.id, state="sent",
                                          created_at=self.clock())
            session.add(contact)
            self.outbox.enqueue(session, keys.contact(contact.kind, contact.acct), "conversation_mentor_offer",
                                row.language or conversation.language, Envelope((acct,), "direct"),
                                person=who(acct, row.author_name), title=conversation.title)

    def write_archive(self) -> list:
        """The archive of every past conversation in `archive_dir`, as Markdown and HTML pages."""
        with self.store.transaction() as session:
            entries = gathering.archive_entries(session)
        written = []
        try:
            for fmt in ("md", "html"):
                written += write_archive(entries, self.policy.archive_dir, fmt, timezone=self.policy.timezone,
                                         language=self.policy.languages[0])
        except OSError as error:
            log.error("cannot write the archive in %s: %s", self.policy.archive_dir, error)
        return written

    def _favourite(self) -> int:
        """Favourite the replies of open conversations, never those of someone who does not want bots around."""
        with self.store.transaction() as session:
            ids = list(session.scalars(select(ConversationReply.id).join(Conversation).where(
                Conversation.state == "open", ConversationReply.favourite == "",
                ConversationReply.visibility != "direct").order_by(ConversationReply.id).limit(20)))
        done = 0
        for reply_id in ids:
            if not self.gate.is_open(self.clock()):
                break
            try:
                with self.store.transaction() as session:
                    row = session.get(ConversationReply, reply_id)
                    if not self.directory.may_write_first(session, row.author):
                        row.favourite = "skipped"
                        continue
                    try:
                        self.gateway.favourite(row.status_id)
                    except NotFound:
                        row.favourite = "skipped"  # deleted meanwhile
                        continue
                    finally:
                        self.gate.observe(self.gateway, self.clock())
                    row.favourite = "done"
                    done += 1
            except GatewayError as error:
                log.warning("could not favourite a reply (%s); will try again", error)
                break
        return done

    # --- incoming statuses ----------------------------------------------------------------------

    def claim(self, session: Session, incoming: Incoming) -> tuple | None:
        """What answers the conversations' posts and messages, and the hosts' commands."""
        status, author, key = incoming.status, incoming.author, incoming.replies_to
        command = incoming.command.name if incoming.command else None
        if status.visibility == "direct":  # the host's "relance : …" or "clore", wherever it is written
            hosting = self._hosting(session, incoming)
            if hosting is not None:
                return hosting
        if isinstance(key, keys.ConversationPost):
            if command in _PASSED_ON:
                return None  # "stop" under a question is still a stop
            return "reply", key.conversation_id, self._question_of(key)
        if isinstance(key, keys.HostAsk) and command in ("yes", "no") and key.facilitator == author:
            ask = session.scalar(select(FacilitatorAsk).where(
                FacilitatorAsk.conversation_id == key.conversation_id, FacilitatorAsk.facilitator == author))
            if ask is not None:
                return "host-answer", ask, command == "yes"
        if isinstance(key, keys.ConversationMentorOffer) and command in ("yes", "no") and key.acct == author:
            return "mentor-answer", command == "yes"
        if key is None and status.in_reply_to_id:
            parent = gathering.known_reply(session, status.in_reply_to_id)
            if parent is not None and command not in _PASSED_ON:
                return "reply", parent.conversation_id, None
        if status.visibility == "direct" and command in ("yes", "no") and key is None:
            fresh = self._fresh_answer(session, author, command == "yes")
            if fresh is not None:
                return fresh
        if isinstance(key, OWN_KEYS) and command not in _PASSED_ON:
            return ("chatter",)  # "thanks!" under one of its messages needs no help text
        return None

    def act(self, session: Session, incoming: Incoming, claim: tuple) -> str:
        status = incoming.status
        match claim:
            case ("host-command", conversation, follow_up):
                return self._host_command(session, status, conversation, follow_up)
            case ("reply", conversation_id, question):
                return self._on_reply(session, status, conversation_id, question)
            case ("host-answer", ask, yes):
                return self.hosts.answer(session, status, ask, yes)
            case ("mentor-answer", yes):
                return self._mentor_answer(session, status, yes)
            case ("chatter",):
                return "conversation-chatter"
        raise ValueError(f"not a conversation claim: {claim!r}")

    def _replied_to(self, session: Session, status: Status) -> tuple[str | None, Key | None]:
        """Which of the bot's messages `status` answers: its stored key, and that key read."""
        replied = self.outbox.key_of_remote(session, status.in_reply_to_id) if status.in_reply_to_id else None
        return replied, keys.parse(replied)

    @staticmethod
    def _question_of(key: keys.ConversationPost) -> int | None:
        """The question a post of the thread asks: Qn, a follow-up; none for the others."""
        return key.number if key.post in ("question", "followup") else None

    def _on_reply(self, session: Session, status: Status, conversation_id: int, question: int | None) -> str:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            return "conversation-gone"
        if conversation.state != "open":
            return "conversation-closed"  # the weaving is out; later words stay in the thread
        row = gathering.record(session, conversation, status, question=question, now=self.clock())
        if row is None:
            return "conversation-seen"
        self._thank(session, conversation, row)
        return "conversation-reply"

    def _hosting(self, session: Session, incoming: Incoming) -> tuple | None:
        """A host's "relance : …" or "clore", for the open conversation they host."""
        body = incoming.text.strip()
        follow_up = _FOLLOW_UP.match(body)
        if not follow_up and not _CLOSE.match(body):
            return None
        conversation = session.scalar(select(Conversation).where(
            Conversation.state == "open", Conversation.host == incoming.author)
            .order_by(Conversation.id.desc()).limit(1))
        return ("host-command", conversation, follow_up) if conversation is not None else None

    def _host_command(self, session: Session, status: Status, conversation: Conversation,
                      follow_up: re.Match[str] | None) -> str:
        acct = status.account.acct
        now = self.clock()
        late = any(p.kind == "closing" and p.state == "posted" for p in conversation.posts)
        context = dict(person=who(acct, conversation.host_name), title=conversation.title, n=0, question="")
        if late:
            action = "too-late"
        elif follow_up:
            action = "followup"
            number = len(gathering.questions_of(conversation)) + 1
            text = " ".join(follow_up.group("text").split())
            session.add(ConversationPost(conversation=conversation, kind="followup", number=number, text=text,
                                         due_at=now, state="pending"))
            context.update(n=number, question=text)
        else:
            action = "closed"
            for post in conversation.posts:
                if post.state == "pending" and post.kind in ("question", "followup"):
                    post.state = "skipped"
                elif post.state == "pending":
                    post.due_at = min(post.due_at, now)  # the closing, then the weaving, right away
        session.flush()
        self.outbox.enqueue(session, keys.HostCommand(status.id), "conversation_host_ack", conversation.language,
                            Envelope((acct,), "direct", status.id), action=action, **context)
        log.info("conversation %s: host %s: %s", conversation.id, acct, action)
        return f"host-{action}"

    def _fresh_answer(self, session: Session, acct: str, yes: bool) -> tuple | None:
        """A bare "oui" by direct message: for the one question of ours waiting, unless an offer waits too."""
        if session.scalar(select(Offer.id).where(Offer.mentor == acct, Offer.state == "pending").limit(1)):
            return None  # mentoring asks which one
        asks = self.hosts.pending_for(session, acct) or self.hosts.lapsed_for(session, acct)
        if len(asks) == 1:
            return "host-answer", asks[0], yes
        if not asks and self._mentor_contact(session, acct, pending=True) is not None:
            return "mentor-answer", yes
        return None

    def _mentor_contact(self, session: Session, acct: str, *, pending: bool = False) -> ConversationContact | None:
        query = select(ConversationContact).where(ConversationContact.acct == acct,
                                                  ConversationContact.kind == "mentor")
        if pending:
            query = query.where(ConversationContact.state == "sent")
        return session.scalar(query)

    def _mentor_answer(self, session: Session, status: Status, yes: bool) -> str:
        acct = status.account.acct
        contact = self._mentor_contact(session, acct)
        if contact is None or contact.state != "sent":
            return "mentor-already-answered"
        contact.answered_at = self.clock()
        conversation = session.get(Conversation, contact.conversation_id) if contact.conversation_id else None
        if not yes:
            contact.state = "declined"
            self.outbox.enqueue(session, keys.ConversationMentorDeclined(acct), "conversation_mentor_declined",
                                status.language or (conversation.language if conversation else None),
                                Envelope((acct,), "direct", status.id), person=who(acct, status.account.name),
                                hashtag=self.policy.trigger_hashtag)
            return "mentor-declined"
        contact.state = "accepted"
        return "conversation-" + self.mentoring.open_request(session, status, topics=self._topics(status, conversation))

    def _topics(self, status: Status, conversation: Conversation | None) -> tuple[str, ...]:
        """What they said they want ("oui, en storytelling"), else the roster topics the theme names, else the theme."""
        roster = self.roster()
        said = detect_topics(status, hashtag=self.policy.trigger_hashtag, roster=roster)
        if said or conversation is None:
            return tuple(said)
        named = tuple(vocabulary(roster).find(conversation.title))
        return named or (conversation.title,)


def _key(post: ConversationPost) -> keys.ConversationPost:
    return keys.ConversationPost(post.conversation_id, post.kind, post.number)
