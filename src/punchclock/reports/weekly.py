"""The weekly report: each user's time per project, in seven per-day buckets.

Each entry counts on the calendar day its start falls on in the caller's timezone, so a DST
day holds 23 or 25 hours.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from punchclock.reports.models import Fact, Names
from punchclock.reports.rules import local_day

WEEK_DAYS = 7


@dataclass(slots=True)
class WeekRow:
    """One user's time on one project (None: none), per day from the first.

    `rate` is the user's hourly rate on the project (None: none, or amounts hidden); `cents`
    is None when amounts are hidden.
    """

    user_id: int
    project_id: int | None
    rate: int | None
    seconds: list[int]
    billable_seconds: list[int]
    cents: list[int] | None


def week_rows(
    facts: list[Fact], names: Names, zone: ZoneInfo, first: dt.date, *, amounts_shown: bool
) -> list[WeekRow]:
    """The rows of the week from `first`, by user name then project name (no project last).

    Ties go by id; entries outside the week are left out.
    """
    # Per (user, project): its rate (it depends on nothing else), then per-day seconds,
    # billable seconds and cents.
    days: dict[tuple[int, int | None], tuple[int | None, list[int], list[int], list[int]]] = {}
    for fact in facts:
        index = (local_day(fact.start, zone) - first).days
        if not 0 <= index < WEEK_DAYS:
            continue
        key = (fact.user_id, fact.project_id)
        row = days.get(key)
        if row is None:
            row = days[key] = (fact.rate, [0] * WEEK_DAYS, [0] * WEEK_DAYS, [0] * WEEK_DAYS)
        _rate, seconds, billable, cents = row
        seconds[index] += fact.seconds
        if fact.billable:
            billable[index] += fact.seconds
            # Each entry's amount was rounded on its own, as in every other report.
            cents[index] += fact.cents or 0
    rows = [
        WeekRow(user_id, project_id, rate, seconds, billable, cents if amounts_shown else None)
        for (user_id, project_id), (rate, seconds, billable, cents) in days.items()
    ]
    rows.sort(key=lambda row: _order(row, names))
    return rows


def _order(row: WeekRow, names: Names) -> tuple[object, ...]:
    user_name = names.users.get(row.user_id, ("", ""))[0]
    project = names.projects.get(row.project_id) if row.project_id is not None else None
    project_name = project[0] if project else None
    return (user_name, row.user_id, project_name is None, project_name or "", row.project_id or 0)
