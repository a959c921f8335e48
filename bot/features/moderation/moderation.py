"""Moderators' tools: their commands by direct message, the blocks they add, the programme's figures, the weekly digest.

Moderators are the roster's `moderators`, recognised by their full `user@domain` *and* by the account
id first seen for it: a lookalike on another domain, or the same name with another id, is refused.
The figures come from bot.figures, shared with the report.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Callable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.incoming import Incoming
from bot.delivery.outbox import Envelope, Outbox
from bot.features.moderation.figures import (
    candidacies,
    duration,
    figures,
    mentors_at_capacity,
    silent_mentors,
    stalled_journeys,
    waiting_requests,
)
from bot.features.ports import Candidacies, Departures, DueRun, Offers
from bot.people.directory import Directory, blocked_by_command, domains_of, named
from bot.people.roster import Roster
from bot.people.visibility import readable_by_anyone
from bot.platform.events import Account, Status
from bot.storage.models.delivery import Cursor
from bot.storage.models.journeys import Journey, Relationship
from bot.storage.models.mentoring import Offer, Request
from bot.storage.models.people import Block, Person
from bot.understanding.commands import POLITENESS, _fold
from bot.understanding.dates import parse_date
from bot.understanding.text import _phrase_pattern, strip_leading_mentions

if TYPE_CHECKING:
    from bot.app.settings import Settings
    from bot.storage.store import Store

log = logging.getLogger(__name__)

DIGEST_CURSOR = "moderation-digest"  # the scheduled time of the last digest, so each is sent once


@dataclass(frozen=True)
class ModerationPolicy:
    default_language: str = "fr"
    timezone: str = "Europe/Paris"
    digest_enabled: bool = True
    digest_cron: str = "0 9 * * 1"
    # A digest missed while the bot was down is sent late, once, if the bot is back within this time.
    digest_grace: timedelta = timedelta(days=6)


def policy_from(settings: Settings) -> ModerationPolicy:
    return ModerationPolicy(default_language=settings.default_language, timezone=settings.timezone,
                            digest_enabled=settings.moderation_digest_enabled,
                            digest_cron=settings.moderation_digest_cron)


# --- blocks ---------------------------------------------------------------------------------------


def covers(target: str, acct: str) -> bool:
    """Whether blocking `target` (`user@domain` or `domain`) blocks `acct`."""
    return acct == target if "@" in target else target in domains_of(acct)


def roster_blocks(roster: Roster, target: str) -> bool:
    """Whether the roster file already blocks `target` (an account, or a domain through itself or a parent)."""
    if "@" in target:
        return roster.is_blocked(target)
    return any(covers(entry, target) for entry in roster.blocked if "@" not in entry)


is_blocked = blocked_by_command  # by a moderator's command, as an account or through its domain


class Blocks:
    """The moderators' blocks (kept in the database) added to the roster's own, as one roster for everyone to read.

    The merged roster is rebuilt only when the file's roster or the blocks change, so what is cached
    per roster (matching index, vocabulary) stays cached.
    """

    def __init__(self, source: Callable[[], Roster], store: Store | None = None):
        self.source = source
        self.targets: tuple[str, ...] = ()
        self._merged: tuple[Roster, tuple[str, ...], Roster] | None = None
        if store is not None:
            with store.transaction() as session:
                self.refresh(session)

    def refresh(self, session: Session) -> None:
        self.targets = tuple(session.scalars(select(Block.target).order_by(Block.target)))

    def add(self, target: str) -> None:
        self.targets = tuple(sorted({*self.targets, target}))

    def remove(self, target: str) -> None:
        self.targets = tuple(t for t in self.targets if t != target)

    def roster(self) -> Roster:
        source, targets = self.source(), self.targets
        if self._merged is not None and self._merged[0] is source and self._merged[1] == targets:
            return self._merged[2]
        merged = replace(source, blocked=tuple(dict.fromkeys((*source.blocked, *targets)))) if targets else source
        self._merged = (source, targets, merged)
        return merged


# --- commands -------------------------------------------------------------------------------------

COMMANDS = {  # name -> {phrase: language, None when both languages write it alike}
    "stats": {"stats": None, "statistiques": "fr", "statistics": "en", "chiffres": "fr", "les chiffres": "fr",
              "figures": "en", "the figures": "en", "tableau de bord": "fr", "dashboard": "en"},
    "pending": {"en attente": "fr", "demandes en attente": "fr", "les demandes en attente": "fr",
                "sans mentor": "fr", "demandes sans mentor": "fr", "pending": "en", "pending requests": "en",
                "waiting": "en", "waiting requests": "en", "unmatched": "en", "unmatched requests": "en"},
    "rematch": {"relancer": "fr", "relance": "fr", "rematch": "en", "re-match": "en", "retry": "en"},
    "pause": {"pause": None, "mettre en pause": "fr", "suspendre": "fr", "suspend": "en"},
    "resume": {"reprendre": "fr", "reprise": "fr", "fin de pause": "fr", "reactiver": "fr", "resume": "en",
               "unpause": "en", "reactivate": "en"},
    "block": {"bloquer": "fr", "bloque": "fr", "block": "en", "ban": "en", "bannir": "fr"},
    "unblock": {"debloquer": "fr", "debloque": "fr", "unblock": "en", "unban": "en", "debannir": "fr"},
    "accept": {"accepter": "fr", "accepte": "fr", "valider": "fr", "valide": "fr", "approuver": "fr",
               "accept": "en", "approve": "en"},
    "decline": {"refuser": "fr", "refuse": None, "rejeter": "fr", "decline": "en", "reject": "en"},
    "help": {"moderation": None, "aide moderation": "fr", "aide moderateur": "fr", "aide moderatrice": "fr",
             "aide moderateurs": "fr", "moderation help": "en", "moderator help": "en", "help moderation": "en",
             "mod help": "en", "commandes de moderation": "fr", "moderation commands": "en"},
}
_STARTS = sorted(((re.compile(r"^" + _phrase_pattern(p) + r"(?![\w'-])"), name, lang)
                  for name, phrases in COMMANDS.items() for p, lang in phrases.items()),
                 key=lambda entry: -len(entry[0].pattern))
# Politeness is trimmed at both ends only: in the middle it may be part of a handle (`@salut@x.example`).
_POLITE = "|".join(_phrase_pattern(p) for p in sorted(
    (*POLITENESS, "peux-tu", "pourrais-tu", "pouvez-vous", "pourriez-vous", "tu peux",
     "vous pouvez", "merci de", "can you", "could you", "would you", "kindly"), key=len, reverse=True))
_LEADING_POLITE = re.compile(rf"^(?:{_POLITE})")
_TRAILING_POLITE = re.compile(rf"(?:^|(?<=[\s,;:.!?]))(?:{_POLITE})$")
_EDGES = " \t\r\n,;:.!?¡¿…"

_HOST = r"[\w-]+(?:\.[\w-]+)+(?::\d+)?"
_TARGET = re.compile(rf"@?(?P<user>\w[\w.+-]*?)@(?P<host>{_HOST})|@(?P<local>\w[\w.+-]*)|(?P<domain>{_HOST})")
_CANDIDACY_NUMBER = re.compile(r"(?:(?:de\s+)?la\s+|the\s+)?(?:candidature|candidacy|application)?\s*"
                               r"(?:n[°o]\.?|numero|number|#)?\s*(\d+)")
_REQUEST_NUMBER = re.compile(r"(?:(?:de\s+)?la\s+|the\s+)?(?:demande|request|req)?\s*(?:n[°o]\.?|numero|number|#)?\s*(\d+)")


@dataclass(frozen=True)
class Command:
    """A moderator's command as written; `problem` says what is missing for it to run."""

    name: str  # stats | pending | rematch | pause | resume | block | unblock | accept | decline | help
    language: str | None = None  # the language of the words used, when they tell
    target: str | None = None  # `user@domain` (or a bare `domain` for block / unblock)
    number: int | None = None  # rematch: the request id; accept, decline: the candidacy's
    reason: str = ""  # decline: why, in the moderator's words
    until: date | None = None  # pause: until when, if said
    problem: str | None = None  # missing-number | missing-target | bad-date

    @property
    def complete(self) -> bool:
        return self.problem is None


