"""Projects: DELETE /workspaces/{wid}/projects/{pid}?teDeletionMode=delete|unassign (§8)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import select, update

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.db.schema import tasks, time_entries
from tests.api.support.entries import create_time_entry
from tests.api.support.http import NO_ACCESS
from tests.api.support.projects import create_project, list_projects
from tests.conftest import API, FROZEN_NOW_US, Account


def remove(client: TestClient[Any], account: Account, pid: int, query: str = "", **kw: Any) -> Any:
    """DELETE a project of the account's workspace (or of `wid`)."""
    wid = kw.get("wid") or account.workspace_id
    return client.delete(f"{API}/workspaces/{wid}/projects/{pid}{query}", headers=account.headers)


def track(client: TestClient[Any], account: Account, wid: int, **body: Any) -> dict[str, Any]:
    """A stopped entry of the account in the workspace."""
    body = {"created_with": "test", "start": "2026-11-27T08:00:00Z", "duration": 600, **body}
    return create_time_entry(client, account, wid, **body)


def entry_rows(database: Database) -> dict[int, tuple[Any, ...]]:
    """Every entry's (project_id, task_id, at, server_deleted_at) by id."""
    te = time_entries
    with database.transaction(write=False) as conn:
        rows = conn.execute(
            select(te.c.id, te.c.project_id, te.c.task_id, te.c.at, te.c.server_deleted_at)
        ).all()
    return {row[0]: tuple(row[1:]) for row in rows}


