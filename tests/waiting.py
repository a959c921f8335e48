"""Waiting on a condition across processes and threads, instead of sleeping a fixed time."""

from __future__ import annotations

import time


def wait_for(condition, timeout: float = 30.0, step: float = 0.02, longest: float = 0.1):
    """The condition's first true value, or its last (false) one after `timeout` seconds. It is asked again
    soon at first, then less often (up to every `longest` seconds): some conditions cost a request or a query."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)
        step = min(longest, step * 1.5)
