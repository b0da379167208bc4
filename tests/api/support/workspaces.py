"""Workspaces: membership (straight in the database or through the API) and their settings."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient
from sqlalchemy import insert, update

from punchclock.db.engine import Database
from punchclock.db.schema import organization_users, workspace_users, workspaces
from tests.conftest import API, Account


def join_workspace(
    database: Database,
    workspace_id: int,
    user_id: int,
    role: str = "user",
    *,
    at: int = 0,
    organization_id: int | None = None,
) -> None:
    """Make an existing user an active member ("user") or admin of a workspace, in the database.

    `at` stamps the membership row (µs); with `organization_id` the user also becomes a plain
    member of that organization.
    """
    with database.transaction(write=True) as conn:
        conn.execute(
            insert(workspace_users).values(
                workspace_id=workspace_id,
                user_id=user_id,
                role=role,
                active=True,
                created_at=at,
                at=at,
            )
        )
        if organization_id is not None:
            conn.execute(
                insert(organization_users).values(
                    organization_id=organization_id, user_id=user_id, role="member", created_at=at
                )
            )


def add_workspace_user(
    client: TestClient[Any], actor: Account, email: str, **body: Any
) -> dict[str, Any]:
    """POST …/workspace_users: the actor adds an existing user to their workspace; 200 expected."""
    resp = client.post(
        f"{API}/workspaces/{actor.workspace_id}/workspace_users",
        json={"email": email, **body},
        headers=actor.headers,
    )
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def update_workspace(database: Database, workspace_id: int, **values: Any) -> None:
    """Change a workspace's columns (its settings) directly."""
    with database.transaction(write=True) as conn:
        conn.execute(update(workspaces).where(workspaces.c.id == workspace_id).values(**values))
