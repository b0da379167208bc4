"""Grouping entries by week and day in the viewer's timezone (web/entry_groups.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from punchclock.web.entry_groups import EntryRow, day_label, group, week_label, week_start

BERLIN = ZoneInfo("Europe/Berlin")


def _row(entry_id: int, start: dt.datetime, seconds: int) -> EntryRow:
    begin = int(start.timestamp())
    return EntryRow(
        id=entry_id,
        workspace_id=1,
        description=f"e{entry_id}",
        project_id=None,
        project_name=None,
        project_color=None,
        client_name=None,
        task_id=None,
        task_name=None,
        tags=[],
        billable=False,
        start=begin,
        stop=begin + seconds,
        start_label="",
        stop_label="",
        duration=seconds,
    )


@pytest.mark.parametrize(
    ("beginning_of_week", "expected"),
    [(1, dt.date(2026, 11, 30)), (0, dt.date(2026, 11, 29)), (6, dt.date(2026, 11, 28))],
)
def test_week_start_follows_the_users_first_day(beginning_of_week: int, expected: dt.date) -> None:
    # Thursday 3 December 2026.
    assert week_start(dt.date(2026, 12, 3), beginning_of_week) == expected
    assert week_start(expected, beginning_of_week) == expected


def test_days_are_the_viewers_days_not_utc() -> None:
    # 23:30 UTC on Sunday 29 November is 00:30 on Monday 30 November in Berlin.
    late = _row(1, dt.datetime(2026, 11, 29, 23, 30, tzinfo=dt.UTC), 600)
    early = _row(2, dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC), 1200)
    weeks = group([early, late], BERLIN, dt.date(2026, 12, 3), 1)
    assert [w.start for w in weeks] == [dt.date(2026, 11, 30), dt.date(2026, 11, 23)]
    assert [d.date for d in weeks[0].days] == [dt.date(2026, 11, 30)]
    assert [(w.total, [d.total for d in w.days]) for w in weeks] == [(600, [600]), (1200, [1200])]


def test_newest_first_with_day_and_week_totals() -> None:
    monday = dt.datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)
    rows = [
        _row(1, monday, 3600),
        _row(2, monday + dt.timedelta(hours=2), 1800),
        _row(3, monday + dt.timedelta(days=2), 900),
    ]
    [week] = group(rows, BERLIN, dt.date(2026, 12, 2), 1)
    assert week.label == "This week"
    assert [d.label for d in week.days] == ["Today", "Mon, 30 Nov"]
    assert [[e.id for e in d.entries] for d in week.days] == [[3], [2, 1]]
    assert (week.total, [d.total for d in week.days]) == (6300, [900, 5400])


def test_labels() -> None:
    today = dt.date(2026, 12, 3)
    assert day_label(today, today) == "Today"
    assert day_label(dt.date(2026, 12, 2), today) == "Yesterday"
    assert day_label(dt.date(2026, 11, 30), today) == "Mon, 30 Nov"
    assert day_label(dt.date(2025, 11, 30), today) == "Sun, 30 Nov 2025"
    assert week_label(dt.date(2026, 11, 30), today, 1) == "This week"
    assert week_label(dt.date(2026, 11, 23), today, 1) == "Last week"
    assert week_label(dt.date(2026, 11, 16), today, 1) == "16 Nov \N{EN DASH} 22 Nov"
    assert week_label(dt.date(2025, 12, 29), dt.date(2026, 3, 1), 1) == ("29 Dec \N{EN DASH} 4 Jan")


def test_an_entry_past_midnight_says_on_which_day_it_ends() -> None:
    from punchclock.time_entries.models import EntryDetails, EntryView, TimeEntry
    from punchclock.web.entry_groups import rows

    start = int(dt.datetime(2026, 11, 30, 23, 30, tzinfo=BERLIN).timestamp())
    views = [
        EntryView(
            TimeEntry(1, 1, 1, None, None, False, "late", start, start + 5400, [], 0, None), []
        ),
        EntryView(
            TimeEntry(2, 1, 1, None, None, False, "same", start, start + 600, [], 0, None), []
        ),
    ]
    details = [EntryDetails(user_name="", user_avatar_url="")] * 2
    late, same = rows(views, details, BERLIN, start + 9999)
    assert (late.start_label, late.stop_label) == ("23:30", "01:00 (+1)")
    assert same.stop_label == "23:40"
