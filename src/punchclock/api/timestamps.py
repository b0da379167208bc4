"""Toggl's timestamp formats: lenient RFC 3339 input, per-field output formats (§1.5)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

# 2026-11-27T20:40:58.642960Z, ...T20:41:40Z, ...+00:00, -00:00, +01:00, space instead of T.
# re.ASCII: `\d` would otherwise match any Unicode digit (Arabic-Indic digits are not a Toggl
# date: Go's time.Parse reads ASCII digits only); `\Z` as `$` also allows a final "\n".
_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))\Z",
    re.ASCII,
)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\Z", re.ASCII)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def parse_instant(value: str) -> int:
    """An RFC 3339 timestamp with an offset, as Unix microseconds; ValueError otherwise."""
    match = _RFC3339.match(value.strip())
    if match is None:
        raise ValueError(value)
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    moment = dt.datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=dt.UTC
    )
    micros = int((fraction or "0")[:6].ljust(6, "0"))
    offset = 0
    if not zulu:
        offset = (int(off_h) * 60 + int(off_m)) * 60 * (1 if sign == "+" else -1)
    seconds = int((moment - _EPOCH).total_seconds()) - offset
    return seconds * 1_000_000 + micros


def parse_date(value: str) -> dt.date:
    """A YYYY-MM-DD date; ValueError otherwise."""
    match = _DATE.match(value.strip())
    if match is None:
        raise ValueError(value)
    return dt.date(int(match[1]), int(match[2]), int(match[3]))


def parse_date_or_instant(value: str, zone: str) -> int:
    """A date (midnight in `zone`) or an RFC 3339 instant, as Unix microseconds."""
    if _DATE.match(value.strip()):
        midnight = dt.datetime.combine(parse_date(value), dt.time(), tzinfo=ZoneInfo(zone))
        return int(midnight.timestamp()) * 1_000_000
    return parse_instant(value)


@lru_cache(maxsize=4096)
def _day(days: int) -> str:
    return (_EPOCH + dt.timedelta(days=days)).strftime("%Y-%m-%dT")


# Formatting runs per entry and per field on every list, so the time of day is assembled from
# precomputed pieces: a cached "YYYY-MM-DDT", "HH:" and "MM:SS" (about 3x faster than strftime).
_HOURS = [f"{h:02d}:" for h in range(24)]
_MINUTES_SECONDS = [f"{m:02d}:{s:02d}" for m in range(60) for s in range(60)]


def _time_of_day(seconds: int) -> str:
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    return _day(days) + _HOURS[hours] + _MINUTES_SECONDS[rest]


def format_seconds(seconds: int) -> str:
    """`2024-12-16T17:05:25+00:00`: entries' start/stop, tombstones, workspace `at`."""
    return _time_of_day(seconds) + "+00:00"


def format_micros(micros: int) -> str:
    """`2024-12-16T18:07:05.694469Z`: entries', tags' and users' `at`/`created_at`."""
    seconds, fraction = divmod(micros, 1_000_000)
    return f"{_time_of_day(seconds)}.{fraction:06d}Z"


def format_micros_as_seconds(micros: int) -> str:
    """Whole seconds with +00:00, from microseconds."""
    return format_seconds(micros // 1_000_000)


def format_day(micros: int) -> str:
    """`2024-12-12T00:00:00Z`: the day of an instant (workspace `last_modified`)."""
    return _day(micros // 1_000_000 // 86_400) + "00:00:00Z"
