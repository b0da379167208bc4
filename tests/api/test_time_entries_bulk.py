"""PATCH /workspaces/{wid}/time_entries/{ids} (wire contract §4.9, open question 22)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from tests.api.support.entries import ENTRY_NOT_FOUND, create_time_entry, stored_entry
from tests.api.support.http import NO_ACCESS, assert_error
from tests.api.support.projects import insert_project
from tests.api.support.workspaces import join_workspace
from tests.conftest import API


def patch(
    client: TestClient[Any], account: Any, ids: list[int] | str, ops: Any, wid: int | None = None
) -> Any:
    wid = account.workspace_id if wid is None else wid
    path = ids if isinstance(ids, str) else ",".join(str(i) for i in ids)
    return client.patch(
        f"{API}/workspaces/{wid}/time_entries/{path}", json=ops, headers=account.headers
    )


def bulk_ok(client: TestClient[Any], account: Any, ids: list[int], ops: Any) -> dict[str, Any]:
    resp = patch(client, account, ids, ops)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def by_id(client: TestClient[Any], account: Any, entry_id: int) -> dict[str, Any]:
    resp = client.get(f"{API}/me/time_entries/{entry_id}", headers=account.headers)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


class TestBulkFields:
    def test_replace_description_on_several(
        self, client: TestClient[Any], alice: Any, clock: FrozenClock
    ) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z")
        b = create_time_entry(client, alice, start="2026-11-27T09:00:00Z")
        clock.advance(1)
        resp = patch(
            client,
            alice,
            [a["id"], b["id"]],
            [{"op": "replace", "path": "/description", "value": "Bulk"}],
        )
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "application/json; charset=utf-8"
        body = resp.json()
        assert list(body.keys()) == ["success", "failure"]
        assert body == {"success": [a["id"], b["id"]], "failure": []}
        for entry in (a, b):
            fresh = by_id(client, alice, entry["id"])
            assert fresh["description"] == "Bulk"
            assert fresh["at"] > entry["at"]

    @pytest.mark.parametrize("path", ["/pid", "/project_id"])
    def test_replace_project(
        self, client: TestClient[Any], alice: Any, database: Database, path: str
    ) -> None:
        pid = insert_project(database, alice.workspace_id, alice.id)
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z")
        body = bulk_ok(client, alice, [a["id"]], [{"op": "replace", "path": path, "value": pid}])
        assert body == {"success": [a["id"]], "failure": []}
        assert by_id(client, alice, a["id"])["project_id"] == pid

    @pytest.mark.parametrize("value", [None, 0])
    def test_clear_project(
        self, client: TestClient[Any], alice: Any, database: Database, value: int | None
    ) -> None:
        pid = insert_project(database, alice.workspace_id, alice.id)
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z", project_id=pid)
        bulk_ok(
            client, alice, [a["id"]], [{"op": "replace", "path": "/project_id", "value": value}]
        )
        assert by_id(client, alice, a["id"])["project_id"] is None

    def test_billable_and_duration(self, client: TestClient[Any], alice: Any) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z", duration=60)
        bulk_ok(
            client,
            alice,
            [a["id"]],
            [
                {"op": "replace", "path": "/billable", "value": True},
                {"op": "replace", "path": "/duration", "value": 1800},
            ],
        )
        fresh = by_id(client, alice, a["id"])
        assert fresh["billable"] is True
        assert fresh["stop"] == "2026-11-27T08:30:00+00:00" and fresh["duration"] == 1800

    def test_replace_start_and_stop_instants(self, client: TestClient[Any], alice: Any) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z", duration=60)
        bulk_ok(
            client,
            alice,
            [a["id"]],
            [
                {"op": "replace", "path": "/start", "value": "2026-11-27T07:00:00Z"},
                {"op": "replace", "path": "/stop", "value": "2026-11-27T09:00:00+00:00"},
            ],
        )
        fresh = by_id(client, alice, a["id"])
        assert fresh["start"] == "2026-11-27T07:00:00+00:00"
        assert fresh["stop"] == "2026-11-27T09:00:00+00:00"
        assert fresh["duration"] == 7200

    def test_date_only_start_keeps_time_and_shifts_stop(
        self, client: TestClient[Any], alice: Any
    ) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:15:30Z", duration=5400)
        bulk_ok(
            client, alice, [a["id"]], [{"op": "replace", "path": "/start", "value": "2026-11-20"}]
        )
        fresh = by_id(client, alice, a["id"])
        assert fresh["start"] == "2026-11-20T08:15:30+00:00"
        assert fresh["stop"] == "2026-11-20T09:45:30+00:00"
        assert fresh["duration"] == 5400

    def test_date_only_stop_keeps_time(self, client: TestClient[Any], alice: Any) -> None:
        a = create_time_entry(
            client, alice, start="2026-11-26T22:00:00Z", stop="2026-11-26T23:30:00Z"
        )
        bulk_ok(
            client, alice, [a["id"]], [{"op": "replace", "path": "/stop", "value": "2026-11-27"}]
        )
        fresh = by_id(client, alice, a["id"])
        assert fresh["stop"] == "2026-11-27T23:30:00+00:00"
        assert fresh["duration"] == 25 * 3600 + 1800


class TestBulkTags:
    def test_add_array_creates_names(self, client: TestClient[Any], alice: Any) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z", tags=["a"])
        bulk_ok(client, alice, [a["id"]], [{"op": "add", "path": "/tags", "value": ["x", "a"]}])
        fresh = by_id(client, alice, a["id"])
        assert fresh["tags"] == ["a", "x"]
        assert len(fresh["tag_ids"]) == 2

    def test_remove_array(self, client: TestClient[Any], alice: Any) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z", tags=["a", "b", "c"])
        bulk_ok(client, alice, [a["id"]], [{"op": "remove", "path": "/tags", "value": ["b"]}])
        assert by_id(client, alice, a["id"])["tags"] == ["a", "c"]
        ids = dict(zip(a["tags"], a["tag_ids"], strict=True))
        bulk_ok(
            client, alice, [a["id"]], [{"op": "remove", "path": "/tag_ids", "value": [ids["c"]]}]
        )
        assert by_id(client, alice, a["id"])["tag_ids"] == [ids["a"]]

    def test_remove_empty_tag_ids_clears(self, client: TestClient[Any], alice: Any) -> None:
        # §4.9: {"op":"remove","path":"/tag_ids","value":[]} is used to clear tags.
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z", tags=["a", "b"])
        bulk_ok(client, alice, [a["id"]], [{"op": "remove", "path": "/tag_ids", "value": []}])
        fresh = by_id(client, alice, a["id"])
        assert fresh["tags"] == [] and fresh["tag_ids"] == []

    def test_replace_tags(self, client: TestClient[Any], alice: Any) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z", tags=["a", "b"])
        bulk_ok(client, alice, [a["id"]], [{"op": "replace", "path": "/tags", "value": ["z"]}])
        assert by_id(client, alice, a["id"])["tags"] == ["z"]


class TestBulkPartialSuccess:
    def test_unknown_id_fails_alone(self, client: TestClient[Any], alice: Any) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z")
        missing = a["id"] + 1000
        body = bulk_ok(
            client,
            alice,
            [missing, a["id"]],
            [{"op": "replace", "path": "/description", "value": "ok"}],
        )
        assert body == {
            "success": [a["id"]],
            "failure": [{"id": missing, "message": ENTRY_NOT_FOUND}],
        }
        assert by_id(client, alice, a["id"])["description"] == "ok"

    def test_a_failing_entry_keeps_its_state(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        early = create_time_entry(
            client, alice, start="2026-11-27T06:00:00Z", duration=60, description="e"
        )
        late = create_time_entry(
            client, alice, start="2026-11-27T10:00:00Z", duration=60, description="l"
        )
        before = stored_entry(database, late["id"])
        ops = [
            {"op": "replace", "path": "/description", "value": "changed"},
            {"op": "replace", "path": "/stop", "value": "2026-11-27T09:00:00Z"},
        ]
        body = bulk_ok(client, alice, [early["id"], late["id"]], ops)
        assert body == {
            "success": [early["id"]],
            "failure": [{"id": late["id"], "message": "Stop time must be after start time"}],
        }
        # No transaction across ids, but each id is all-or-nothing.
        assert stored_entry(database, late["id"]) == before
        assert by_id(client, alice, early["id"])["description"] == "changed"

    def test_other_users_and_other_workspaces_entries(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        join_workspace(database, bob.workspace_id, alice.id)
        join_workspace(database, alice.workspace_id, bob.id)
        mine = create_time_entry(client, alice, start="2026-11-27T08:00:00Z")
        elsewhere = create_time_entry(
            client, alice, wid=bob.workspace_id, start="2026-11-27T08:00:00Z"
        )
        bobs_here = create_time_entry(
            client, bob, wid=alice.workspace_id, start="2026-11-27T08:00:00Z"
        )
        ops = [{"op": "replace", "path": "/description", "value": "x"}]
        body = bulk_ok(client, alice, [mine["id"], elsewhere["id"]], ops)
        assert body == {
            "success": [mine["id"]],
            "failure": [{"id": elsewhere["id"], "message": ENTRY_NOT_FOUND}],
        }
        # Bob, a plain member, cannot touch Alice's entry in her workspace.
        resp = patch(client, bob, [mine["id"], bobs_here["id"]], ops, wid=alice.workspace_id)
        assert resp.json() == {
            "success": [bobs_here["id"]],
            "failure": [{"id": mine["id"], "message": NO_ACCESS}],
        }

    def test_foreign_workspace(
        self, client: TestClient[Any], alice: Any, make_account: Callable[..., Any]
    ) -> None:
        bob = make_account()
        theirs = create_time_entry(client, bob, start="2026-11-27T08:00:00Z")
        resp = patch(
            client,
            alice,
            [theirs["id"]],
            [{"op": "replace", "path": "/description", "value": "x"}],
            wid=bob.workspace_id,
        )
        assert_error(resp, 403, NO_ACCESS)


class TestBulkRequestErrors:
    def test_100_ids_at_most(self, client: TestClient[Any], alice: Any, database: Database) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z", description="same")
        ops = [{"op": "replace", "path": "/description", "value": "x"}]
        hundred = [a["id"], *range(10**6, 10**6 + 99)]
        body = bulk_ok(client, alice, hundred, ops)
        assert body["success"] == [a["id"]] and len(body["failure"]) == 99
        resp = patch(client, alice, [a["id"], *range(10**6, 10**6 + 100)], ops)
        assert_error(resp, 400, "PATCH request is limited to 100 entries at once")

    def test_too_many_ids_changes_nothing(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z", description="same")
        ops = [{"op": "replace", "path": "/description", "value": "x"}]
        resp = patch(client, alice, [a["id"], *range(10**6, 10**6 + 100)], ops)
        assert resp.status_code == 400
        assert stored_entry(database, a["id"])["description"] == "same"

    @pytest.mark.parametrize(
        ("ops", "message"),
        [
            ([], "Empty or invalid patch operation"),
            ([{"op": "move", "path": "/description", "value": "x"}], "Invalid op: move"),
            (
                [{"op": "replace", "path": "description", "value": "x"}],
                "Invalid path format: description",
            ),
            ([{"op": "replace", "path": "/nope", "value": "x"}], "Path not found: /nope"),
            ([{"op": "remove", "path": "/billable"}], "Operation not supported (remove /billable)"),
            (
                [{"op": "replace", "path": "/billable", "value": "yes"}],
                "Operation not supported (replace /billable)",
            ),
        ],
    )
    def test_operation_errors(
        self, client: TestClient[Any], alice: Any, database: Database, ops: Any, message: str
    ) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z", description="same")
        assert_error(patch(client, alice, [a["id"]], ops), 400, message)
        assert stored_entry(database, a["id"])["description"] == "same"

    def test_no_ids(self, client: TestClient[Any], alice: Any) -> None:
        ops = [{"op": "replace", "path": "/description", "value": "x"}]
        assert_error(patch(client, alice, ",", ops), 400, "PATCH expects at least one ID")

    def test_meta_query_is_accepted(self, client: TestClient[Any], alice: Any) -> None:
        a = create_time_entry(client, alice, start="2026-11-27T08:00:00Z")
        resp = client.patch(
            f"{API}/workspaces/{alice.workspace_id}/time_entries/{a['id']}",
            params={"meta": "true"},
            json=[{"op": "replace", "path": "/description", "value": "m"}],
            headers=alice.headers,
        )
        assert resp.json() == {"success": [a["id"]], "failure": []}


def test_bulk_running_entry_stays_running(client: TestClient[Any], alice: Any) -> None:
    timer = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=-1)
    bulk_ok(client, alice, [timer["id"]], [{"op": "replace", "path": "/description", "value": "t"}])
    current = client.get(f"{API}/me/time_entries/current", headers=alice.headers).json()
    assert current["id"] == timer["id"] and current["stop"] is None
    start = dt.datetime(2026, 11, 27, 11, tzinfo=dt.UTC)
    assert current["duration"] == -int(start.timestamp())
