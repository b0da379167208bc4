"""Projects, their tasks and their members: through the API or straight in the database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from litestar.testing import TestClient
from sqlalchemy import insert, update

from punchclock.db.engine import Database
from punchclock.db.schema import project_users, projects, tasks
from tests.conftest import API, Account

# The recorded Toggl object's key order (§8).
PROJECT_KEYS = [
    "id", "workspace_id", "client_id", "name", "is_private", "active", "at", "created_at",
    "server_deleted_at", "color", "billable", "template", "auto_estimates", "estimated_hours",
    "estimated_seconds", "rate", "rate_last_updated", "currency", "recurring", "template_id",
    "recurring_parameters", "fixed_fee", "actual_hours", "actual_seconds", "tasks_count",
    "can_track_time", "start_date", "status", "wid", "cid", "is_shared", "pinned",
]  # fmt: skip
BAD_COLOR = (
    "Error in validating color '{}'. "
    "Project color must be a hex value in the form of #[0-9a-f]{{6}}."
)
CANNOT_EDIT_BILLING = "User can not edit project billing info"


def post_project(
    client: TestClient[Any], account: Account, body: Any, wid: int | None = None
) -> Any:
    """POST a project into a workspace (the account's own by default); the raw response."""
    url = f"{API}/workspaces/{wid or account.workspace_id}/projects"
    return client.post(url, headers=account.headers, json=body)


def create_project(
    client: TestClient[Any], account: Account, name: str = "Website", **body: Any
) -> dict[str, Any]:
    """A project created in the account's workspace; its JSON (200 expected)."""
    response = post_project(client, account, {"name": name, **body})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def list_projects(client: TestClient[Any], account: Account, query: str = "") -> Any:
    """GET the account's workspace projects with a raw query string; the raw response."""
    url = f"{API}/workspaces/{account.workspace_id}/projects{query}"
    return client.get(url, headers=account.headers)


def add_project_member(
    client: TestClient[Any], admin: Account, project_id: int, user_id: int, **body: Any
) -> dict[str, Any]:
    """POST …/project_users in the admin's workspace; the membership's JSON (200 expected)."""
    url = f"{API}/workspaces/{admin.workspace_id}/project_users"
    payload = {"project_id": project_id, "user_id": user_id, **body}
    response = client.post(url, headers=admin.headers, json=payload)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def tasks_url(
    account: Account, project_id: int | str, suffix: str = "", wid: int | None = None
) -> str:
    """A project's task collection (in the account's workspace unless `wid`), plus a suffix."""
    return f"{API}/workspaces/{wid or account.workspace_id}/projects/{project_id}/tasks{suffix}"


def create_task(
    client: TestClient[Any], account: Account, project_id: int, /, name: str, **body: Any
) -> dict[str, Any]:
    """A task created in a project of the account's workspace; its JSON (200 expected).

    The leading parameters are positional-only, so a body may carry its own `project_id`.
    """
    url = tasks_url(account, project_id)
    response = client.post(url, headers=account.headers, json={"name": name, **body})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def insert_project(
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


def update_project(database: Database, project_id: int, **values: Any) -> None:
    """Change a project's columns directly (archive it, set its rate)."""
    with database.transaction(write=True) as conn:
        conn.execute(update(projects).where(projects.c.id == project_id).values(**values))


def insert_project_member(
    database: Database,
    wid: int,
    project_id: int,
    user_id: int,
    *,
    manager: bool = False,
    rate: Decimal | None = None,
    at: int = 0,
) -> None:
    """Insert a project_users row (a manager, or with a rate, when told); `at` stamps it (µs)."""
    with database.transaction(write=True) as conn:
        conn.execute(
            insert(project_users).values(
                workspace_id=wid,
                project_id=project_id,
                user_id=user_id,
                manager=manager,
                rate=rate,
                created_at=at,
                at=at,
            )
        )


def insert_task(database: Database, wid: int, project_id: int, name: str = "Write spec") -> int:
    """Insert an active task in a project; returns its id."""
    with database.transaction(write=True) as conn:
        return int(
            conn.execute(
                insert(tasks)
                .values(workspace_id=wid, project_id=project_id, name=name, created_at=0, at=0)
                .returning(tasks.c.id)
            ).scalar_one()
        )
