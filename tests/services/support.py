"""Helpers shared by the service tests: stored users and plain memberships."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert

from punchclock.db.engine import Database
from punchclock.db.schema import workspace_users
from punchclock.users.models import User
from punchclock.users.repository import UserRepository


def user_of(database: Database, account: Any) -> User:
    """The stored user behind an account."""
    with database.transaction(write=False) as conn:
        user = UserRepository(conn).get(account.id)
    assert user is not None
    return user


def join_workspace(database: Database, workspace_id: int, user_id: int, role: str = "user") -> None:
    """Make an existing user an active member (role "user") or admin of a workspace."""
    with database.transaction(write=True) as conn:
        conn.execute(
            insert(workspace_users).values(
                workspace_id=workspace_id,
                user_id=user_id,
                role=role,
                active=True,
                created_at=0,
                at=0,
            )
        )
