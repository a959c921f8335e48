"""What the parts of a journey that write to its members and plan its steps are all given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from bot.features.journeys.messages import Mail
from bot.features.journeys.planning import Planner


@dataclass(frozen=True, kw_only=True)
class JourneyPart:
    mail: Mail
    planner: Planner
    clock: Callable[[], datetime]
