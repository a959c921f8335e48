"""The mentoring journey: from the introduction to the closing, through the article's three phases.

1. get to know each other (the introduction asks; a fit check after a week),
2. set a direction (the learning contract: goals, commitment, review date),
3. strengthen the ties (check-ins at the kind's rhythm, a mid-point pulse),
then the closing: a retrospective and a rating from each side, and an invitation to pass it on.

Every due step is a row with its due time, so downtime only delays it, and its outbox key is derived
from that row, so it is never sent twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.incoming import Incoming
from bot.delivery.keys import Key
from bot.delivery.outbox import Envelope, Outbox, Poll
from bot.features.ports import OPEN_STATES
from bot.language import contract as contracts
from bot.language import feedback
from bot.people.directory import named
from bot.people.roster import Roster
from bot.people.visibility import at_most_as_visible, readable_by_anyone
from bot.platform.events import Status
from bot.storage.models.journeys import Answer, Contract, Journey, Relationship, Step
from bot.storage.models.mentoring import Request
from bot.storage.models.people import Person
from bot.understanding.commands import parse_command
from bot.understanding.text import strip_leading_mentions

log = logging.getLogger(__name__)

# Steps that expect an answer get one gentle reminder.
REMINDED = frozenset({"fit", "contract", "checkin", "closing"})
# Steps that carry a poll where the server has polls.
POLLED = frozenset({"fit", "pulse", "closing"})
# Steps whose answers are read as answers even when they start like a command.
ANSWERED_FIRST = frozenset({"fit", "refit", "pulse", "closing"})


@dataclass(frozen=True)
class Rhythm:
    horizon: timedelta
    checkin_every: timedelta


@dataclass(frozen=True)
class JourneyPolicy:
    """How long each kind lasts and how often the bot checks in; all configurable."""

    rhythms: dict[str, Rhythm] = field(default_factory=lambda: {
        "mentoring": Rhythm(timedelta(days=91), timedelta(days=14)),
        "coaching": Rhythm(timedelta(days=28), timedelta(days=7)),
    })
    fit_check_after: timedelta = timedelta(days=7)
    reminder_after: timedelta = timedelta(days=3)
    stalled_after: timedelta = timedelta(days=21)
    closing_grace: timedelta = timedelta(days=7)
    extend_by: timedelta = timedelta(days=28)
    thread_visibility: str = "unlisted"  # of the messages that go to the request's thread, once all agree

    def rhythm(self, kind: str) -> Rhythm:
        # Reverse mentoring and peer pairs are mentoring in their length and pace.
        return self.rhythms.get(kind) or self.rhythms["mentoring"]


class Journeys:
    def __init__(self, *, policy: JourneyPolicy, roster: Callable[[], Roster], outbox: Outbox,
                 clock: Callable[[], datetime], bot_acct: str, default_language: str = "fr", polls: bool = False):
        self.polls = polls  # the server has polls: feedback can be a click as well as a reply
        self.policy = policy
        self.roster = roster
        self.outbox = outbox
        self.clock = clock
        self.bot_acct = bot_acct
        self.default_language = default_language

    # --- beginning ------------------------------------------------------------------------------

    def seat(self, session: Session, request: Request, mentor: str, seat: int) -> Journey:
        """A mentor accepted: the journey starts with the first one; each later one joins the circle."""
        now = self.clock()
        journey = session.scalar(select(Journey).where(Journey.request_id == request.id))
        if journey is None:
            rhythm = self.policy.rhythm(request.kind)
            public = readable_by_anyone(request.visibility)
            journey = Journey(request_id=request.id, mentee=request.requester, kind=request.kind,
                              topics=list(request.topics), language=request.language, state="active",
                              phase="acquaintance", started_at=now, horizon_at=now + rhythm.horizon,
                              last_activity_at=now, thread_status_id=request.status_id if public else None,
                              thread_visibility=at_most_as_visible(self.policy.thread_visibility, request.visibility)
                              if public else None, public_consent=[])
            session.add(journey)
            session.flush()
            self._plan(session, journey, "fit", now + self.policy.fit_check_after)
            # Without an answer to the fit check, the contract is proposed anyway once its reminder is past.
            self._plan(session, journey, "contract", now + self.policy.fit_check_after + 2 * self.policy.reminder_after)
            self._plan(session, journey, "pulse", now + rhythm.horizon / 2)
            self._plan(session, journey, "horizon", journey.horizon_at)
        session.add(Relationship(request_id=request.id, journey=journey, mentor=mentor, mentee=request.requester,
                                 kind=request.kind, topics=list(request.topics), state="active", seat=seat,
                                 started_at=now))
        session.flush()
        self._send(session, journey, keys.Introduction(request.id, mentor), "intro",
                   reply_to_status_id=request.status_id,
                   requester=self.who(session, journey.mentee), mentors=self._mentors(session, journey),
                   joining=self._person(mentor) if len(journey.mentors) > 1 else None,
                   can_go_public=journey.thread_status_id is not None)
        return journey

    def _plan(self, session: Session, journey: Journey, kind: str, due: datetime, number: int = 0) -> Step:
        step = session.scalar(select(Step).where(Step.journey_id == journey.id, Step.kind == kind,
                                                 Step.number == number))
        if step is None:
            step = Step(journey=journey, kind=kind, number=number, due_at=due, state="pending")
            session.add(step)
            session.flush()
        return step

    def _now(self, session: Session, step: Step) -> None:
        """A step an answer makes due: sent at once rather than at the next round of due steps."""
        if step.state == "pending":
            step.due_at = min(step.due_at, self.clock())
            self._fire(session, step)

    # --- due steps ------------------------------------------------------------------------------

    def run_due(self, session: Session) -> int:
        now = self.clock()
        done = 0
        due = session.scalars(select(Step).join(Journey).where(
            Step.state == "pending", Step.due_at <= now, Journey.state == "active").order_by(Step.due_at, Step.id))
        for step in list(due):
            self._fire(session, step)
            done += 1
        for step in list(session.scalars(select(Step).join(Journey).where(
                Step.state == "sent", Step.reminded_at.is_(None), Step.kind.in_(REMINDED),
                Step.sent_at <= now - self.policy.reminder_after, Journey.state == "active"))):
            step.reminded_at = now
            self._send(session, step.journey, keys.StepReminder(step.id), "step_reminder",
                       reply_to_key=keys.Step(step.id), step=step.kind, **self._context(session, step.journey))
            done += 1
        for step in list(session.scalars(select(Step).join(Journey).where(
                Step.kind == "horizon", Step.state == "sent", Journey.state == "active",
                Step.sent_at <= now - self.policy.closing_grace))):
            self._end(session, step.journey, state="expired", reason="lapsed", by=None)
            done += 1
        done += self._flag_stalled(session, now)
        return done

    def _fire(self, session: Session, step: Step) -> None:
        journey, now = step.journey, self.clock()
        step.state, step.sent_at = "sent", now
        context = self._context(session, journey)
        if step.kind == "fit":
            self._send(session, journey, keys.Step(step.id), "fit_check", poll=self._poll("poll_fit", journey),
                       **context)
        elif step.kind == "contract":
            journey.phase = "direction"
            self._send(session, journey, keys.Step(step.id), "contract_proposal", **context)
            if not any(s.kind == "checkin" for s in journey.steps):  # check-ins go on, contract or not
                self._next_checkin(session, journey, after=step.due_at, number=1)
        elif step.kind == "checkin":
            self._send(session, journey, keys.Step(step.id), "checkin", number=step.number, **context)
            self._next_checkin(session, journey, after=step.due_at, number=step.number + 1)
        elif step.kind == "pulse":
            self._send(session, journey, keys.Step(step.id), "pulse", poll=self._poll("poll_scale", journey),
                       **context)
        elif step.kind == "review":
            self._send(session, journey, keys.Step(step.id), "review", **context)
        elif step.kind == "horizon":
            self._send(session, journey, keys.Step(step.id), "horizon", **context)
        elif step.kind == "closing":
            journey.phase = "closed"
            ended_together = [s.mentor for s in journey.seats if s.ended_at == journey.ended_at]
            for member in self._reachable(session, journey, [journey.mentee, *ended_together]):
                self._send(session, journey, keys.Step(step.id, member), "closing", to=(member,),
                           poll=self._poll("poll_scale", journey),
                           me=self.who(session, member), is_mentee=member == journey.mentee,
                           is_mentor_already=self.roster().mentor(member) is not None, **context)

    def _next_checkin(self, session: Session, journey: Journey, *, after: datetime, number: int) -> None:
        every = self._checkin_every(journey)
        due = after + every
        if due < journey.horizon_at - every / 2:  # the horizon message does the last review
            self._plan(session, journey, "checkin", due, number)

    def _checkin_every(self, journey: Journey) -> timedelta:
        if journey.contract is not None and journey.contract.every_days:
            # Never more often than weekly: the bot accompanies, it does not nag.
            return timedelta(days=max(7, journey.contract.every_days))
        return self.policy.rhythm(journey.kind).checkin_every

    def _flag_stalled(self, session: Session, now: datetime) -> int:
        flagged = 0
        for journey in list(session.scalars(select(Journey).where(
                Journey.state == "active", Journey.stalled_at.is_(None),
                Journey.last_activity_at <= now - self.policy.stalled_after))):
            journey.stalled_at = now
            moderators = self.roster().moderators
            if moderators:
                self.outbox.enqueue(
                    session, keys.Stalled(journey.id, f"{now:%Y%m%d}"), "mod_stalled", self.default_language,
                    Envelope(tuple(moderators), "direct"), journey_id=journey.id,
                    requester=self.who(session, journey.mentee), mentors=self._mentors(session, journey),
                    silent_days=(now - journey.last_activity_at).days, kind=journey.kind, topics=journey.topics)
            log.info("journey %s stalled: no answer for %d days", journey.id, (now - journey.last_activity_at).days)
            flagged += 1
        return flagged

    # --- incoming -------------------------------------------------------------------------------

    def claim(self, session: Session, incoming: Incoming) -> tuple | None:
        """What belongs to a journey: answers to its messages, and journey commands from its members."""
        author, text = incoming.author, incoming.text
        journey, step = self._target(session, incoming.replies_to)
        command = incoming.journey_command
        if command is not None and command.name in ("my-data", "forget-me"):
            return None  # the privacy module answers those
        parsed = incoming.command
        pause = parsed is not None and parsed.name in ("pause", "resume") and not parsed.argument
        if journey is None and incoming.addressed:
            # Not a reply: "pause" from a roster mentor is about their availability, not a journey.
            if command is not None or contracts.looks_like_contract(text) or (
                    pause and self.roster().mentor(author) is None):
                journey = self._only_journey(session, author)
        if journey is None or author not in self._everyone(journey):
            return None
        return journey, step

    def act(self, session: Session, incoming: Incoming, claim: tuple) -> str:
        (journey, step), status, text = claim, incoming.status, incoming.text
        command, parsed = incoming.journey_command, incoming.command
        pause = parsed is not None and parsed.name in ("pause", "resume") and not parsed.argument
        journey.last_activity_at = self.clock()
        journey.stalled_at = None
        if command is not None and command.name == "ask-help":
            return self._ask_help(session, status, journey)
        if step is not None and step.kind in ANSWERED_FIRST:
            return self._answer(session, status, journey, step, text)  # "Objectif atteint ! J'ai appris…"
        if command is not None:
            return self._command(session, status, journey, command)
        if pause:
            return self._pause(session, status, journey, parsed.name == "pause")
        if step is not None and step.kind != "intro":
            return self._answer(session, status, journey, step, text)
        if contracts.looks_like_contract(text):
            return self._contract(session, status, journey, text)
        return "journey-talk"

    @staticmethod
    def _target(session: Session, key: Key | None) -> tuple[Journey | None, Step | None]:
        """The journey and step a reply answers, found through the key of the message it replies to."""
        match key:
            case keys.Step(step_id=step_id) | keys.StepReminder(step_id=step_id):
                step = session.get(Step, step_id)
                return (step.journey, step) if step else (None, None)
            case keys.Introduction(request_id=request_id):
                return session.scalar(select(Journey).where(Journey.request_id == request_id)), None
            case keys.JourneyEvent(journey_id=journey_id):
                return session.get(Journey, journey_id), None
        return None, None

    def _only_journey(self, session: Session, acct: str) -> Journey | None:
        """A direct message that is not a reply: the journey is obvious only when the person has one."""
        open_journeys = self.open_journeys(session, acct)
        return open_journeys[0] if len(open_journeys) == 1 else None

    def open_journeys(self, session: Session, acct: str) -> list[Journey]:
        as_mentor = select(Relationship.journey_id).where(Relationship.mentor == acct,
                                                          Relationship.state.in_(OPEN_STATES))
        return list(session.scalars(select(Journey).where(
            Journey.state.in_(OPEN_STATES), (Journey.mentee == acct) | Journey.id.in_(as_mentor)).order_by(Journey.id)))

    def _answer(self, session: Session, status: Status, journey: Journey, step: Step, text: str) -> str:
        author, now = status.account.acct, self.clock()
        if step.kind == "fit":
            fit = feedback.read_fit(text)
            if fit is None:
                return self._unclear(session, status, journey, "fit")
            self._record(session, journey, author, "fit", 1 if fit == "yes" else 0, text)
            step.state, step.answered_at = "answered", now
            if fit == "no" and author == journey.mentee:
                refit = self._plan(session, journey, "refit", now)
                refit.state, refit.sent_at = "sent", now
                self._send(session, journey, keys.Step(refit.id), "refit_offer", to=(journey.mentee,),
                           reply_to_status_id=status.id, **self._context(session, journey))
                return "fit-no"
            if fit == "yes" and journey.phase == "acquaintance":
                self._now(session, self._plan(session, journey, "contract", now))
                return "fit-yes"
            return f"fit-{fit}"
        if step.kind == "refit":
            answer = parse_command(text, today=self._today())
            if answer is None or answer.name not in ("yes", "no"):
                return self._unclear(session, status, journey, "refit")
            step.state, step.answered_at = "answered", now
            if answer.name == "no":
                if journey.phase == "acquaintance":
                    self._now(session, self._plan(session, journey, "contract", now))
                return "refit-no"
            return self._rematch(session, status, journey)
        if step.kind in ("contract", "review") or contracts.looks_like_contract(text):
            step.state, step.answered_at = "answered", step.answered_at or now
            if contracts.looks_like_contract(text):
                return self._contract(session, status, journey, text)
            self._record(session, journey, author, step.kind, None, text)
            return f"{step.kind}-answer"
        if step.kind == "pulse":
            score = feedback.read_pulse(text)
            if score is None:
                return self._unclear(session, status, journey, "pulse")
            step.state, step.answered_at = "answered", now
            self._record(session, journey, author, "pulse", score, text)
            return "pulse"
        if step.kind == "closing":
            retro = feedback.read_retrospective(text)
            step.state, step.answered_at = "answered", now
            self._record(session, journey, author, "retrospective",
                         retro.rating.score if retro.rating else None, retro.comment,
                         learned=retro.learned, received=retro.received, given=retro.given)
            self._reply(session, status, journey, "retro_thanks", rated=retro.rating is not None,
                        is_mentor_already=self.roster().mentor(author) is not None)
            return "retrospective"
        if step.kind == "horizon":
            return self._unclear(session, status, journey, "horizon")
        step.state, step.answered_at = "answered", step.answered_at or now
        self._record(session, journey, author, "checkin", None, text)
        return "checkin"

    def _contract(self, session: Session, status: Status, journey: Journey, text: str) -> str:
        previous = journey.contract
        reading = contracts.read_contract(text, today=self._today(), previous=self._as_contract(previous))
        if reading.contract is None or not reading.contract.goals:
            self._reply(session, status, journey, "contract_problems", problems=list(reading.problems or ("no-goal",)))
            return "contract-unclear"
        found, now = reading.contract, self.clock()
        if previous is None:
            previous = Contract(journey=journey, revision=0)
            session.add(previous)
        previous.goals, previous.commitment = list(found.goals), found.commitment
        previous.every_days, previous.review_on = found.every_days, found.review_on
        previous.revision += 1
        previous.updated_at = now
        session.flush()
        if journey.phase in ("acquaintance", "direction"):
            journey.phase = "ties"
            self._next_checkin(session, journey, after=now, number=1)
        if found.review_on:
            review = self._plan(session, journey, "review", self._at_noon(found.review_on), number=previous.revision)
            review.due_at = self._at_noon(found.review_on)
        self._reply(session, status, journey, "contract_confirmed", contract=self._contract_view(previous),
                    problems=list(reading.problems), complete=reading.complete(), revised=previous.revision > 1)
        return "contract"

    def _rematch(self, session: Session, status: Status, journey: Journey) -> str:
        """"Pas vraiment": end kindly, without blame, and look for someone else on the same request."""
        request = session.get(Request, journey.request_id) if journey.request_id else None
        former = self._seat_mentors(journey)
        self._end(session, journey, state="completed", reason="refit", by=journey.mentee, closing=False)
        for mentor in former:
            self._send(session, journey, keys.JourneyEvent(journey.id, "refit", mentor), "refit_mentor", to=(mentor,),
                       mentor=self._person(mentor), **self._context(session, journey))
        if request is None:
            return "refit"
        new = Request(status_id=status.id, requester=request.requester,
                      requester_name=request.requester_name, text=request.text, url=request.url,
                      visibility="direct", language=request.language, kind=request.kind,
                      topics=list(request.topics), circle_size=request.circle_size, state="open",
                      excluded=sorted({*request.excluded, *former}), created_at=self.clock(), updated_at=self.clock())
        session.add(new)
        session.flush()
        self._reply(session, status, journey, "refit_started")
        return "refit"  # an open request nobody was asked for yet: mentoring asks its mentors in this transaction

    # --- commands ---------------------------------------------------------------------------------

    def _command(self, session: Session, status: Status, journey: Journey, command) -> str:
        author = status.account.acct
        if journey.state not in OPEN_STATES and command.name != "contract":
            self._reply(session, status, journey, "journey_over", state=journey.state)
            return "journey-over"
        if command.name in ("public", "private"):
            return self._thread(session, status, journey, public=command.name == "public")
        if command.name == "contract":
            self._reply(session, status, journey, "contract_show",
                        contract=self._contract_view(journey.contract) if journey.contract else None)
            return "contract-show"
        if command.name == "extend":
            return self._extend(session, status, journey, command)
        if command.name in ("end", "end-goal-reached"):
            reason = "goal-reached" if command.name == "end-goal-reached" else "ended-early"
            if author != journey.mentee and len(self._seat_mentors(journey)) > 1:
                self._leave(session, journey, author, state="completed")
                self._reply(session, status, journey, "left_circle")
                return "left-circle"
            self._end(session, journey, state="completed", reason=reason, by=author)
            return "ended"
        return "journey-talk"

    def _ask_help(self, session: Session, status: Status, journey: Journey) -> str:
        """Someone asks for help: moderators see this relationship's answers, which they otherwise never do."""
        moderators = self.roster().moderators
        if moderators:
            answers = session.scalars(select(Answer).where(Answer.journey_id == journey.id).order_by(Answer.id))
            self.outbox.enqueue(
                session, keys.ModeratorsHelp(status.id), "mod_help_request", self.default_language,
                Envelope(tuple(moderators), "direct"), by=self.who(session, status.account.acct),
                message=strip_leading_mentions(status.text)[:400], state=journey.state,
                started_at=journey.started_at, answers=[
                    {"kind": a.kind, "score": a.score, "by": self.who(session, a.author) if a.author else None,
                     "at": a.created_at} for a in answers if a.kind in ("fit", "pulse", "rating", "retrospective")],
                **self._context(session, journey))
        self._reply(session, status, journey, "help_requested", told=bool(moderators))
        log.info("journey %s: %s asked the moderators for help", journey.id, status.account.acct)
        return "ask-help"

    def _thread(self, session: Session, status: Status, journey: Journey, *, public: bool) -> str:
        """In the request's public thread only when the request was public and everyone agrees."""
        author = status.account.acct
        if journey.thread_status_id is None:
            self._reply(session, status, journey, "journey_thread", state="unavailable", by=None, waiting_for=[])
            return "thread-unavailable"
        was_public = journey.in_thread
        consent = [a for a in journey.public_consent or () if a != author]
        journey.public_consent = consent + [author] if public else consent
        waiting = [a for a in journey.members if a not in journey.public_consent]
        state = "public" if journey.in_thread else ("waiting" if public else "private")
        if was_public and not public or public and not was_public:
            # Said to everyone, privately: the switch itself is never announced in public.
            self._send(session, journey, keys.JourneyEvent(journey.id, "thread", status.id), "journey_thread",
                       state=state, by=self.who(session, author),
                       waiting_for=[self.who(session, a) for a in waiting], direct=True,
                       **self._context(session, journey))
        return f"thread-{state}"

    def _extend(self, session: Session, status: Status, journey: Journey, command) -> str:
        now = self.clock()
        if command.until is not None:
            horizon = max(self._at_noon(command.until), now + timedelta(days=1))
        else:
            horizon = max(journey.horizon_at, now) + (timedelta(days=command.days) if command.days
                                                       else self.policy.extend_by)
        journey.horizon_at = horizon
        if journey.state == "active":
            journey.phase = "ties" if journey.phase == "closing" else journey.phase
        extensions = sum(1 for s in journey.steps if s.kind == "horizon")
        for step in journey.steps:
            if step.kind == "horizon" and step.state in ("pending", "sent"):
                step.state = "skipped"
        self._plan(session, journey, "horizon", horizon, number=extensions)
        last_checkin = max((s for s in journey.steps if s.kind == "checkin"), key=lambda s: s.number, default=None)
        if last_checkin is None or last_checkin.state != "pending":
            self._next_checkin(session, journey, after=now,
                               number=(last_checkin.number + 1) if last_checkin else 1)
        self._send(session, journey, keys.JourneyEvent(journey.id, "extended", status.id), "extended",
                   reply_to_status_id=status.id, by=self.who(session, status.account.acct),
                   **self._context(session, journey))
        return "extended"

    def _pause(self, session: Session, status: Status, journey: Journey, pause: bool) -> str:
        now = self.clock()
        if journey.state not in OPEN_STATES:
            self._reply(session, status, journey, "journey_over", state=journey.state)
            return "journey-over"
        if pause and journey.state == "active":
            journey.state, journey.paused_at, journey.paused_by = "paused", now, status.account.acct
            for seat in journey.seats:
                if seat.state == "active":
                    seat.state = "paused"
        elif not pause and journey.state == "paused":
            # The pause does not eat the journey: what was due is pushed back by as long as it lasted.
            gap = now - (journey.paused_at or now)
            for step in journey.steps:
                if step.state == "pending":
                    step.due_at += gap
            journey.horizon_at += gap
            journey.state, journey.paused_at, journey.paused_by = "active", None, None
            for seat in journey.seats:
                if seat.state == "paused":
                    seat.state = "active"
        else:
            return "journey-pause-noop"
        self._send(session, journey, keys.JourneyEvent(journey.id, "paused" if pause else "resumed", status.id),
                   "journey_paused" if pause else "journey_resumed", reply_to_status_id=status.id,
                   by=self.who(session, status.account.acct), **self._context(session, journey))
        return "journey-paused" if pause else "journey-resumed"

    # --- ending -----------------------------------------------------------------------------------

    def _end(self, session: Session, journey: Journey, *, state: str, reason: str, by: str | None,
             closing: bool = True) -> None:
        """Completed, cancelled or expired: seats free up, pending steps are dropped, the closing is asked."""
        now = self.clock()
        members = journey.members
        journey.state, journey.end_reason, journey.ended_at = state, reason, now
        journey.phase = "closing" if closing else "closed"
        for seat in journey.seats:
            if seat.state in OPEN_STATES:
                seat.state, seat.ended_at = state, now
        for step in journey.steps:
            if step.state == "pending" or (step.state == "sent" and step.kind == "horizon"):
                step.state = "skipped"
        if closing:
            closing_step = self._plan(session, journey, "closing", now)
            if by is not None:
                self._send(session, journey, keys.JourneyEvent(journey.id, "ended"), "ended", reason=reason, to=members,
                           still_open=False,
                           by=self.who(session, by), **self._context(session, journey))
            journey.state = state
            self._fire(session, closing_step)
        log.info("journey %s %s (%s)", journey.id, state, reason)

    def _leave(self, session: Session, journey: Journey, mentor: str, *, state: str) -> None:
        for seat in journey.seats:
            if seat.mentor == mentor and seat.state in OPEN_STATES:
                seat.state, seat.ended_at = state, self.clock()
        self._send(session, journey, keys.JourneyEvent(journey.id, "left", mentor), "circle_left",
                   to=(journey.mentee, *self._seat_mentors(journey)), leaving=self._person(mentor),
                   **self._context(session, journey))

    def end_for(self, session: Session, acct: str, *, reason: str) -> int:
        """Someone leaves for good (stop, forget me, blocked): their journeys end without asking them anything."""
        ended = 0
        for journey in self.open_journeys(session, acct):
            others = [m for m in journey.members if m != acct]
            if acct == journey.mentee or len(self._seat_mentors(journey)) <= 1:
                self._end(session, journey, state="cancelled", reason=reason, by=None, closing=False)
            else:
                for seat in journey.seats:
                    if seat.mentor == acct and seat.state in OPEN_STATES:
                        seat.state, seat.ended_at = "cancelled", self.clock()
            # The others hear it once; someone forgotten is not even named.
            self._send(session, journey, keys.JourneyEvent(journey.id, "gone", f"{self.clock():%Y%m%d%H%M%S}:{len(others)}"),
                       "ended", to=others, reason=reason, still_open=journey.state in OPEN_STATES,
                       by=None if reason == "forgotten" else self.who(session, acct), **self._context(session, journey))
            ended += 1
        return ended

    # --- messages ---------------------------------------------------------------------------------

    def _send(self, session: Session, journey: Journey, key: Key, template: str, *,
              to: tuple[str, ...] | list[str] | None = None, reply_to_status_id: str | None = None,
              reply_to_key: Key | None = None, poll: Poll | None = None, direct: bool = False, **context) -> None:
        recipients = tuple(self._reachable(session, journey, to if to is not None else journey.members))
        if not recipients:
            return
        context.setdefault("kind", journey.kind)
        context.setdefault("topics", journey.topics)
        visibility = "direct"
        if to is None and not direct and journey.in_thread:  # what is for everyone in it, where they chose
            visibility, reply_to_status_id = journey.thread_visibility, reply_to_status_id or journey.thread_status_id
        self.outbox.enqueue(session, key, template, journey.language,
                            Envelope(recipients, visibility, reply_to_status_id, reply_to_key, poll), **context)

    def _poll(self, template: str, journey: Journey) -> Poll | None:
        """Poll options come from a template, one per line; open until the step's reminder."""
        if not self.polls:
            return None
        text = self.outbox.messages.render(template, journey.language)
        options = tuple(line.strip() for line in text.splitlines() if line.strip())
        return Poll(options, int(self.policy.reminder_after.total_seconds()))

    # --- polls ------------------------------------------------------------------------------------

    def polls_to_read(self, session: Session) -> list[tuple[int, list[tuple[str, str]]]]:
        """Steps whose polls have closed and were not counted: (step id, [(status id, outbox key)])."""
        closed = self.clock() - self.policy.reminder_after
        found = []
        for step in session.scalars(select(Step).where(
                Step.kind.in_(POLLED), Step.sent_at.is_not(None), Step.sent_at <= closed,
                Step.polls_read_at.is_(None))):
            found.append((step.id, self.outbox.posted_polls(session, keys.Step(step.id))))
        return found

    def record_polls(self, session: Session, results: list[tuple[int, list[tuple[str, tuple[int, ...] | None]]]]) -> int:
        """Count the votes once. A group's poll is anonymous (aggregate only); a closing poll is one person's."""
        recorded = 0
        for step_id, polls in results:
            step = session.get(Step, step_id)
            if step is None:
                continue
            step.polls_read_at = self.clock()
            for key, votes in polls:
                if not votes:
                    continue
                read = keys.parse(key)
                member = read.member if step.kind == "closing" and isinstance(read, keys.Step) else ""
                if member and session.scalar(select(Answer.id).where(
                        Answer.journey_id == step.journey_id, Answer.author == member,
                        Answer.kind == "retrospective", Answer.score.is_not(None))):
                    continue  # their written rating already counts
                for index, count in enumerate(votes):
                    score = (1 - index) if step.kind == "fit" else index + 1  # fit: yes=1, not really=0
                    for _ in range(count):
                        self._record(session, step.journey, member, "rating" if member else step.kind, score, "",
                                     source="poll")
                        recorded += 1
        return recorded

    def _reply(self, session: Session, status: Status, journey: Journey, template: str, **context) -> None:
        self._send(session, journey, keys.Reply(status.id), template, to=(status.account.acct,),
                   reply_to_status_id=status.id, person=self.who(session, status.account.acct),
                   **{**self._context(session, journey), **context})

    def _unclear(self, session: Session, status: Status, journey: Journey, expected: str) -> str:
        self._reply(session, status, journey, "answer_unclear", expected=expected)
        return f"{expected}-unclear"

    def _reachable(self, session: Session, journey: Journey, accts) -> list[str]:
        """Nobody who said stop (or asked to be forgotten) hears from the bot again."""
        people = {p.acct: p for p in session.scalars(select(Person).where(Person.acct.in_(list(accts))))}
        return [a for a in dict.fromkeys(accts) if not (a in people and people[a].stopped_at)]

    def _context(self, session: Session, journey: Journey) -> dict:
        return {"journey_id": journey.id, "requester": self.who(session, journey.mentee),
                "mentors": self._mentors(session, journey), "kind": journey.kind, "topics": journey.topics,
                "contract": self._contract_view(journey.contract) if journey.contract else None,
                "horizon_at": journey.horizon_at}

    @staticmethod
    def _contract_view(contract: Contract | None) -> dict | None:
        if contract is None:
            return None
        return {"goals": list(contract.goals), "commitment": contract.commitment,
                "review_on": contract.review_on, "revision": contract.revision}

    @staticmethod
    def _as_contract(contract: Contract | None) -> contracts.Contract | None:
        if contract is None:
            return None
        return contracts.Contract(goals=tuple(contract.goals), commitment=contract.commitment,
                                  every_days=contract.every_days, review_on=contract.review_on)

    @staticmethod
    def _seat_mentors(journey: Journey) -> list[str]:
        return journey.mentors

    @staticmethod
    def _everyone(journey: Journey) -> list[str]:
        """Everyone who ever sat in it: a mentor who left may still answer the closing."""
        return [journey.mentee, *(s.mentor for s in journey.seats)]

    def _mentors(self, session: Session, journey: Journey) -> list[dict]:
        return [self._person(m) for m in journey.mentors]

    def _person(self, acct: str) -> dict:
        return named(acct, "", self.roster())

    def who(self, session: Session, acct: str) -> dict:
        person = session.get(Person, acct)
        return named(acct, person.name if person else "", self.roster())

    def _record(self, session: Session, journey: Journey, author: str, kind: str, score: int | None,
                text: str, **details) -> None:
        session.add(Answer(journey_id=journey.id, author=author, kind=kind, score=score, text=text[:2000],
                           details={k: v for k, v in details.items() if v}, created_at=self.clock()))

    def _today(self):
        return self.clock().date()

    def _at_noon(self, day) -> datetime:
        return datetime.combine(day, datetime.min.time(), tzinfo=self.clock().tzinfo) + timedelta(hours=12)
