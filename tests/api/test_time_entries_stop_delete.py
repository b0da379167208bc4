"""PATCH …/{id}/stop and DELETE …/time_entries/{id} (wire contract §4.3, §4.6, §4.12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from tests.api.support.entries import LEGACY_KEYS, create_time_entry, stored_entry
from tests.api.support.http import NO_ACCESS, assert_error
from tests.api.support.workspaces import join_workspace
from tests.conftest import API

NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)
JSON_HEADER = {"Content-Type": "application/json"}


def stop(client: TestClient[Any], account: Any, entry_id: Any, wid: int | None = None) -> Any:
    wid = account.workspace_id if wid is None else wid
    # Clients send Content-Type: application/json on the body-less PATCH (§1.2).
    return client.patch(
        f"{API}/workspaces/{wid}/time_entries/{entry_id}/stop",
        headers={**account.headers, **JSON_HEADER},
    )


def delete(client: TestClient[Any], account: Any, entry_id: Any, wid: int | None = None) -> Any:
    wid = account.workspace_id if wid is None else wid
    return client.delete(
        f"{API}/workspaces/{wid}/time_entries/{entry_id}",
        headers={**account.headers, **JSON_HEADER},
    )


class TestStop:
    def test_stops_now(self, client: TestClient[Any], alice: Any, clock: FrozenClock) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T11:43:26Z", duration=-1)
        clock.advance(0.5)
        resp = stop(client, alice, made["id"])
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "application/json; charset=utf-8"
        body = resp.json()
        assert list(body.keys()) == LEGACY_KEYS
        assert body["stop"] == "2026-11-27T12:00:00+00:00"
        # Recorded: start 01:55:24, stopped 02:11:58 -> 994; the same arithmetic here.
        assert body["duration"] == 994
        assert body["tags"] == [] and body["tag_ids"] == []
        assert body["at"] == "2026-11-27T12:00:00.500000Z"
        assert client.get(f"{API}/me/time_entries/current", headers=alice.headers).json() is None

    def test_already_stopped(self, client: TestClient[Any], alice: Any, database: Database) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=60)
        before = stored_entry(database, made["id"])
        assert_error(stop(client, alice, made["id"]), 409, "Time entry already stopped")
        assert stored_entry(database, made["id"]) == before

    def test_stopping_twice(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=-1)
        assert stop(client, alice, made["id"]).status_code == 200
        assert_error(stop(client, alice, made["id"]), 409, "Time entry already stopped")

    def test_unknown_and_deleted(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=-1)
        assert delete(client, alice, made["id"]).status_code == 200
        assert_error(stop(client, alice, made["id"]), 404, "Time entry not found")
        assert_error(stop(client, alice, 10**12), 404, "Time entry not found")

    @pytest.mark.parametrize("bad", ["abc", "0", "-1", "1.5", "99999999999999999999"])
    def test_invalid_id(self, client: TestClient[Any], alice: Any, bad: str) -> None:
        assert_error(stop(client, alice, bad), 400, "Invalid or missing time_entry_id")

    def test_foreign_workspace(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        theirs = create_time_entry(client, bob, start="2026-11-27T11:00:00Z", duration=-1)
        assert_error(stop(client, alice, theirs["id"], wid=bob.workspace_id), 403, NO_ACCESS)
        assert stored_entry(database, theirs["id"])["stop"] is None  # type: ignore[index]

    def test_member_cannot_stop_anothers_timer(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        join_workspace(database, alice.workspace_id, bob.id)
        mine = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=-1)
        assert_error(stop(client, bob, mine["id"], wid=alice.workspace_id), 403, NO_ACCESS)
        # A workspace admin may stop a member's timer.
        bobs = create_time_entry(
            client, bob, wid=alice.workspace_id, start="2026-11-27T11:00:00Z", duration=-1
        )
        resp = stop(client, alice, bobs["id"])
        assert resp.status_code == 200 and resp.json()["user_id"] == bob.id

    def test_meta(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=-1)
        resp = client.patch(
            f"{API}/workspaces/{alice.workspace_id}/time_entries/{made['id']}/stop",
            params={"meta": "true"},
            headers=alice.headers,
        )
        assert list(resp.json().keys()) == [*LEGACY_KEYS, "user_name", "user_avatar_url"]


class TestDelete:
    def test_tombstone(
        self, client: TestClient[Any], alice: Any, database: Database, clock: FrozenClock
    ) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", duration=60)
        clock.advance(2)
        resp = delete(client, alice, made["id"])
        assert resp.status_code == 200
        assert resp.content == b""
        assert resp.headers["content-type"].startswith("application/json")
        row = stored_entry(database, made["id"])
        assert row is not None  # the row stays as a tombstone
        deleted_at = int((NOW + dt.timedelta(seconds=2)).timestamp()) * 1_000_000
        assert row["server_deleted_at"] == deleted_at
        since = int(NOW.timestamp())
        (tomb,) = client.get(f"{API}/me/time_entries?since={since}", headers=alice.headers).json()
        assert tomb["id"] == made["id"]
        assert tomb["server_deleted_at"] == "2026-11-27T12:00:02+00:00"
        assert tomb["at"] == "2026-11-27T12:00:02.000000Z"
        resp = client.get(f"{API}/me/time_entries/{made['id']}", headers=alice.headers)
        assert resp.status_code == 404
        assert client.get(f"{API}/me/time_entries", headers=alice.headers).json() == []

    def test_repeat_and_unknown_ids_succeed(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z")
        assert delete(client, alice, made["id"]).status_code == 200
        first = stored_entry(database, made["id"])
        # Open question 8: idempotent, and the tombstone is not touched again.
        again = delete(client, alice, made["id"])
        assert again.status_code == 200 and again.content == b""
        assert stored_entry(database, made["id"]) == first
        assert delete(client, alice, 10**12).status_code == 200

    def test_foreign_workspace_and_other_users(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        theirs = create_time_entry(client, bob, start="2026-11-27T09:00:00Z")
        assert_error(delete(client, alice, theirs["id"], wid=bob.workspace_id), 403, NO_ACCESS)
        # Bob's entry addressed through Alice's workspace: not hers to delete either.
        assert_error(delete(client, alice, theirs["id"]), 403, NO_ACCESS)
        join_workspace(database, alice.workspace_id, bob.id)
        mine = create_time_entry(client, alice, start="2026-11-27T09:00:00Z")
        assert_error(delete(client, bob, mine["id"], wid=alice.workspace_id), 403, NO_ACCESS)
        assert stored_entry(database, theirs["id"])["server_deleted_at"] is None  # type: ignore[index]
        assert stored_entry(database, mine["id"])["server_deleted_at"] is None  # type: ignore[index]

    def test_deleting_the_timer_frees_the_running_slot(
        self, client: TestClient[Any], alice: Any
    ) -> None:
        timer = create_time_entry(client, alice, start="2026-11-27T10:00:00Z", duration=-1)
        assert delete(client, alice, timer["id"]).status_code == 200
        assert client.get(f"{API}/me/time_entries/current", headers=alice.headers).json() is None
        fresh = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=-1)
        current = client.get(f"{API}/me/time_entries/current", headers=alice.headers).json()
        assert current["id"] == fresh["id"]

    @pytest.mark.parametrize("bad", ["abc", "0", "99999999999999999999"])
    def test_invalid_id(self, client: TestClient[Any], alice: Any, bad: str) -> None:
        resp = delete(client, alice, bad)
        assert resp.status_code == 400
        assert isinstance(resp.json(), str)
