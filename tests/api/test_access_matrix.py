"""The access matrix: every catalogue and time-entry endpoint against every kind of caller.

Actors: the organization owner (who created workspace W1), a W1 admin, a W1 member, a member of
another workspace of the same organization, a user of another organization, an anonymous
caller and a wrong password. Each cell runs on a fresh world. A refused cell must answer the
expected status, change no stored row and name none of W1's private things.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from punchclock.db.engine import Database
from punchclock.db.schema import metadata
from tests.conftest import API, Account

ACTORS = ["owner", "admin", "member", "other_ws", "other_org", "anonymous", "wrong_password"]
SECRETS = ["Acme Secret", "Hidden Project", "Task Secret", "tag-secret", "carol note", "alice note"]

# Members of W1 may do it; everyone else is refused.
MEMBERS = {
    "owner": 200,
    "admin": 200,
    "member": 200,
    "other_ws": 403,
    "other_org": 403,
    "anonymous": 401,
    "wrong_password": 403,
}
# Only W1 admins (and the organization owner) may do it.
ADMINS = {**MEMBERS, "member": 403}


@dataclass
class World:
    """W1 and what is in it, plus the people around it."""

    accounts: dict[str, Account]
    wid: int
    oid: int
    project: int
    private_project: int
    client_id: int
    tag: int
    task: int
    carol_entry: int
    alice_entry: int


def _ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def build_world(client: TestClient[Any], make_account: Callable[..., Account]) -> World:
    """Create W1 with a client, public and private projects, a task, a tag and two entries."""
    alice = make_account(email="alice@example.com", workspace_name="W1")
    accounts = {"owner": alice}
    wid = alice.workspace_id
    oid = _ok(client.get(f"{API}/workspaces/{wid}", headers=alice.headers))["organization_id"]
    for actor, admin in (("admin", True), ("member", False)):
        accounts[actor] = make_account()
        body = {"email": accounts[actor].email, "admin": admin}
        _ok(
            client.post(f"{API}/workspaces/{wid}/workspace_users", json=body, headers=alice.headers)
        )
    w2 = _ok(
        client.post(
            f"{API}/organizations/{oid}/workspaces", json={"name": "W2"}, headers=alice.headers
        )
    )["id"]
    accounts["other_ws"] = make_account()
    _ok(
        client.post(
            f"{API}/workspaces/{w2}/workspace_users",
            json={"email": accounts["other_ws"].email, "admin": False},
            headers=alice.headers,
        )
    )
    accounts["other_org"] = make_account()
    post = lambda path, body, who=alice: _ok(  # noqa: E731
        client.post(f"{API}/workspaces/{wid}{path}", json=body, headers=who.headers)
    )
    client_id = post("/clients", {"name": "Acme Secret"})["id"]
    project = post("/projects", {"name": "Public", "client_id": client_id, "is_private": False})[
        "id"
    ]
    private_project = post("/projects", {"name": "Hidden Project", "is_private": True})["id"]
    task = post(f"/projects/{project}/tasks", {"name": "Task Secret"})["id"]
    tag = post("/tags", {"name": "tag-secret"})["id"]
    entry = {
        "start": "2026-11-26T09:00:00Z",
        "duration": 600,
        "project_id": project,
        "created_with": "matrix",
    }
    carol_entry = post("/time_entries", {**entry, "description": "carol note"}, accounts["member"])[
        "id"
    ]
    alice_entry = post("/time_entries", {**entry, "description": "alice note"})["id"]
    return World(
        accounts, wid, oid, project, private_project, client_id, tag, task, carol_entry, alice_entry
    )


@dataclass(frozen=True)
class Endpoint:
    """One request of the matrix and the status each actor must get."""

    name: str
    method: str
    path: Callable[[World], str]
    expected: dict[str, int]
    body: Callable[[World], Any] | None = None
    # Bulk edits answer 200 with a per-id failure: for these actors nothing may change either.
    refused_in_body: frozenset[str] = frozenset()


def _ws(rest: str) -> Callable[[World], str]:
    return lambda w: f"{API}/workspaces/{w.wid}" + rest.format(w=w)


ENTRY = {"start": "2026-11-27T08:00:00Z", "duration": 60, "created_with": "matrix"}
ENDPOINTS = [
    # Workspace and people.
    Endpoint("get workspace", "GET", _ws(""), {**MEMBERS, "other_ws": 404, "other_org": 404}),
    Endpoint("update workspace", "PUT", _ws(""), ADMINS, lambda w: {"name": "Renamed"}),
    Endpoint("workspace users", "GET", _ws("/users"), MEMBERS),
    Endpoint("workspace_users", "GET", _ws("/workspace_users"), MEMBERS),
    Endpoint(
        "add member",
        "POST",
        _ws("/workspace_users"),
        ADMINS,
        lambda w: {"email": w.accounts["other_org"].email, "admin": False},
    ),
    # Projects and members.
    Endpoint("list projects", "GET", _ws("/projects"), MEMBERS),
    Endpoint("get project", "GET", _ws("/projects/{w.project}"), MEMBERS),
    Endpoint(
        "get private project",
        "GET",
        _ws("/projects/{w.private_project}"),
        {**MEMBERS, "member": 404},
    ),
    Endpoint("create project", "POST", _ws("/projects"), MEMBERS, lambda w: {"name": "New"}),
    Endpoint(
        "update project", "PUT", _ws("/projects/{w.project}"), ADMINS, lambda w: {"name": "Renamed"}
    ),
    Endpoint("delete project", "DELETE", _ws("/projects/{w.project}"), ADMINS),
    Endpoint(
        "bulk edit projects",
        "PATCH",
        _ws("/projects/{w.project}"),
        {**ADMINS, "member": 200},
        lambda w: [{"op": "replace", "path": "/color", "value": "#000000"}],
        refused_in_body=frozenset({"member"}),
    ),
    Endpoint("list project users", "GET", _ws("/project_users"), MEMBERS),
    Endpoint(
        # A member cannot see the private project at all: "not found/accessible" (400).
        "add project user",
        "POST",
        _ws("/project_users"),
        {**ADMINS, "member": 400},
        lambda w: {"project_id": w.private_project, "user_id": w.accounts["member"].id},
    ),
    # Clients.
    Endpoint("list clients", "GET", _ws("/clients"), MEMBERS),
    Endpoint("get client", "GET", _ws("/clients/{w.client_id}"), MEMBERS),
    Endpoint("create client", "POST", _ws("/clients"), MEMBERS, lambda w: {"name": "Beta"}),
    Endpoint(
        "update client", "PUT", _ws("/clients/{w.client_id}"), ADMINS, lambda w: {"name": "Renamed"}
    ),
    Endpoint("delete client", "DELETE", _ws("/clients/{w.client_id}"), ADMINS),
    Endpoint("archive client", "POST", _ws("/clients/{w.client_id}/archive"), ADMINS),
    # Tags.
    Endpoint("list tags", "GET", _ws("/tags"), MEMBERS),
    Endpoint("create tag", "POST", _ws("/tags"), MEMBERS, lambda w: {"name": "fresh"}),
    Endpoint("rename tag", "PUT", _ws("/tags/{w.tag}"), MEMBERS, lambda w: {"name": "renamed"}),
    Endpoint("delete tag", "DELETE", _ws("/tags/{w.tag}"), MEMBERS),
    # Tasks.
    Endpoint("list project tasks", "GET", _ws("/projects/{w.project}/tasks"), MEMBERS),
    Endpoint("get task", "GET", _ws("/projects/{w.project}/tasks/{w.task}"), MEMBERS),
    Endpoint("workspace tasks", "GET", _ws("/tasks"), MEMBERS),
    Endpoint(
        "create task",
        "POST",
        _ws("/projects/{w.project}/tasks"),
        ADMINS,
        lambda w: {"name": "Another"},
    ),
    Endpoint(
        "update task",
        "PUT",
        _ws("/projects/{w.project}/tasks/{w.task}"),
        ADMINS,
        lambda w: {"name": "Renamed"},
    ),
    Endpoint("delete task", "DELETE", _ws("/projects/{w.project}/tasks/{w.task}"), ADMINS),
    # Time entries: the member's own entry, and the owner's entry.
    Endpoint("create entry", "POST", _ws("/time_entries"), MEMBERS, lambda w: ENTRY),
    Endpoint(
        "update member's entry",
        "PUT",
        _ws("/time_entries/{w.carol_entry}"),
        MEMBERS,
        lambda w: {"description": "changed"},
    ),
    Endpoint(
        "update owner's entry",
        "PUT",
        _ws("/time_entries/{w.alice_entry}"),
        ADMINS,
        lambda w: {"description": "changed"},
    ),
    Endpoint(
        "bulk edit member's entry",
        "PATCH",
        _ws("/time_entries/{w.carol_entry}"),
        MEMBERS,
        lambda w: [{"op": "replace", "path": "/description", "value": "changed"}],
    ),
    Endpoint(
        "bulk edit owner's entry",
        "PATCH",
        _ws("/time_entries/{w.alice_entry}"),
        {**ADMINS, "member": 200},
        lambda w: [{"op": "replace", "path": "/description", "value": "changed"}],
        refused_in_body=frozenset({"member"}),
    ),
    Endpoint("delete member's entry", "DELETE", _ws("/time_entries/{w.carol_entry}"), MEMBERS),
    Endpoint("delete owner's entry", "DELETE", _ws("/time_entries/{w.alice_entry}"), ADMINS),
    Endpoint(
        "detailed report",
        "POST",
        lambda w: f"/reports/api/v3/workspace/{w.wid}/search/time_entries",
        MEMBERS,
        lambda w: {"start_date": "2026-11-01", "end_date": "2026-11-30"},
    ),
    # /me reads only ever show the caller's own entries.
    Endpoint(
        "get member's entry by id",
        "GET",
        lambda w: f"{API}/me/time_entries/{w.carol_entry}",
        {**{a: 404 for a in ACTORS}, "member": 200, "anonymous": 401, "wrong_password": 403},
    ),
    # Organizations.
    Endpoint(
        "get organization",
        "GET",
        lambda w: f"{API}/organizations/{w.oid}",
        {**MEMBERS, "other_ws": 200, "other_org": 404},
    ),
    Endpoint(
        "update organization",
        "PUT",
        lambda w: f"{API}/organizations/{w.oid}",
        {**ADMINS, "admin": 403, "other_org": 404},
        lambda w: {"name": "Renamed"},
    ),
]


def _headers(actor: str, world: World) -> dict[str, str]:
    if actor == "anonymous":
        return {}
    if actor == "wrong_password":
        raw = base64.b64encode(b"alice@example.com:not-the-password").decode()
        return {"Authorization": f"Basic {raw}"}
    return world.accounts[actor].headers


# A refused request stores nothing, except that a wrong password is counted (the sign-in
# throttle's own table, users/authentication.py): that is checked on its own below.
THROTTLE_TABLE = "sign_in_failures"


def _snapshot(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    with database.transaction(write=False) as conn:
        return {
            table.name: sorted(tuple(row) for row in conn.execute(select(table)).all())
            for table in metadata.sorted_tables
            if table.name != THROTTLE_TABLE
        }


def _failures_counted(database: Database) -> int:
    with database.transaction(write=False) as conn:
        return int(
            conn.exec_driver_sql(
                f"SELECT coalesce(sum(failures), 0) FROM {THROTTLE_TABLE}"
            ).scalar_one()
        )


CELLS = [(endpoint, actor) for endpoint in ENDPOINTS for actor in ACTORS]


@pytest.mark.parametrize(("endpoint", "actor"), CELLS, ids=[f"{e.name}-{a}" for e, a in CELLS])
def test_access(
    endpoint: Endpoint,
    actor: str,
    client: TestClient[Any],
    make_account: Callable[..., Account],
    database: Database,
) -> None:
    world = build_world(client, make_account)
    before = _snapshot(database)
    counted = _failures_counted(database)
    body = endpoint.body(world) if endpoint.body else None
    response = client.request(
        endpoint.method, endpoint.path(world), json=body, headers=_headers(actor, world)
    )
    expected = endpoint.expected[actor]
    assert response.status_code == expected, f"{endpoint.name} as {actor}: {response.text}"
    if actor in endpoint.refused_in_body:
        result = response.json()
        assert result["success"] == [] and len(result["failure"]) == 1
    if expected != 200 or actor in endpoint.refused_in_body:
        assert _snapshot(database) == before, f"{endpoint.name} as {actor} changed stored rows"
        # Only a wrong password counts, twice (its account and its address).
        expected_count = counted + (2 if actor == "wrong_password" else 0)
        assert _failures_counted(database) == expected_count
        for secret in SECRETS:
            assert secret not in response.text


def test_matrix_covers_every_actor() -> None:
    assert all(set(e.expected) == set(ACTORS) for e in ENDPOINTS)
    assert len(CELLS) == len(ENDPOINTS) * len(ACTORS) == 41 * 7
