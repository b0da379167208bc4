"""Tasks: per-project lists, create and read, and the paginated GET /workspaces/{wid}/tasks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from tests.api.support.http import NO_ACCESS
from tests.api.support.projects import create_project, create_task, tasks_url
from tests.api.support.workspaces import join_workspace
from tests.conftest import API, Account

TASK_KEYS = [
    "id", "name", "workspace_id", "project_id", "user_id", "recurring", "active", "at",
    "server_deleted_at", "estimated_seconds", "tracked_seconds", "rate", "rate_last_updated",
    "toggl_accounts_id", "permissions", "integration_provider", "start_date", "end_date",
]  # fmt: skip
PAGE_KEYS = ["data", "page", "per_page", "sort_field", "sort_order", "total_count"]


def page(client: TestClient[Any], account: Account, query: str = "") -> Any:
    """GET /workspaces/{wid}/tasks with a raw query string."""
    return client.get(
        f"{API}/workspaces/{account.workspace_id}/tasks{query}", headers=account.headers
    )


class TestCreateTask:
    def test_created_task(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        response = client.post(tasks_url(alice, pid), headers=alice.headers, json={"name": "Spec"})
        assert response.status_code == 200
        data = response.json()
        assert list(data.keys()) == TASK_KEYS
        assert data == {
            "id": data["id"],
            "name": "Spec",
            "workspace_id": alice.workspace_id,
            "project_id": pid,
            "user_id": None,
            "recurring": False,
            "active": True,
            "at": "2026-11-27T12:00:00+00:00",
            "server_deleted_at": None,
            "estimated_seconds": None,
            "tracked_seconds": 0,
            "rate": None,
            "rate_last_updated": None,
            "toggl_accounts_id": None,
            "permissions": None,
            "integration_provider": None,
            "start_date": None,
            "end_date": None,
        }

    def test_all_fields(
        self,
        client: TestClient[Any],
        alice: Account,
        make_account: Callable[..., Account],
        database: Database,
        clock: FrozenClock,
    ) -> None:
        carol = make_account()
        join_workspace(database, alice.workspace_id, carol.id, at=clock.now_us())
        pid = create_project(client, alice)["id"]
        body = {
            "name": "Spec",
            "active": False,
            "estimated_seconds": 7200,
            "user_id": carol.id,
            "workspace_id": alice.workspace_id,
            "project_id": pid,
            "external_reference": "JIRA-1",
        }
        data = create_task(client, alice, pid, **body)
        assert (data["active"], data["estimated_seconds"], data["user_id"]) == (
            False,
            7200,
            carol.id,
        )
        me = client.get(f"{API}/me", headers=carol.headers).json()
        assert data["toggl_accounts_id"] == me["toggl_accounts_id"]

    @pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": " "}, {"name": None}])
    def test_blank_name(self, client: TestClient[Any], alice: Account, body: Any) -> None:
        pid = create_project(client, alice)["id"]
        response = client.post(tasks_url(alice, pid), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == "Task name can't be blank"

    def test_name_too_long(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        body = {"name": "t" * 256}
        response = client.post(tasks_url(alice, pid), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == "Task name must be at most 255 characters"

    def test_archived_project(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice, active=False)["id"]
        body = {"name": "Spec"}
        response = client.post(tasks_url(alice, pid), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == "Can not change tasks of archived project"

    def test_unknown_project(self, client: TestClient[Any], alice: Account) -> None:
        body = {"name": "Spec"}
        response = client.post(tasks_url(alice, 999), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == "Project not found/accessible"

    def test_project_of_another_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_project(client, bob)["id"]
        body = {"name": "Spec"}
        response = client.post(tasks_url(alice, bobs), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == "Project not found/accessible"

    def test_assignee_must_be_a_member(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        pid = create_project(client, alice)["id"]
        for user_id in (bob.id, 424242, -1, 2**70):
            body = {"name": "Spec", "user_id": user_id}
            response = client.post(tasks_url(alice, pid), headers=alice.headers, json=body)
            assert response.status_code == 400
            assert response.json() == "User is not a member of this workspace"

    @pytest.mark.parametrize("seconds", [-1, 2**62])
    def test_invalid_estimate(self, client: TestClient[Any], alice: Account, seconds: int) -> None:
        pid = create_project(client, alice)["id"]
        body = {"name": "Spec", "estimated_seconds": seconds}
        response = client.post(tasks_url(alice, pid), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == "Invalid estimated_seconds"

    def test_body_project_must_match_path(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        body = {"name": "Spec", "project_id": pid + 1}
        response = client.post(tasks_url(alice, pid), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == "Invalid project_id"

    def test_body_workspace_must_match_path(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        body = {"name": "Spec", "workspace_id": alice.workspace_id + 1}
        response = client.post(tasks_url(alice, pid), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == "workspace_id in body does not match path"

    def test_invalid_json(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        response = client.post(tasks_url(alice, pid), headers=alice.headers, content=b"name=x")
        assert response.status_code == 400
        assert response.json() == "Invalid JSON input"

    def test_wrong_type(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        body = b'{"name": "Spec", "estimated_seconds": "1h"}'
        response = client.post(tasks_url(alice, pid), headers=alice.headers, content=body)
        assert response.status_code == 400
        assert response.json() == 'Unexpected "estimated_seconds" type string, offset=42'

    def test_non_numeric_project(self, client: TestClient[Any], alice: Account) -> None:
        body = {"name": "Spec"}
        response = client.post(tasks_url(alice, "web"), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == "Invalid project_id"

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_project(client, bob)["id"]
        url = tasks_url(alice, bobs, wid=bob.workspace_id)
        response = client.post(url, headers=alice.headers, json={"name": "Spec"})
        assert response.status_code == 403
        assert response.json() == NO_ACCESS

    def test_non_numeric_workspace(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/x/projects/1/tasks"
        response = client.post(url, headers=alice.headers, json={"name": "Spec"})
        assert response.status_code == 403
        assert response.json() == "Missing or invalid workspace_id"


class TestListProjectTasks:
    def test_plain_list_with_done_tasks(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        other = create_project(client, alice, name="Other")["id"]
        create_task(client, alice, pid, name="b-task")
        create_task(client, alice, pid, name="A-task", active=False)
        create_task(client, alice, other, name="elsewhere")
        response = client.get(tasks_url(alice, pid), headers=alice.headers)
        assert response.status_code == 200
        data = response.json()
        assert [t["name"] for t in data] == ["A-task", "b-task"]
        assert all(list(t.keys()) == TASK_KEYS for t in data)

    def test_tracked_seconds_is_in_milliseconds(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, name="Spec")
        body = {
            "created_with": "test",
            "task_id": task["id"],
            "start": "2026-11-27T08:00:00Z",
            "duration": 90,
        }
        url = f"{API}/workspaces/{alice.workspace_id}/time_entries"
        assert client.post(url, headers=alice.headers, json=body).status_code == 200
        data = client.get(tasks_url(alice, pid), headers=alice.headers).json()
        assert data[0]["tracked_seconds"] == 90_000

    def test_empty(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        assert client.get(tasks_url(alice, pid), headers=alice.headers).json() == []

    def test_unknown_project(self, client: TestClient[Any], alice: Account) -> None:
        response = client.get(tasks_url(alice, 31337), headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Project not found/accessible"

    @pytest.mark.parametrize("raw", ["abc", "0", "99999999999999999999"])
    def test_invalid_project_id(self, client: TestClient[Any], alice: Account, raw: str) -> None:
        response = client.get(tasks_url(alice, raw), headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Invalid project_id"

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_project(client, bob)["id"]
        response = client.get(tasks_url(alice, bobs, wid=bob.workspace_id), headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS


class TestGetTask:
    def test_found(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, name="Spec")
        response = client.get(f"{tasks_url(alice, pid)}/{task['id']}", headers=alice.headers)
        assert response.status_code == 200
        assert response.json() == task
        assert list(response.json().keys()) == TASK_KEYS

    def test_unknown(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        response = client.get(f"{tasks_url(alice, pid)}/555", headers=alice.headers)
        assert response.status_code == 404
        assert response.json() == "Task not found"

    def test_task_of_another_project(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        other = create_project(client, alice, name="Other")["id"]
        task = create_task(client, alice, other, name="Spec")
        response = client.get(f"{tasks_url(alice, pid)}/{task['id']}", headers=alice.headers)
        assert response.status_code == 404
        assert response.json() == "Task not found"

    @pytest.mark.parametrize("raw", ["abc", "0", "99999999999999999999"])
    def test_invalid_task_id(self, client: TestClient[Any], alice: Account, raw: str) -> None:
        pid = create_project(client, alice)["id"]
        response = client.get(f"{tasks_url(alice, pid)}/{raw}", headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Invalid task_id"

    def test_unknown_project(self, client: TestClient[Any], alice: Account) -> None:
        response = client.get(f"{tasks_url(alice, 4040)}/1", headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Project not found/accessible"

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_project(client, bob)["id"]
        task = create_task(client, bob, bobs, name="Secret")
        url = f"{tasks_url(alice, bobs, wid=bob.workspace_id)}/{task['id']}"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS


class TestWorkspaceTasks:
    def test_page_object(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, name="Spec")
        response = page(client, alice)
        assert response.status_code == 200
        data = response.json()
        assert list(data.keys()) == PAGE_KEYS
        assert data == {
            "data": [task],
            "page": 1,
            "per_page": 50,
            "sort_field": "name",
            "sort_order": "ASC",
            "total_count": 1,
        }

    def test_reading_pages_until_empty(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        for n in range(5):
            create_task(client, alice, pid, name=f"T{n}")
        seen: list[str] = []
        for number in range(1, 10):
            data = page(client, alice, f"?page={number}&per_page=2").json()
            assert data["total_count"] == 5 and data["page"] == number
            if not data["data"]:
                break
            seen += [t["name"] for t in data["data"]]
        assert seen == ["T0", "T1", "T2", "T3", "T4"]
        assert number == 4

    def test_filters_and_sorting(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        pid = create_project(client, alice)["id"]
        other = create_project(client, alice, name="Other")["id"]
        create_task(client, alice, pid, name="beta")
        clock.advance(60)
        create_task(client, alice, other, name="Alpha")
        clock.advance(60)
        create_task(client, alice, pid, name="gamma done", active=False)

        def names(query: str) -> list[str]:
            return [t["name"] for t in page(client, alice, query).json()["data"]]

        assert names("") == ["Alpha", "beta"]
        assert names("?active=false") == ["gamma done"]
        assert names("?active=both") == ["Alpha", "beta", "gamma done"]
        assert names(f"?active=both&pid={pid}") == ["beta", "gamma done"]
        assert names("?active=both&search=ALP") == ["Alpha"]
        assert names("?sort_field=created_at&sort_order=desc") == ["Alpha", "beta"]
        assert names("?sort_order=DESC") == ["beta", "Alpha"]
        since = 1_795_780_800 + 90
        assert names(f"?active=both&since={since}") == ["gamma done"]
        data = page(client, alice, "?sort_field=created_at&sort_order=desc").json()
        assert (data["sort_field"], data["sort_order"]) == ("created_at", "DESC")

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("?sort_field=id", "Invalid sort_field"),
            ("?sort_order=up", "Invalid sort_order"),
            ("?active=yes", "Invalid active"),
            ("?pid=abc", "Invalid pid"),
            ("?since=yesterday", "Invalid since"),
            ("?page=0", "Invalid page"),
            ("?per_page=-5", "Invalid per_page"),
        ],
    )
    def test_invalid_query(
        self, client: TestClient[Any], alice: Account, query: str, message: str
    ) -> None:
        response = page(client, alice, query)
        assert response.status_code == 400
        assert response.json() == message

    def test_only_this_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        create_task(client, bob, create_project(client, bob)["id"], name="Secret")
        assert page(client, alice).json()["data"] == []

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        response = client.get(f"{API}/workspaces/{bob.workspace_id}/tasks", headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS

    def test_non_numeric_workspace(self, client: TestClient[Any], alice: Account) -> None:
        response = client.get(f"{API}/workspaces/none/tasks", headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == "Missing or invalid workspace_id"