def parse_command(status: Status, *, bot_acct: str, local_domain: str) -> Command | None:
    """A moderation command at the start of a message to the bot, else None.

    `pause` and `reprendre` are moderation commands only with a handle after them: alone (or
    with a date) they are a mentor's own, and left to mentoring.
    """
    body = _trimmed(strip_leading_mentions(status.text))
    folded = _fold(body)
    for start, name, lang in _STARTS:
        found = start.match(folded)
        if found is None:
            continue
        rest, rest_folded = body[found.end():].strip(" \t\n:,-"), folded[found.end():].strip(" \t\n:,-")
        return _arguments(name, lang, rest, rest_folded, status, bot_acct=bot_acct, local_domain=local_domain)
    return None


def _trimmed(body: str) -> str:
    """`Bonjour ! Peux-tu relancer 12 stp ? Merci` -> `relancer 12`."""
    while True:
        body = body.strip(_EDGES)
        folded = _fold(body)
        if found := _LEADING_POLITE.match(folded):
            body = body[found.end():]
        elif found := _TRAILING_POLITE.search(folded):
            body = body[:found.start()]
        else:
            return body


def _arguments(name: str, lang: str | None, rest: str, rest_folded: str, status: Status, *,
               bot_acct: str, local_domain: str) -> Command | None:
    if name in ("stats", "pending", "help"):
        return Command(name, lang) if not rest else None
    if name in ("accept", "decline"):
        number = _CANDIDACY_NUMBER.match(rest_folded)
        if number is None and status.in_reply_to_id:
            return None  # « accepte » in reply to an offer is a mentor's answer, not a moderator's decision
        if number is None:
            return Command(name, lang, problem="missing-number")
        reason = rest[number.end():].strip(" \t\n:,-–—") if name == "decline" else ""
        return Command(name, lang, number=int(number[1]), reason=reason)
    if name == "rematch":
        number = _REQUEST_NUMBER.fullmatch(rest_folded)
        return Command(name, lang, number=int(number[1])) if number else Command(name, lang, problem="missing-number")
    found = _TARGET.match(rest)
    target = _target(found, status, bot_acct=bot_acct, local_domain=local_domain) if found else None
    if name in ("pause", "resume"):
        if target is None or "@" not in target:
            return None  # a mentor's own pause or resume
        after = rest[found.end():].strip()
        if name == "resume" or not after:
            return Command(name, lang, target=target)
        until = parse_date(after, today=status.created_at.date())
        return Command(name, lang, target=target, until=until, problem=None if until else "bad-date")
    if target is None:
        return Command(name, lang, problem="missing-target")
    return Command(name, lang, target=target)  # anything after the target is the moderator's reason


