"""Totals of the detailed report (§13): POST .../search/time_entries/totals."""

from __future__ import annotations

import datetime as dt

import msgspec

from punchclock.api.reports_v3.context import ReportContext
from punchclock.api.reports_v3.filters import choice, given
from punchclock.errors import BadRequest
from punchclock.reports.models import Fact
from punchclock.reports.rules import amount_cents, local_day, week_start

RESOLUTIONS = ("day", "week", "month")
# A graph of a century by day would be megabytes; Toggl's charts refuse such ranges too.
MAX_GRAPH_POINTS = 1200
RANGE_TOO_LARGE = "Date range too large for given resolution"


class RateOut(msgspec.Struct):
    """Billable time at one hourly rate."""

    billable_seconds: int
    currency: str
    hourly_rate_in_cents: int


class GraphPoint(msgspec.Struct):
    """One bucket of the graph."""

    seconds: int
    billable_amount_in_cents: int | None
    labour_cost_in_cents: int | None
    by_rate: dict[str, int]


class TotalsOut(msgspec.Struct):
    """Toggl's `totals.ReportData`."""

    seconds: int
    tracked_days: int
    billable_amount_in_cents: int | None
    labour_cost_in_cents: int | None
    resolution: str
    rates: list[RateOut]
    graph: list[GraphPoint]


def resolution_for(report: ReportContext, first: dt.date, last: dt.date) -> str:
    """`granularity`, else `resolution`, else by range length as Toggl's charts do."""
    for name in ("granularity", "resolution"):
        value = given(getattr(report.body, name))
        if value is not None:
            return choice(value, name, RESOLUTIONS)
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


def totals_out(report: ReportContext, facts: list[Fact]) -> TotalsOut:
    """Sums over the facts; amounts are null when the caller may not see them."""
    first = local_day(report.filters.start, report.zone)
    last = local_day(report.filters.end - 1, report.zone)
    resolution = resolution_for(report, first, last)
    rates = report.rates()
    week_begins = report.user.beginning_of_week
    by_rate: dict[int, int] = {}
    amount_total = 0
    days: set[dt.date] = set()
    graph: dict[dt.date, list[int]] = {}
    graph_rates: dict[dt.date, dict[str, int]] = {}
    for fact in facts:
        day = local_day(fact.start, report.zone)
        days.add(day)
        point = graph.setdefault(bucket_of(day, resolution, week_begins), [0, 0])
        point[0] += fact.seconds
        if rates is None or not fact.billable:
            continue
        rate = rates.hourly_cents(fact.user_id, fact.project_id)
        if rate is None:
            continue
        amount = amount_cents(fact.seconds, rate) or 0
        amount_total += amount
        point[1] += amount
        by_rate[rate] = by_rate.get(rate, 0) + fact.seconds
        key = bucket_of(day, resolution, week_begins)
        bucket_rates = graph_rates.setdefault(key, {})
        bucket_rates[str(rate)] = bucket_rates.get(str(rate), 0) + fact.seconds
    points = []
    if report.body.with_graph:
        # 1 + days / (days per bucket), without building an absurd list first.
        per_bucket = {"day": 1, "week": 7, "month": 28}[resolution]
        if ((last - first).days + 1) // per_bucket > MAX_GRAPH_POINTS:
            raise BadRequest(RANGE_TOO_LARGE)
        for bucket in _buckets(first, last, resolution, week_begins):
            seconds, amount = graph.get(bucket, [0, 0])
            points.append(
                GraphPoint(
                    seconds=seconds,
                    billable_amount_in_cents=amount if rates is not None else None,
                    labour_cost_in_cents=None,
                    by_rate=graph_rates.get(bucket, {}),
                )
            )
    return TotalsOut(
        seconds=sum(fact.seconds for fact in facts),
        tracked_days=len(days),
        billable_amount_in_cents=amount_total if rates is not None else None,
        labour_cost_in_cents=None,
        resolution=resolution,
        rates=[
            RateOut(billable_seconds=seconds, currency=report.currency, hourly_rate_in_cents=rate)
            for rate, seconds in sorted(by_rate.items())
        ],
        graph=points,
    )
