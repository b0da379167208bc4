"""Entries grouped by week and day in the viewer's timezone, with totals (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from punchclock.time_entries.models import EntryDetails, EntryView
from punchclock.web.formats import hms


@dataclass(frozen=True)
class EntryRow:
    """One entry as the list shows it."""

    id: int
    workspace_id: int
    description: str
    project_id: int | None
    project_name: str | None
    project_color: str | None
    client_name: str | None
    task_id: int | None
    task_name: str | None
    tags: list[str]
    billable: bool
    start: int
    stop: int | None
    start_label: str
    stop_label: str
    duration: int

    @property
    def running(self) -> bool:
        """Still running (its duration grows on the page)."""
        return self.stop is None


@dataclass
class Day:
    """A calendar day of entries, newest first."""

    date: dt.date
    label: str
    entries: list[EntryRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Seconds tracked that day."""
        return sum(entry.duration for entry in self.entries)


@dataclass
class Week:
    """The days of one week that have entries, newest first."""

    start: dt.date
    label: str
    days: list[Day] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Seconds tracked that week."""
        return sum(day.total for day in self.days)


def week_start(day: dt.date, beginning_of_week: int) -> dt.date:
    """The first day of the week holding `day` (Toggl: 0 = Sunday, 1 = Monday, ...)."""
    # date.weekday(): Monday = 0; Toggl's beginning_of_week: Sunday = 0.
    offset = (day.weekday() + 1 - beginning_of_week) % 7
    return day - dt.timedelta(days=offset)


def local_midnight(day: dt.date, zone: ZoneInfo) -> int:
    """Unix seconds of 00:00 on `day` in `zone`."""
    return int(dt.datetime.combine(day, dt.time(), tzinfo=zone).timestamp())


def local_date(seconds: int, zone: ZoneInfo) -> dt.date:
    """The calendar day of an instant in `zone`."""
    return dt.datetime.fromtimestamp(seconds, tz=zone).date()


def rows(
    views: list[EntryView], details: list[EntryDetails], zone: ZoneInfo, now_s: int
) -> list[EntryRow]:
    """List rows for entries (details in the same order)."""
    result = []
    for view, detail in zip(views, details, strict=True):
        entry = view.entry
        start_at = dt.datetime.fromtimestamp(entry.start, tz=zone)
        stop_label = ""
        if entry.stop is not None:
            stop_at = dt.datetime.fromtimestamp(entry.stop, tz=zone)
            stop_label = stop_at.strftime("%H:%M")
            # An entry that ends on a later day says so: 23:30-01:00 (+1).
            if (days := (stop_at.date() - start_at.date()).days) > 0:
                stop_label += f" (+{days})"
        end = entry.stop if entry.stop is not None else max(now_s, entry.start)
        result.append(
            EntryRow(
                id=entry.id,
                workspace_id=entry.workspace_id,
                description=entry.description or "",
                project_id=entry.project_id,
                project_name=detail.project_name,
                project_color=detail.project_color,
                client_name=detail.client_name,
                task_id=entry.task_id,
                task_name=detail.task_name,
                tags=view.tag_names,
                billable=entry.billable,
                start=entry.start,
                stop=entry.stop,
                start_label=start_at.strftime("%H:%M"),
                stop_label=stop_label,
                duration=end - entry.start,
            )
        )
    return result


def day_label(day: dt.date, today: dt.date) -> str:
    """ "Today", "Yesterday", or e.g. "Mon, 30 Nov" (with the year when it is not this one)."""
    if day == today:
        return "Today"
    if day == today - dt.timedelta(days=1):
        return "Yesterday"
    label = f"{day:%a}, {day.day} {day:%b}"
    return label if day.year == today.year else f"{label} {day.year}"


def week_label(start: dt.date, today: dt.date, beginning_of_week: int) -> str:
    """ "This week", "Last week", or the week's first and last day."""
    current = week_start(today, beginning_of_week)
    if start == current:
        return "This week"
    if start == current - dt.timedelta(days=7):
        return "Last week"
    end = start + dt.timedelta(days=6)
    year = "" if end.year == today.year else f" {end.year}"
    return f"{start.day} {start:%b} \N{EN DASH} {end.day} {end:%b}{year}"


def group(
    entries: list[EntryRow], zone: ZoneInfo, today: dt.date, beginning_of_week: int
) -> list[Week]:
    """Entries (newest first) as weeks of days, both newest first."""
    weeks: list[Week] = []
    for entry in sorted(entries, key=lambda e: (e.start, e.id), reverse=True):
        day = local_date(entry.start, zone)
        start = week_start(day, beginning_of_week)
        if not weeks or weeks[-1].start != start:
            weeks.append(Week(start, week_label(start, today, beginning_of_week)))
        week = weeks[-1]
        if not week.days or week.days[-1].date != day:
            week.days.append(Day(day, day_label(day, today)))
        week.days[-1].entries.append(entry)
    return weeks


def local_fields(row: EntryRow, zone: ZoneInfo) -> dict[str, str]:
    """The date, start, stop and duration an edit form shows for a row."""
    start = dt.datetime.fromtimestamp(row.start, tz=zone)
    stop = dt.datetime.fromtimestamp(row.stop if row.stop is not None else row.start, tz=zone)
    return {
        "date": start.date().isoformat(),
        "start": start.strftime("%H:%M"),
        "stop": stop.strftime("%H:%M"),
        "duration": hms(row.duration),
    }
