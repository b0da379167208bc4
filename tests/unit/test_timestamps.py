"""Timestamp parsing and formatting (wire contract §1.5): lenient input, exact output forms."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from punchclock.api.timestamps import (
    format_day,
    format_micros,
    format_micros_as_seconds,
    format_seconds,
    parse_date,
    parse_date_or_instant,
    parse_instant,
)

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
SECONDS_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")
MICROS_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")

# Instants between 1970 and 2100, as aware UTC datetimes with microseconds.
instants = st.datetimes(
    min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
offsets_minutes = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59)


def micros_of(moment: dt.datetime) -> int:
    """Unix microseconds of an aware datetime, computed without the code under test."""
    return (moment - EPOCH) // dt.timedelta(microseconds=1)


def offset_text(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


class TestParseInstantExamples:
    """Every input form §1.5 lists must parse to the same instant."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2026-11-27T20:40:58.642960Z", dt.datetime(2026, 11, 27, 20, 40, 58, 642960)),
            ("2026-11-27T20:42:28.000Z", dt.datetime(2026, 11, 27, 20, 42, 28)),
            ("2026-11-27T20:41:40Z", dt.datetime(2026, 11, 27, 20, 41, 40)),
            ("2026-11-27T20:41:26.434491+00:00", dt.datetime(2026, 11, 27, 20, 41, 26, 434491)),
            ("2026-11-27T20:41:26+00:00", dt.datetime(2026, 11, 27, 20, 41, 26)),
            ("2026-10-28T00:00:00-00:00", dt.datetime(2026, 10, 28)),
            ("2026-11-27T00:00:00+01:00", dt.datetime(2026, 11, 26, 23)),
            ("2026-11-27T00:00:00-05:30", dt.datetime(2026, 11, 27, 5, 30)),
        ],
    )
    def test_listed_forms(self, text: str, expected: dt.datetime) -> None:
        assert parse_instant(text) == micros_of(expected.replace(tzinfo=dt.UTC))

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "yesterday",
            "2026-11-27",  # a date is not an instant
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-27T24:00:01Z",
            "2026-11-27T23:60:00Z",
            "2026-11-27 T10:00:00Z",
            "2026-11-27T10:00:00+0",
            "1795780800",
        ],
    )
    def test_invalid_text_raises_value_error(self, text: str) -> None:
        with pytest.raises(ValueError):
            parse_instant(text)


class TestParseInstantProperties:
    @given(instants)
    def test_z_with_microseconds(self, moment: dt.datetime) -> None:
        text = moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        assert parse_instant(text) == micros_of(moment)

    @given(instants)
    def test_z_whole_seconds(self, moment: dt.datetime) -> None:
        moment = moment.replace(microsecond=0)
        assert parse_instant(moment.strftime("%Y-%m-%dT%H:%M:%SZ")) == micros_of(moment)

    @given(instants)
    def test_milliseconds(self, moment: dt.datetime) -> None:
        moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
        text = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
        assert parse_instant(text) == micros_of(moment)

    @given(instants, offsets_minutes)
    def test_any_offset_is_the_same_instant(self, moment: dt.datetime, minutes: int) -> None:
        local = moment.astimezone(dt.timezone(dt.timedelta(minutes=minutes)))
        text = local.strftime("%Y-%m-%dT%H:%M:%S.%f") + offset_text(minutes)
        assert parse_instant(text) == micros_of(moment)

    @given(st.text(max_size=40))
    def test_arbitrary_text_is_value_error_or_instant(self, text: str) -> None:
        try:
            result = parse_instant(text)
        except ValueError:
            return
        assert isinstance(result, int)

    @given(
        st.integers(min_value=1, max_value=9999),
        st.integers(min_value=1, max_value=12),
        st.integers(min_value=1, max_value=31),
        offsets_minutes,
    )
    def test_extreme_years_never_crash(self, year: int, month: int, day: int, minutes: int) -> None:
        # Whatever the year and offset, the parser answers with an int or a ValueError.
        text = f"{year:04d}-{month:02d}-{day:02d}T00:00:00{offset_text(minutes)}"
        try:
            result = parse_instant(text)
        except ValueError:
            return
        assert isinstance(result, int)


