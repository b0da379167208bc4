"""Project lists: since, billable, user_ids and sorting; GET /me/projects[/paginated]."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from tests.api.support.clients import create_client
from tests.api.support.projects import (
    PROJECT_KEYS,
    add_project_member,
    create_project,
    list_projects,
)
from tests.api.support.workspaces import join_workspace
from tests.conftest import API, FROZEN_NOW_US, Account

NOW_S = FROZEN_NOW_US // 1_000_000


def names(response: Any) -> list[str]:
    """Project names of a list response (which must be a 200)."""
    assert response.status_code == 200, response.text
    return [p["name"] for p in response.json()]


def mine(
    client: TestClient[Any], account: Account, query: str = "", paginated: bool = False
) -> Any:
    """GET /me/projects (or its paginated form) with a raw query string."""
    path = "/me/projects/paginated" if paginated else "/me/projects"
    return client.get(f"{API}{path}{query}", headers=account.headers)


def put(client: TestClient[Any], account: Account, pid: int, body: dict[str, Any]) -> None:
    """Update a project of the account's workspace."""
    url = f"{API}/workspaces/{account.workspace_id}/projects/{pid}"
    assert client.put(url, headers=account.headers, json=body).status_code == 200


class TestWorkspaceListSince:
    def test_changed_archived_and_deleted_projects(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        create_project(client, alice, name="Old")
        archived = create_project(client, alice, name="Archived")["id"]
        deleted = create_project(client, alice, name="Deleted")["id"]
        clock.advance(10)
        create_project(client, alice, name="New")
        put(client, alice, archived, {"active": False})
        url = f"{API}/workspaces/{alice.workspace_id}/projects/{deleted}"
        assert client.delete(url, headers=alice.headers).status_code == 200
        data = list_projects(client, alice, f"?since={NOW_S + 10}").json()
        assert [(p["name"], p["status"]) for p in data] == [
            ("Archived", "archived"),
            ("Deleted", "deleted"),
            ("New", "active"),
        ]
        assert all(list(p.keys()) == PROJECT_KEYS for p in data)
        assert names(list_projects(client, alice, f"?since={NOW_S + 10}&active=true")) == [
            "Deleted",
            "New",
        ]
        assert names(list_projects(client, alice, f"?since={NOW_S + 11}")) == []

    @pytest.mark.parametrize("value", ["yesterday", "-1", "1e9", "100000000000"])
    def test_invalid_since(self, client: TestClient[Any], alice: Account, value: str) -> None:
        response = list_projects(client, alice, f"?since={value}")
        assert (response.status_code, response.json()) == (400, "Invalid since")


class TestWorkspaceListFilters:
    def test_billable(self, client: TestClient[Any], alice: Account) -> None:
        create_project(client, alice, name="Yes", billable=True)
        create_project(client, alice, name="No", billable=False)
        create_project(client, alice, name="Unset")
        assert names(list_projects(client, alice, "?billable=true")) == ["Yes"]
        assert names(list_projects(client, alice, "?billable=False")) == ["No", "Unset"]
        response = list_projects(client, alice, "?billable=maybe")
        assert (response.status_code, response.json()) == (400, "Invalid billable")

    def test_user_ids(
        self,
        client: TestClient[Any],
        alice: Account,
        make_account: Callable[..., Account],
        database: Database,
        clock: FrozenClock,
    ) -> None:
        carol = make_account()
        join_workspace(database, alice.workspace_id, carol.id, at=clock.now_us())
        shared = create_project(client, alice, name="Shared")["id"]
        create_project(client, alice, name="Alone")
        add_project_member(client, alice, shared, carol.id)
        assert names(list_projects(client, alice, f"?user_ids={carol.id}")) == ["Shared"]
        assert names(list_projects(client, alice, f"?user_ids={carol.id},{alice.id}")) == [
            "Alone",
            "Shared",
        ]
        response = list_projects(client, alice, "?user_ids=me")
        assert (response.status_code, response.json()) == (400, "Invalid user_ids")

    def test_sorting(self, client: TestClient[Any], alice: Account, clock: FrozenClock) -> None:
        acme = create_client(client, alice, "acme")["id"]
        zeta = create_client(client, alice, "Zeta")["id"]
        create_project(client, alice, name="b", client_id=zeta, end_date="2026-12-31")
        clock.advance(1)
        create_project(client, alice, name="C")
        clock.advance(1)
        create_project(client, alice, name="a", client_id=acme, end_date="2027-01-31")
        assert names(list_projects(client, alice, "?sort_field=name&sort_order=DESC")) == [
            "C",
            "b",
            "a",
        ]
        assert names(list_projects(client, alice, "?sort_field=created_at")) == ["b", "C", "a"]
        assert names(list_projects(client, alice, "?sort_field=created_at&sort_order=desc")) == [
            "a",
            "C",
            "b",
        ]
        # Projects without a client (or an end date) come last either way.
        assert names(list_projects(client, alice, "?sort_field=client_name")) == ["a", "b", "C"]
        assert names(list_projects(client, alice, "?sort_field=client_name&sort_order=desc")) == [
            "b",
            "a",
            "C",
        ]
        assert names(list_projects(client, alice, "?sort_field=end_date&sort_order=desc")) == [
            "a",
            "b",
            "C",
        ]
        sorted_page = list_projects(client, alice, "?sort_field=created_at&page=2&per_page=1")
        assert names(sorted_page) == ["C"]

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("?sort_field=color", "Invalid sort_field"),
            ("?sort_order=up", "Invalid sort_order"),
            ("?name=a%00b", "Invalid query parameter"),
        ],
    )
    def test_invalid_sorting(
        self, client: TestClient[Any], alice: Account, query: str, message: str
    ) -> None:
        response = list_projects(client, alice, query)
        assert (response.status_code, response.json()) == (400, message)


