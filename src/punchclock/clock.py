"""Injectable time source: all "now" values come from a Clock, so tests can freeze time."""

from __future__ import annotations

import time


class Clock:
    """A source of the current Unix time in microseconds."""

    def now_us(self) -> int:
        """Current Unix time in microseconds."""
        raise NotImplementedError


class SystemClock(Clock):
    """The real wall clock."""

    def now_us(self) -> int:
        """Current Unix time in microseconds."""
        return time.time_ns() // 1000


class FrozenClock(Clock):
    """A clock that only moves when told to (for tests)."""

    def __init__(self, now_us: int) -> None:
        self._now_us = now_us

    def now_us(self) -> int:
        """The frozen time in microseconds."""
        return self._now_us

    def set(self, now_us: int) -> None:
        """Jump to an absolute time."""
        self._now_us = now_us

    def advance(self, seconds: float) -> None:
        """Move forward by a number of seconds."""
        self._now_us += int(seconds * 1_000_000)