class TestDeleteProject:
    def test_returns_the_id_as_a_bare_number(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice, name="W")["id"]
        response = remove(client, alice, pid)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        assert response.text == str(pid)
        get = client.get(
            f"{API}/workspaces/{alice.workspace_id}/projects/{pid}", headers=alice.headers
        )
        assert (get.status_code, get.json()) == (404, "Project not found")
        assert list_projects(client, alice, "?active=both").json() == []

    def test_tombstone_in_since_sync(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        pid = create_project(client, alice, name="W")["id"]
        clock.advance(60)
        remove(client, alice, pid)
        since = FROZEN_NOW_US // 1_000_000
        data = list_projects(client, alice, f"?since={since}").json()
        assert [(p["id"], p["server_deleted_at"], p["status"]) for p in data] == [
            (pid, "2026-11-27T12:01:00+00:00", "deleted")
        ]
        assert data[0]["can_track_time"] is False
        mine = client.get(f"{API}/me/projects?since={since}", headers=alice.headers).json()
        assert [p["id"] for p in mine] == [pid]

    def test_unassign_is_the_default(
        self,
        client: TestClient[Any],
        alice: Account,
        carol: Account,
        database: Database,
        clock: FrozenClock,
    ) -> None:
        wid = alice.workspace_id
        pid = create_project(client, alice, name="W", is_private=False)["id"]
        other = create_project(client, alice, name="Other")["id"]
        task = client.post(
            f"{API}/workspaces/{wid}/projects/{pid}/tasks",
            headers=alice.headers,
            json={"name": "T"},
        ).json()["id"]
        mine = track(client, alice, wid, project_id=pid, task_id=task)["id"]
        hers = track(client, carol, wid, project_id=pid)["id"]
        kept = track(client, alice, wid, project_id=other)["id"]
        before = entry_rows(database)
        clock.advance(5)
        assert remove(client, alice, pid).status_code == 200
        after = entry_rows(database)
        now = FROZEN_NOW_US + 5_000_000
        assert after[mine] == (None, None, now, None)
        assert after[hers] == (None, None, now, None)
        assert after[kept] == before[kept]
        with database.transaction(write=False) as conn:
            deleted = conn.execute(select(tasks.c.server_deleted_at).where(tasks.c.id == task))
            assert deleted.scalar_one() == now
        since = FROZEN_NOW_US // 1_000_000 + 1
        synced = client.get(f"{API}/me/time_entries?since={since}", headers=carol.headers).json()
        assert [(e["id"], e["project_id"]) for e in synced] == [(hers, None)]

    def test_delete_mode_deletes_entries(
        self, client: TestClient[Any], alice: Account, database: Database, clock: FrozenClock
    ) -> None:
        wid = alice.workspace_id
        pid = create_project(client, alice, name="W")["id"]
        entry = track(client, alice, wid, project_id=pid)["id"]
        clock.advance(5)
        assert remove(client, alice, pid, "?teDeletionMode=delete").text == str(pid)
        now = FROZEN_NOW_US + 5_000_000
        assert entry_rows(database)[entry] == (pid, None, now, now)
        since = FROZEN_NOW_US // 1_000_000 + 1
        synced = client.get(f"{API}/me/time_entries?since={since}", headers=alice.headers).json()
        assert [(e["id"], e["server_deleted_at"]) for e in synced] == [
            (entry, "2026-11-27T12:00:05+00:00")
        ]

    def test_entry_at_never_goes_backwards(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        pid = create_project(client, alice, name="W")["id"]
        first = track(client, alice, alice.workspace_id, project_id=pid)["id"]
        second = track(client, alice, alice.workspace_id)["id"]
        future = FROZEN_NOW_US + 3_600_000_000
        with database.transaction(write=True) as conn:
            conn.execute(update(time_entries).where(time_entries.c.id == second).values(at=future))
        remove(client, alice, pid)
        assert entry_rows(database)[first][2] == future + 1

    @pytest.mark.parametrize("mode", ["remove", "both", "deleted"])
    def test_invalid_mode_changes_nothing(
        self, client: TestClient[Any], alice: Account, database: Database, mode: str
    ) -> None:
        pid = create_project(client, alice, name="W")["id"]
        track(client, alice, alice.workspace_id, project_id=pid)
        before = entry_rows(database)
        response = remove(client, alice, pid, f"?teDeletionMode={mode}")
        assert (response.status_code, response.json()) == (400, "Invalid teDeletionMode")
        assert entry_rows(database) == before
        assert list_projects(client, alice).json()[0]["id"] == pid

    def test_unknown_or_already_deleted(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice, name="W")["id"]
        assert remove(client, alice, pid).status_code == 200
        for target in (pid, 777):
            response = remove(client, alice, target)
            assert (response.status_code, response.json()) == (404, "Project not found")

    def test_name_is_free_again(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice, name="W")["id"]
        remove(client, alice, pid)
        assert create_project(client, alice, name="W")["id"] != pid

    def test_plain_member_cannot_delete(
        self, client: TestClient[Any], alice: Account, carol: Account, database: Database
    ) -> None:
        pid = create_project(client, alice, name="W", is_private=False)["id"]
        track(client, carol, alice.workspace_id, project_id=pid)
        before = entry_rows(database)
        response = remove(client, carol, pid, wid=alice.workspace_id)
        assert (response.status_code, response.json()) == (403, NO_ACCESS)
        assert entry_rows(database) == before
        assert [p["id"] for p in list_projects(client, alice).json()] == [pid]

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        pid = create_project(client, bob, name="W")["id"]
        response = remove(client, alice, pid, wid=bob.workspace_id)
        assert (response.status_code, response.json()) == (403, NO_ACCESS)
        response = remove(client, alice, pid)
        assert (response.status_code, response.json()) == (404, "Project not found")
        assert [p["id"] for p in list_projects(client, bob).json()] == [pid]

    @pytest.mark.parametrize("raw", ["abc", "0", "1,2"])
    def test_invalid_id(self, client: TestClient[Any], alice: Account, raw: str) -> None:
        response = client.delete(
            f"{API}/workspaces/{alice.workspace_id}/projects/{raw}", headers=alice.headers
        )
        assert (response.status_code, response.json()) == (400, "Invalid project_id")
