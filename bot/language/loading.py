"""Data loaded on first use, once per process: the threads that ask meanwhile wait for it, none loads it twice."""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

T = TypeVar("T")


def once(load: Callable[[], T]) -> Callable[[], T]:
    """`load`, called the first time only; later calls return what it returned."""
    lock = threading.Lock()
    loaded: list[T] = []

    def loaded_once() -> T:
        with lock:
            if not loaded:
                loaded.append(load())
        return loaded[0]

    loaded_once.__doc__ = load.__doc__
    return loaded_once
