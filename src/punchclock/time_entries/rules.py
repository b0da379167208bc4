"""Pure rules for start, stop, duration and tags (Toggl's semantics, no I/O)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypeVar

from msgspec import UNSET

from punchclock.errors import BadRequest
from punchclock.time_entries.models import EntryChanges, TagAction

MAX_DURATION_SECONDS = 999 * 3600
MAX_DESCRIPTION_LENGTH = 3000
MAX_TAGS = 50
# Clients compute `duration` from whole seconds but send `stop` with microseconds
# (togglcli), so start + duration and stop may disagree by under a second.
DURATION_TOLERANCE_SECONDS = 1
MIN_YEAR, MAX_YEAR = 2006, 2030

START_REQUIRED = "start is required for time entry creation"
STOP_BEFORE_START = "Stop time must be after start time"
TOO_LONG = "Max allowed duration per 1 time entry is 999 hours"
MISMATCH = "Stop time and duration do not match"
START_YEAR = f"Start time year must be between {MIN_YEAR} and {MAX_YEAR}"
STOP_YEAR = f"Stop time year must be between {MIN_YEAR} and {MAX_YEAR}"
DESCRIPTION_TOO_LONG = "Maximum length for description (3000 chars) exceeded"
TOO_MANY_TAGS = "Tags are limited to 50 per task"

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

T = TypeVar("T")


def _year(seconds: int) -> int:
    try:
        return (_EPOCH + dt.timedelta(seconds=seconds)).year
    except OverflowError:
        # Beyond datetime's years 1-9999 (e.g. "0001-01-01T00:00:00+23:59"): out of range
        # either way, and a 400 rather than a crash.
        return dt.MINYEAR - 1 if seconds < 0 else dt.MAXYEAR + 1


def _with_date(seconds: int, date: dt.date) -> int:
    """Replace the UTC date part of an instant, keeping its time of day."""
    # Plain arithmetic: it cannot overflow for instants outside datetime's range.
    time_of_day = seconds % 86_400
    return (date - _EPOCH.date()).days * 86_400 + time_of_day


def _check_start(start: int) -> None:
    if not MIN_YEAR <= _year(start) <= MAX_YEAR:
        raise BadRequest(START_YEAR)


def _check_stopped(start: int, stop: int) -> None:
    # Length first: it also bounds `stop`, so the year below cannot overflow.
    if stop < start:
        raise BadRequest(STOP_BEFORE_START)
    if stop - start > MAX_DURATION_SECONDS:
        raise BadRequest(TOO_LONG)
    if not MIN_YEAR <= _year(stop) <= MAX_YEAR:
        raise BadRequest(STOP_YEAR)


def _check_running(start: int, now: int) -> None:
    # Toggl rejects a timer whose start lies more than 999 hours from now, either way.
    if abs(now - start) > MAX_DURATION_SECONDS:
        raise BadRequest(TOO_LONG)


def _stop_from_stop_and_duration(start: int, stop: int, duration: int | None) -> int:
    if duration is not None and abs((stop - start) - duration) > DURATION_TOLERANCE_SECONDS:
        raise BadRequest(MISMATCH)
    # `stop` wins: the duration is recomputed from it.
    return stop


def resolve_create(changes: EntryChanges, now: int) -> tuple[int, int | None]:
    """Start and stop (whole seconds; stop None = running) for a new entry."""
    if changes.start is UNSET:
        raise BadRequest(START_REQUIRED)
    start = changes.start // 1_000_000
    if changes.start_date is not UNSET:
        start = _with_date(start, changes.start_date)
    _check_start(start)
    duration = None if changes.duration is UNSET else changes.duration
    stop_us = None if changes.stop is UNSET else changes.stop
    if stop_us is not None:
        stop = _stop_from_stop_and_duration(start, stop_us // 1_000_000, duration)
    elif changes.running is True:
        _check_running(start, now // 1_000_000)
        return start, None
    elif duration is not None:
        stop = start + duration
    else:
        # Toggl stores `start` alone as a stopped, zero-length entry, not as a timer.
        stop = start
    _check_stopped(start, stop)
    return start, stop


def resolve_update(
    start: int, stop: int | None, changes: EntryChanges, now: int
) -> tuple[int, int | None]:
    """Start and stop after a partial update of an entry that has `start`/`stop`."""
    now_s = now // 1_000_000
    new_start = start if changes.start is UNSET else changes.start // 1_000_000
    if changes.start_date is not UNSET:
        new_start = _with_date(new_start, changes.start_date)
    _check_start(new_start)
    duration = None if changes.duration is UNSET else changes.duration
    stop_us = None if changes.stop is UNSET else changes.stop
    new_stop: int | None
    if stop_us is not None:
        new_stop = _stop_from_stop_and_duration(new_start, stop_us // 1_000_000, duration)
    elif changes.running is True:
        # (Re)start the timer; see docs/compatibility.md.
        new_stop = None
    elif duration is not None:
        new_stop = new_start + duration
    elif stop is None:
        new_stop = None
    else:
        # Moving the start of a stopped entry keeps its duration (Toggl stores start +
        # duration), so the stop moves with it.
        new_stop = stop + (new_start - start)
    if new_stop is not None and changes.stop_date is not UNSET:
        new_stop = _with_date(new_stop, changes.stop_date)
    if (new_start, new_stop) == (start, stop):
        # Unchanged times are not re-judged: a timer running for over 999 hours must still
        # accept a new description.
        return new_start, new_stop
    if new_stop is None:
        _check_running(new_start, now_s)
    else:
        _check_stopped(new_start, new_stop)
    return new_start, new_stop


def check_description(description: str | None) -> None:
    """Toggl's 3000-character limit."""
    if description is not None and len(description) > MAX_DESCRIPTION_LENGTH:
        raise BadRequest(DESCRIPTION_TOO_LONG)


def dedupe(values: Iterable[T]) -> list[T]:
    """Values in first-seen order without repeats."""
    return list(dict.fromkeys(values))


def apply_tag_action(
    current: Sequence[int | str], given: Sequence[int | str], action: TagAction | None
) -> list[int | str]:
    """The entry's new tags: replace (no action), add, or delete; 400 past 50.

    Tags are ids, or names the workspace has no tag for yet (created once every rule passed).
    """
    if action == "add":
        result = dedupe([*current, *given])
    elif action == "delete":
        drop = set(given)
        result = [tag_id for tag_id in current if tag_id not in drop]
    else:
        result = dedupe(given)
    if len(result) > MAX_TAGS:
        raise BadRequest(TOO_MANY_TAGS)
    return result
