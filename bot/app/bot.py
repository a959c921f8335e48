"""The running bot: wires store, roster, inbox, domain and outbox around one gateway, and offers its jobs."""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable

from sqlalchemy.orm import Session

from bot.app.router import Note, Router, order
from bot.app.settings import Settings
from bot.delivery import keys
from bot.delivery.inbox import Inbox, hashtag_source, mention_source
from bot.delivery.incoming import Reading
from bot.delivery.incoming import read as read_incoming
from bot.delivery.outbox import Envelope, Outbox
from bot.delivery.sender import Sender
from bot.features.conversations import Conversations, Remote, Surroundings
from bot.features.conversations import policy_from as conversation_policy_from
from bot.features.conversations.calendar import due_run
from bot.features.journeys import JourneyPolicy, Journeys, Rhythm
from bot.features.mentoring import Mentoring, Policy
from bot.features.moderation.blocks import Blocks
from bot.features.moderation.moderation import Moderation
from bot.features.moderation.policy import ModerationPolicy
from bot.features.privacy.notice import Notice
from bot.features.privacy.privacy import Privacy
from bot.features.volunteering.volunteering import Volunteering
from bot.language.messages import Messages
from bot.language.reflections import PromptLibrary
from bot.people.directory import Directory
from bot.people.profiles import Profiles
from bot.people.roster_files import RosterSource, roster_problems
from bot.platform.backoff import RateGate
from bot.platform.errors import (
    GatewayError,
    NotFound,
    NotYet,
    RateLimited,
    Rejected,
    Unauthorized,
)
from bot.platform.events import Account, Status
from bot.platform.gateway import InstanceInfo
from bot.storage.store import Store

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def policy_from(settings: Settings) -> Policy:
    return Policy(
        hashtag=settings.hashtag, default_language=settings.default_language,
        reply_visibility=settings.reply_visibility, timezone=settings.timezone,
        offer_ttl=timedelta(hours=settings.offer_ttl_hours), circle_default=settings.circle_default,
        circle_max=settings.circle_max, max_open_requests=settings.max_open_requests)


def journey_policy_from(settings: Settings) -> JourneyPolicy:
    days = lambda n: timedelta(days=n)  # noqa: E731
    return JourneyPolicy(
        rhythms={"mentoring": Rhythm(days(settings.mentoring_horizon_days), days(settings.mentoring_checkin_days)),
                 "coaching": Rhythm(days(settings.coaching_horizon_days), days(settings.coaching_checkin_days))},
        fit_check_after=days(settings.fit_check_days), reminder_after=days(settings.reminder_days),
        stalled_after=days(settings.stalled_days), closing_grace=days(settings.closing_grace_days),
        extend_by=days(settings.extend_days), thread_visibility=settings.reply_visibility)


def moderation_policy_from(settings: Settings) -> ModerationPolicy:
    return ModerationPolicy(default_language=settings.default_language, timezone=settings.timezone,
                            digest_enabled=settings.moderation_digest_enabled,
                            digest_cron=settings.moderation_digest_cron)


MASTODON_COUNTING = ("mastodon", "hometown", "glitchsoc", "glitch-soc")


def url_length_of(instance: InstanceInfo) -> int | None:
    """Mastodon (and its forks) counts every link as 23 characters and a mention without its domain;
    GoToSocial, Pleroma, Akkoma and servers we do not know count the text as typed."""
    return 23 if instance.software in MASTODON_COUNTING else None


@dataclass(frozen=True)
class Connection:
    """What the bot learns by connecting, before anything is wired: the server, its own account, the roster."""

    gateway: object
    instance: InstanceInfo
    me: Account
    roster_source: RosterSource


def connect(settings: Settings, gateway) -> Connection:
    """The network step, kept out of every constructor: ask the server who we are, read the roster (a file or a URL)."""
    instance = gateway.instance()
    return Connection(gateway, instance, gateway.me(),
                      RosterSource(settings.roster, local_domain=instance.domain, cache_dir=settings.data_dir))


