"""How the web app writes and reads durations and clock times (pure, unit-tested)."""

from __future__ import annotations

import re

MAX_DURATION_SECONDS = 999 * 3600 + 59 * 60 + 59

# "1:30" (h:mm), "1:30:15" (h:mm:ss), "90m", "1h30", "1h 30m", "1.5h", "45s", "2h5m10s".
_CLOCK = re.compile(r"^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$", re.ASCII)
_UNITS = re.compile(
    r"^(?:(?P<h>\d+(?:[.,]\d+)?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>\d+(?:[.,]\d+)?)\s*m(?:in(?:utes?|s)?)?)?\s*"
    r"(?:(?P<s>\d+)\s*s(?:ec(?:onds?|s)?)?)?$",
    re.ASCII,
)
_HOURS_THEN_MINUTES = re.compile(r"^(\d+)\s*h\s*(\d{1,2})$", re.ASCII)


def hms(seconds: int) -> str:
    """Seconds as H:MM:SS (Toggl's timer format): 5400 -> "1:30:00"."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def parse_duration(text: str) -> int | None:
    """Seconds for a typed duration ("1:30", "90m", "1h30", "1.5h", "45"), or None.

    A bare number is minutes, as in Toggl's duration field.
    """
    value = text.strip().lower()
    # ASCII only: other scripts' digits are no duration (and int() would read some of them).
    if not value or len(value) > 32 or not value.isascii():
        return None
    seconds = _parse(value)
    if seconds is None or not 0 <= seconds <= MAX_DURATION_SECONDS:
        return None
    return seconds


def _parse(value: str) -> int | None:
    if value.isascii() and value.isdigit():
        return int(value) * 60
    clock = _CLOCK.match(value)
    if clock:
        hours, minutes, secs = clock.groups()
        return int(hours) * 3600 + int(minutes) * 60 + int(secs or 0)
    short = _HOURS_THEN_MINUTES.match(value)
    if short:
        return int(short.group(1)) * 3600 + int(short.group(2)) * 60
    units = _UNITS.match(value)
    if units and any(units.groupdict().values()):
        hours = float((units["h"] or "0").replace(",", "."))
        minutes = float((units["m"] or "0").replace(",", "."))
        return round(hours * 3600 + minutes * 60) + int(units["s"] or 0)
    return None


def parse_clock_time(text: str) -> tuple[int, int] | None:
    """(hour, minute) for "9:05", "09:05", "17:30", "9am", "5:30 pm"; None otherwise."""
    match = re.match(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", text.strip().lower(), re.ASCII)
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match[2] is None:
        return None
    if hour > 23 or minute > 59:
        return None
    return hour, minute
