"""Entry forms to EntryChanges (web/entry_form.py): what the user did not touch stays as stored."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from punchclock.errors import BadRequest
from punchclock.time_entries.models import TimeEntry
from punchclock.web.entry_form import edit_changes, manual_changes
from punchclock.web.session import Form

BERLIN = ZoneInfo("Europe/Berlin")
# Tuesday 1 December 2026, 09:00:17 to 10:30:42 in Berlin (UTC+1).
START = int(dt.datetime(2026, 12, 1, 9, 0, 17, tzinfo=BERLIN).timestamp())
STOP = int(dt.datetime(2026, 12, 1, 10, 30, 42, tzinfo=BERLIN).timestamp())
SHOWN = {"date": "2026-12-01", "start": "09:00", "stop": "10:30", "duration": "1:30:25"}


def _entry() -> TimeEntry:
    return TimeEntry(1, 1, 1, None, None, False, "x", START, STOP, [], 0, None)


def _form(**fields: str) -> Form:
    return Form({name: [value] for name, value in ({**SHOWN, **fields}).items()})


def _seconds(changes: object) -> tuple[int, int]:
    return changes.start // 1_000_000, changes.stop // 1_000_000  # type: ignore[attr-defined]


def test_an_untouched_form_keeps_start_and_stop_to_the_second() -> None:
    changes = edit_changes(_form(description=" New ", tags="a, b, a"), _entry(), BERLIN)
    assert _seconds(changes) == (START, STOP)
    assert (changes.description, changes.tags) == ("New", ["a", "b"])
    assert (changes.project_id, changes.task_id, changes.billable) == (None, None, False)


def test_a_new_duration_moves_the_stop() -> None:
    assert _seconds(edit_changes(_form(duration="2h"), _entry(), BERLIN)) == (START, START + 7200)


def test_a_new_stop_time_moves_the_stop_and_past_midnight_is_the_next_day() -> None:
    later = edit_changes(_form(stop="11:15"), _entry(), BERLIN)
    assert _seconds(later)[1] == int(dt.datetime(2026, 12, 1, 11, 15, tzinfo=BERLIN).timestamp())
    overnight = edit_changes(_form(stop="01:00"), _entry(), BERLIN)
    assert _seconds(overnight)[1] == int(dt.datetime(2026, 12, 2, 1, 0, tzinfo=BERLIN).timestamp())


def test_a_new_start_time_keeps_the_stop() -> None:
    changes = edit_changes(_form(start="8:30"), _entry(), BERLIN)
    assert _seconds(changes) == (
        int(dt.datetime(2026, 12, 1, 8, 30, tzinfo=BERLIN).timestamp()),
        STOP,
    )


def test_a_new_date_moves_the_whole_entry() -> None:
    start, stop = _seconds(edit_changes(_form(date="2026-11-30"), _entry(), BERLIN))
    assert start == int(dt.datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN).timestamp())
    assert stop - start == STOP - START


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "1.12.2026", "YYYY-MM-DD"),
        ("start", "nine", "9:05"),
        ("duration", "long", "1:30, 90m or 1h30"),
        ("project_id", "abc", "not valid"),
    ],
)
def test_bad_fields_are_clear_400s(field: str, value: str, message: str) -> None:
    with pytest.raises(BadRequest, match=message):
        edit_changes(_form(**{field: value}), _entry(), BERLIN)


def test_a_manual_entry_takes_a_stop_time_or_a_duration() -> None:
    today = dt.date(2026, 12, 3)
    by_stop = manual_changes(Form({"start": ["9:00"], "stop": ["10:30"]}), BERLIN, today)
    nine = int(dt.datetime(2026, 12, 3, 9, 0, tzinfo=BERLIN).timestamp())
    assert _seconds(by_stop) == (nine, nine + 5400)
    by_duration = manual_changes(
        Form({"date": ["2026-12-01"], "start": ["9am"], "duration": ["90m"]}), BERLIN, today
    )
    assert _seconds(by_duration) == (START - 17, START - 17 + 5400)
    with pytest.raises(BadRequest, match="stop time or a duration"):
        manual_changes(Form({"start": ["9:00"]}), BERLIN, today)
    with pytest.raises(BadRequest, match="start time"):
        manual_changes(Form({"stop": ["9:00"]}), BERLIN, today)


def test_a_stop_past_midnight_on_a_daylight_saving_night() -> None:
    # Europe/Berlin moves its clocks forward at 02:00 on 29 March 2026: 22:00 to 06:00 is 7 h.
    day = Form({"date": ["2026-03-28"], "start": ["22:00"], "stop": ["06:00"]})
    start, stop = _seconds(manual_changes(day, BERLIN, dt.date(2026, 3, 30)))
    assert stop - start == 7 * 3600
    assert stop == int(dt.datetime(2026, 3, 29, 6, 0, tzinfo=BERLIN).timestamp())
