"""GET /me/time_entries/current and GET /me/time_entries/{id} (wire contract §4.1, §4.3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.db.engine import Database
from tests.api.support.clients import insert_client
from tests.api.support.entries import BASE_KEYS, LEGACY_KEYS, create_time_entry
from tests.api.support.projects import insert_project, insert_task
from tests.api.support.workspaces import join_workspace
from tests.conftest import API

NOT_FOUND = "Resource can not be found"


def get(client: TestClient[Any], account: Any, path: str, **params: str) -> Any:
    return client.get(f"{API}{path}", params=params, headers=account.headers)


def seed_catalogue(database: Database, wid: int, creator: int) -> tuple[int, int, int]:
    """A client, a project of that client and a task of that project (ids)."""
    cid = insert_client(database, wid, creator)
    pid = insert_project(database, wid, creator, "AGL Social Media", client_id=cid, color="#d92b2b")
    return cid, pid, insert_task(database, wid, pid, "Posts")


class TestCurrent:
    def test_idle_is_200_null(self, client: TestClient[Any], alice: Any) -> None:
        resp = get(client, alice, "/me/time_entries/current")
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("application/json")
        assert resp.content == b"null"

    def test_running_entry(self, client: TestClient[Any], alice: Any, database: Database) -> None:
        _, pid, _ = seed_catalogue(database, alice.workspace_id, alice.id)
        made = create_time_entry(
            client, alice, start="2026-11-27T11:00:00Z", duration=-1, project_id=pid, tags=["dev"]
        )
        resp = get(client, alice, "/me/time_entries/current")
        body = resp.json()
        # The recorded current-entry example carries uid, wid and pid.
        assert list(body.keys()) == [*LEGACY_KEYS, "pid"]
        start = dt.datetime(2026, 11, 27, 11, tzinfo=dt.UTC)
        assert body["id"] == made["id"]
        assert body["start"] == "2026-11-27T11:00:00+00:00"
        assert body["stop"] is None
        assert body["duration"] == -int(start.timestamp())
        assert body["tags"] == ["dev"] and body["tag_ids"] == made["tag_ids"]
        assert body["pid"] == pid
        assert body["at"] == made["at"]

    def test_stopped_and_deleted_are_not_current(self, client: TestClient[Any], alice: Any) -> None:
        create_time_entry(client, alice, start="2026-11-27T09:00:00Z", duration=60)
        timer = create_time_entry(client, alice, start="2026-11-27T11:00:00Z", duration=-1)
        wid = alice.workspace_id
        deleted = client.delete(
            f"{API}/workspaces/{wid}/time_entries/{timer['id']}", headers=alice.headers
        )
        assert deleted.status_code == 200
        assert get(client, alice, "/me/time_entries/current").json() is None

    def test_other_users_timer_is_not_mine(
        self, client: TestClient[Any], alice: Any, make_account: Callable[..., Any]
    ) -> None:
        bob = make_account()
        create_time_entry(client, bob, start="2026-11-27T11:00:00Z", duration=-1)
        assert get(client, alice, "/me/time_entries/current").json() is None

    def test_needs_credentials(self, client: TestClient[Any]) -> None:
        resp = client.get(f"{API}/me/time_entries/current")
        assert resp.status_code == 401
        assert resp.content == b""


class TestGetById:
    def test_own_entry_without_legacy_keys(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        _, pid, tid = seed_catalogue(database, alice.workspace_id, alice.id)
        made = create_time_entry(
            client,
            alice,
            start="2026-11-27T09:00:00Z",
            duration=3600,
            project_id=pid,
            task_id=tid,
            description="Posts",
        )
        resp = get(client, alice, f"/me/time_entries/{made['id']}")
        assert resp.status_code == 200
        body = resp.json()
        # §4.1: by-id keys end at user_id; no uid/wid/pid/tid.
        assert list(body.keys()) == BASE_KEYS
        assert body["start"] == "2026-11-27T09:00:00+00:00"
        assert body["stop"] == "2026-11-27T10:00:00+00:00"
        assert body["duration"] == 3600
        assert (body["project_id"], body["task_id"]) == (pid, tid)
        assert body["description"] == "Posts"

    def test_meta_fields(self, client: TestClient[Any], alice: Any, database: Database) -> None:
        _, pid, tid = seed_catalogue(database, alice.workspace_id, alice.id)
        made = create_time_entry(
            client, alice, start="2026-11-27T09:00:00Z", project_id=pid, task_id=tid
        )
        body = get(client, alice, f"/me/time_entries/{made['id']}", meta="true").json()
        keys = list(body.keys())
        assert keys[: len(BASE_KEYS)] == BASE_KEYS
        meta = keys[len(BASE_KEYS) :]
        assert set(meta) == {
            "client_name",
            "project_name",
            "project_color",
            "project_active",
            "project_billable",
            "task_name",
            "user_name",
            "user_avatar_url",
        }
        # Recorded order of the meta keys (task_name's position is not recorded).
        recorded = [k for k in meta if k != "task_name"]
        assert recorded == [
            "client_name",
            "project_name",
            "project_color",
            "project_active",
            "project_billable",
            "user_name",
            "user_avatar_url",
        ]
        assert body["client_name"] == "AGL"
        assert body["project_name"] == "AGL Social Media"
        assert body["project_color"] == "#d92b2b"
        assert body["project_active"] is True and body["project_billable"] is False
        assert body["task_name"] == "Posts"
        assert body["user_name"] == "Alice Tester"
        assert isinstance(body["user_avatar_url"], str)

    def test_meta_without_project(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z")
        body = get(client, alice, f"/me/time_entries/{made['id']}", meta="true").json()
        assert list(body.keys()) == [*BASE_KEYS, "user_name", "user_avatar_url"]

    @pytest.mark.parametrize("value", ["false", "False", "0"])
    def test_meta_false(self, client: TestClient[Any], alice: Any, value: str) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z")
        body = get(client, alice, f"/me/time_entries/{made['id']}", meta=value).json()
        assert list(body.keys()) == BASE_KEYS

    def test_include_sharing(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account(fullname="Bob")
        join_workspace(database, alice.workspace_id, bob.id)
        shared = create_time_entry(
            client, alice, start="2026-11-27T09:00:00Z", shared_with_user_ids=[bob.id]
        )
        plain = create_time_entry(client, alice, start="2026-11-27T10:00:00Z")
        body = get(client, alice, f"/me/time_entries/{shared['id']}", include_sharing="true").json()
        assert list(body.keys()) == [*BASE_KEYS, "shared_with"]
        assert body["shared_with"] == [{"user_id": bob.id, "user_name": "Bob", "accepted": False}]
        # Unshared entries come back unchanged (§4.11).
        body = get(client, alice, f"/me/time_entries/{plain['id']}", include_sharing="true").json()
        assert list(body.keys()) == BASE_KEYS

    def test_another_users_entry_is_never_revealed(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        join_workspace(database, alice.workspace_id, bob.id)
        # Bob's entry in Alice's own workspace: Alice is admin there, but /me is hers only.
        made = create_time_entry(client, bob, wid=alice.workspace_id, start="2026-11-27T09:00:00Z")
        resp = get(client, alice, f"/me/time_entries/{made['id']}")
        assert resp.status_code == 404
        assert resp.json() == NOT_FOUND

    def test_deleted_and_unknown(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T09:00:00Z")
        client.delete(
            f"{API}/workspaces/{alice.workspace_id}/time_entries/{made['id']}",
            headers=alice.headers,
        )
        for entry_id in (made["id"], made["id"] + 1000, 9_223_372_036_854_775_807):
            resp = get(client, alice, f"/me/time_entries/{entry_id}")
            assert resp.status_code == 404
            assert resp.json() == NOT_FOUND

    def test_running_entry_by_id(self, client: TestClient[Any], alice: Any) -> None:
        made = create_time_entry(client, alice, start="2026-11-27T11:30:00Z", duration=-1)
        body = get(client, alice, f"/me/time_entries/{made['id']}").json()
        assert body["stop"] is None
        start = dt.datetime(2026, 11, 27, 11, 30, tzinfo=dt.UTC)
        assert body["duration"] == -int(start.timestamp())
