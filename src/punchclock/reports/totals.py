"""Totals over every matching entry: seconds, tracked days, amounts, rates and a graph."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from punchclock.errors import BadRequest
from punchclock.reports.models import Fact
from punchclock.reports.rules import local_day, week_start

RESOLUTIONS = ("day", "week", "month")
# A graph of a century by day would be megabytes; Toggl's charts refuse such ranges too.
MAX_GRAPH_POINTS = 1200
RANGE_TOO_LARGE = "Date range too large for given resolution"
_DAYS_PER_BUCKET = {"day": 1, "week": 7, "month": 28}


@dataclass(slots=True)
class GraphBucket:
    """One bucket of the graph: seconds, billed cents (None: hidden), billable seconds by rate."""

    seconds: int
    cents: int | None
    by_rate: dict[int, int]


@dataclass(slots=True)
class Totals:
    """Sums over the facts; `cents` is None when amounts are hidden."""

    seconds: int
    tracked_days: int
    cents: int | None
    resolution: str
    # Billable seconds per hourly rate, by rate.
    rates: list[tuple[int, int]]
    graph: list[GraphBucket]


def default_resolution(first: dt.date, last: dt.date) -> str:
    """The graph's resolution by the range's length, as Toggl's charts choose it."""
    days = (last - first).days + 1
    if days <= 31:
        return "day"
    return "week" if days <= 183 else "month"


def bucket_of(day: dt.date, resolution: str, beginning_of_week: int) -> dt.date:
    """The first day of the bucket holding `day`."""
    if resolution == "week":
        return week_start(day, beginning_of_week)
    if resolution == "month":
        return day.replace(day=1)
    return day


def _buckets(first: dt.date, last: dt.date, resolution: str, week_begins: int) -> list[dt.date]:
    buckets: list[dt.date] = []
    day = bucket_of(first, resolution, week_begins)
    while day <= last:
        buckets.append(day)
        if resolution == "day":
            day += dt.timedelta(days=1)
        elif resolution == "week":
            day += dt.timedelta(days=7)
        else:
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return buckets


def totals(
    facts: list[Fact],
    zone: ZoneInfo,
    first: dt.date,
    last: dt.date,
    *,
    resolution: str,
    beginning_of_week: int,
    amounts_shown: bool,
    with_graph: bool,
) -> Totals:
    """Sums over the facts, whose start days fall in `first`..`last` in `zone`.

    The graph has one bucket per `resolution` step of the range, empty ones included; too
    many buckets is a 400.
    """
    by_rate: dict[int, int] = {}
    amount_total = 0
    days: set[dt.date] = set()
    graph: dict[dt.date, list[int]] = {}
    graph_rates: dict[dt.date, dict[int, int]] = {}
    for fact in facts:
        day = local_day(fact.start, zone)
        days.add(day)
        point = graph.setdefault(bucket_of(day, resolution, beginning_of_week), [0, 0])
        point[0] += fact.seconds
        rate = fact.rate
        if rate is None or not fact.billable:
            continue
        amount = fact.cents or 0
        amount_total += amount
        point[1] += amount
        by_rate[rate] = by_rate.get(rate, 0) + fact.seconds
        key = bucket_of(day, resolution, beginning_of_week)
        bucket_rates = graph_rates.setdefault(key, {})
        bucket_rates[rate] = bucket_rates.get(rate, 0) + fact.seconds
    points = []
    if with_graph:
        # 1 + days / (days per bucket), without building an absurd list first.
        if ((last - first).days + 1) // _DAYS_PER_BUCKET[resolution] > MAX_GRAPH_POINTS:
            raise BadRequest(RANGE_TOO_LARGE)
        for bucket in _buckets(first, last, resolution, beginning_of_week):
            seconds, amount = graph.get(bucket, [0, 0])
            cents = amount if amounts_shown else None
            points.append(GraphBucket(seconds, cents, graph_rates.get(bucket, {})))
    return Totals(
        seconds=sum(fact.seconds for fact in facts),
        tracked_days=len(days),
        cents=amount_total if amounts_shown else None,
        resolution=resolution,
        rates=sorted(by_rate.items()),
        graph=points,
    )
