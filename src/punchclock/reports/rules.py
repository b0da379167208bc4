"""Pure report logic: rounding, amounts, day buckets in a timezone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from punchclock.reports.models import ROUND_DOWN, ROUND_UP, Rounding

# Toggl's rounding steps (minutes); 0 turns rounding off.
ROUNDING_MINUTES = (0, 1, 5, 6, 10, 12, 15, 30, 60, 240)
ROUNDING_DIRECTIONS = (-1, 0, 1)


def rounded_seconds(seconds: int, rounding: Rounding | None) -> int:
    """One entry's duration after rounding; the stored duration is never changed."""
    if rounding is None or rounding.minutes <= 0:
        return seconds
    step = rounding.minutes * 60
    whole, rest = divmod(seconds, step)
    if rest == 0:
        return seconds
    if rounding.direction == ROUND_DOWN:
        return whole * step
    if rounding.direction == ROUND_UP:
        return (whole + 1) * step
    # Nearest, halves up (Toggl rounds 7m30s to 15m with a 15-minute step).
    return (whole + 1) * step if rest * 2 >= step else whole * step


def amount_cents(seconds: int, hourly_cents: int | None) -> int | None:
    """What `seconds` bill at an hourly rate, in cents, rounded half up."""
    if hourly_cents is None:
        return None
    return (seconds * hourly_cents + 1800) // 3600


def local_day(instant: int, zone: ZoneInfo) -> dt.date:
    """The calendar day an instant falls on in `zone` (DST-correct)."""
    return dt.datetime.fromtimestamp(instant, tz=zone).date()


def day_start(day: dt.date, zone: ZoneInfo) -> int:
    """The instant `day` begins in `zone`; on a DST day that is not always 24 h after the last."""
    return int(dt.datetime.combine(day, dt.time(), tzinfo=zone).timestamp())


def week_start(day: dt.date, beginning_of_week: int) -> dt.date:
    """The first day of the week holding `day`; `beginning_of_week` is 0 = Sunday .. 6."""
    # date.weekday(): Monday = 0; Toggl's beginning_of_week: Sunday = 0, Monday = 1.
    offset = (day.weekday() + 1 - beginning_of_week) % 7
    return day - dt.timedelta(days=offset)


def local_iso(instant: int, zone: ZoneInfo) -> str:
    """An instant as RFC 3339 with the zone's offset at that instant."""
    return dt.datetime.fromtimestamp(instant, tz=zone).isoformat()
