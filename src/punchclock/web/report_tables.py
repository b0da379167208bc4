"""What the reports page lists, built from report facts (pure): graph buckets, the breakdown,
the detailed rows, and how dates and amounts read.

The sums themselves come from the report domain (`reports/totals.py`, `reports/summary.py`),
so the page shows what Reports v3 answers for the same range, to the second and the cent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from punchclock.reports.models import Fact, Names
from punchclock.reports.rules import local_day
from punchclock.reports.summary import Group, GroupBy, name_of
from punchclock.reports.totals import GraphBucket, bucket_of
from punchclock.web import charts

DASH = "\u2013"  # an en dash, for ranges
SPACED_DASH = f" {DASH} "
WITHOUT = {"project": "Without project", "client": "Without client", "user": "Unknown member"}


@dataclass(frozen=True)
class BucketRow:
    """One bar of the chart, as the table under it lists it."""

    tick: str
    title: str
    seconds: int
    cents: int | None


@dataclass(frozen=True)
class BreakdownRow:
    """One project, client or member, with its share of the range's time."""

    name: str
    color: str | None
    seconds: int
    cents: int | None
    share: float
    bar: float


@dataclass(frozen=True)
class EntryLine:
    """One entry of the detailed table."""

    id: int
    day: str
    times: str
    description: str
    project: str | None
    color: str | None
    client: str | None
    task: str | None
    tags: list[str]
    user: str
    billable: bool
    seconds: int
    cents: int | None


def money(cents: int | None, currency: str) -> str:
    """1234567 -> "12,345.67 USD"; "" when there is no amount."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole:,}.{part:02d} {currency}"


def day_label(day: dt.date) -> str:
    """Fri 27 Nov 2026."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def range_label(first: dt.date, last: dt.date) -> str:
    """2-8 Nov 2026 (an en dash between), 28 Nov - 4 Dec 2026, or one day's label."""
    if first == last:
        return day_label(first)
    if first.year != last.year:
        return f"{first.day} {first:%b %Y}{SPACED_DASH}{last.day} {last:%b %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%b}{SPACED_DASH}{last.day} {last:%b %Y}"
    return f"{first.day}{SPACED_DASH}{last.day} {last:%b %Y}"


def bucket_days(first: dt.date, last: dt.date, resolution: str, week_begins: int) -> list[dt.date]:
    """The first day of each graph bucket, in the order `reports/totals.py` fills them."""
    days = []
    day = bucket_of(first, resolution, week_begins)
    while day <= last:
        days.append(day)
        if resolution == "day":
            day += dt.timedelta(days=1)
        elif resolution == "week":
            day += dt.timedelta(days=7)
        else:
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return days


def bucket_rows(days: list[dt.date], graph: list[GraphBucket], resolution: str) -> list[BucketRow]:
    """The graph's buckets with the labels the chart and its table show."""
    rows = []
    for day, point in zip(days, graph, strict=True):
        if resolution == "day":
            tick, title = str(day.day), day_label(day)
        elif resolution == "week":
            tick, title = f"{day.day} {day:%b}", f"Week of {day.day} {day:%b %Y}"
        else:
            tick, title = f"{day:%b}", f"{day:%B %Y}"
        rows.append(BucketRow(tick, title, point.seconds, point.cents))
    return rows


def breakdown_rows(groups: list[Group], names: Names, by: GroupBy) -> list[BreakdownRow]:
    """Each summary group's time, amount and share, in the summary's order."""
    sums = []
    for group in groups:
        seconds = sum(sub.seconds for sub in group.sub_groups)
        amounts = [sub.cents for sub in group.sub_groups if sub.cents is not None]
        sums.append((group, seconds, sum(amounts) if amounts else None))
    total = sum(seconds for _group, seconds, _cents in sums)
    peak = max((seconds for _group, seconds, _cents in sums), default=0)
    rows = []
    for group, seconds, cents in sums:
        value = group.value
        name = name_of(by, value, names) if value is not None else ""
        project = names.projects.get(value) if by == "project" and isinstance(value, int) else None
        rows.append(
            BreakdownRow(
                name=name or WITHOUT[by],
                color=project[1] if project else None,
                seconds=seconds,
                cents=cents,
                share=charts.share(seconds, total),
                bar=charts.share_width(seconds, peak),
            )
        )
    return rows


def entry_lines(facts: list[Fact], names: Names, zone: ZoneInfo) -> list[EntryLine]:
    """The detailed table's rows, in the facts' order."""
    lines = []
    for fact in facts:
        project = names.projects.get(fact.project_id) if fact.project_id else None
        client = names.clients.get(project[2]) if project and project[2] else None
        start = dt.datetime.fromtimestamp(fact.start, tz=zone)
        stop = dt.datetime.fromtimestamp(fact.stop, tz=zone)
        user = names.users.get(fact.user_id, ("", ""))
        lines.append(
            EntryLine(
                id=fact.id,
                day=day_label(local_day(fact.start, zone)),
                times=f"{start:%H:%M}{DASH}{stop:%H:%M}",
                description=fact.description or "",
                project=project[0] if project else None,
                color=project[1] if project else None,
                client=client,
                task=names.tasks.get(fact.task_id) if fact.task_id else None,
                tags=[tag for tag_id in fact.tag_ids if (tag := names.tags.get(tag_id))],
                user=user[0] or user[1],
                billable=fact.billable,
                seconds=fact.seconds,
                cents=fact.cents,
            )
        )
    return lines