class TestMyProjects:
    def test_projects_of_all_my_workspaces(
        self,
        client: TestClient[Any],
        alice: Account,
        make_account: Callable[..., Account],
        database: Database,
        clock: FrozenClock,
    ) -> None:
        bob = make_account()
        join_workspace(database, bob.workspace_id, alice.id, at=clock.now_us())
        create_project(client, alice, name="Mine")
        create_project(client, alice, name="Archived", active=False)
        create_project(client, bob, name="Bob public", is_private=False)
        create_project(client, bob, name="Bob private", is_private=True)
        outsider = make_account()
        create_project(client, outsider, name="Elsewhere", is_private=False)
        response = mine(client, alice)
        assert names(response) == ["Mine", "Bob public"]
        assert all(list(p.keys()) == PROJECT_KEYS for p in response.json())
        assert names(mine(client, alice, "?include_archived=true")) == [
            "Archived",
            "Mine",
            "Bob public",
        ]
        assert names(mine(client, alice, "?include_archived=false")) == ["Mine", "Bob public"]

    @pytest.mark.parametrize("value", ["yes", "2", "both"])
    def test_invalid_include_archived(
        self, client: TestClient[Any], alice: Account, value: str
    ) -> None:
        response = mine(client, alice, f"?include_archived={value}")
        assert (response.status_code, response.json()) == (400, "Invalid include_archived")

    def test_since_returns_changes_and_deletions(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        create_project(client, alice, name="Old")
        gone = create_project(client, alice, name="Gone")["id"]
        clock.advance(30)
        create_project(client, alice, name="Fresh")
        url = f"{API}/workspaces/{alice.workspace_id}/projects/{gone}"
        client.delete(url, headers=alice.headers)
        data = mine(client, alice, f"?since={NOW_S + 30}").json()
        assert [(p["name"], p["server_deleted_at"]) for p in data] == [
            ("Fresh", None),
            ("Gone", "2026-11-27T12:00:30+00:00"),
        ]
        response = mine(client, alice, "?since=abc")
        assert (response.status_code, response.json()) == (400, "Invalid since")


class TestMyProjectsPaginated:
    def test_pages_by_id(self, client: TestClient[Any], alice: Account) -> None:
        ids = [create_project(client, alice, name=f"P{n}")["id"] for n in range(5)]
        data = mine(client, alice, "?per_page=2", paginated=True).json()
        assert [p["id"] for p in data] == ids[:2]
        assert list(data[0].keys()) == PROJECT_KEYS
        page = mine(client, alice, f"?per_page=2&start_project_id={ids[2]}", paginated=True)
        assert [p["id"] for p in page.json()] == ids[2:4]
        assert mine(client, alice, f"?start_project_id={ids[4] + 1}", paginated=True).json() == []
        assert [p["id"] for p in mine(client, alice, "", paginated=True).json()] == ids

    def test_since_and_large_pages(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        create_project(client, alice, name="Old")
        clock.advance(5)
        new = create_project(client, alice, name="New")["id"]
        response = mine(client, alice, f"?since={NOW_S + 5}&per_page=5000", paginated=True)
        assert [p["id"] for p in response.json()] == [new]

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("?start_project_id=x", "Invalid start_project_id"),
            ("?start_project_id=0", "Invalid start_project_id"),
            ("?per_page=-5", "Invalid per_page"),
            ("?since=1.5", "Invalid since"),
        ],
    )
    def test_invalid_parameters(
        self, client: TestClient[Any], alice: Account, query: str, message: str
    ) -> None:
        response = mine(client, alice, query, paginated=True)
        assert (response.status_code, response.json()) == (400, message)

    def test_anonymous(self, client: TestClient[Any]) -> None:
        response = client.get(f"{API}/me/projects/paginated")
        assert response.status_code == 401
