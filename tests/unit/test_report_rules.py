"""Pure report rules: rounding, amounts, calendar days and weeks in a zone; CSV cell formats."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from punchclock.reports.csv_files import csv_bytes, format_amount, format_duration
from punchclock.reports.models import ROUND_DOWN, ROUND_NEAREST, ROUND_UP, Rates, Rounding
from punchclock.reports.rules import (
    ROUNDING_MINUTES,
    amount_cents,
    day_start,
    local_day,
    local_iso,
    rounded_seconds,
    week_start,
)

BERLIN = ZoneInfo("Europe/Berlin")
# Zones with DST at midnight (Santiago, Havana), half-hour DST (Lord Howe), and none (Kolkata).
ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/Mexico_City",
    "America/New_York",
    "America/Santiago",
    "America/Havana",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
]


class TestRoundedSeconds:
    @pytest.mark.parametrize(
        ("seconds", "direction", "minutes", "expected"),
        [
            (61, ROUND_UP, 1, 120),
            (60, ROUND_UP, 1, 60),
            (61, ROUND_DOWN, 1, 60),
            (899, ROUND_UP, 15, 900),
            (901, ROUND_UP, 15, 1800),
            (901, ROUND_DOWN, 15, 900),
            (899, ROUND_DOWN, 15, 0),
            (0, ROUND_UP, 15, 0),
            (1, ROUND_UP, 240, 14400),
            (14401, ROUND_DOWN, 240, 14400),
            (449, ROUND_NEAREST, 15, 0),
            (450, ROUND_NEAREST, 15, 900),
            (1349, ROUND_NEAREST, 15, 900),
            (1350, ROUND_NEAREST, 15, 1800),
            (901, ROUND_UP, 0, 901),
        ],
    )
    def test_examples(self, seconds: int, direction: int, minutes: int, expected: int) -> None:
        assert rounded_seconds(seconds, Rounding(direction, minutes)) == expected

    def test_none_is_identity(self) -> None:
        assert rounded_seconds(1234, None) == 1234

    @given(
        seconds=st.integers(min_value=0, max_value=10**9),
        minutes=st.sampled_from([m for m in ROUNDING_MINUTES if m]),
    )
    def test_properties(self, seconds: int, minutes: int) -> None:
        step = minutes * 60
        up = rounded_seconds(seconds, Rounding(ROUND_UP, minutes))
        down = rounded_seconds(seconds, Rounding(ROUND_DOWN, minutes))
        nearest = rounded_seconds(seconds, Rounding(ROUND_NEAREST, minutes))
        assert up == math.ceil(seconds / step) * step
        assert down == seconds // step * step
        assert down <= seconds <= up and up - down in (0, step)
        assert nearest in (down, up)
        assert abs(nearest - seconds) <= step / 2


class TestAmountCents:
    @pytest.mark.parametrize(
        ("seconds", "rate", "expected"),
        [
            (3600, 10000, 10000),
            (1800, 10000, 5000),
            (1, 1800, 1),  # half a cent rounds up
            (1, 1799, 0),
            (1200, 3333, 1111),
            (54, 3333, 50),
            (0, 5000, 0),
            (3600, 0, 0),
        ],
    )
    def test_examples(self, seconds: int, rate: int, expected: int) -> None:
        assert amount_cents(seconds, rate) == expected

    def test_no_rate_is_no_amount(self) -> None:
        assert amount_cents(3600, None) is None

    @given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=0, max_value=10**7))
    def test_half_up_matches_decimal(self, seconds: int, rate: int) -> None:
        exact = Decimal(seconds) * rate / 3600
        assert amount_cents(seconds, rate) == int(exact.quantize(Decimal(1), ROUND_HALF_UP))


class TestRates:
    RATES = Rates(
        project_user={(10, 1): 15000, (10, 3): 0},
        project={10: 12000, 20: 9000},
        member={1: 8000, 2: 7000},
        workspace=5000,
    )

    @pytest.mark.parametrize(
        ("user_id", "project_id", "expected"),
        [
            (1, 10, 15000),  # project member
            (2, 10, 12000),  # project
            (3, 10, 0),  # a project-member rate of zero still wins
            (1, 20, 9000),  # project beats member
            (1, 30, 8000),  # project without a rate: member
            (1, None, 8000),
            (4, None, 5000),  # workspace default
            (4, 30, 5000),
        ],
    )
    def test_precedence(self, user_id: int, project_id: int | None, expected: int) -> None:
        assert self.RATES.hourly_cents(user_id, project_id) == expected

    def test_nothing_set(self) -> None:
        empty = Rates(project_user={}, project={}, member={}, workspace=None)
        assert empty.hourly_cents(1, 2) is None


class TestDays:
    def test_berlin_dst_days(self) -> None:
        # 2026-03-29 has 23 hours, 2026-10-25 has 25.
        assert (
            day_start(dt.date(2026, 3, 30), BERLIN) - day_start(dt.date(2026, 3, 29), BERLIN)
            == 23 * 3600
        )
        assert (
            day_start(dt.date(2026, 10, 26), BERLIN) - day_start(dt.date(2026, 10, 25), BERLIN)
            == 25 * 3600
        )
        assert day_start(dt.date(2026, 10, 25), BERLIN) == 1792879200  # 2026-10-24T22:00Z
        assert day_start(dt.date(2026, 3, 29), BERLIN) == 1774738800  # 2026-03-28T23:00Z

    def test_local_day_and_iso(self) -> None:
        instant = 1792884600  # 2026-10-24T23:30Z
        assert local_day(instant, BERLIN) == dt.date(2026, 10, 25)
        assert local_day(instant, ZoneInfo("UTC")) == dt.date(2026, 10, 24)
        assert local_iso(instant, BERLIN) == "2026-10-25T01:30:00+02:00"
        assert local_iso(instant + 3 * 3600, BERLIN) == "2026-10-25T03:30:00+01:00"
        assert local_iso(instant, ZoneInfo("UTC")) == "2026-10-24T23:30:00+00:00"
        assert local_iso(0, ZoneInfo("Asia/Kolkata")) == "1970-01-01T05:30:00+05:30"

    @given(
        day=st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2037, 12, 31)),
        zone=st.sampled_from(ZONES),
    )
    def test_day_start_is_the_first_instant_of_the_day(self, day: dt.date, zone: str) -> None:
        tz = ZoneInfo(zone)
        start = day_start(day, tz)
        assert local_day(start, tz) == day
        assert local_day(start - 1, tz) == day - dt.timedelta(days=1)
        length = day_start(day + dt.timedelta(days=1), tz) - start
        assert 22 * 3600 <= length <= 26 * 3600

    @pytest.mark.parametrize(
        ("zone", "day"),
        [
            ("America/Santiago", dt.date(2026, 9, 6)),  # midnight does not exist
            ("America/Santiago", dt.date(2026, 4, 5)),  # 23:00-24:00 on the 4th repeats
            ("America/Havana", dt.date(2026, 3, 8)),
            ("America/Havana", dt.date(2026, 11, 1)),
        ],
    )
    def test_midnight_dst_changes(self, zone: str, day: dt.date) -> None:
        tz = ZoneInfo(zone)
        start = day_start(day, tz)
        assert local_day(start, tz) == day
        assert local_day(start - 1, tz) == day - dt.timedelta(days=1)


class TestWeekStart:
    @pytest.mark.parametrize(
        ("day", "beginning", "expected"),
        [
            (dt.date(2026, 11, 1), 0, dt.date(2026, 11, 1)),  # Sunday, weeks from Sunday
            (dt.date(2026, 11, 1), 1, dt.date(2026, 10, 26)),  # Sunday, weeks from Monday
            (dt.date(2026, 11, 2), 1, dt.date(2026, 11, 2)),
            (dt.date(2026, 11, 2), 0, dt.date(2026, 11, 1)),
            (dt.date(2026, 11, 6), 6, dt.date(2026, 10, 31)),  # Friday, weeks from Saturday
            (dt.date(2026, 11, 7), 6, dt.date(2026, 11, 7)),
            (dt.date(2027, 1, 1), 1, dt.date(2026, 12, 28)),  # across a year
        ],
    )
    def test_examples(self, day: dt.date, beginning: int, expected: dt.date) -> None:
        assert week_start(day, beginning) == expected

    @given(
        day=st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2100, 1, 1)),
        beginning=st.integers(min_value=0, max_value=6),
    )
    def test_properties(self, day: dt.date, beginning: int) -> None:
        start = week_start(day, beginning)
        assert 0 <= (day - start).days < 7
        # isoweekday: Monday 1 .. Sunday 7; Toggl: Sunday 0 .. Saturday 6.
        assert start.isoweekday() % 7 == beginning


class TestCsvCells:
    @pytest.mark.parametrize(
        ("seconds", "classic", "decimal", "improved"),
        [
            (0, "00:00:00", "0.00", "0:00:00"),
            (59, "00:00:59", "0.02", "0:00:59"),
            (5400, "01:30:00", "1.50", "1:30:00"),
            (3599, "00:59:59", "1.00", "0:59:59"),
            (36000, "10:00:00", "10.00", "10:00:00"),
            (360000 + 61, "100:01:01", "100.02", "100:01:01"),
            (18, "00:00:18", "0.01", "0:00:18"),  # 0.005 h rounds half up
            (4050, "01:07:30", "1.13", "1:07:30"),  # 1.125 h: half up, not to even
            (3618, "01:00:18", "1.01", "1:00:18"),
        ],
    )
    def test_format_duration(self, seconds: int, classic: str, decimal: str, improved: str) -> None:
        assert format_duration(seconds) == classic
        assert format_duration(seconds, "classic") == classic
        assert format_duration(seconds, "decimal") == decimal
        assert format_duration(seconds, "improved") == improved

    @pytest.mark.parametrize(
        ("cents", "text"),
        [
            (None, ""),
            (0, "0.00"),
            (5, "0.05"),
            (4750, "47.50"),
            (123456789, "1234567.89"),
            (-5, "-0.05"),
            (-4750, "-47.50"),
        ],
    )
    def test_format_amount(self, cents: int | None, text: str) -> None:
        assert format_amount(cents) == text

    def test_csv_bytes(self) -> None:
        data = csv_bytes(["A", "B"], [["x, y", 'q"uote'], ["line\nbreak", 3]])
        assert data == b'\xef\xbb\xbfA,B\r\n"x, y","q""uote"\r\n"line\nbreak",3\r\n'
