"""Totals of the detailed report (§13): POST .../search/time_entries/totals."""

from __future__ import annotations

import datetime as dt

import msgspec

from punchclock.api.reports_v3.context import ReportContext
from punchclock.api.reports_v3.filters import choice, given
from punchclock.reports.models import Fact
from punchclock.reports.rules import local_day
from punchclock.reports.totals import RESOLUTIONS, default_resolution, totals


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
    return default_resolution(first, last)


def totals_out(report: ReportContext, facts: list[Fact]) -> TotalsOut:
    """Sums over the facts; amounts are null when the caller may not see them."""
    first = local_day(report.filters.start, report.zone)
    last = local_day(report.filters.end - 1, report.zone)
    resolution = resolution_for(report, first, last)
    summed = totals(
        facts,
        report.zone,
        first,
        last,
        resolution=resolution,
        beginning_of_week=report.user.beginning_of_week,
        amounts_shown=report.amounts_shown,
        with_graph=bool(report.body.with_graph),
    )
    return TotalsOut(
        seconds=summed.seconds,
        tracked_days=summed.tracked_days,
        billable_amount_in_cents=summed.cents,
        labour_cost_in_cents=None,
        resolution=summed.resolution,
        rates=[
            RateOut(billable_seconds=seconds, currency=report.currency, hourly_rate_in_cents=rate)
            for rate, seconds in summed.rates
        ],
        graph=[
            GraphPoint(
                seconds=point.seconds,
                billable_amount_in_cents=point.cents,
                labour_cost_in_cents=None,
                # JSON object keys are strings.
                by_rate={str(rate): seconds for rate, seconds in point.by_rate.items()},
            )
            for point in summed.graph
        ],
    )
