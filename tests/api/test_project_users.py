"""Project members: GET/POST /workspaces/{wid}/project_users, PUT/DELETE …/project_users/{id}."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.db.schema import project_users
from tests.api.support.http import NO_ACCESS
from tests.api.support.projects import CANNOT_EDIT_BILLING, add_project_member, create_project
from tests.api.support.workspaces import update_workspace
from tests.conftest import API, Account

MEMBER_KEYS = [
    "id", "project_id", "user_id", "workspace_id", "manager", "rate", "rate_last_updated",
    "labor_cost", "at", "gid", "group_id",
]  # fmt: skip


def members_url(owner: Account, rest: str = "") -> str:
    """The project_users path of the owner's workspace."""
    return f"{API}/workspaces/{owner.workspace_id}/project_users{rest}"


def add(client: TestClient[Any], caller: Account, owner: Account, **body: Any) -> Any:
    """POST a membership into the owner's workspace as `caller`."""
    return client.post(members_url(owner), headers=caller.headers, json=body)


def rows(database: Database) -> list[tuple[Any, ...]]:
    """Every stored membership as (project_id, user_id, manager, rate, labor_cost)."""
    pu = project_users
    with database.transaction(write=False) as conn:
        result = conn.execute(
            select(
                pu.c.project_id, pu.c.user_id, pu.c.manager, pu.c.rate, pu.c.labor_cost
            ).order_by(pu.c.id)
        ).all()
    return [tuple(row) for row in result]


class TestCreateProjectUser:
    def test_adds_a_member(
        self, client: TestClient[Any], alice: Account, carol: Account, clock: FrozenClock
    ) -> None:
        pid = create_project(client, alice, name="W")["id"]
        clock.advance(2)
        response = add(client, alice, alice, project_id=pid, user_id=carol.id, rate=25.5)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        data = response.json()
        assert list(data.keys()) == MEMBER_KEYS
        assert data == {
            "id": data["id"],
            "project_id": pid,
            "user_id": carol.id,
            "workspace_id": alice.workspace_id,
            "manager": False,
            "rate": 25.5,
            "rate_last_updated": "2026-11-27T12:00:02+00:00",
            "labor_cost": None,
            "at": "2026-11-27T12:00:02+00:00",
            "gid": None,
            "group_id": None,
        }

    def test_creator_is_the_first_manager(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice, name="W")["id"]
        listed = client.get(members_url(alice), headers=alice.headers).json()
        assert [(m["project_id"], m["user_id"], m["manager"]) for m in listed] == [
            (pid, alice.id, True)
        ]

    def test_legacy_keys_and_labor_cost(
        self, client: TestClient[Any], alice: Account, carol: Account
    ) -> None:
        pid = create_project(client, alice, name="W")["id"]
        body = {"pid": pid, "uid": carol.id, "manager": True, "labor_cost": 12}
        data = client.post(members_url(alice), headers=alice.headers, json=body).json()
        assert (data["project_id"], data["manager"], data["labor_cost"]) == (pid, True, 12)

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({"user_id": 1}, "Invalid project_id"),
            ({"project_id": 0, "user_id": 1}, "Invalid project_id"),
            ({"project_id": 777, "user_id": 1}, "Project not found/accessible"),
            ({"project_id": "PID"}, "Invalid user_id"),
            ({"project_id": "PID", "user_id": 0}, "Invalid user_id"),
            ({"project_id": "PID", "user_id": 99999}, "User is not a member of this workspace"),
            ({"project_id": "PID", "user_id": "ALICE"}, "User is already a member of this project"),
            ({"project_id": "PID", "user_id": "CAROL", "rate": -3}, "Invalid rate"),
            ({"project_id": "PID", "user_id": "CAROL", "labor_cost": 1e13}, "Invalid labor_cost"),
        ],
    )
    def test_invalid_requests_change_nothing(
        self,
        client: TestClient[Any],
        alice: Account,
        carol: Account,
        database: Database,
        body: dict[str, Any],
        message: str,
    ) -> None:
        pid = create_project(client, alice, name="W")["id"]
        values = {"PID": pid, "ALICE": alice.id, "CAROL": carol.id}
        body = {key: values.get(value, value) for key, value in body.items()}
        before = rows(database)
        response = add(client, alice, alice, **body)
        assert (response.status_code, response.json()) == (400, message)
        assert rows(database) == before

    def test_project_of_another_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_project(client, bob, name="B")["id"]
        response = add(client, alice, alice, project_id=bobs, user_id=alice.id)
        assert (response.status_code, response.json()) == (400, "Project not found/accessible")
        response = add(client, alice, bob, project_id=bobs, user_id=alice.id)
        assert (response.status_code, response.json()) == (403, NO_ACCESS)

    def test_plain_members_cannot_add_but_managers_can(
        self,
        client: TestClient[Any],
        alice: Account,
        carol: Account,
        dave: Account,
        database: Database,
    ) -> None:
        public = create_project(client, alice, name="Public", is_private=False)["id"]
        before = rows(database)
        response = add(client, carol, alice, project_id=public, user_id=dave.id)
        assert (response.status_code, response.json()) == (403, NO_ACCESS)
        assert rows(database) == before
        secret = create_project(client, alice, name="Secret", is_private=True)["id"]
        response = add(client, carol, alice, project_id=secret, user_id=carol.id)
        assert (response.status_code, response.json()) == (400, "Project not found/accessible")
        add(client, alice, alice, project_id=public, user_id=carol.id, manager=True)
        assert add(client, carol, alice, project_id=public, user_id=dave.id).status_code == 200

    def test_hidden_rates_and_labor_costs(
        self,
        client: TestClient[Any],
        alice: Account,
        carol: Account,
        dave: Account,
        database: Database,
    ) -> None:
        pid = create_project(client, alice, name="W", is_private=False)["id"]
        add(client, alice, alice, project_id=pid, user_id=carol.id, manager=True)
        response = add(client, carol, alice, project_id=pid, user_id=dave.id, labor_cost=9)
        assert (response.status_code, response.json()) == (403, CANNOT_EDIT_BILLING)
        data = add(client, carol, alice, project_id=pid, user_id=dave.id, rate=40).json()
        assert (data["rate"], data["labor_cost"]) == (40, None)
        update_workspace(database, alice.workspace_id, only_admins_see_billable_rates=True)
        listed = client.get(members_url(alice), headers=carol.headers).json()
        assert {m["rate"] for m in listed} == {None}
        member_url = members_url(alice, f"/{data['id']}")
        response = client.put(member_url, headers=carol.headers, json={"rate": 50})
        assert (response.status_code, response.json()) == (403, CANNOT_EDIT_BILLING)
        listed = client.get(members_url(alice), headers=alice.headers).json()
        assert [m["rate"] for m in listed if m["user_id"] == dave.id] == [40]

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (b"", "Invalid JSON input"),
            (b"[]", "Invalid JSON input"),
            (b'{"project_id": "1"}', 'Unexpected "project_id" type string, offset=18'),
            (b'{"project_id": 1, "manager": 1}', 'Unexpected "manager" type number, offset=30'),
        ],
    )
    def test_bad_json(
        self, client: TestClient[Any], alice: Account, body: bytes, message: str
    ) -> None:
        response = client.post(members_url(alice), headers=alice.headers, content=body)
        assert (response.status_code, response.json()) == (400, message)


