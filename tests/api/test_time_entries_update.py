"""PUT /workspaces/{wid}/time_entries/{id} (contract §4.4, §4.6, §4.7, open questions 18-21)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.db.schema import tags
from tests.api.support.entries import ENTRY_NOT_FOUND, LEGACY_KEYS, create_time_entry, stored_entry
from tests.api.support.http import NO_ACCESS, assert_error
from tests.api.support.projects import insert_project, insert_task
from tests.api.support.workspaces import join_workspace
from tests.conftest import API

NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)


def put(
    client: TestClient[Any],
    account: Any,
    entry_id: int,
    body: Any,
    wid: int | None = None,
    **params: str,
) -> Any:
    wid = account.workspace_id if wid is None else wid
    return client.put(
        f"{API}/workspaces/{wid}/time_entries/{entry_id}",
        json=body,
        params=params,
        headers=account.headers,
    )


def update(client: TestClient[Any], account: Any, entry_id: int, **body: Any) -> dict[str, Any]:
    resp = put(client, account, entry_id, body)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def tag_names(database: Database) -> list[str]:
    with database.transaction(write=False) as conn:
        return sorted(row[0] for row in conn.execute(select(tags.c.name)).all())


class TestPutFields:
    def test_only_given_keys_change(
        self, client: TestClient[Any], alice: Any, clock: FrozenClock
    ) -> None:
        made = create_time_entry(
            client,
            alice,
            start="2026-11-27T09:00:00Z",
            duration=600,
            description="old",
            billable=True,
            tags=["dev"],
        )
        clock.advance(5)
        out = update(client, alice, made["id"], description="new")
        assert list(out.keys()) == LEGACY_KEYS
        assert out["description"] == "new"
        for key in ("start", "stop", "duration", "billable", "tags", "tag_ids", "project_id"):
            assert out[key] == made[key], key
        assert out["at"] == "2026-11-27T12:00:05.000000Z"
        assert out["start"] == "2026-11-27T09:00:00+00:00"

    def test_description_null_is_unchanged_and_empty_clears(
        self, client: TestClient[Any], alice: Any
    ) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", description="keep me")
        # toggl-api-wrapper sends "description": null on every edit (open question 19).
        out = update(client, alice, made["id"], description=None, billable=True)
        assert out["description"] == "keep me"
        assert out["billable"] is True
        assert update(client, alice, made["id"], description="")["description"] == ""

    def test_project_null_clears_and_pid_is_dropped(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        pid = insert_project(database, alice.workspace_id, alice.id)
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", project_id=pid)
        assert made["pid"] == pid
        out = update(client, alice, made["id"], project_id=None)
        assert out["project_id"] is None
        assert list(out.keys()) == LEGACY_KEYS
        assert stored_entry(database, made["id"])["project_id"] is None

    def test_legacy_pid_and_tid(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        pid = insert_project(database, alice.workspace_id, alice.id)
        tid = insert_task(database, alice.workspace_id, pid)
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z")
        out = update(client, alice, made["id"], pid=pid, tid=tid)
        assert (out["project_id"], out["task_id"], out["pid"], out["tid"]) == (pid, tid, pid, tid)
        assert list(out.keys()) == [*LEGACY_KEYS, "pid", "tid"]
        out = update(client, alice, made["id"], task_id=None)
        assert out["task_id"] is None and "tid" not in out and out["pid"] == pid

    def test_project_of_another_workspace(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        pid = insert_project(database, bob.workspace_id, bob.id)
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z")
        resp = put(client, alice, made["id"], {"project_id": pid})
        assert_error(
            resp,
            400,
            "Conflict with project/workspace: project needs to be in the same workspace as the "
            "time entry",
        )

    def test_toggl_api_wrapper_body(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(
            client, alice, start="2026-11-27T09:00:00Z", description="Wrapper timer"
        )
        body = {
            "workspace_id": alice.workspace_id,
            "meta": False,
            "created_with": "toggl-api-wrapper",
            "description": "Wrapper renamed",
            "tags": ["dev", "docs"],
            "tag_action": "add",
        }
        out = update(client, alice, made["id"], **body)
        assert out["description"] == "Wrapper renamed"
        assert out["tags"] == ["dev", "docs"]
        assert "created_with" not in out and "meta" not in out

    def test_workspace_mismatch(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", description="same")
        resp = put(
            client, alice, made["id"], {"workspace_id": alice.workspace_id + 7, "description": "x"}
        )
        assert_error(resp, 400, "workspace_id in body does not match path")
        assert stored_entry(database, made["id"])["description"] == "same"

    def test_meta_query(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z")
        resp = put(client, alice, made["id"], {"billable": True}, meta="true")
        assert list(resp.json().keys()) == [*LEGACY_KEYS, "user_name", "user_avatar_url"]


class TestPutTags:
    def test_no_action_replaces(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", tags=["a", "b"])
        # togglcli sends the complete new list.
        out = update(client, alice, made["id"], description="renamed", tags=["dev"])
        assert out["tags"] == ["dev"]
        assert len(out["tag_ids"]) == 1

    def test_add_is_idempotent(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", tags=["a"])
        out = update(client, alice, made["id"], tags=["b", "a"], tag_action="add")
        assert out["tags"] == ["a", "b"]
        again = update(client, alice, made["id"], tags=["b"], tag_action="add")
        assert again["tags"] == ["a", "b"] and again["tag_ids"] == out["tag_ids"]

    @pytest.mark.parametrize("action", ["delete", "remove"])
    def test_delete_and_remove(self, client: TestClient[Any], alice: Any, action: str) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", tags=["a", "b", "c"])
        ids = dict(zip(made["tags"], made["tag_ids"], strict=True))
        out = update(client, alice, made["id"], tags=["b"], tag_action=action)
        assert out["tags"] == ["a", "c"]
        out = update(client, alice, made["id"], tag_ids=[ids["c"]], tag_action=action)
        assert out["tags"] == ["a"] and out["tag_ids"] == [ids["a"]]

    def test_tags_null_is_unchanged_and_empty_clears(
        self, client: TestClient[Any], alice: Any
    ) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", tags=["a"])
        assert update(client, alice, made["id"], tags=None)["tags"] == ["a"]
        out = update(client, alice, made["id"], tags=[])
        assert out["tags"] == [] and out["tag_ids"] == []

    def test_tag_ids_replace(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", tags=["a", "b"])
        out = update(client, alice, made["id"], tag_ids=[made["tag_ids"][1]])
        assert out["tags"] == ["b"] and out["tag_ids"] == [made["tag_ids"][1]]

    def test_invalid_tag_action(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", tags=["a"])
        resp = put(client, alice, made["id"], {"tags": ["b"], "tag_action": "merge"})
        assert resp.status_code == 400
        assert isinstance(resp.json(), str)


class TestPutTimes:
    def test_togglcli_stops_with_put(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T11:59:57Z", duration=-1)
        # togglcli: stop with microseconds and a duration computed from whole seconds.
        out = update(client, alice, made["id"], stop="2026-11-27T11:59:59.237875Z", duration=3)
        assert out["stop"] == "2026-11-27T11:59:59+00:00"
        assert out["duration"] == 2
        assert client.get(f"{API}/me/time_entries/current", headers=alice.headers).json() is None

    def test_a_timer_running_over_999_hours_still_takes_edits(
        self, client: TestClient[Any], alice: Any, clock: FrozenClock
    ) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=-1)
        clock.advance(1000 * 3600)
        out = update(client, alice, made["id"], description="still running")
        assert out["description"] == "still running" and out["stop"] is None
        moved = put(client, alice, made["id"], {"start": "2026-11-27T11:30:00Z"})
        assert_error(moved, 400, "Max allowed duration per 1 time entry is 999 hours")

    def test_stop_and_duration_must_agree(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", duration=-1)
        resp = put(client, alice, made["id"], {"stop": "2026-11-27T10:00:00Z", "duration": 60})
        assert_error(resp, 400, "Stop time and duration do not match")
        assert stored_entry(database, made["id"])["stop"] is None

    def test_stop_before_start_changes_nothing(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        made = create_time_entry(
            client, alice, start="2026-11-27T09:00:00Z", duration=60, description="d"
        )
        before = stored_entry(database, made["id"])
        resp = put(
            client,
            alice,
            made["id"],
            {"description": "changed", "tags": ["brand-new"], "stop": "2026-11-27T08:00:00Z"},
        )
        assert_error(resp, 400, "Stop time must be after start time")
        assert stored_entry(database, made["id"]) == before
        assert tag_names(database) == []

    def test_positive_duration_sets_stop(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", duration=60)
        out = update(client, alice, made["id"], duration=7200)
        assert out["stop"] == "2026-11-27T11:00:00+00:00" and out["duration"] == 7200

    def test_new_start_on_a_timer(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=-1)
        out = update(client, alice, made["id"], start="2026-11-27T10:30:00Z")
        assert out["stop"] is None
        start = dt.datetime(2026, 11, 27, 10, 30, tzinfo=dt.UTC)
        assert out["duration"] == -int(start.timestamp())

    def test_negative_duration_restarts_and_stops_the_other_timer(
        self, client: TestClient[Any], alice: Any, clock: FrozenClock
    ) -> None:
        stopped = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", duration=60)
        timer = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=-1)
        clock.advance(30)
        # Open questions 18 and 20: restart it; one running entry per user, always.
        out = update(client, alice, stopped["id"], duration=-1)
        assert out["stop"] is None
        start = dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC)
        assert out["duration"] == -int(start.timestamp())
        listed = {
            e["id"]: e for e in client.get(f"{API}/me/time_entries", headers=alice.headers).json()
        }
        assert listed[timer["id"]]["stop"] == "2026-11-27T12:00:30+00:00"
        assert listed[timer["id"]]["at"] == out["at"]

    def test_year_and_length_limits(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", duration=60)
        resp = put(client, alice, made["id"], {"start": "2005-06-01T00:00:00Z"})
        assert_error(resp, 400, "Start time year must be between 2006 and 2030")
        resp = put(client, alice, made["id"], {"duration": 999 * 3600 + 1})
        assert_error(resp, 400, "Max allowed duration per 1 time entry is 999 hours")


class TestPutAtAndAccess:
    def test_at_never_goes_backwards(
        self, client: TestClient[Any], alice: Any, clock: FrozenClock
    ) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z")
        clock.advance(-3600)
        first = update(client, alice, made["id"], description="1")
        second = update(client, alice, made["id"], description="2")
        assert made["at"] < first["at"] < second["at"]

    def test_unknown_deleted_and_other_workspace_entries(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        join_workspace(database, bob.workspace_id, alice.id)
        elsewhere = create_time_entry(
            client, alice, wid=bob.workspace_id, start="2026-11-27T09:00:00Z"
        )
        gone = create_time_entry(client, alice, start="2026-11-27T09:00:00Z")
        client.delete(
            f"{API}/workspaces/{alice.workspace_id}/time_entries/{gone['id']}",
            headers=alice.headers,
        )
        for entry_id in (gone["id"], 10**12, elsewhere["id"]):
            assert_error(put(client, alice, entry_id, {"description": "x"}), 404, ENTRY_NOT_FOUND)

    def test_foreign_workspace(
        self, client: TestClient[Any], alice: Any, make_account: Callable[..., Any]
    ) -> None:
        bob = make_account()
        theirs = create_time_entry(client, bob, start="2026-11-27T09:00:00Z", description="bob's")
        resp = put(client, alice, theirs["id"], {"description": "x"}, wid=bob.workspace_id)
        assert_error(resp, 403, NO_ACCESS)

    def test_member_cannot_edit_another_members_entry(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        join_workspace(database, alice.workspace_id, bob.id)
        mine = create_time_entry(client, alice, start="2026-11-27T09:00:00Z", description="alice's")
        resp = put(client, bob, mine["id"], {"description": "x"}, wid=alice.workspace_id)
        assert_error(resp, 403, NO_ACCESS)
        assert stored_entry(database, mine["id"])["description"] == "alice's"

    def test_admin_edits_and_reassigns(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        carol = make_account()
        join_workspace(database, alice.workspace_id, bob.id)
        join_workspace(database, alice.workspace_id, carol.id)
        bobs = create_time_entry(client, bob, wid=alice.workspace_id, start="2026-11-27T09:00:00Z")
        out = update(client, alice, bobs["id"], description="by admin")
        assert out["description"] == "by admin" and out["user_id"] == bob.id
        out = update(client, alice, bobs["id"], user_id=carol.id)
        assert out["user_id"] == out["uid"] == carol.id
        # A plain member may not hand an entry to someone else.
        mine = create_time_entry(client, bob, wid=alice.workspace_id, start="2026-11-27T10:00:00Z")
        resp = put(client, bob, mine["id"], {"user_id": carol.id}, wid=alice.workspace_id)
        assert_error(resp, 403, NO_ACCESS)
        # user_id equal to the caller is accepted and ignored.
        assert (
            update(
                client,
                alice,
                create_time_entry(client, alice, start="2026-11-27T08:00:00Z")["id"],
                user_id=alice.id,
            )["user_id"]
            == alice.id
        )
