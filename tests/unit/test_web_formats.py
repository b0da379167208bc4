"""The duration parser and formatter the web app's fields use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from punchclock.web.formats import MAX_DURATION_SECONDS, hms, parse_clock_time, parse_duration


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [
        ("1:30", 5400),
        ("0:05", 300),
        ("1:30:15", 5415),
        ("90m", 5400),
        ("90 min", 5400),
        ("1h30", 5400),
        ("1h 30m", 5400),
        ("1h30m", 5400),
        ("1.5h", 5400),
        ("1,5h", 5400),
        ("2h", 7200),
        ("45s", 45),
        ("2h5m10s", 7510),
        ("45", 2700),
        (" 1:30 ", 5400),
        ("0", 0),
    ],
)
def test_typed_durations(typed: str, seconds: int) -> None:
    assert parse_duration(typed) == seconds


@pytest.mark.parametrize(
    "typed", ["", "abc", "h", "m", "1:60", "1:5", "-1h", "1h-30", "1:30:60", "9" * 40, "1000:00"]
)
def test_what_is_not_a_duration(typed: str) -> None:
    assert parse_duration(typed) is None


@given(st.integers(min_value=0, max_value=MAX_DURATION_SECONDS))
def test_every_shown_duration_reads_back_as_itself(seconds: int) -> None:
    assert parse_duration(hms(seconds)) == seconds


def test_hms_is_the_timer_format() -> None:
    assert [hms(s) for s in (0, 59, 60, 3599, 3600, 5400, 360_000)] == [
        "0:00:00",
        "0:00:59",
        "0:01:00",
        "0:59:59",
        "1:00:00",
        "1:30:00",
        "100:00:00",
    ]
    assert hms(-5) == "0:00:00"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9:05", (9, 5)),
        ("09:05", (9, 5)),
        ("17:30", (17, 30)),
        ("9am", (9, 0)),
        ("12am", (0, 0)),
        ("12pm", (12, 0)),
        ("5:30 pm", (17, 30)),
        ("9", None),
        ("24:00", None),
        ("13pm", None),
        ("9:60", None),
    ],
)
def test_clock_times(typed: str, expected: tuple[int, int] | None) -> None:
    assert parse_clock_time(typed) == expected
