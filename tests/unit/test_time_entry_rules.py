"""Duration/start/stop and tag rules of time entries (wire contract §4.6, §4.7, open questions)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from punchclock.errors import BadRequest
from punchclock.time_entries.models import EntryChanges
from punchclock.time_entries.rules import apply_tag_action, resolve_create, resolve_update

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
HOUR = 3600
LIMIT = 999 * HOUR
NOW_S = int((dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC) - EPOCH).total_seconds())
NOW_US = NOW_S * 1_000_000
# The years Toggl accepts for start and stop: 2006 to 2030 inclusive.
FIRST_S = int((dt.datetime(2006, 1, 1, tzinfo=dt.UTC) - EPOCH).total_seconds())
LAST_S = int((dt.datetime(2031, 1, 1, tzinfo=dt.UTC) - EPOCH).total_seconds()) - 1

START_REQUIRED = "start is required for time entry creation"
STOP_BEFORE_START = "Stop time must be after start time"
TOO_LONG = "Max allowed duration per 1 time entry is 999 hours"
MISMATCH = "Stop time and duration do not match"
START_YEAR = "Start time year must be between 2006 and 2030"
STOP_YEAR = "Stop time year must be between 2006 and 2030"
TOO_MANY_TAGS = "Tags are limited to 50 per task"

starts = st.integers(min_value=FIRST_S, max_value=LAST_S - LIMIT)
durations = st.integers(min_value=0, max_value=LIMIT)
sub_second = st.integers(min_value=0, max_value=999_999)


def us(seconds: int, fraction: int = 0) -> int:
    return seconds * 1_000_000 + fraction


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> int:
    moment = dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
    return int((moment - EPOCH).total_seconds())


def error_of(call, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(BadRequest) as info:
        call(*args)
    assert info.value.status == 400
    return info.value.message


class TestResolveCreate:
    def test_start_is_required(self) -> None:
        assert error_of(resolve_create, EntryChanges(duration=10), NOW_US) == START_REQUIRED

    @given(starts, sub_second)
    def test_start_only_is_a_stopped_zero_length_entry(self, start: int, fraction: int) -> None:
        # Open question 6: stop = start, duration 0; never a timer.
        assert resolve_create(EntryChanges(start=us(start, fraction)), NOW_US) == (start, start)

    @given(starts, durations, sub_second)
    def test_positive_duration_computes_stop(self, start: int, duration: int, frac: int) -> None:
        changes = EntryChanges(start=us(start, frac), duration=duration)
        assert resolve_create(changes, NOW_US) == (start, start + duration)

    @given(starts, durations)
    def test_start_and_stop_give_the_duration(self, start: int, duration: int) -> None:
        changes = EntryChanges(start=us(start), stop=us(start + duration))
        assert resolve_create(changes, NOW_US) == (start, start + duration)

    @given(starts, durations, st.integers(min_value=-1, max_value=1))
    def test_stop_wins_within_one_second(self, start: int, duration: int, skew: int) -> None:
        # Open question 16: tolerate |stop - start - duration| <= 1 s; stop wins.
        assume(duration + skew >= 0)
        changes = EntryChanges(start=us(start), stop=us(start + duration), duration=duration + skew)
        assert resolve_create(changes, NOW_US) == (start, start + duration)

    @given(starts, durations, st.integers(min_value=2, max_value=10 * HOUR))
    def test_disagreeing_stop_and_duration(self, start: int, duration: int, skew: int) -> None:
        changes = EntryChanges(start=us(start), stop=us(start + duration), duration=duration + skew)
        assert error_of(resolve_create, changes, NOW_US) == MISMATCH

    @given(starts, st.integers(min_value=1, max_value=10**6))
    def test_stop_before_start(self, start: int, earlier: int) -> None:
        changes = EntryChanges(start=us(start), stop=us(start - earlier))
        assert error_of(resolve_create, changes, NOW_US) == STOP_BEFORE_START

    def test_999_hours_is_the_limit(self) -> None:
        start = at(2026, 1, 1)
        ok = EntryChanges(start=us(start), duration=LIMIT)
        assert resolve_create(ok, NOW_US) == (start, start + LIMIT)
        ok_stop = EntryChanges(start=us(start), stop=us(start + LIMIT))
        assert resolve_create(ok_stop, NOW_US) == (start, start + LIMIT)
        long = EntryChanges(start=us(start), duration=LIMIT + 1)
        assert error_of(resolve_create, long, NOW_US) == TOO_LONG
        long_stop = EntryChanges(start=us(start), stop=us(start + LIMIT + 1))
        assert error_of(resolve_create, long_stop, NOW_US) == TOO_LONG

    @given(st.integers(min_value=-(998 * HOUR), max_value=998 * HOUR))
    def test_running_is_a_timer(self, offset: int) -> None:
        # Toggl's negative durations reach the domain as running=True (test_time_entry_payload).
        start = NOW_S + offset
        changes = EntryChanges(start=us(start), running=True)
        assert resolve_create(changes, NOW_US) == (start, None)

    @given(st.integers(min_value=1000 * HOUR, max_value=3000 * HOUR), st.sampled_from([1, -1]))
    def test_timer_start_within_999_hours_of_now(self, distance: int, sign: int) -> None:
        # ±998 h accepted, ±1000 h rejected (tested upstream).
        changes = EntryChanges(start=us(NOW_S + sign * distance), running=True)
        assert error_of(resolve_create, changes, NOW_US) == TOO_LONG

    @pytest.mark.parametrize(
        ("start", "message"),
        [
            (at(2005, 12, 31, 23, 59, 59), START_YEAR),
            (at(2031, 1, 1), START_YEAR),
            (at(1984, 6, 1), START_YEAR),
            (at(1, 1, 1), START_YEAR),
            (at(2006, 1, 1), None),
            (at(2030, 12, 31, 23, 59, 59), None),
        ],
    )
    def test_start_year_limits(self, start: int, message: str | None) -> None:
        changes = EntryChanges(start=us(start))
        if message is None:
            assert resolve_create(changes, NOW_US) == (start, start)
        else:
            assert error_of(resolve_create, changes, NOW_US) == message

    def test_stop_year_limit(self) -> None:
        start = at(2030, 12, 31, 23)
        ok = EntryChanges(start=us(start), stop=us(at(2030, 12, 31, 23, 59, 59)))
        assert resolve_create(ok, NOW_US)[1] == at(2030, 12, 31, 23, 59, 59)
        late = EntryChanges(start=us(start), stop=us(at(2031, 1, 1, 1)))
        assert error_of(resolve_create, late, NOW_US) == STOP_YEAR
        by_duration = EntryChanges(start=us(start), duration=2 * HOUR)
        assert error_of(resolve_create, by_duration, NOW_US) == STOP_YEAR

    @given(
        starts,
        st.dates(min_value=dt.date(2006, 1, 1), max_value=dt.date(2030, 12, 1)),
        durations,
    )
    def test_start_date_replaces_the_date_part(
        self, start: int, day: dt.date, duration: int
    ) -> None:
        # Documented: the date of start_date replaces the date of start; the time is kept (UTC).
        assume(day < dt.date(2030, 11, 1) or duration < 24 * HOUR)
        time_of_day = (EPOCH + dt.timedelta(seconds=start)).time()
        expected = dt.datetime.combine(day, time_of_day, tzinfo=dt.UTC)
        expected_s = int((expected - EPOCH).total_seconds())
        changes = EntryChanges(start=us(start), start_date=day, duration=duration)
        assert resolve_create(changes, NOW_US) == (expected_s, expected_s + duration)

    @given(
        st.integers(min_value=-(2**62), max_value=2**62),
        st.one_of(st.none(), st.integers(min_value=-(2**62), max_value=2**62)),
        st.one_of(st.none(), st.integers(min_value=-(2**62), max_value=2**62)),
        st.one_of(st.none(), st.dates()),
    )
    def test_any_input_is_a_result_or_a_bad_request(
        self, start: int, stop: int | None, duration: int | None, day: dt.date | None
    ) -> None:
        changes = EntryChanges(start=start)
        if stop is not None:
            changes.stop = stop
        if duration is not None:
            # As the v9 mapper gives them: a negative duration is a timer.
            if duration < 0:
                changes.running = True
            else:
                changes.duration = duration
        if day is not None:
            changes.start_date = day
        try:
            new_start, new_stop = resolve_create(changes, NOW_US)
        except BadRequest:
            return
        assert FIRST_S <= new_start <= LAST_S
        if new_stop is not None:
            assert new_start <= new_stop <= LAST_S
            assert new_stop - new_start <= LIMIT
        else:
            assert abs(NOW_S - new_start) <= LIMIT


class TestResolveUpdate:
    @given(starts, durations)
    def test_no_changes_keep_a_stopped_entry(self, start: int, duration: int) -> None:
        result = resolve_update(start, start + duration, EntryChanges(), NOW_US)
        assert result == (start, start + duration)

    @given(st.integers(min_value=-(998 * HOUR), max_value=998 * HOUR))
    def test_no_changes_keep_a_running_entry(self, offset: int) -> None:
        start = NOW_S + offset
        assert resolve_update(start, None, EntryChanges(), NOW_US) == (start, None)

    @given(st.integers(min_value=0, max_value=998 * HOUR), durations, sub_second)
    def test_put_stop_stops_a_timer(self, ago: int, skew: int, fraction: int) -> None:
        # togglcli: stop with microseconds, duration from whole seconds; stop wins.
        start = NOW_S - ago
        stop = start + min(ago, LIMIT)
        duration = stop - start
        changes = EntryChanges(stop=us(stop, fraction), duration=duration + (skew % 2))
        assert resolve_update(start, None, changes, NOW_US) == (start, stop)

    @given(starts, durations, st.integers(min_value=2, max_value=HOUR))
    def test_put_stop_and_duration_must_agree(self, start: int, duration: int, skew: int) -> None:
        changes = EntryChanges(stop=us(start + duration), duration=duration + skew)
        assert error_of(resolve_update, start, start, changes, NOW_US) == MISMATCH

    @given(starts, durations, durations)
    def test_positive_duration_sets_stop(self, start: int, old: int, new: int) -> None:
        changes = EntryChanges(duration=new)
        assert resolve_update(start, start + old, changes, NOW_US) == (start, start + new)

    @given(st.integers(min_value=-(998 * HOUR), max_value=998 * HOUR), durations)
    def test_running_without_stop_restarts(self, offset: int, old: int) -> None:
        # Open question 18: a negative duration (running=True) and no stop: the entry runs again.
        start = NOW_S + offset
        changes = EntryChanges(running=True)
        assert resolve_update(start, start + old, changes, NOW_US) == (start, None)

    @given(st.integers(min_value=0, max_value=998 * HOUR), st.integers(min_value=0, max_value=HOUR))
    def test_moving_a_timers_start_keeps_it_running(self, ago: int, shift: int) -> None:
        start = NOW_S - ago
        changes = EntryChanges(start=us(start - shift))
        assume(ago + shift <= 998 * HOUR)
        assert resolve_update(start, None, changes, NOW_US) == (start - shift, None)

    @given(starts, st.integers(min_value=1, max_value=10**6))
    def test_stop_before_start_is_rejected(self, start: int, earlier: int) -> None:
        changes = EntryChanges(stop=us(start - earlier))
        assert error_of(resolve_update, start, start + 10, changes, NOW_US) == STOP_BEFORE_START

    def test_years_are_checked_on_update(self) -> None:
        start = at(2026, 11, 27, 9)
        early = EntryChanges(start=us(at(2005, 1, 1)), stop=us(at(2005, 1, 1, 1)))
        assert error_of(resolve_update, start, start + 60, early, NOW_US) == START_YEAR
        late_stop = EntryChanges(start=us(at(2030, 12, 31, 23)), stop=us(at(2031, 1, 1, 1)))
        assert error_of(resolve_update, start, start + 60, late_stop, NOW_US) == STOP_YEAR

    @given(
        st.integers(min_value=at(2020, 1, 1), max_value=at(2029, 1, 1)),
        st.integers(min_value=0, max_value=20 * HOUR),
        st.dates(min_value=dt.date(2007, 1, 1), max_value=dt.date(2029, 12, 1)),
    )
    def test_date_only_start_shifts_stop_alike(
        self, start: int, duration: int, day: dt.date
    ) -> None:
        # Open question 22 (bulk /start with a date): the date changes, the time of day and
        # the duration stay.
        time_of_day = (EPOCH + dt.timedelta(seconds=start)).time()
        moved = dt.datetime.combine(day, time_of_day, tzinfo=dt.UTC)
        moved_s = int((moved - EPOCH).total_seconds())
        changes = EntryChanges(start_date=day)
        result = resolve_update(start, start + duration, changes, NOW_US)
        assert result == (moved_s, moved_s + duration)

    @given(
        st.integers(min_value=at(2020, 1, 1), max_value=at(2029, 1, 1)),
        st.integers(min_value=0, max_value=20 * HOUR),
        st.integers(min_value=0, max_value=30),
    )
    def test_date_only_stop_keeps_its_time_of_day(
        self, start: int, duration: int, days_later: int
    ) -> None:
        stop = start + duration
        stop_moment = EPOCH + dt.timedelta(seconds=stop)
        day = stop_moment.date() + dt.timedelta(days=days_later)
        expected = dt.datetime.combine(day, stop_moment.time(), tzinfo=dt.UTC)
        expected_s = int((expected - EPOCH).total_seconds())
        changes = EntryChanges(stop_date=day)
        assert resolve_update(start, stop, changes, NOW_US) == (start, expected_s)

    @given(
        st.integers(min_value=-(2**62), max_value=2**62),
        st.one_of(st.none(), st.integers(min_value=-(2**62), max_value=2**62)),
        st.one_of(st.none(), st.integers(min_value=-(2**62), max_value=2**62)),
        st.one_of(st.none(), st.dates()),
        st.one_of(st.none(), st.dates()),
    )
    def test_any_input_is_a_result_or_a_bad_request(
        self,
        start: int,
        stop: int | None,
        duration: int | None,
        day: dt.date | None,
        stop_day: dt.date | None,
    ) -> None:
        changes = EntryChanges(start=start)
        if stop is not None:
            changes.stop = stop
        if duration is not None:
            # As the v9 mapper gives them: a negative duration is a timer.
            if duration < 0:
                changes.running = True
            else:
                changes.duration = duration
        if day is not None:
            changes.start_date = day
        if stop_day is not None:
            changes.stop_date = stop_day
        existing = at(2026, 11, 27, 9)
        try:
            new_start, new_stop = resolve_update(existing, existing + 60, changes, NOW_US)
        except BadRequest:
            return
        assert FIRST_S <= new_start <= LAST_S
        if new_stop is not None:
            assert new_start <= new_stop <= LAST_S
            assert new_stop - new_start <= LIMIT


tag_lists = st.lists(st.integers(min_value=1, max_value=60), max_size=20)


def _unique(values: list[int]) -> list[int]:
    seen: list[int] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


class TestApplyTagAction:
    @given(tag_lists, tag_lists)
    def test_no_action_replaces(self, current: list[int], given_ids: list[int]) -> None:
        assert apply_tag_action(_unique(current), given_ids, None) == _unique(given_ids)

    @given(tag_lists, tag_lists)
    def test_add_appends_new_ones_in_order(self, current: list[int], given_ids: list[int]) -> None:
        current = _unique(current)
        result = apply_tag_action(current, given_ids, "add")
        assert result[: len(current)] == current
        assert result == _unique(current + given_ids)
        assert len(result) == len(set(result))

    @given(tag_lists, tag_lists)
    def test_add_is_idempotent(self, current: list[int], given_ids: list[int]) -> None:
        once = apply_tag_action(_unique(current), given_ids, "add")
        assert apply_tag_action(once, given_ids, "add") == once

    @given(tag_lists, tag_lists)
    def test_delete_drops(self, current: list[int], given_ids: list[int]) -> None:
        # Toggl's "remove" (v8, toggl-api-wrapper) reaches the domain as "delete": the v9
        # schema maps it (tests/api/test_time_entries_update.py).
        current = _unique(current)
        result = apply_tag_action(current, given_ids, "delete")
        assert result == [tag for tag in current if tag not in given_ids]

    def test_more_than_50_tags(self) -> None:
        fifty = list(range(1, 51))
        assert apply_tag_action([], fifty, None) == fifty
        assert error_of(apply_tag_action, [], [*fifty, 51], None) == TOO_MANY_TAGS
        assert error_of(apply_tag_action, fifty, [51], "add") == TOO_MANY_TAGS
        assert apply_tag_action(fifty, [50, 1], "add") == fifty
