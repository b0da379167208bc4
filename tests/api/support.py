"""Helpers shared by the API tests: creating entries, seeding rows, checking errors."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient
from sqlalchemy import insert, select

from punchclock.db.engine import Database
from punchclock.db.schema import clients, projects, tasks, time_entries, workspace_users
from tests.conftest import API

# A time entry's keys in the order Toggl sends them (contract §4.1); by-id reads stop at user_id.
BASE_KEYS = [
    "id",
    "workspace_id",
    "project_id",
    "task_id",
    "billable",
    "start",
    "stop",
    "duration",
    "description",
    "tags",
    "tag_ids",
    "duronly",
    "at",
    "server_deleted_at",
    "user_id",
]
LEGACY_KEYS = [*BASE_KEYS, "uid", "wid"]


def create(
    client: TestClient[Any], account: Any, wid: int | None = None, **body: Any
) -> dict[str, Any]:
    """POST a time entry (in the account's default workspace unless `wid`); 200 expected."""
    wid = account.workspace_id if wid is None else wid
    resp = client.post(f"{API}/workspaces/{wid}/time_entries", json=body, headers=account.headers)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def assert_error(resp: Any, status: int, message: str) -> None:
    """Toggl's error shape: the status, a JSON content type and a JSON string body."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.json() == message


def stored(database: Database, entry_id: int) -> dict[str, Any] | None:
    """The stored row of a time entry, read straight from the database."""
    with database.transaction(write=False) as conn:
        row = (
            conn.execute(select(time_entries).where(time_entries.c.id == entry_id))
            .mappings()
            .first()
        )
    return dict(row) if row else None


def add_member(database: Database, wid: int, user_id: int, role: str = "user") -> None:
    """Make an existing user a member (role "user") or admin of a workspace."""
    with database.transaction(write=True) as conn:
        conn.execute(
            insert(workspace_users).values(
                workspace_id=wid, user_id=user_id, role=role, active=True, created_at=0, at=0
            )
        )


def add_project(
    database: Database,
    wid: int,
    creator: int,
    name: str = "Website",
    billable: bool = False,
    created_at: int = 0,
    *,
    client_id: int | None = None,
    color: str = "#0b83d9",
    active: bool = True,
) -> int:
    """Insert a public project (active unless told otherwise); returns its id."""
    with database.transaction(write=True) as conn:
        return int(
            conn.execute(
                insert(projects)
                .values(
                    workspace_id=wid,
                    client_id=client_id,
                    name=name,
                    is_private=False,
                    active=active,
                    color=color,
                    billable=billable,
                    start_date="2026-01-01",
                    creator_id=creator,
                    created_at=created_at,
                    at=created_at,
                )
                .returning(projects.c.id)
            ).scalar_one()
        )


def add_client(database: Database, wid: int, creator: int, name: str = "AGL") -> int:
    """Insert a client; returns its id."""
    with database.transaction(write=True) as conn:
        return int(
            conn.execute(
                insert(clients)
                .values(workspace_id=wid, name=name, creator_id=creator, created_at=0, at=0)
                .returning(clients.c.id)
            ).scalar_one()
        )


def add_task(database: Database, wid: int, project_id: int, name: str = "Write spec") -> int:
    """Insert an active task in a project; returns its id."""
    with database.transaction(write=True) as conn:
        return int(
            conn.execute(
                insert(tasks)
                .values(workspace_id=wid, project_id=project_id, name=name, created_at=0, at=0)
                .returning(tasks.c.id)
            ).scalar_one()
        )