class TestListProjectUsers:
    def test_filters(
        self, client: TestClient[Any], alice: Account, carol: Account, dave: Account
    ) -> None:
        a = create_project(client, alice, name="A")["id"]
        b = create_project(client, alice, name="B")["id"]
        add(client, alice, alice, project_id=a, user_id=carol.id)
        add(client, alice, alice, project_id=b, user_id=carol.id)
        add(client, alice, alice, project_id=b, user_id=dave.id)

        def pairs(query: str) -> list[tuple[int, int]]:
            response = client.get(members_url(alice, query), headers=alice.headers)
            assert response.status_code == 200, response.text
            assert all(list(m.keys()) == MEMBER_KEYS for m in response.json())
            return [(m["project_id"], m["user_id"]) for m in response.json()]

        assert pairs("") == [
            (a, alice.id),
            (b, alice.id),
            (a, carol.id),
            (b, carol.id),
            (b, dave.id),
        ]
        assert pairs(f"?project_ids={b}") == [(b, alice.id), (b, carol.id), (b, dave.id)]
        assert pairs(f"?user_id={carol.id}") == [(a, carol.id), (b, carol.id)]
        assert pairs(f"?project_ids={a}&user_id={dave.id}") == []

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("?project_ids=1,x", "Invalid project_ids"),
            ("?user_id=me", "Invalid user_id"),
            ("?user_id=1,2", "Invalid user_id"),
            ("?project_ids=" + ",".join(str(n) for n in range(1, 202)), None),
        ],
    )
    def test_invalid_filters(
        self, client: TestClient[Any], alice: Account, query: str, message: str | None
    ) -> None:
        response = client.get(members_url(alice, query), headers=alice.headers)
        expected = message or "project_ids cannot exceed 200 elements."
        assert (response.status_code, response.json()) == (400, expected)

    def test_members_see_members_of_projects_they_see(
        self, client: TestClient[Any], alice: Account, carol: Account, dave: Account
    ) -> None:
        public = create_project(client, alice, name="Public", is_private=False)["id"]
        create_project(client, alice, name="Secret", is_private=True)
        add(client, alice, alice, project_id=public, user_id=dave.id, labor_cost=30)
        listed = client.get(members_url(alice), headers=carol.headers).json()
        assert [(m["project_id"], m["user_id"], m["labor_cost"]) for m in listed] == [
            (public, alice.id, None),
            (public, dave.id, None),
        ]

    def test_deleted_projects_are_left_out(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice, name="W")["id"]
        client.delete(
            f"{API}/workspaces/{alice.workspace_id}/projects/{pid}", headers=alice.headers
        )
        assert client.get(members_url(alice), headers=alice.headers).json() == []

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        create_project(client, bob, name="B")
        response = client.get(members_url(bob), headers=alice.headers)
        assert (response.status_code, response.json()) == (403, NO_ACCESS)
        response = client.get(f"{API}/workspaces/x/project_users", headers=alice.headers)
        assert (response.status_code, response.json()) == (403, "Missing or invalid workspace_id")


