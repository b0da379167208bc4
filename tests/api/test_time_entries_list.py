"""GET /me/time_entries (wire contract §4.8, §4.10, §4.11, open questions 11-15, 30)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import insert

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.db.schema import time_entries
from tests.api.support.clients import insert_client
from tests.api.support.entries import LEGACY_KEYS, create_time_entry
from tests.api.support.http import assert_error
from tests.api.support.projects import insert_project, insert_task
from tests.api.support.workspaces import join_workspace
from tests.conftest import API

NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)


def us(moment: dt.datetime) -> int:
    return int(moment.timestamp()) * 1_000_000 + moment.microsecond


def wire(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def entry_at(client: TestClient[Any], account: Any, start: dt.datetime, **body: Any) -> int:
    """A stopped one-minute entry starting at `start`; its id."""
    body.setdefault("duration", 60)
    return int(create_time_entry(client, account, start=wire(start), **body)["id"])


def listing(client: TestClient[Any], account: Any, query: str = "") -> Any:
    return client.get(f"{API}/me/time_entries{query}", headers=account.headers)


def ids(client: TestClient[Any], account: Any, query: str = "") -> list[int]:
    resp = listing(client, account, query)
    assert resp.status_code == 200, resp.text
    return [entry["id"] for entry in resp.json()]


def delete(client: TestClient[Any], account: Any, entry_id: int) -> None:
    resp = client.delete(
        f"{API}/workspaces/{account.workspace_id}/time_entries/{entry_id}", headers=account.headers
    )
    assert resp.status_code == 200


class TestDefaultWindow:
    def test_nine_days_back_from_midnight_utc(self, client: TestClient[Any], alice: Any) -> None:
        # Today is 2026-11-27 (UTC user): the window starts at 2026-11-18T00:00:00Z.
        edge = dt.datetime(2026, 11, 18, tzinfo=dt.UTC)
        inside = entry_at(client, alice, edge)
        outside = entry_at(client, alice, edge - dt.timedelta(seconds=1))
        recent = entry_at(client, alice, NOW - dt.timedelta(hours=1))
        listed = ids(client, alice)
        assert listed == [recent, inside]
        assert outside not in listed

    def test_window_uses_the_users_timezone(
        self, client: TestClient[Any], make_account: Callable[..., Any]
    ) -> None:
        # Auckland is UTC+13 in November: it is already 2026-11-28 01:00 there, so the window
        # starts at 2026-11-19 00:00 NZDT = 2026-11-18T11:00:00Z.
        kiwi = make_account(timezone="Pacific/Auckland")
        edge = dt.datetime(2026, 11, 18, 11, tzinfo=dt.UTC)
        inside = entry_at(client, kiwi, edge)
        outside = entry_at(client, kiwi, edge - dt.timedelta(seconds=1))
        listed = ids(client, kiwi)
        assert inside in listed and outside not in listed

    def test_old_running_entry_is_included(self, client: TestClient[Any], alice: Any) -> None:
        old_timer = create_time_entry(client, alice, start="2026-11-02T08:00:00Z", duration=-1)
        recent = entry_at(client, alice, NOW - dt.timedelta(days=1))
        assert ids(client, alice) == [recent, old_timer["id"]]

    def test_newest_first_deleted_and_others_excluded(
        self, client: TestClient[Any], alice: Any, make_account: Callable[..., Any]
    ) -> None:
        bob = make_account()
        entry_at(client, bob, NOW - dt.timedelta(hours=2))
        first = entry_at(client, alice, NOW - dt.timedelta(days=3))
        third = entry_at(client, alice, NOW - dt.timedelta(hours=1))
        second = entry_at(client, alice, NOW - dt.timedelta(days=1))
        gone = entry_at(client, alice, NOW - dt.timedelta(hours=3))
        delete(client, alice, gone)
        resp = listing(client, alice)
        assert resp.headers["content-type"] == "application/json; charset=utf-8"
        body = resp.json()
        assert [e["id"] for e in body] == [third, second, first]
        for entry in body:
            assert list(entry.keys()) == LEGACY_KEYS
            assert entry["server_deleted_at"] is None

    def test_empty(self, client: TestClient[Any], alice: Any) -> None:
        resp = listing(client, alice)
        assert resp.status_code == 200
        assert resp.json() == []

    def test_capped_at_1000(self, client: TestClient[Any], alice: Any, database: Database) -> None:
        base = int((NOW - dt.timedelta(days=2)).timestamp())
        rows = [
            {
                "workspace_id": alice.workspace_id,
                "user_id": alice.id,
                "start": base + i * 60,
                "stop": base + i * 60 + 30,
                "created_at": 0,
                "at": us(NOW),
            }
            for i in range(1001)
        ]
        with database.transaction(write=True) as conn:
            conn.execute(insert(time_entries), rows)
        body = listing(client, alice).json()
        assert len(body) == 1000
        starts = [e["start"] for e in body]
        assert starts[0] == wire(dt.datetime.fromtimestamp(base + 1000 * 60, dt.UTC))
        assert starts == sorted(starts, reverse=True)


class TestSince:
    def test_modified_entries_and_tombstones(
        self, client: TestClient[Any], alice: Any, clock: FrozenClock
    ) -> None:
        old = entry_at(client, alice, NOW - dt.timedelta(days=30))
        untouched = entry_at(client, alice, NOW - dt.timedelta(hours=5))
        clock.advance(3600)
        changed = entry_at(client, alice, NOW - dt.timedelta(hours=4))
        clock.advance(3600)
        delete_time = NOW + dt.timedelta(hours=2)
        delete(client, alice, old)
        since = int((NOW + dt.timedelta(minutes=30)).timestamp())
        resp = listing(client, alice, f"?since={since}")
        body = resp.json()
        # Entries older than the default window come back too; the tombstone is included.
        assert sorted(e["id"] for e in body) == sorted([changed, old])
        assert untouched not in [e["id"] for e in body]
        tomb = next(e for e in body if e["id"] == old)
        assert tomb["server_deleted_at"] == wire(delete_time)
        assert list(tomb.keys()) == LEGACY_KEYS
        live = next(e for e in body if e["id"] == changed)
        assert live["server_deleted_at"] is None

    def test_since_zero_returns_everything(self, client: TestClient[Any], alice: Any) -> None:
        a = entry_at(client, alice, NOW - dt.timedelta(days=60))
        b = entry_at(client, alice, NOW - dt.timedelta(days=1))
        assert ids(client, alice, "?since=0") == [b, a]

    @pytest.mark.parametrize(
        "value", ["abc", "-5", "1.5", "1_000", "+5", " 5", "99999999999999999999999"]
    )
    def test_invalid(self, client: TestClient[Any], alice: Any, value: str) -> None:
        assert_error(listing(client, alice, f"?since={value}"), 400, "Invalid since")


class TestBefore:
    def test_date_only_is_midnight_in_user_timezone(
        self, client: TestClient[Any], make_account: Callable[..., Any]
    ) -> None:
        berlin = make_account(timezone="Europe/Berlin")
        # 2026-11-20 00:00 Berlin = 2026-11-19T23:00:00Z; `before` is exclusive.
        edge = dt.datetime(2026, 11, 19, 23, tzinfo=dt.UTC)
        early = entry_at(client, berlin, edge - dt.timedelta(seconds=1))
        at_edge = entry_at(client, berlin, edge)
        old = entry_at(client, berlin, NOW - dt.timedelta(days=60))
        assert ids(client, berlin, "?before=2026-11-20") == [early, old]
        assert at_edge not in ids(client, berlin, "?before=2026-11-20")

    def test_rfc3339(self, client: TestClient[Any], alice: Any) -> None:
        a = entry_at(client, alice, dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC))
        b = entry_at(client, alice, dt.datetime(2026, 11, 25, 11, tzinfo=dt.UTC))
        assert ids(client, alice, "?before=2026-11-25T11:00:00Z") == [a]
        assert ids(client, alice, "?before=2026-11-25T12:00:00%2B01:00") == [a]
        assert ids(client, alice, "?before=2026-11-25T11:00:01Z") == [b, a]

    def test_deleted_excluded(self, client: TestClient[Any], alice: Any) -> None:
        gone = entry_at(client, alice, NOW - dt.timedelta(days=1))
        delete(client, alice, gone)
        assert ids(client, alice, "?before=2026-11-28") == []

    def test_invalid(self, client: TestClient[Any], alice: Any) -> None:
        assert_error(listing(client, alice, "?before=tomorrow"), 400, "Invalid before")


class TestStartEndDate:
    def test_end_date_is_exclusive(self, client: TestClient[Any], alice: Any) -> None:
        first = entry_at(client, alice, dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
        last = entry_at(client, alice, dt.datetime(2026, 11, 26, 23, 59, 59, tzinfo=dt.UTC))
        entry_at(client, alice, dt.datetime(2026, 11, 27, tzinfo=dt.UTC))
        entry_at(client, alice, dt.datetime(2026, 11, 19, 23, 59, 59, tzinfo=dt.UTC))
        assert ids(client, alice, "?start_date=2026-11-20&end_date=2026-11-27") == [last, first]

    def test_dates_are_midnight_in_user_timezone(
        self, client: TestClient[Any], make_account: Callable[..., Any]
    ) -> None:
        ny = make_account(timezone="America/New_York")
        # 2026-11-20 00:00 in New York (EST, UTC-5) = 05:00Z.
        inside = entry_at(client, ny, dt.datetime(2026, 11, 20, 5, tzinfo=dt.UTC))
        before = entry_at(client, ny, dt.datetime(2026, 11, 20, 4, 59, 59, tzinfo=dt.UTC))
        end_edge = entry_at(client, ny, dt.datetime(2026, 11, 21, 5, tzinfo=dt.UTC))
        listed = ids(client, ny, "?start_date=2026-11-20&end_date=2026-11-21")
        assert listed == [inside]
        assert before not in listed and end_edge not in listed

    def test_mixed_forms_urlencoded_and_trailing_ampersand(
        self, client: TestClient[Any], alice: Any
    ) -> None:
        a = entry_at(client, alice, dt.datetime(2026, 11, 20, 8, tzinfo=dt.UTC))
        b = entry_at(client, alice, dt.datetime(2026, 11, 27, 10, tzinfo=dt.UTC))
        query = "?start_date=2026-11-20&end_date=2026-11-27T23:59:59Z&"
        assert ids(client, alice, query) == [b, a]
        query = (
            "?start_date=2026-11-20T08%3A00%3A00%2B00%3A00"
            "&end_date=2026-11-27T11%3A00%3A00%2B01%3A00&"
        )
        assert ids(client, alice, query) == [a]

    def test_future_end_date_and_old_history(self, client: TestClient[Any], alice: Any) -> None:
        # No history limit by default (open question 13); a future end_date is fine.
        old = entry_at(client, alice, dt.datetime(2025, 1, 5, tzinfo=dt.UTC))
        assert ids(client, alice, "?start_date=2025-01-01&end_date=2027-06-01") == [old]

    def test_running_and_deleted(self, client: TestClient[Any], alice: Any) -> None:
        timer = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=-1)
        gone = entry_at(client, alice, dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC))
        delete(client, alice, gone)
        assert ids(client, alice, "?start_date=2026-11-27&end_date=2026-11-28") == [timer["id"]]


class TestListErrors:
    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("since=1&before=2026-11-20", "'since' and 'before' can not be present simultaneously"),
            (
                "since=1&start_date=2026-11-20&end_date=2026-11-21",
                "'since' and 'start_date' can not be present simultaneously",
            ),
            (
                "before=2026-11-20&start_date=2026-11-20&end_date=2026-11-21",
                "'before' and 'start_date' can not be present simultaneously",
            ),
            (
                "since=1&end_date=2026-11-21",
                "'since' and 'end_date' can not be present simultaneously",
            ),
            (
                "before=2026-11-20&end_date=2026-11-21",
                "'before' and 'end_date' can not be present simultaneously",
            ),
            ("start_date=2026-11-20", "'start_date' and 'end_date' must be used together"),
            ("end_date=2026-11-20", "'start_date' and 'end_date' must be used together"),
            ("start_date=20-11-2026&end_date=2026-11-21", "Invalid start_date"),
            ("start_date=2026-11-20&end_date=2026-11-31", "Invalid end_date"),
        ],
    )
    def test_messages(self, client: TestClient[Any], alice: Any, query: str, message: str) -> None:
        assert_error(listing(client, alice, f"?{query}"), 400, message)


def seed_project(database: Database, wid: int, creator: int, with_client: bool) -> tuple[int, int]:
    """An archived, billable project (with a client or not) and a task of it (ids)."""
    cid = insert_client(database, wid, creator) if with_client else None
    pid = insert_project(
        database,
        wid,
        creator,
        "AGL Social Media",
        billable=True,
        client_id=cid,
        color="#d92b2b",
        active=False,
    )
    return pid, insert_task(database, wid, pid, "Posts")


class TestMetaAndSharing:
    def test_meta_applies_per_entry(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        pid, tid = seed_project(database, alice.workspace_id, alice.id, with_client=True)
        plain = entry_at(client, alice, NOW - dt.timedelta(hours=3))
        with_project = entry_at(client, alice, NOW - dt.timedelta(hours=2), project_id=pid)
        with_task = entry_at(
            client, alice, NOW - dt.timedelta(hours=1), task_id=tid, project_id=pid
        )
        body = {e["id"]: e for e in listing(client, alice, "?meta=true").json()}
        assert list(body[plain].keys()) == [*LEGACY_KEYS, "user_name", "user_avatar_url"]
        assert list(body[with_project].keys()) == [
            *LEGACY_KEYS,
            "pid",
            "client_name",
            "project_name",
            "project_color",
            "project_active",
            "project_billable",
            "user_name",
            "user_avatar_url",
        ]
        assert body[with_project]["project_active"] is False
        assert body[with_project]["project_billable"] is True
        assert body[with_task]["task_name"] == "Posts"
        assert body[with_task]["tid"] == tid
        for entry in body.values():
            assert entry["user_name"] == "Alice Tester"
            assert isinstance(entry["user_avatar_url"], str)

    def test_meta_without_client(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        pid, _ = seed_project(database, alice.workspace_id, alice.id, with_client=False)
        entry_at(client, alice, NOW - dt.timedelta(hours=3), project_id=pid)
        (entry,) = listing(client, alice, "?meta=True").json()
        assert "client_name" not in entry
        assert entry["project_name"] == "AGL Social Media"

    def test_meta_false(self, client: TestClient[Any], alice: Any) -> None:
        entry_at(client, alice, NOW - dt.timedelta(hours=3))
        (entry,) = listing(client, alice, "?meta=false").json()
        assert list(entry.keys()) == LEGACY_KEYS

    def test_include_sharing_only_on_shared(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account(fullname="Bob")
        join_workspace(database, alice.workspace_id, bob.id)
        shared = entry_at(client, alice, NOW - dt.timedelta(hours=2), shared_with_user_ids=[bob.id])
        plain = entry_at(client, alice, NOW - dt.timedelta(hours=1))
        body = {e["id"]: e for e in listing(client, alice, "?include_sharing=true").json()}
        assert body[shared]["shared_with"] == [
            {"user_id": bob.id, "user_name": "Bob", "accepted": False}
        ]
        assert list(body[shared].keys()) == [*LEGACY_KEYS, "shared_with"]
        assert list(body[plain].keys()) == LEGACY_KEYS
        # Without the flag nobody sees sharing.
        assert all("shared_with" not in e for e in listing(client, alice).json())
