"""The mentoring journey, composed: from the introduction to the closing, through the article's three phases.

1. get to know each other (the introduction asks; a fit check after a week),
2. set a direction (the learning contract: goals, commitment, review date),
3. strengthen the ties (check-ins at the kind's rhythm, a mid-point pulse),
then the closing: a retrospective and a rating from each side, and an invitation to pass it on.

Every due step is a row with its due time, so downtime only delays it, and its outbox key is derived
from that row, so it is never sent twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from bot.delivery.outbox import Outbox
from bot.features.journeys.answers import Answers
from bot.features.journeys.beginning import Beginning
from bot.features.journeys.commands import Commands
from bot.features.journeys.contract import Terms
from bot.features.journeys.due import DueSteps
from bot.features.journeys.ending import Ending
from bot.features.journeys.firing import Firing
from bot.features.journeys.messages import Mail
from bot.features.journeys.naming import Names
from bot.features.journeys.planning import Planner
from bot.features.journeys.policy import JourneyPolicy, Rhythm
from bot.features.journeys.polls import Polls
from bot.features.journeys.rematch import Rematch
from bot.features.journeys.routing import Routing
from bot.features.journeys.thread import Thread
from bot.features.journeys.timing import Timing
from bot.people.directory import Directory
from bot.people.roster import Roster

__all__ = ["JourneyPolicy", "Journeys", "Rhythm"]


class Journeys:
    """What the rest of the bot sees of journeys: seats, departures, the router's claim and act, due steps, polls."""

    def __init__(self, *, policy: JourneyPolicy, roster: Callable[[], Roster], directory: Directory, outbox: Outbox,
                 clock: Callable[[], datetime], default_language: str = "fr", polls: bool = False):
        mail = Mail(outbox=outbox, roster=roster, names=Names(roster=roster, directory=directory), directory=directory,
                    policy=policy, default_language=default_language, polls=polls)
        planner = Planner(policy=policy)
        firing = Firing(mail=mail, planner=planner, roster=roster, clock=clock)
        self.ending = Ending(mail=mail, planner=planner, firing=firing, clock=clock)
        self.beginning = Beginning(policy=policy, mail=mail, planner=planner, clock=clock)
        self.due = DueSteps(policy=policy, mail=mail, firing=firing, ending=self.ending, clock=clock)
        self.polls = Polls(policy=policy, outbox=outbox, clock=clock)
        terms = Terms(mail=mail, planner=planner, clock=clock)
        timing = Timing(policy=policy, mail=mail, planner=planner, clock=clock)
        answers = Answers(mail=mail, planner=planner, firing=firing, terms=terms,
                          rematch=Rematch(mail=mail, ending=self.ending, clock=clock), roster=roster, clock=clock)
        commands = Commands(mail=mail, ending=self.ending, thread=Thread(mail=mail), timing=timing)
        self.routing = Routing(roster=roster, answers=answers, commands=commands, terms=terms, timing=timing,
                               clock=clock)
        # What the router, the jobs and the other features (Seats in bot/features/ports.py) ask of journeys.
        self.seat, self.end_for = self.beginning.seat, self.ending.end_for
        self.claim, self.act = self.routing.claim, self.routing.act
        self.run_due = self.due.run
        self.polls_to_read, self.record_polls = self.polls.to_read, self.polls.record