class Bot:
    """One bot on one account. Each public method is a job: idempotent, safe to run at any time."""

    def __init__(self, settings: Settings, connection: Connection, *, clock: Callable[[], datetime] = utcnow):
        self.settings = settings
        self.gateway = gateway = connection.gateway
        self.clock = clock
        self.last_poll: datetime | None = None  # when every source was last read through
        self.on_poll: Callable[[float], None] | None = None  # told each poll's duration (for /metrics)
        self.instance, self.me, self.roster_source = connection.instance, connection.me, connection.roster_source
        bot_acct, language = self.me.acct, settings.default_language
        self.store = Store(settings.database_url)
        self.messages = Messages(settings.prompts_dir, languages=settings.languages,
                                 default_language=language, timezone=settings.timezone)
        # The last good roster, with the blocks moderators added by command (kept in the database).
        self.blocks = Blocks(lambda: self.roster_source.current, self.store)
        roster = self.blocks.roster
        self.gate = gate = RateGate()  # one instance, one rate limit: reading and posting share it
        self.profiles = Profiles(gateway, clock=clock, gate=gate)
        self.directory = Directory(roster, self.profiles)
        self.outbox = Outbox(self.messages, max_characters=self.instance.max_characters, clock=clock,
                             url_length=url_length_of(self.instance),
                             # the privacy notice, once; nothing first to the forgotten
                             on_enqueue=Notice(roster=roster, clock=clock, bot_acct=bot_acct, default_language=language))
        self.sender = Sender(self.store, gateway, clock=clock, gate=gate, max_characters=self.instance.max_characters,
                             request_timeout=timedelta(seconds=settings.request_timeout_seconds))
        self.inbox = Inbox(
            self.store, [mention_source(gateway), hashtag_source(gateway, settings.hashtag)],
            self.handle, clock=clock,
            first_run_window=timedelta(hours=settings.first_run_window_hours), gate=gate,
            after_fetch=lambda: gate.observe(gateway, clock()), between_pages=self.sender.flush,
            before_claim=lambda status: self.profiles.look_ahead(self.store, status))
        self.stopping = self.inbox.stopping = self.sender.stopping  # SIGTERM: end the current job early
        self.journeys = Journeys(policy=journey_policy_from(settings), roster=roster, directory=self.directory,
                                 outbox=self.outbox, clock=clock, default_language=language,
                                 polls=self.instance.polls)
        self.mentoring = Mentoring(
            policy=policy_from(settings), roster=roster, outbox=self.outbox,
            profiles=self.profiles, clock=clock, bot_acct=bot_acct,
            journeys=self.journeys)
        self.privacy = Privacy(outbox=self.outbox, departures=self.journeys, matcher=self.mentoring, roster=roster,
                               clock=clock)
        self.volunteering = Volunteering(
            roster=roster, location=lambda: settings.roster, reload=self.roster_source.refresh, outbox=self.outbox,
            clock=clock, local_domain=self.instance.domain,
            default_language=language, directory=self.directory, self_service=settings.self_service)
        self.moderation = Moderation(
            policy=moderation_policy_from(settings), blocks=self.blocks, offers=self.mentoring,
            departures=self.journeys, directory=self.directory, outbox=self.outbox, lookup=gateway.account,
            clock=clock, bot_acct=bot_acct, local_domain=self.instance.domain, due_run=due_run,
            roster_problems=lambda: roster_problems(self.roster_source), candidacies=self.volunteering)
        self.conversations = Conversations(
            policy=conversation_policy_from(settings),
            library=PromptLibrary(settings.prompts_dir / "reflections", timezone=settings.timezone),
            around=Surroundings(self.store, self.outbox, self.directory, roster, clock, bot_acct),
            remote=Remote(gateway, gate, clock), mentoring=self.mentoring, messages=self.messages,
            max_characters=self.instance.max_characters, url_length=url_length_of(self.instance))
        reading = Reading(bot_acct=bot_acct, hashtag=settings.hashtag, default_language=language,
                          circle_default=settings.circle_default, circle_max=settings.circle_max)
        self.router = Router(
            lambda session, status: read_incoming(session, status, reading=reading, directory=self.directory,
                                                  today=lambda: clock().date()),
            order(moderation=self.moderation, privacy=self.privacy, volunteering=self.volunteering,
                  journeys=self.journeys, conversations=self.conversations),
            otherwise=self.mentoring.handle,
            notes=[Note("welcome back", self.privacy.returns, self.privacy.welcome_back)])
        log.info("connected to %s as %s (limit %d characters, %d mentors in the roster)",
                 self.instance.domain, bot_acct, self.instance.max_characters,
                 len(self.roster_source.current.mentors))

    @classmethod
    def connected(cls, settings: Settings, gateway, *, clock: Callable[[], datetime] = utcnow) -> Bot:
        """Connect, then wire: what the CLI, the service, the demo and the tests start with."""
        return cls(settings, connect(settings, gateway), clock=clock)

    def handle(self, session: Session, status: Status) -> str:
        if self._answers_an_unsettled_post(session, status):
            # It answers a post of ours we may not have recorded yet (its answer was lost): wait for the
            # outbox to find it, rather than ask "which offer?" about an offer we did make.
            raise NotYet(f"{status.id} answers {status.in_reply_to_id}, not yet known among our sent posts")
        outcome = self.router.handle(session, status)
        self.mentoring.offer_held(session)  # a request a feature opened (a refit) is offered in the same transaction
        return outcome

    def _answers_an_unsettled_post(self, session: Session, status: Status) -> bool:
        if not status.in_reply_to_id or status.in_reply_to_account_id != self.me.id:
            return False
        if Outbox.key_of_remote(session, status.in_reply_to_id) is not None:
            return False
        return Outbox.in_flight(session)

    def poll(self) -> int:
        started = time.monotonic()
        self.refresh_profiles()  # whom a request may be offered to: read before any claim
        handled = self.inbox.poll()
        if self.inbox.last_complete:
            self.last_poll = self.clock()  # what /readyz looks at
        if self.on_poll is not None:
            self.on_poll(time.monotonic() - started)
        return handled

    def flush(self) -> int:
        return self.sender.flush()

    def run_due(self) -> int:
        self.refresh_profiles()  # the next mentors to ask: read before the transaction
        try:
            with self.store.transaction() as session:
                return (self.mentoring.run_due(session) + self.journeys.run_due(session)
                        + self.privacy.run_due(session))
        except NotYet as waiting:
            log.info("due work waits for the next run: %s", waiting)
            return 0

    def refresh_profiles(self) -> int:
        """Read the mentors' profiles (#nobot) outside any transaction, so that deciding never waits on the network."""
        return self.profiles.refresh(self.store, [m.handle for m in self.blocks.roster().mentors])

    def run_conversations(self) -> int:
        """Open conversations: plan, ask hosts, post what is due, close and weave."""
        return self.conversations.run()

    def moderation_digest(self) -> int:
        """The moderators' weekly digest, when its time has come."""
        with self.store.transaction() as session:
            return self.moderation.digest(session)

    def reload_roster(self) -> None:
        """Pick up the moderators' edits; a broken edit keeps the last good roster and tells them once."""
        reload = self.roster_source.refresh()
        if reload is None or reload.loaded:
            if reload is not None:
                log.info("roster reloaded: %d mentors", len(self.roster_source.current.mentors))
            return
        problems = [str(p) for p in reload.problems]
        for problem in problems:
            log.error("roster: %s", problem)
        moderators = self.roster_source.current.moderators
        if not moderators:
            return
        # One message per broken edit: the same mistake made again after a fix is news again.
        digest = hashlib.sha256("\n".join(problems).encode()).hexdigest()[:12]
        key = keys.RosterErrors(digest, keys.stamp(self.clock()))
        with self.store.transaction() as session:
            self.outbox.enqueue(session, key, "mod_roster_errors",
                                self.settings.default_language, Envelope(tuple(moderators), "direct"),
                                path=str(self.settings.roster), problems=problems)

    def collect_polls(self) -> int:
        """Count the votes of closed feedback polls: read in one transaction, fetched, recorded in another."""
        with self.store.transaction() as session:
            to_read = self.journeys.polls_to_read(session)
        if not to_read:
            return 0
        results = [(step_id, [(key, self.gateway.poll_votes(remote)) for remote, key in polls])
                   for step_id, polls in to_read]
        with self.store.transaction() as session:
            return self.journeys.record_polls(session, results)

    def delete_statuses(self) -> int:
        """The bot's statuses that named someone forgotten: deleted on the server outside any transaction, retried."""
        with self.store.transaction() as session:
            due = self.privacy.deletions_due(session)
        results: list[tuple[int, str, str | None]] = []
        for row_id, remote_id in due:
            if not self.gate.is_open(self.clock()):
                break
            try:
                self.gateway.delete_status(remote_id)
                results.append((row_id, "deleted", None))
            except NotFound:
                results.append((row_id, "gone", None))
            except Unauthorized as error:
                if not str(error).startswith("403"):
                    raise  # the token itself was refused: nothing is given up, everything is tried again
                results.append((row_id, "refused", str(error)))  # the server does not allow this deletion
            except Rejected as error:
                results.append((row_id, "refused", str(error)))
            except RateLimited as error:
                self.gate.shut_for_reset(error.retry_at, self.clock(), self.sender.backoff.delay(1))
                results.append((row_id, "retry", "rate limited"))
                break
            except GatewayError as error:
                results.append((row_id, "retry", f"{type(error).__name__}: {error}"))
            self.gate.observe(self.gateway, self.clock())
        if not results:
            return 0
        with self.store.transaction() as session:
            return self.privacy.record_deletions(session, results, self.sender.backoff.delay)

    def tick(self) -> None:
        """Everything once, in order: what tests and the demo drive step by step."""
        self.reload_roster()
        self.poll()
        self.run_due()
        self.run_conversations()
        self.moderation_digest()
        self.collect_polls()
        self.delete_statuses()
        self.flush()

    def close(self) -> None:
        self.store.close()


def guarded(job: Callable[[], object], name: str) -> Callable[[], None]:
    """A job never kills the scheduler: errors are logged, and the next run tries again."""

    def run() -> None:
        try:
            job()
        except Unauthorized:
            log.critical("%s: the instance refused the access token; check MENTORAT_ACCESS_TOKEN", name)
        except Exception:
            log.exception("%s failed; will run again", name)

    run.__name__ = name
    return run
