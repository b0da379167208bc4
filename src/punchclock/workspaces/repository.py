"""SQL for workspaces and the membership check (who may work in which workspace)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update

from punchclock.db import driver_sql
from punchclock.db.schema import organization_users, projects, workspace_users, workspaces
from punchclock.workspaces.models import (
    WORKSPACE_ADMIN,
    Membership,
    Workspace,
    is_effective_admin,
)

_WS_COLUMNS = [workspaces.c[name] for name in Workspace.__struct_fields__]
# The member's role in the organization owning the workspace (outer join: may be none).
_ORG_ROLE_JOIN = and_(
    organization_users.c.organization_id == workspaces.c.organization_id,
    organization_users.c.user_id == workspace_users.c.user_id,
)


_MEMBERSHIP_SQL = (
    "SELECT wu.workspace_id, wu.user_id, wu.role, wu.active, ou.role"
    " FROM workspace_users wu"
    " JOIN workspaces w ON w.id = wu.workspace_id"
    " LEFT JOIN organization_users ou"
    " ON ou.organization_id = w.organization_id AND ou.user_id = wu.user_id"
    " WHERE wu.workspace_id = ? AND wu.user_id = ? AND wu.active = ?"
    " AND w.server_deleted_at IS NULL"
)


class WorkspaceRepository:
    """Reads and writes workspaces on one connection, and answers the membership check."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def insert_workspace(self, values: dict[str, Any]) -> int:
        """Insert a workspace and return its id."""
        result = self.conn.execute(insert(workspaces).values(**values).returning(workspaces.c.id))
        return int(result.scalar_one())

    def add_workspace_user(self, values: dict[str, Any]) -> None:
        """Make a user part of a workspace."""
        self.conn.execute(insert(workspace_users).values(**values))

    def get_workspace(self, workspace_id: int) -> Workspace | None:
        """A live workspace by id."""
        row = self.conn.execute(
            select(*_WS_COLUMNS).where(
                workspaces.c.id == workspace_id, workspaces.c.server_deleted_at.is_(None)
            )
        ).first()
        return Workspace(*row) if row else None

    def update_workspace(self, workspace_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one workspace."""
        self.conn.execute(update(workspaces).where(workspaces.c.id == workspace_id).values(values))

    def membership(self, workspace_id: int, user_id: int) -> Membership | None:
        """The user's active membership of a live workspace (effective role, organization role)."""
        # Checked on every workspace-scoped request: a prepared statement on the driver cursor.
        row = driver_sql.fetch_one(self.conn, _MEMBERSHIP_SQL, (workspace_id, user_id, True))
        if row is None:
            return None
        ws_id, member_user_id, role, active, organization_role = row
        # `role` is the effective one, as in workspaces_of_user: callers comparing it to
        # "admin" and callers asking `is_admin` agree.
        return Membership(
            ws_id,
            member_user_id,
            _effective_role(role, organization_role),
            bool(active),
            organization_role,
        )

    def workspaces_of_user(self, user_id: int) -> list[tuple[Workspace, str]]:
        """The user's live workspaces with their effective role in each, oldest first."""
        rows = self.conn.execute(
            select(*_WS_COLUMNS, workspace_users.c.role, organization_users.c.role)
            .join(workspace_users, workspace_users.c.workspace_id == workspaces.c.id)
            .outerjoin(organization_users, _ORG_ROLE_JOIN)
            .where(
                workspace_users.c.user_id == user_id,
                workspace_users.c.active.is_(True),
                workspaces.c.server_deleted_at.is_(None),
            )
            .order_by(workspaces.c.id)
        ).all()
        return [(Workspace(*row[:-2]), _effective_role(row[-2], row[-1])) for row in rows]

    def workspace_ids_of_user(self, user_id: int) -> list[int]:
        """Ids of the user's live workspaces."""
        return [ws.id for ws, _ in self.workspaces_of_user(user_id)]

    def workspace_member_ids(self, workspace_id: int) -> list[int]:
        """User ids of the workspace's active members."""
        rows = self.conn.execute(
            select(workspace_users.c.user_id).where(
                workspace_users.c.workspace_id == workspace_id,
                workspace_users.c.active.is_(True),
            )
        ).all()
        return [row[0] for row in rows]

    def active_project_counts(self, workspace_ids: list[int]) -> dict[int, int]:
        """Live, active projects per workspace."""
        if not workspace_ids:
            return {}
        rows = self.conn.execute(
            select(projects.c.workspace_id, func.count())
            .where(
                projects.c.workspace_id.in_(workspace_ids),
                projects.c.active.is_(True),
                projects.c.server_deleted_at.is_(None),
            )
            .group_by(projects.c.workspace_id)
        ).all()
        return {row[0]: int(row[1]) for row in rows}


def _effective_role(role: str, organization_role: str | None) -> str:
    return WORKSPACE_ADMIN if is_effective_admin(role, organization_role) else role
