"""The reports page's pure parts: chart geometry, labels, date presets, the query's checks."""

from __future__ import annotations

import datetime as dt

import pytest

from punchclock.reports.models import Names
from punchclock.reports.summary import Group, SubGroup
from punchclock.reports.totals import GraphBucket
from punchclock.web import charts
from punchclock.web.report_query import (
    MAX_DAYS,
    ReportInputError,
    matching_preset,
    parse_query,
    preset_range,
)
from punchclock.web.report_tables import (
    breakdown_rows,
    bucket_days,
    bucket_rows,
    money,
    range_label,
)

FRIDAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("seconds", "label"),
    [(0, "0"), (900, "15m"), (3600, "1h"), (5400, "1h 30m"), (48 * 3600, "48h")],
)
def test_axis_labels_read_as_hours_and_minutes(seconds: int, label: str) -> None:
    assert charts.axis_label(seconds) == label


@pytest.mark.parametrize(
    ("peak", "step"),
    [(1, 60), (240, 60), (241, 300), (3600, 900), (3601, 1800), (8 * 3600, 2 * 3600)],
)
def test_the_grid_step_marks_the_peak_with_at_most_four_lines(peak: int, step: int) -> None:
    assert charts.grid_step(peak) == step
    assert peak <= step * charts.MAX_GRIDLINES


def test_a_peak_beyond_the_table_gets_whole_days() -> None:
    step = charts.grid_step(30 * 24 * 3600)
    assert step % (48 * 3600) == 0 and step * charts.MAX_GRIDLINES >= 30 * 24 * 3600


def test_bars_fill_the_plot_left_to_right_and_never_overflow() -> None:
    chart = charts.bar_chart([("1", "Mon", 3600), ("2", "Tue", 5400), ("3", "Wed", 0)])
    tallest = chart.bars[1]
    top = chart.gridlines[-1]
    assert [bar.seconds for bar in chart.bars] == [3600, 5400, 0]
    assert all(chart.left <= bar.x and bar.x + bar.width <= chart.right for bar in chart.bars)
    assert chart.bars[0].x < chart.bars[1].x < chart.bars[2].x
    # The scale's top is the first gridline at or above the tallest bar.
    assert top.y <= tallest.y and top.label == "1h 30m"
    assert tallest.y + tallest.height == pytest.approx(chart.baseline)
    assert chart.bars[0].height == pytest.approx(tallest.height * 3600 / 5400, abs=0.01)
    assert chart.bars[2].height == 0
    assert [line.label for line in chart.gridlines] == ["0", "30m", "1h", "1h 30m"]


def test_an_empty_chart_has_a_one_hour_scale() -> None:
    chart = charts.bar_chart([("1", "Mon", 0), ("2", "Tue", 0)])
    assert chart.gridlines[-1].label == "1h"
    assert all(bar.height == 0 and bar.y == chart.baseline for bar in chart.bars)
    assert charts.bar_chart([]).bars == []


def test_tick_labels_are_thinned_to_fit() -> None:
    chart = charts.bar_chart([(str(day), str(day), 60) for day in range(1, 32)])
    ticks = [bar.tick for bar in chart.bars if bar.tick is not None]
    assert len(ticks) <= charts.MAX_TICK_LABELS and ticks[0] == "1"
    assert charts.label_every(7) == 1 and charts.label_every(31) == 2


def test_shares_and_breakdown_bars() -> None:
    assert charts.share(1, 3) == 33.3 and charts.share(5, 0) == 0.0
    assert charts.share_width(50, 100) == 50.0
    assert charts.share_width(1, 10**9) == 1.0  # a sliver, never nothing
    assert charts.share_width(0, 100) == 0.0


def test_money_and_range_labels() -> None:
    assert money(1234567, "EUR") == "12,345.67 EUR"
    assert money(5, "USD") == "0.05 USD" and money(-250, "USD") == "-2.50 USD"
    assert money(None, "USD") == ""
    assert range_label(FRIDAY, FRIDAY) == "Fri 27 Nov 2026"
    assert range_label(dt.date(2026, 11, 23), FRIDAY) == "23 \u2013 27 Nov 2026"
    assert range_label(dt.date(2026, 10, 30), FRIDAY) == "30 Oct \u2013 27 Nov 2026"
    assert range_label(dt.date(2025, 12, 30), FRIDAY) == "30 Dec 2025 \u2013 27 Nov 2026"


