"""What the entry forms ask for, as the service's EntryChanges (pure; unit-tested).

Times are typed in the viewer's timezone. In an edit, what the user did not touch stays exactly
as stored (seconds included): a new duration moves the stop, a new stop time moves the stop, a
new date moves the whole entry, a new start time alone keeps the stop where it was.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from msgspec import UNSET

from punchclock.errors import BadRequest
from punchclock.time_entries.models import EntryChanges, TimeEntry
from punchclock.web.formats import hms, parse_clock_time, parse_duration
from punchclock.web.forms import optional_id, tag_names
from punchclock.web.session import Form

BAD_DATE = "Type the date as YYYY-MM-DD."
BAD_TIME = "Type times as 9:05, 17:30 or 5:30 pm."
BAD_DURATION = "Type a duration such as 1:30, 90m or 1h30."
NEEDS_END = "Give a stop time or a duration."


def _date(raw: str, default: dt.date) -> dt.date:
    raw = raw.strip()
    if not raw:
        return default
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(BAD_DATE) from None
    # The Unix era to a year whose next day any timezone can still reach.
    if not 1970 <= day.year <= 9998:
        raise BadRequest("Give a date between 1970 and 9998.")
    return day


def _time(raw: str) -> tuple[int, int] | None:
    raw = raw.strip()
    if not raw:
        return None
    parsed = parse_clock_time(raw)
    if parsed is None:
        raise BadRequest(BAD_TIME)
    return parsed


def _at(day: dt.date, clock_time: tuple[int, int], zone: ZoneInfo) -> int:
    local = dt.datetime.combine(day, dt.time(*clock_time), tzinfo=zone)
    return int(local.timestamp())


def _stop_at(start: int, stop_time: tuple[int, int], zone: ZoneInfo) -> int:
    """The first moment after `start` showing `stop_time` (a stop before the start is next day,
    on the calendar: a night with a daylight-saving change is not 24 hours long)."""
    day = dt.datetime.fromtimestamp(start, tz=zone).date()
    stop = _at(day, stop_time, zone)
    return _at(day + dt.timedelta(days=1), stop_time, zone) if stop <= start else stop


def _changes(form: Form, start: int, stop: int | None) -> EntryChanges:
    """Everything the form says about the entry, with its start and stop (whole seconds; a
    running entry's stop stays as it is: none)."""
    description = form.get("description").strip()
    return EntryChanges(
        start=start * 1_000_000,
        stop=UNSET if stop is None else stop * 1_000_000,
        description=description or None,
        project_id=optional_id(form.get("project_id")),
        task_id=optional_id(form.get("task_id")),
        tags=tag_names(form.get("tags")),
        billable=form.get("billable") == "true",
    )


def manual_changes(form: Form, zone: ZoneInfo, today: dt.date) -> EntryChanges:
    """A past entry typed in by hand: date, start, and a stop time or a duration."""
    day = _date(form.get("date"), today)
    start_time = _time(form.get("start"))
    if start_time is None:
        raise BadRequest("Give a start time.")
    start = _at(day, start_time, zone)
    stop = _end(form, start, zone)
    if stop is None:
        raise BadRequest(NEEDS_END)
    return _changes(form, start, stop)


def _end(form: Form, start: int, zone: ZoneInfo) -> int | None:
    typed = form.get("duration").strip()
    if typed:
        seconds = parse_duration(typed)
        if seconds is None:
            raise BadRequest(BAD_DURATION)
        return start + seconds
    stop_time = _time(form.get("stop"))
    return _stop_at(start, stop_time, zone) if stop_time is not None else None


def edit_changes(form: Form, entry: TimeEntry, zone: ZoneInfo) -> EntryChanges:
    """An inline edit of an entry (of a running one: no stop or duration, it keeps running)."""
    shown_start = dt.datetime.fromtimestamp(entry.start, tz=zone)
    day = _date(form.get("date"), shown_start.date())
    start_time = _time(form.get("start")) or (shown_start.hour, shown_start.minute)
    moved_day = day != shown_start.date()
    if not moved_day and start_time == (shown_start.hour, shown_start.minute):
        start = entry.start  # untouched: keep its seconds
    else:
        start = _at(day, start_time, zone)
    if entry.stop is None:
        return _changes(form, start, None)
    stop = entry.stop
    duration = stop - entry.start
    typed = form.get("duration").strip()
    stop_time = _time(form.get("stop"))
    shown_stop = dt.datetime.fromtimestamp(stop, tz=zone)
    if typed and typed != hms(duration):
        seconds = parse_duration(typed)
        if seconds is None:
            raise BadRequest(BAD_DURATION)
        stop = start + seconds
    elif stop_time is not None and stop_time != (shown_stop.hour, shown_stop.minute):
        stop = _stop_at(start, stop_time, zone)
    elif moved_day:
        stop = start + duration  # the entry moves to the new day whole
    return _changes(form, start, stop)
