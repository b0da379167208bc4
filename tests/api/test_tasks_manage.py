"""Tasks: PUT/DELETE …/projects/{pid}/tasks/{tid}, bulk PATCH …/tasks/{ids}, who may write."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from tests.api.support.http import NO_ACCESS
from tests.api.support.projects import (
    create_project,
    create_task,
    insert_project_member,
    tasks_url,
    update_project,
)
from tests.api.support.workspaces import join_workspace
from tests.conftest import API, FROZEN_NOW_US, Account

ARCHIVED = "Can not change tasks of archived project"
NOW_S = FROZEN_NOW_US // 1_000_000


def taken(name: str) -> str:
    """The duplicate-name text."""
    return f"a task with the name '{name}' already exists in this project"


def get_task(client: TestClient[Any], account: Account, pid: int, tid: int) -> Any:
    """GET one task (the response)."""
    return client.get(tasks_url(account, pid, f"/{tid}"), headers=account.headers)


class TestCreateTaskRules:
    def test_name_unique_per_project(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        other = create_project(client, alice, "Other")["id"]
        create_task(client, alice, pid, "Spec")
        response = client.post(
            tasks_url(alice, pid), headers=alice.headers, json={"name": " Spec "}
        )
        assert response.status_code == 400
        assert response.json() == taken("Spec")
        assert create_task(client, alice, other, "Spec")["project_id"] == other
        assert create_task(client, alice, pid, "spec")["name"] == "spec"

    def test_members_may_not(
        self, client: TestClient[Any], alice: Account, member: Account
    ) -> None:
        pid = create_project(client, alice)["id"]
        response = client.post(tasks_url(alice, pid), headers=member.headers, json={"name": "X"})
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert client.get(tasks_url(alice, pid), headers=alice.headers).json() == []

    def test_project_managers_may(
        self, client: TestClient[Any], alice: Account, member: Account, database: Database
    ) -> None:
        pid = create_project(client, alice)["id"]
        other = create_project(client, alice, "Other")["id"]
        insert_project_member(
            database, alice.workspace_id, pid, member.id, manager=True, at=FROZEN_NOW_US
        )
        insert_project_member(
            database, alice.workspace_id, other, member.id, manager=False, at=FROZEN_NOW_US
        )
        assert create_task(client, member, pid, "Mine")["project_id"] == pid
        response = client.post(tasks_url(alice, other), headers=member.headers, json={"name": "X"})
        assert response.status_code == 403


class TestUpdateTask:
    def test_all_fields(
        self, client: TestClient[Any], alice: Account, member: Account, clock: FrozenClock
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "Spec")
        clock.advance(45)
        body = {
            "name": "Spec v2",
            "active": False,
            "estimated_seconds": 3600,
            "user_id": member.id,
            "project_id": pid,
            "workspace_id": alice.workspace_id,
            "external_reference": "X-1",
        }
        response = client.put(
            tasks_url(alice, pid, f"/{task['id']}"), headers=alice.headers, json=body
        )
        assert response.status_code == 200
        data = response.json()
        assert list(data) == list(task)
        assert data == task | {
            "name": "Spec v2",
            "active": False,
            "estimated_seconds": 3600,
            "user_id": member.id,
            "toggl_accounts_id": data["toggl_accounts_id"],
            "at": "2026-11-27T12:00:45+00:00",
        }
        assert data["toggl_accounts_id"] is not None
        assert get_task(client, alice, pid, task["id"]).json() == data

    def test_only_given_fields_change(
        self, client: TestClient[Any], alice: Account, member: Account
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "Spec", estimated_seconds=60, user_id=member.id)
        url = tasks_url(alice, pid, f"/{task['id']}")
        data = client.put(url, headers=alice.headers, json={"name": None, "active": None}).json()
        assert data == task
        data = client.put(url, headers=alice.headers, json={"estimated_seconds": None}).json()
        assert (data["name"], data["estimated_seconds"], data["user_id"]) == (
            "Spec",
            None,
            member.id,
        )
        data = client.put(url, headers=alice.headers, json={"user_id": 0}).json()
        assert (data["user_id"], data["toggl_accounts_id"]) == (None, None)

    def test_own_name_and_names_of_deleted_tasks(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "Spec")
        gone = create_task(client, alice, pid, "Old")
        client.delete(tasks_url(alice, pid, f"/{gone['id']}"), headers=alice.headers)
        url = tasks_url(alice, pid, f"/{task['id']}")
        assert client.put(url, headers=alice.headers, json={"name": "Spec"}).status_code == 200
        assert client.put(url, headers=alice.headers, json={"name": "Old"}).json()["name"] == "Old"

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({"name": "Other"}, taken("Other")),
            ({"name": " "}, "Task name can't be blank"),
            ({"name": "t" * 256}, "Task name must be at most 255 characters"),
            ({"estimated_seconds": -1}, "Invalid estimated_seconds"),
            ({"user_id": 424242}, "User is not a member of this workspace"),
            ({"project_id": 999999}, "Invalid project_id"),
            ({"workspace_id": 999999}, "workspace_id in body does not match path"),
        ],
    )
    def test_invalid_changes_change_nothing(
        self, client: TestClient[Any], alice: Account, body: Any, message: str
    ) -> None:
        pid = create_project(client, alice)["id"]
        create_task(client, alice, pid, "Other")
        task = create_task(client, alice, pid, "Spec")
        url = tasks_url(alice, pid, f"/{task['id']}")
        response = client.put(url, headers=alice.headers, json={"active": False, **body})
        assert response.status_code == 400
        assert response.json() == message
        assert get_task(client, alice, pid, task["id"]).json() == task

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (b"", "Invalid JSON input"),
            (b"[]", "Invalid JSON input"),
            (b'{"active": "no"}', 'Unexpected "active" type string, offset=15'),
        ],
    )
    def test_bad_json(
        self, client: TestClient[Any], alice: Account, body: bytes, message: str
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "Spec")
        url = tasks_url(alice, pid, f"/{task['id']}")
        response = client.put(url, headers=alice.headers, content=body)
        assert response.status_code == 400
        assert response.json() == message

    def test_archived_project(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "Spec")
        update_project(database, pid, active=False)
        url = tasks_url(alice, pid, f"/{task['id']}")
        response = client.put(url, headers=alice.headers, json={"name": "X"})
        assert response.status_code == 400
        assert response.json() == ARCHIVED
        assert get_task(client, alice, pid, task["id"]).json()["name"] == "Spec"

    def test_unknown_task_or_other_project(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        other = create_project(client, alice, "Other")["id"]
        elsewhere = create_task(client, alice, other, "Elsewhere")
        for tid in (elsewhere["id"], 55555):
            url = tasks_url(alice, pid, f"/{tid}")
            response = client.put(url, headers=alice.headers, json={"name": "X"})
            assert response.status_code == 404
            assert response.json() == "Task not found"
        assert get_task(client, alice, other, elsewhere["id"]).json()["name"] == "Elsewhere"

    def test_unknown_project(self, client: TestClient[Any], alice: Account) -> None:
        response = client.put(tasks_url(alice, 9191, "/1"), headers=alice.headers, json={})
        assert response.status_code == 400
        assert response.json() == "Project not found/accessible"

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        pid = create_project(client, bob)["id"]
        task = create_task(client, bob, pid, "Secret")
        url = tasks_url(bob, pid, f"/{task['id']}")
        response = client.put(url, headers=alice.headers, json={"name": "Mine"})
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert get_task(client, bob, pid, task["id"]).json() == task

    def test_members_may_not_managers_and_admins_may(
        self,
        client: TestClient[Any],
        alice: Account,
        member: Account,
        make_account: Callable[..., Account],
        database: Database,
        clock: FrozenClock,
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "Spec")
        url = tasks_url(alice, pid, f"/{task['id']}")
        response = client.put(url, headers=member.headers, json={"name": "X"})
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        insert_project_member(
            database, alice.workspace_id, pid, member.id, manager=True, at=FROZEN_NOW_US
        )
        assert client.put(url, headers=member.headers, json={"name": "X"}).status_code == 200
        dave = make_account()
        join_workspace(database, alice.workspace_id, dave.id, role="admin", at=clock.now_us())
        assert client.put(url, headers=dave.headers, json={"name": "Y"}).status_code == 200

    @pytest.mark.parametrize("raw", ["abc", "0", "1,2", "99999999999999999999"])
    def test_invalid_task_id(self, client: TestClient[Any], alice: Account, raw: str) -> None:
        pid = create_project(client, alice)["id"]
        response = client.put(tasks_url(alice, pid, f"/{raw}"), headers=alice.headers, json={})
        assert response.status_code == 400
        assert response.json() == "Invalid task_id"


class TestDeleteTask:
    def test_soft_delete_clears_entries(
        self, client: TestClient[Any], alice: Account, member: Account, clock: FrozenClock
    ) -> None:
        pid = create_project(client, alice, is_private=False)["id"]
        task = create_task(client, alice, pid, "Spec")
        keep = create_task(client, alice, pid, "Keep")
        url = f"{API}/workspaces/{alice.workspace_id}/time_entries"
        body = {"created_with": "t", "start": "2026-11-27T08:00:00Z", "duration": 60}
        mine = client.post(url, headers=alice.headers, json={**body, "task_id": task["id"]}).json()
        theirs = client.post(
            url, headers=member.headers, json={**body, "task_id": task["id"]}
        ).json()
        other = client.post(url, headers=alice.headers, json={**body, "task_id": keep["id"]}).json()
        clock.advance(120)
        response = client.delete(tasks_url(alice, pid, f"/{task['id']}"), headers=alice.headers)
        assert response.status_code == 200
        assert response.content == b""
        assert get_task(client, alice, pid, task["id"]).status_code == 404
        listed = client.get(tasks_url(alice, pid), headers=alice.headers).json()
        assert [t["name"] for t in listed] == ["Keep"]
        since = f"{API}/me/time_entries?since={NOW_S + 120}"
        changed = client.get(since, headers=alice.headers).json()
        assert [(e["id"], e["task_id"], e["project_id"]) for e in changed] == [
            (mine["id"], None, pid)
        ]
        assert changed[0]["at"] == "2026-11-27T12:02:00.000000Z"
        changed = client.get(since, headers=member.headers).json()
        assert [(e["id"], e["task_id"]) for e in changed] == [(theirs["id"], None)]
        unchanged = client.get(f"{API}/me/time_entries/{other['id']}", headers=alice.headers)
        assert unchanged.json()["task_id"] == keep["id"]

    def test_tombstone_in_workspace_since_page(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "Spec")
        clock.advance(10)
        client.delete(tasks_url(alice, pid, f"/{task['id']}"), headers=alice.headers)
        url = f"{API}/workspaces/{alice.workspace_id}/tasks?since={NOW_S + 10}"
        data = client.get(url, headers=alice.headers).json()["data"]
        assert [(t["id"], t["server_deleted_at"]) for t in data] == [
            (task["id"], "2026-11-27T12:00:10+00:00")
        ]

    def test_twice(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "Spec")
        url = tasks_url(alice, pid, f"/{task['id']}")
        client.delete(url, headers=alice.headers)
        response = client.delete(url, headers=alice.headers)
        assert response.status_code == 404
        assert response.json() == "Task not found"

    def test_archived_project(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "Spec")
        update_project(database, pid, active=False)
        response = client.delete(tasks_url(alice, pid, f"/{task['id']}"), headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == ARCHIVED
        assert get_task(client, alice, pid, task["id"]).status_code == 200

    def test_members_may_not(
        self, client: TestClient[Any], alice: Account, member: Account
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "Spec")
        response = client.delete(tasks_url(alice, pid, f"/{task['id']}"), headers=member.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert get_task(client, alice, pid, task["id"]).status_code == 200

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        pid = create_project(client, bob)["id"]
        task = create_task(client, bob, pid, "Secret")
        url = tasks_url(bob, pid, f"/{task['id']}")
        response = client.delete(url, headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert get_task(client, bob, pid, task["id"]).status_code == 200


class TestBulkUpdateTasks:
    def patch(
        self, client: TestClient[Any], account: Account, pid: int, ids: str, body: Any
    ) -> Any:
        return client.patch(tasks_url(account, pid, f"/{ids}"), headers=account.headers, json=body)

    def test_per_id_results(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        one = create_task(client, alice, pid, "One", estimated_seconds=60)
        two = create_task(client, alice, pid, "Two")
        body = [
            {"op": "replace", "path": "/active", "value": False},
            {"op": "remove", "path": "/estimated_seconds"},
        ]
        response = self.patch(client, alice, pid, f"{one['id']},{two['id']},31337", body)
        assert response.status_code == 200
        data = response.json()
        assert list(data) == ["success", "failure"]
        assert data == {
            "success": [one["id"], two["id"]],
            "failure": [{"id": 31337, "message": "Task not found"}],
        }
        got = get_task(client, alice, pid, one["id"]).json()
        assert (got["active"], got["estimated_seconds"]) == (False, None)

    def test_failure_of_one_id_keeps_the_others(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        pid = create_project(client, alice)["id"]
        one = create_task(client, alice, pid, "One")
        two = create_task(client, alice, pid, "Two")
        body = [
            {"op": "replace", "path": "/active", "value": False},
            {"op": "replace", "path": "/name", "value": "Same"},
        ]
        data = self.patch(client, alice, pid, f"{one['id']},{two['id']}", body).json()
        assert data == {
            "success": [one["id"]],
            "failure": [{"id": two["id"], "message": taken("Same")}],
        }
        # The failed id's earlier operations were undone with it.
        assert get_task(client, alice, pid, two["id"]).json() == two

    def test_assignee(self, client: TestClient[Any], alice: Account, member: Account) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "One")
        ops = [{"op": "add", "path": "/user_id", "value": member.id}]
        assert self.patch(client, alice, pid, str(task["id"]), ops).json()["success"] == [
            task["id"]
        ]
        assert get_task(client, alice, pid, task["id"]).json()["user_id"] == member.id
        ops = [{"op": "replace", "path": "/user_id", "value": 424242}]
        failure = self.patch(client, alice, pid, str(task["id"]), ops).json()["failure"]
        assert failure == [{"id": task["id"], "message": "User is not a member of this workspace"}]

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ([], "Empty or invalid patch operation"),
            ([{"op": "move", "path": "/name", "value": "x"}], "Invalid op: move"),
            ([{"op": "replace", "path": "name", "value": "x"}], "Invalid path format: name"),
            ([{"op": "replace", "path": "/color", "value": "x"}], "Path not found: /color"),
            ([{"op": "remove", "path": "/name"}], "Operation not supported (remove /name)"),
            ([{"op": "replace", "path": "/name", "value": 5}], "/name expects a string"),
            ([{"op": "replace", "path": "/active", "value": "no"}], "/active expects a boolean"),
            (
                [{"op": "replace", "path": "/estimated_seconds", "value": "1h"}],
                "/estimated_seconds expects an integer or null",
            ),
            (
                [{"op": "replace", "path": "/user_id", "value": 2**64}],
                "/user_id expects an integer or null",
            ),
            ([{"op": "replace"}], "Invalid JSON input"),
            ({"op": "replace", "path": "/name", "value": "x"}, "Invalid JSON input"),
        ],
    )
    def test_invalid_operations_change_nothing(
        self, client: TestClient[Any], alice: Account, body: Any, message: str
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "One")
        response = self.patch(client, alice, pid, str(task["id"]), body)
        assert response.status_code == 400
        assert response.json() == message
        assert get_task(client, alice, pid, task["id"]).json() == task

    def test_too_many_ids(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        ids = ",".join(str(n) for n in range(1, 102))
        response = self.patch(
            client, alice, pid, ids, [{"op": "replace", "path": "/active", "value": True}]
        )
        assert response.status_code == 400
        assert response.json() == "PATCH request is limited to 100 entries at once"

    @pytest.mark.parametrize("raw", ["a,b", "1,,x", "0"])
    def test_invalid_ids(self, client: TestClient[Any], alice: Account, raw: str) -> None:
        pid = create_project(client, alice)["id"]
        response = self.patch(
            client, alice, pid, raw, [{"op": "replace", "path": "/active", "value": True}]
        )
        assert response.status_code == 400
        assert response.json() == "Invalid task_id"

    def test_archived_project(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "One")
        update_project(database, pid, active=False)
        ops = [{"op": "replace", "path": "/active", "value": False}]
        response = self.patch(client, alice, pid, str(task["id"]), ops)
        assert response.status_code == 400
        assert response.json() == ARCHIVED

    def test_members_may_not(
        self, client: TestClient[Any], alice: Account, member: Account
    ) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "One")
        ops = [{"op": "replace", "path": "/active", "value": False}]
        response = self.patch(client, member, pid, str(task["id"]), ops)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert get_task(client, alice, pid, task["id"]).json() == task

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        pid = create_project(client, bob)["id"]
        task = create_task(client, bob, pid, "Secret")
        ops = [{"op": "replace", "path": "/name", "value": "Mine"}]
        url = tasks_url(bob, pid, f"/{task['id']}")
        response = client.patch(url, headers=alice.headers, json=ops)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert get_task(client, bob, pid, task["id"]).json() == task


class TestNulCharacters:
    """PostgreSQL text cannot hold NUL: refused as bad input (400) on every engine, never 500."""

    def test_create_update_and_search(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice)["id"]
        task = create_task(client, alice, pid, "Spec")
        url = tasks_url(alice, pid, f"/{task['id']}")
        for method, target, body in (
            ("POST", tasks_url(alice, pid), {"name": "a\u0000b"}),
            ("PUT", url, {"name": "a\u0000b"}),
            ("PATCH", url, [{"op": "replace", "path": "/name", "value": "\u0000"}]),
        ):
            response = client.request(method, target, headers=alice.headers, json=body)
            assert (response.status_code, response.json()) == (400, "Invalid JSON input")
        assert get_task(client, alice, pid, task["id"]).json() == task
        search = f"{API}/workspaces/{alice.workspace_id}/tasks?search=%00"
        response = client.get(search, headers=alice.headers)
        assert (response.status_code, response.json()) == (400, "Invalid query parameter")