def test_buckets_follow_the_resolution() -> None:
    week = bucket_days(dt.date(2026, 11, 1), dt.date(2026, 12, 31), "week", 1)
    assert week[0] == dt.date(2026, 10, 26) and week[-1] == dt.date(2026, 12, 28)
    months = bucket_days(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "month", 1)
    assert len(months) == 12 and months[1] == dt.date(2026, 2, 1)
    rows = bucket_rows(months[:1], [GraphBucket(60, 5, {})], "month")
    assert (rows[0].tick, rows[0].title, rows[0].cents) == ("Jan", "January 2026", 5)


@pytest.mark.parametrize(
    ("preset", "week_begins", "first", "last"),
    [
        ("today", 1, FRIDAY, FRIDAY),
        ("this_week", 1, dt.date(2026, 11, 23), dt.date(2026, 11, 29)),
        ("this_week", 0, dt.date(2026, 11, 22), dt.date(2026, 11, 28)),
        ("last_week", 1, dt.date(2026, 11, 16), dt.date(2026, 11, 22)),
        ("this_month", 1, dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
        ("last_month", 1, dt.date(2026, 10, 1), dt.date(2026, 10, 31)),
        ("this_year", 1, dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ],
)
def test_presets_around_today(preset: str, week_begins: int, first: dt.date, last: dt.date) -> None:
    assert preset_range(preset, FRIDAY, week_begins) == (first, last)
    assert matching_preset(first, last, FRIDAY, week_begins) in (preset, "today")


def test_presets_across_the_new_year() -> None:
    new_year = dt.date(2027, 1, 1)
    assert preset_range("last_month", new_year, 1) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert preset_range("this_month", dt.date(2028, 2, 10), 1)[1] == dt.date(2028, 2, 29)
    assert preset_range("this_week", new_year, 1)[0] == dt.date(2026, 12, 28)
    assert matching_preset(dt.date(2026, 1, 2), FRIDAY, FRIDAY, 1) is None


def _query(**args: str) -> None:
    parse_query(args, FRIDAY, 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"start": "2026-02-30"}, "The start date is not a valid date"),
        ({"start": "27.11.2026"}, "The start date is not a valid date"),
        ({"start": "2026-11-01", "end": "x"}, "The end date is not a valid date"),
        ({"end": "2026-11-01"}, "Enter a start date"),
        ({"start": "2026-11-10", "end": "2026-11-01"}, "The end date is before the start date"),
        ({"start": "2025-01-01", "end": "2026-01-02"}, f"{MAX_DAYS} days at most"),
        ({"start": "1969-12-31"}, "not a valid date"),
        ({"range": "yesterday"}, "Choose a date range"),
        ({"project": "abc"}, "That project is not valid"),
        ({"client": "-1"}, "That client is not valid"),
        ({"tag": "0"}, "That tag is not valid"),
        ({"user": "1e3"}, "That member is not valid"),
        ({"billable": "maybe"}, "billable"),
        ({"by": "task"}, "break the time down"),
        ({"page": "0"}, "page"),
    ],
)
def test_bad_queries_say_what_to_fix(args: dict[str, str], message: str) -> None:
    with pytest.raises(ReportInputError, match=message):
        _query(**args)


def test_a_query_reads_filters_and_links_back_with_explicit_dates() -> None:
    query = parse_query(
        {"start": "2026-11-02", "project": "7", "client": "none", "billable": "no", "page": "2"},
        FRIDAY,
        1,
    )
    assert (query.first, query.last, query.days) == (dt.date(2026, 11, 2),) * 2 + (1,)
    assert query.project_ids == [7] and query.client_ids == [None] and query.tag_ids is None
    assert query.billable is False and query.by == "project" and query.page == 2
    assert query.filtered
    assert query.href("/reports/export.csv") == (
        "/reports/export.csv?start=2026-11-02&end=2026-11-02&project=7&client=none&billable=no"
    )
    assert query.href("/reports", page=3).endswith("&page=3")
    default = parse_query({}, FRIDAY, 1)
    assert (default.first, default.last) == preset_range("this_week", FRIDAY, 1)
    assert not default.filtered


def test_the_breakdown_sums_each_group_and_names_what_is_missing() -> None:
    names = Names(users={}, projects={5: ("Site", "#c9806b", None)}, clients={}, tasks={}, tags={})
    groups = [
        Group(5, [SubGroup("a", None, 3600, [1], {}, 100), SubGroup("", None, 1800, [2])]),
        Group(None, [SubGroup("b", None, 1800, [3])]),
    ]
    site, without = breakdown_rows(groups, names, "project")
    assert (site.name, site.color, site.seconds, site.cents) == ("Site", "#c9806b", 5400, 100)
    assert (site.share, site.bar) == (75.0, 100.0)
    assert (without.name, without.color, without.cents, without.share) == (
        "Without project",
        None,
        None,
        25.0,
    )