def _target(found: re.Match[str], status: Status, *, bot_acct: str, local_domain: str) -> str:
    """The account or domain named. Servers show a mention as `@user` only: its mention entity tells the domain."""
    if found["domain"]:
        return found["domain"].lower()
    if found["user"]:
        return f"{found['user'].rstrip('.-')}@{found['host']}".lower()
    username = found["local"].rstrip(".-").lower()
    mentioned = [m.acct for m in status.mentions if m.acct != bot_acct and m.acct.split("@")[0] == username]
    local = f"{username}@{local_domain}".lower()
    if local in mentioned or len(mentioned) != 1:
        return local
    return mentioned[0]


# --- the handler and the digest -------------------------------------------------------------------


class Moderation:
    def __init__(self, *, policy: ModerationPolicy, blocks: Blocks, offers: Offers, departures: Departures,
                 directory: Directory, outbox: Outbox, lookup: Callable[[str], Account | None],
                 clock: Callable[[], datetime], bot_acct: str, local_domain: str,
                 due_run: DueRun, roster_problems: Callable[[], list[str]] = list,
                 candidacies: Candidacies | None = None):
        self.policy = policy
        self.blocks = blocks
        self.roster = blocks.roster
        self.offers = offers  # mentoring: asks the next mentors, withdraws offers
        self.departures = departures  # journeys: the blocked leave their seats
        self.directory = directory
        self.due_run = due_run  # the scheduled time of a cron expression that is due now, if any
        self.outbox = outbox
        self.lookup = lookup  # the instance's view of an account, None when it does not exist
        self.clock = clock
        self.bot_acct = bot_acct
        self.local_domain = local_domain.lower()
        self.roster_problems = roster_problems
        self.candidacies = candidacies  # candidacies to decide on, when volunteering is on

    # --- incoming statuses -------------------------------------------------------------------

    def claim(self, session: Session, incoming: Incoming) -> tuple[str, Command | None] | None:
        """Moderators' commands, and anyone else's attempt at one (refused); what else they write goes on."""
        if not incoming.addressed:
            return None
        status = incoming.status
        command = parse_command(status, bot_acct=self.bot_acct, local_domain=self.local_domain)
        if self.roster().is_moderator(incoming.author):
            if not self._same_account(session, status.account):
                return "unrecognised", command
            return ("run", command) if command is not None else None
        if command is None or not command.complete or command.name == "help":
            return None
        return "refuse", command

    def act(self, session: Session, incoming: Incoming, claim: tuple[str, Command | None]) -> str:
        status, (what, command) = incoming.status, claim
        self.blocks.refresh(session)  # the database is the truth, should a transaction have been rolled back
        if what == "unrecognised":
            self._recognised(session, status.account)  # says why in the log
            if command is not None:
                self._reply(session, status, command, "mod_refused")
            return "moderator-unrecognised"
        if what == "refuse":
            log.info("moderation command %r from %s refused: not a moderator", command.name, incoming.author)
            self._reply(session, status, command, "mod_refused")
            return "mod-refused"
        self._recognised(session, status.account)
        if not command.complete:
            self._reply(session, status, command, "mod_unknown", problem=command.problem, command=command.name,
                        given=command.target)
            return f"mod-{command.name}-incomplete"
        return self._run(session, status, command)

    @staticmethod
    def _same_account(session: Session, author: Account) -> bool:
        person = session.get(Person, author.acct)
        return person is None or not person.account_id or person.account_id == author.id

    def _recognised(self, session: Session, author: Account) -> bool:
        """The same account as the first time this moderator wrote: its id, not only its name, must match."""
        person = session.get(Person, author.acct)
        if person is None:
            session.add(Person(acct=author.acct, account_id=author.id, name=author.name))
            return True
        if not person.account_id:
            person.account_id = author.id
        if person.account_id == author.id:
            return True
        log.warning("%s wrote with account id %s, not the id %s first seen for this moderator: refused",
                    author.acct, author.id, person.account_id)
        return False

    def _run(self, session: Session, status: Status, command: Command) -> str:
        match command.name:
            case "stats":
                self._reply(session, status, command, "mod_stats", **figures(session).context(),
                            **candidacies(session, roster=self.roster()).context())
            case "pending":
                now = self.clock()
                self._reply(session, status, command, "mod_pending",
                            requests=[self._request_view(r, now) for r in waiting_requests(session)],
                            candidacies=self.candidacies.pending(session) if self.candidacies else [])
            case "accept" | "decline" if self.candidacies is not None:
                return self._decide(session, status, command)
            case "rematch":
                return self._rematch(session, status, command)
            case "pause" | "resume":
                return self._pause(session, status, command)
            case "block":
                return self._block(session, status, command)
            case "unblock":
                return self._unblock(session, status, command)
            case "help":
                self._reply(session, status, command, "mod_help")
        return f"mod-{command.name}"

    def _rematch(self, session: Session, status: Status, command: Command) -> str:
        """Ask the next candidates for a request, with the usual rules (capacity, who was asked before)."""
        request = session.get(Request, command.number)
        view = self._request_view(request, self.clock()) if request else {"id": command.number}
        outcome = "not-found" if request is None else {
            "matched": "matched", "cancelled": "cancelled"}.get(request.state)
        if request is not None and outcome is None:
            requester = request.requester
            if self.directory.is_stopped(session, requester) or self.directory.is_blocked(session, requester):
                outcome = "unreachable"
        asked: list[str] = []
        if outcome is None:
            before = {o.mentor for o in request.offers}
            request.state, request.updated_at = "open", self.clock()
            self.offers.fill(session, request)
            session.flush()
            asked = [o.mentor for o in request.offers if o.mentor not in before]
            waiting = [o.mentor for o in request.offers if o.state == "pending" and o.mentor in before]
            outcome = "asked" if asked else "waiting" if waiting else "unmatched"
            log.info("request %s re-opened by %s: %s", request.id, status.account.acct, outcome)
        self._reply(session, status, command, "mod_rematch", request=view, outcome=outcome,
                    asked=[named(m, "", self.roster()) for m in asked])
        return f"mod-rematch-{outcome}"

    def _decide(self, session: Session, status: Status, command: Command) -> str:
        """`accepter 3` / `refuser 3 [raison]`: the candidacy's fate, told to the moderator (and the volunteer)."""
        moderator = status.account.acct
        if command.name == "accept":
            outcome = self.candidacies.accept(session, command.number, moderator)
        else:
            outcome = self.candidacies.decline(session, command.number, moderator, command.reason)
        self._reply(session, status, command, "mod_candidacy_decided",
                    **{k: v for k, v in self.candidacies.decided(outcome, number=command.number).items() if k != "person"})
        return f"mod-{command.name}-{outcome.name}"

    def _pause(self, session: Session, status: Status, command: Command) -> str:
        """A moderator pauses or resumes a mentor's availability, as the mentor's own command would."""
        mentor = self.roster().mentor(command.target)
        if mentor is None:
            self._reply(session, status, command, "mod_unknown", problem="not-a-mentor", command=command.name,
                        given=command.target)
            return "mod-unknown-mentor"
        person = session.get(Person, mentor.handle)
        if person is None:
            person = Person(acct=mentor.handle, name=mentor.name)
            session.add(person)
        pause = command.name == "pause"
        changed = person.paused != pause or person.paused_until != command.until
        person.paused, person.paused_until = pause, command.until if pause else None
        waiting = 0 if pause else sum(1 for r in waiting_requests(session) if r.state == "unmatched")
        self._reply(session, status, command, "mod_paused", mentor=named(mentor.handle, "", self.roster()),
                    paused=pause, until=person.paused_until, changed=changed, unmatched=waiting)
        log.info("%s %s by %s", mentor.handle, "paused" if pause else "resumed", status.account.acct)
        return f"mod-{command.name}"

    def _block(self, session: Session, status: Status, command: Command) -> str:
        target, roster = command.target, self.roster()
        is_domain = "@" not in target
        reply = dict(target=target, is_domain=is_domain, requests=0, offers=0, journeys=0)
        protected = [a for a in (self.bot_acct, *roster.moderators) if covers(target, a)]
        if protected:  # the bot itself, a moderator, or a domain one of them is on
            self._reply(session, status, command, "mod_blocked", outcome="protected", **reply)
            return "mod-block-protected"
        if is_blocked(session, target) or roster_blocks(roster, target):
            self._reply(session, status, command, "mod_blocked", outcome="already", **reply)
            return "mod-block-already"
        if not is_domain and session.get(Person, target) is None and self.lookup(target) is None:
            self._reply(session, status, command, "mod_unknown", problem="unknown-account", command=command.name,
                        given=target)
            return "mod-unknown-account"
        session.add(Block(target=target, blocked_by=status.account.acct, created_at=self.clock()))
        session.flush()
        self.blocks.add(target)  # from now on, in this very transaction too: nobody blocked is asked again
        reply.update(self._withdraw(session, target))
        self._reply(session, status, command, "mod_blocked", outcome="blocked", **reply)
        log.info("%s blocked by %s", target, status.account.acct)
        return "mod-block"

    def _withdraw(self, session: Session, target: str) -> dict[str, int]:
        """Quietly undo what involves the blocked: their requests, offers to them, their journeys, their mail."""
        counts = {"requests": 0, "offers": 0, "journeys": 0}
        for acct in self._known_accounts(session, target):
            for request in session.scalars(select(Request).where(
                    Request.requester == acct, Request.state.in_(("open", "unmatched", "uncovered", "unclear")))):
                request.state, request.updated_at = "cancelled", self.clock()
                for offer in request.offers:
                    if offer.state == "pending":
                        offer.state = "closed"
                        self.offers.close_notice(session, offer, "cancelled")
                counts["requests"] += 1
            for offer in list(session.scalars(select(Offer).where(Offer.mentor == acct, Offer.state == "pending"))):
                offer.state = "closed"
                self.offers.fill(session, offer.request)  # someone else is asked in their place
                counts["offers"] += 1
            counts["journeys"] += self.departures.end_for(session, acct, reason="blocked")
        for acct in self._known_accounts(session, target):
            Outbox.drop_for(session, acct)
        return counts

    @staticmethod
    def _known_accounts(session: Session, target: str) -> list[str]:
        """Every account the bot knows that `target` covers: itself, or everyone on a blocked domain."""
        if "@" in target:
            return [target]
        found: set[str] = set()
        for column in (Person.acct, Request.requester, Offer.mentor, Journey.mentee, Relationship.mentor):
            found.update(session.scalars(select(column).distinct().where(
                or_(column.like(f"%@{target}"), column.like(f"%.{target}")))))
        return sorted(a for a in found if covers(target, a))

    def _unblock(self, session: Session, status: Status, command: Command) -> str:
        target = command.target
        reply = dict(target=target, is_domain="@" not in target, requests=0, offers=0, journeys=0)
        block = session.get(Block, target)
        if block is None:
            in_file = roster_blocks(self.blocks.source(), target)
            self._reply(session, status, command, "mod_blocked", outcome="in-roster" if in_file else "not-blocked",
                        **reply)
            return "mod-unblock-noop"
        session.delete(block)
        session.flush()
        self.blocks.remove(target)
        self._reply(session, status, command, "mod_blocked", outcome="unblocked", **reply)
        log.info("%s unblocked by %s", target, status.account.acct)
        return "mod-unblock"

    # --- the weekly digest -------------------------------------------------------------------

    def digest(self, session: Session) -> int:
        """The moderators' digest, once per scheduled time: late after downtime, never twice. Returns 1 if queued."""
        if not self.policy.digest_enabled:
            return 0
        now = self.clock()
        row = session.get(Cursor, DIGEST_CURSOR)
        last = datetime.fromisoformat(row.value) if row else None
        due = self.due_run(self.policy.digest_cron, self.policy.timezone, last_run=last, now=now,
                      grace=self.policy.digest_grace)
        if row is None:
            # The first run only marks where counting starts: the first digest covers what follows.
            session.add(Cursor(name=DIGEST_CURSOR, value=(due or now).isoformat(), updated_at=now))
            return 0
        if due is None:
            return 0
        moderators = self.roster().moderators
        if moderators:
            key = keys.ModeratorsDigest.due(due)
            self.outbox.enqueue(session, key, "mod_digest", self.policy.default_language,
                                Envelope(tuple(moderators), "direct"), **self.digest_context(session, last, due))
            log.info("moderators' digest for %s queued", due.isoformat())
        row.value, row.updated_at = due.isoformat(), now
        return 1

    def digest_context(self, session: Session, since: datetime | None, until: datetime) -> dict:
        """The period's figures, and what needs the moderators now."""
        numbers = figures(session, since, until)
        unmatched = [r for r in waiting_requests(session) if r.state == "unmatched"]
        roster = self.roster()
        return {
            "since": since, "until": until, **numbers.context(),
            **candidacies(session, since, until, roster).context(),
            "unmatched": [self._request_view(r, until) for r in unmatched],
            "uncovered_topics": self.offers.waiting_topics(session),
            "stalled": [{"journey_id": j.id, "requester": self.directory.name(session, j.mentee),
                         "mentors": [named(m, "", self.roster()) for m in j.mentors], "since": j.stalled_at}
                        for j in stalled_journeys(session)],
            "full_mentors": [{"mentor": named(m, "", self.roster()), "seats": seats, "capacity": capacity}
                             for m, seats, capacity in mentors_at_capacity(session, roster)],
            "silent_mentors": [{"mentor": named(m, "", self.roster()), "expired": count}
                               for m, count in silent_mentors(session, since, until)],
            "roster_problems": self.roster_problems(),
        }

    # --- helpers -----------------------------------------------------------------------------

    def _request_view(self, request: Request, now: datetime) -> dict:
        age = now - request.created_at
        return {"id": request.id, "url": request.url if readable_by_anyone(request.visibility) else None,
                "requester": named(request.requester, request.requester_name),
                "kind": request.kind, "topics": list(request.topics), "state": request.state,
                "age": duration(max(age, timedelta(0))),
                "pending": sum(1 for o in request.offers if o.state == "pending"), "asked": len(request.offers)}

    def _reply(self, session: Session, status: Status, said: Command, template: str, **context) -> None:
        """Answers to moderators are always direct, in the language of their command."""
        person = session.get(Person, status.account.acct)
        language = said.language or status.language or (person.language if person else None) \
            or self.policy.default_language
        self.outbox.enqueue(session, keys.Reply(status.id), template, language,
                            Envelope((status.account.acct,), "direct", status.id),
                            person=named(status.account.acct, status.account.name), **context)