def member_of(client: TestClient[Any], alice: Account, user: Account, **body: Any) -> int:
    """Add `user` to a new project of Alice's; the membership id."""
    pid = create_project(client, alice, name=f"P{user.id}")["id"]
    return int(add_project_member(client, alice, pid, user.id, **body)["id"])


class TestUpdateProjectUser:
    def test_changes_given_fields(
        self, client: TestClient[Any], alice: Account, carol: Account, clock: FrozenClock
    ) -> None:
        member = member_of(client, alice, carol, rate=10)
        clock.advance(60)
        member_url = members_url(alice, f"/{member}")
        data = client.put(member_url, headers=alice.headers, json={"manager": True}).json()
        assert list(data.keys()) == MEMBER_KEYS
        assert (data["manager"], data["rate"]) == (True, 10)
        assert data["at"] == "2026-11-27T12:01:00+00:00"
        assert data["rate_last_updated"] == "2026-11-27T12:00:00+00:00"
        clock.advance(60)
        body = {"rate": 12, "labor_cost": 4, "project_id": 1, "user_id": 1}
        data = client.put(member_url, headers=alice.headers, json=body).json()
        assert (data["rate"], data["labor_cost"], data["user_id"]) == (12, 4, carol.id)
        assert data["rate_last_updated"] == "2026-11-27T12:02:00+00:00"
        data = client.put(member_url, headers=alice.headers, json={"rate": None}).json()
        assert (data["rate"], data["labor_cost"], data["manager"]) == (None, 4, True)

    def test_errors_change_nothing(
        self, client: TestClient[Any], alice: Account, carol: Account, database: Database
    ) -> None:
        member = member_of(client, alice, carol)
        member_url = members_url(alice, f"/{member}")
        before = rows(database)
        response = client.put(member_url, headers=alice.headers, json={"rate": -1})
        assert (response.status_code, response.json()) == (400, "Invalid rate")
        response = client.put(member_url, headers=carol.headers, json={"manager": True})
        assert (response.status_code, response.json()) == (403, NO_ACCESS)
        response = client.put(members_url(alice, "/777"), headers=alice.headers, json={})
        assert (response.status_code, response.json()) == (404, "Project user not found")
        # Alice's membership asked for under Carol's own workspace.
        response = client.put(members_url(carol, f"/{member}"), headers=carol.headers, json={})
        assert (response.status_code, response.json()) == (404, "Project user not found")
        response = client.put(members_url(alice, "/abc"), headers=alice.headers, json={})
        assert (response.status_code, response.json()) == (400, "Invalid project_user_id")
        assert rows(database) == before


class TestDeleteProjectUser:
    def test_removes_the_member(
        self, client: TestClient[Any], alice: Account, carol: Account, database: Database
    ) -> None:
        member = member_of(client, alice, carol)
        response = client.delete(members_url(alice, f"/{member}"), headers=alice.headers)
        assert (response.status_code, response.content) == (200, b"")
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        assert [row[1] for row in rows(database)] == [alice.id]
        response = client.delete(members_url(alice, f"/{member}"), headers=alice.headers)
        assert (response.status_code, response.json()) == (404, "Project user not found")

    def test_plain_members_and_outsiders_cannot(
        self,
        client: TestClient[Any],
        alice: Account,
        carol: Account,
        database: Database,
        make_account: Callable[..., Account],
    ) -> None:
        pid = create_project(client, alice, name="Public", is_private=False)["id"]
        member = add(client, alice, alice, project_id=pid, user_id=carol.id).json()["id"]
        before = rows(database)
        response = client.delete(members_url(alice, f"/{member}"), headers=carol.headers)
        assert (response.status_code, response.json()) == (403, NO_ACCESS)
        outsider = make_account()
        response = client.delete(members_url(alice, f"/{member}"), headers=outsider.headers)
        assert (response.status_code, response.json()) == (403, NO_ACCESS)
        assert rows(database) == before

    def test_membership_changes_show_in_since_sync(
        self, client: TestClient[Any], alice: Account, carol: Account, clock: FrozenClock
    ) -> None:
        pid = create_project(client, alice, name="Secret", is_private=True)["id"]
        clock.advance(10)
        since = 1_795_780_810
        add(client, alice, alice, project_id=pid, user_id=carol.id)
        synced = client.get(f"{API}/me/projects?since={since}", headers=carol.headers).json()
        assert [p["id"] for p in synced] == [pid]
