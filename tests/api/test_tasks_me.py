"""Tasks: GET /me/tasks, and which projects' tasks a plain member may read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import insert

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.db.schema import project_users
from tests.api.support.projects import create_project, create_task
from tests.conftest import API, FROZEN_NOW_US, Account

NOW_S = FROZEN_NOW_US // 1_000_000
META_KEYS = ["project_name", "project_color", "project_billable", "client_name"]


def me_tasks(client: TestClient[Any], account: Account, query: str = "") -> Any:
    """GET /me/tasks with a raw query string."""
    return client.get(f"{API}/me/tasks{query}", headers=account.headers)


def names(response: Any) -> list[str]:
    """Task names of a list response."""
    return [t["name"] for t in response.json()]


class TestMyTasks:
    def test_active_live_tasks_by_id(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        pid = create_project(client, alice, "Website", is_private=False)["id"]
        other = create_project(client, alice, "Other", is_private=False)["id"]
        create_task(client, alice, pid, "b")
        create_task(client, alice, other, "a")
        create_task(client, alice, pid, "done", active=False)
        gone = create_task(client, alice, pid, "gone")
        url = f"{API}/workspaces/{alice.workspace_id}/projects/{pid}/tasks/{gone['id']}"
        client.delete(url, headers=alice.headers)
        create_task(
            client, bob, create_project(client, bob, "Bob's", is_private=False)["id"], "secret"
        )
        response = me_tasks(client, alice)
        assert response.status_code == 200
        assert names(response) == ["b", "a"]
        first = response.json()[0]
        assert "project_name" not in first and first["server_deleted_at"] is None

    @pytest.mark.parametrize("value", ["true", "True", "1"])
    def test_include_not_active(self, client: TestClient[Any], alice: Account, value: str) -> None:
        pid = create_project(client, alice, "Website", is_private=False)["id"]
        create_task(client, alice, pid, "open")
        create_task(client, alice, pid, "done", active=False)
        assert names(me_tasks(client, alice, f"?include_not_active={value}")) == ["open", "done"]
        assert names(me_tasks(client, alice, "?include_not_active=false")) == ["open"]

    @pytest.mark.parametrize("value", ["yes", "both", "2"])
    def test_invalid_include_not_active(
        self, client: TestClient[Any], alice: Account, value: str
    ) -> None:
        response = me_tasks(client, alice, f"?include_not_active={value}")
        assert response.status_code == 400
        assert response.json() == "Invalid include_not_active"

    def test_meta(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/clients"
        cid = client.post(url, headers=alice.headers, json={"name": "Acme"}).json()["id"]
        pid = create_project(
            client, alice, "Website", is_private=False, client_id=cid, color="#0b83d9"
        )["id"]
        bare = create_project(client, alice, "Bare", is_private=False)["id"]
        plain = create_task(client, alice, pid, "Spec")
        create_task(client, alice, bare, "Loose")
        data = me_tasks(client, alice, "?meta=true").json()
        assert list(data[0]) == [*plain, *META_KEYS]
        assert {k: data[0][k] for k in META_KEYS} == {
            "project_name": "Website",
            "project_color": "#0b83d9",
            "project_billable": client.get(
                f"{API}/workspaces/{alice.workspace_id}/projects/{pid}", headers=alice.headers
            ).json()["billable"],
            "client_name": "Acme",
        }
        assert (data[1]["project_name"], data[1]["client_name"]) == ("Bare", None)
        assert list(me_tasks(client, alice, "?meta=false").json()[0]) == list(plain)

    def test_offset_and_per_page(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice, "Website", is_private=False)["id"]
        for n in range(5):
            create_task(client, alice, pid, f"T{n}")
        assert names(me_tasks(client, alice, "?per_page=2")) == ["T0", "T1"]
        assert names(me_tasks(client, alice, "?offset=2&per_page=2")) == ["T2", "T3"]
        assert names(me_tasks(client, alice, "?offset=4")) == ["T4"]
        assert names(me_tasks(client, alice, "?offset=0")) == [f"T{n}" for n in range(5)]
        assert me_tasks(client, alice, "?offset=99").json() == []

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("?offset=-1", "Invalid offset"),
            ("?offset=x", "Invalid offset"),
            ("?per_page=0", "Invalid per_page"),
            ("?per_page=ten", "Invalid per_page"),
            ("?since=tomorrow", "Invalid since"),
            ("?meta=maybe", "Invalid meta"),
        ],
    )
    def test_invalid_query(
        self, client: TestClient[Any], alice: Account, query: str, message: str
    ) -> None:
        response = me_tasks(client, alice, query)
        assert response.status_code == 400
        assert response.json() == message

    def test_since_returns_changes_and_deletions(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        pid = create_project(client, alice, "Website", is_private=False)["id"]
        create_task(client, alice, pid, "old")
        doomed = create_task(client, alice, pid, "doomed")
        done = create_task(client, alice, pid, "done")
        clock.advance(20)
        base = f"{API}/workspaces/{alice.workspace_id}/projects/{pid}/tasks"
        client.delete(f"{base}/{doomed['id']}", headers=alice.headers)
        client.put(f"{base}/{done['id']}", headers=alice.headers, json={"active": False})
        data = me_tasks(client, alice, f"?since={NOW_S + 20}").json()
        assert [(t["name"], t["server_deleted_at"]) for t in data] == [
            ("doomed", "2026-11-27T12:00:20+00:00")
        ]
        data = me_tasks(client, alice, f"?since={NOW_S + 20}&include_not_active=true").json()
        assert [t["name"] for t in data] == ["doomed", "done"]

    def test_requires_credentials(self, client: TestClient[Any], alice: Account) -> None:
        assert client.get(f"{API}/me/tasks").status_code == 401


class TestPrivateProjectTasks:
    def private(self, client: TestClient[Any], alice: Account) -> tuple[int, Any]:
        pid = create_project(client, alice, "Secret", is_private=True)["id"]
        return pid, create_task(client, alice, pid, "hidden")

    def test_plain_members_do_not_see_them(
        self, client: TestClient[Any], alice: Account, member: Account
    ) -> None:
        pid, _ = self.private(client, alice)
        public = create_project(client, alice, "Public", is_private=False)["id"]
        create_task(client, alice, public, "visible")
        assert names(me_tasks(client, member)) == ["visible"]
        page = client.get(f"{API}/workspaces/{alice.workspace_id}/tasks", headers=member.headers)
        assert [t["name"] for t in page.json()["data"]] == ["visible"]
        assert page.json()["total_count"] == 1
        url = f"{API}/workspaces/{alice.workspace_id}/projects/{pid}/tasks"
        response = client.get(url, headers=member.headers)
        assert response.status_code == 400
        assert response.json() == "Project not found/accessible"
        assert names(me_tasks(client, alice)) == ["hidden", "visible"]

    def test_project_members_see_them(
        self, client: TestClient[Any], alice: Account, member: Account, database: Database
    ) -> None:
        pid, task = self.private(client, alice)
        with database.transaction(write=True) as conn:
            conn.execute(
                insert(project_users).values(
                    workspace_id=alice.workspace_id,
                    project_id=pid,
                    user_id=member.id,
                    manager=False,
                    created_at=FROZEN_NOW_US,
                    at=FROZEN_NOW_US,
                )
            )
        assert names(me_tasks(client, member)) == ["hidden"]
        url = f"{API}/workspaces/{alice.workspace_id}/projects/{pid}/tasks/{task['id']}"
        assert client.get(url, headers=member.headers).json() == task
        # Members who do not manage the project still may not change its tasks.
        response = client.put(url, headers=member.headers, json={"name": "x"})
        assert response.status_code == 403
