"""Waiting on a condition across processes and threads, instead of sleeping a fixed time."""

from __future__ import annotations

import time


def wait_for(condition, timeout: float = 30.0, step: float = 0.02):
    """The condition's first true value, or its last (false) one after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)