class TestFormats:
    @given(st.integers(min_value=0, max_value=4_102_444_800))
    def test_seconds_form_round_trips(self, seconds: int) -> None:
        text = format_seconds(seconds)
        assert SECONDS_FORM.match(text), text
        assert parse_instant(text) == seconds * 1_000_000
        assert dt.datetime.fromisoformat(text) == EPOCH + dt.timedelta(seconds=seconds)

    @given(st.integers(min_value=0, max_value=4_102_444_800 * 1_000_000))
    def test_micros_form_round_trips(self, micros: int) -> None:
        text = format_micros(micros)
        assert MICROS_FORM.match(text), text
        assert parse_instant(text) == micros

    @given(st.integers(min_value=0, max_value=4_102_444_800 * 1_000_000))
    def test_micros_as_seconds_truncates(self, micros: int) -> None:
        text = format_micros_as_seconds(micros)
        assert SECONDS_FORM.match(text), text
        assert parse_instant(text) == micros // 1_000_000 * 1_000_000

    def test_examples(self) -> None:
        # Values from §1.5: time entry start and `at`.
        start = micros_of(dt.datetime(2024, 12, 16, 17, 5, 25, tzinfo=dt.UTC)) // 1_000_000
        assert format_seconds(start) == "2024-12-16T17:05:25+00:00"
        at = micros_of(dt.datetime(2024, 12, 16, 18, 7, 5, 694469, tzinfo=dt.UTC))
        assert format_micros(at) == "2024-12-16T18:07:05.694469Z"
        assert format_micros(at - 694469) == "2024-12-16T18:07:05.000000Z"

    @given(instants)
    def test_day_form(self, moment: dt.datetime) -> None:
        # workspace `last_modified`: 2024-12-12T00:00:00Z
        assert format_day(micros_of(moment)) == moment.strftime("%Y-%m-%dT00:00:00Z")


class TestDates:
    @given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
    def test_parse_date_round_trips(self, day: dt.date) -> None:
        assert parse_date(day.isoformat()) == day

    @pytest.mark.parametrize(
        "text", ["2026-11-31", "2026-1-01", "20261101", "2026-11-27T00:00:00Z"]
    )
    def test_parse_date_rejects(self, text: str) -> None:
        with pytest.raises(ValueError):
            parse_date(text)

    @pytest.mark.parametrize(
        ("zone", "expected"),
        [
            ("UTC", dt.datetime(2026, 11, 20, 0, tzinfo=dt.UTC)),
            ("Europe/Berlin", dt.datetime(2026, 11, 19, 23, tzinfo=dt.UTC)),
            ("America/New_York", dt.datetime(2026, 11, 20, 5, tzinfo=dt.UTC)),
            ("Pacific/Auckland", dt.datetime(2026, 11, 19, 11, tzinfo=dt.UTC)),
        ],
    )
    def test_date_only_is_midnight_in_the_zone(self, zone: str, expected: dt.datetime) -> None:
        # §4.8 / open question 11: date-only list bounds are midnight in the user's timezone.
        assert parse_date_or_instant("2026-11-20", zone) == micros_of(expected)

    @given(instants, st.sampled_from(["UTC", "Europe/Berlin", "Asia/Kolkata"]))
    def test_instants_ignore_the_zone(self, moment: dt.datetime, zone: str) -> None:
        text = moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        assert parse_date_or_instant(text, zone) == micros_of(moment)

    @given(
        st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
        st.sampled_from(["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Tokyo"]),
    )
    def test_extreme_dates_never_crash(self, day: dt.date, zone: str) -> None:
        try:
            result = parse_date_or_instant(day.isoformat(), zone)
        except ValueError:
            return
        assert isinstance(result, int)
