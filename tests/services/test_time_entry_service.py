"""TimeEntryService on a real database: invariants that are clearer below HTTP."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.db.schema import time_entries
from punchclock.errors import BadRequest, Conflict, Forbidden, NotFound
from punchclock.time_entries.models import EntryChanges, ListQuery
from punchclock.time_entries.queries import TimeEntryQueries
from punchclock.time_entries.service import TimeEntryService
from tests.services.support import join_workspace, user_of

NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)
NOW_S = int(NOW.timestamp())
NOW_US = NOW_S * 1_000_000


def us(moment: dt.datetime) -> int:
    return int(moment.timestamp()) * 1_000_000


@contextmanager
def service(
    database: Database, clock: FrozenClock
) -> Iterator[tuple[TimeEntryService, Connection]]:
    with database.transaction(write=True) as conn:
        yield TimeEntryService(conn, clock), conn


def row(database: Database, entry_id: int) -> dict[str, Any]:
    with database.transaction(write=False) as conn:
        found = (
            conn.execute(select(time_entries).where(time_entries.c.id == entry_id)).mappings().one()
        )
    return dict(found)


class TestOneRunningEntryIndex:
    """The partial unique index itself, bypassing the service."""

    def _insert(self, conn: Connection, user_id: int, wid: int, **values: Any) -> None:
        conn.execute(
            insert(time_entries).values(
                workspace_id=wid, user_id=user_id, start=NOW_S - 60, created_at=0, at=0, **values
            )
        )

    def test_second_running_entry_is_rejected(self, database: Database, alice: Any) -> None:
        with database.transaction(write=True) as conn:
            self._insert(conn, alice.id, alice.workspace_id, stop=None)
        with pytest.raises(IntegrityError), database.transaction(write=True) as conn:
            self._insert(conn, alice.id, alice.workspace_id, stop=None)

    def test_stopped_deleted_and_other_users_are_fine(
        self, database: Database, alice: Any, make_account: Callable[..., Any]
    ) -> None:
        bob = make_account()
        with database.transaction(write=True) as conn:
            self._insert(conn, alice.id, alice.workspace_id, stop=None, server_deleted_at=1)
            self._insert(conn, alice.id, alice.workspace_id, stop=None)
            self._insert(conn, alice.id, alice.workspace_id, stop=NOW_S)
            self._insert(conn, alice.id, alice.workspace_id, stop=NOW_S)
            self._insert(conn, bob.id, bob.workspace_id, stop=None)


class TestRunningEntries:
    def test_create_auto_stops_at_request_time(
        self, database: Database, clock: FrozenClock, alice: Any
    ) -> None:
        user = user_of(database, alice)
        wid = alice.workspace_id
        with service(database, clock) as (svc, _):
            first = svc.create(user, wid, EntryChanges(start=us(NOW) - 3_600_000_000, running=True))
        clock.advance(7.25)
        with service(database, clock) as (svc, _conn):
            second = svc.create(user, wid, EntryChanges(start=us(NOW) - 60_000_000, running=True))
        old = row(database, first.entry.id)
        assert old["stop"] == NOW_S + 7  # whole seconds of the request's server time
        assert old["at"] == second.entry.at == NOW_US + 7_250_000

    def test_restart_by_update_stops_the_other(
        self, database: Database, clock: FrozenClock, alice: Any
    ) -> None:
        user = user_of(database, alice)
        wid = alice.workspace_id
        with service(database, clock) as (svc, conn):
            stopped = svc.create(user, wid, EntryChanges(start=us(NOW) - 7200_000_000, duration=60))
            running = svc.create(user, wid, EntryChanges(start=us(NOW) - 60_000_000, running=True))
            svc.update(user, wid, stopped.entry.id, EntryChanges(running=True))
            current = TimeEntryQueries(conn, clock).current(user)
        assert current is not None and current.entry.id == stopped.entry.id
        assert row(database, running.entry.id)["stop"] == NOW_S

    def test_stop_twice_conflicts(self, database: Database, clock: FrozenClock, alice: Any) -> None:
        user = user_of(database, alice)
        wid = alice.workspace_id
        with service(database, clock) as (svc, _conn):
            made = svc.create(user, wid, EntryChanges(start=us(NOW) - 60_000_000, running=True))
            assert svc.stop(user, wid, made.entry.id).entry.stop == NOW_S
            with pytest.raises(Conflict):
                svc.stop(user, wid, made.entry.id)

    def test_stop_a_future_timer_never_goes_negative(
        self, database: Database, clock: FrozenClock, alice: Any
    ) -> None:
        user = user_of(database, alice)
        wid = alice.workspace_id
        with service(database, clock) as (svc, _conn):
            made = svc.create(user, wid, EntryChanges(start=us(NOW) + 600_000_000, running=True))
            stopped = svc.stop(user, wid, made.entry.id).entry
        assert stopped.stop is not None and stopped.stop >= stopped.start


class TestAtIsMonotonic:
    def test_clock_going_backwards(
        self, database: Database, clock: FrozenClock, alice: Any
    ) -> None:
        user = user_of(database, alice)
        wid = alice.workspace_id
        seen: list[int] = []
        with service(database, clock) as (svc, conn):
            made = svc.create(user, wid, EntryChanges(start=us(NOW) - 60_000_000))
            seen.append(made.entry.at)
        for step in (-3600, -1, 0, -86_400):
            clock.advance(step)
            with service(database, clock) as (svc, conn):
                seen.append(
                    svc.update(user, wid, made.entry.id, EntryChanges(billable=True)).entry.at
                )
        with service(database, clock) as (svc, conn):
            other = svc.create(user, wid, EntryChanges(start=us(NOW) - 120_000_000))
            seen.append(other.entry.at)
            svc.delete(user, wid, made.entry.id)
        seen.append(row(database, made.entry.id)["at"])
        assert seen == sorted(seen) and len(set(seen)) == len(seen)
        # A since-sync from any earlier `at` sees the tombstone.
        with service(database, clock) as (svc, conn):
            listed = TimeEntryQueries(conn, clock).list_for_user(user, ListQuery(since=seen[-2]))
        assert made.entry.id in [v.entry.id for v in listed]


class TestBulkSavepoints:
    def test_failure_rolls_back_only_that_entry(
        self, database: Database, clock: FrozenClock, alice: Any
    ) -> None:
        user = user_of(database, alice)
        wid = alice.workspace_id
        with service(database, clock) as (svc, _):
            a = svc.create(user, wid, EntryChanges(start=us(NOW) - 7200_000_000, duration=60))
            b = svc.create(user, wid, EntryChanges(start=us(NOW) - 600_000_000, duration=60))
        before_b = row(database, b.entry.id)
        clock.advance(1)
        stop = us(NOW) - 3600_000_000  # after a's start, before b's start
        with service(database, clock) as (svc, _conn):
            result = svc.bulk_update(
                user,
                wid,
                [a.entry.id, b.entry.id, 424242],
                [EntryChanges(tags=["fresh"]), EntryChanges(stop=stop)],
            )
        assert result.success == [a.entry.id]
        assert result.failure == [
            (b.entry.id, "Stop time must be after start time"),
            (424242, "Time entry not found"),
        ]
        assert row(database, b.entry.id) == before_b
        assert row(database, a.entry.id)["stop"] == stop // 1_000_000


class TestAccess:
    def test_admin_may_act_for_members_only(
        self, database: Database, clock: FrozenClock, alice: Any, make_account: Callable[..., Any]
    ) -> None:
        bob = make_account()
        outsider = make_account()
        join_workspace(database, alice.workspace_id, bob.id)
        admin, member = user_of(database, alice), user_of(database, bob)
        wid = alice.workspace_id
        with service(database, clock) as (svc, _conn):
            made = svc.create(admin, wid, EntryChanges(start=us(NOW), user_id=bob.id))
            assert made.entry.user_id == bob.id
            with pytest.raises(BadRequest):
                svc.create(admin, wid, EntryChanges(start=us(NOW), user_id=outsider.id))
            with pytest.raises(Forbidden):
                svc.create(member, wid, EntryChanges(start=us(NOW), user_id=alice.id))
            with pytest.raises(Forbidden):
                svc.create(member, bob.workspace_id + 1000, EntryChanges(start=us(NOW)))

    def test_get_own_hides_other_users_entries(
        self, database: Database, clock: FrozenClock, alice: Any, make_account: Callable[..., Any]
    ) -> None:
        bob = make_account()
        with service(database, clock) as (svc, conn):
            theirs = svc.create(
                user_of(database, bob), bob.workspace_id, EntryChanges(start=us(NOW))
            )
            with pytest.raises(NotFound) as info:
                TimeEntryQueries(conn, clock).get_own(user_of(database, alice), theirs.entry.id)
        assert info.value.message == "Resource can not be found"

    def test_default_window_in_user_timezone(
        self, database: Database, clock: FrozenClock, make_account: Callable[..., Any]
    ) -> None:
        # Honolulu is UTC-10: at 2026-11-27T12:00Z it is 02:00 on the 27th there, so the window
        # starts at 2026-11-18 00:00 HST = 2026-11-18T10:00:00Z.
        hawaii = make_account(timezone="Pacific/Honolulu")
        user = user_of(database, hawaii)
        edge = dt.datetime(2026, 11, 18, 10, tzinfo=dt.UTC)
        with service(database, clock) as (svc, conn):
            inside = svc.create(user, hawaii.workspace_id, EntryChanges(start=us(edge)))
            svc.create(user, hawaii.workspace_id, EntryChanges(start=us(edge) - 1_000_000))
            listed = TimeEntryQueries(conn, clock).list_for_user(user, ListQuery())
        assert [v.entry.id for v in listed] == [inside.entry.id]
