"""SQL for workspace memberships with their members' profiles (the people side of workspaces)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, insert, select, update

from punchclock.db.schema import organization_users, users, workspace_users, workspaces
from punchclock.workspaces.models import Member, OrganizationWorkspaceMembership

_ORG_ROLE_JOIN = and_(
    organization_users.c.organization_id == workspaces.c.organization_id,
    organization_users.c.user_id == workspace_users.c.user_id,
)
_MEMBER_QUERY = (
    select(
        workspace_users.c.id,
        workspace_users.c.workspace_id,
        workspace_users.c.user_id,
        workspace_users.c.role,
        workspace_users.c.active,
        workspace_users.c.rate,
        workspace_users.c.labor_cost,
        workspace_users.c.at,
        users.c.fullname,
        users.c.email,
        users.c.image_url,
        users.c.timezone,
        organization_users.c.role,
    )
    .join(users, users.c.id == workspace_users.c.user_id)
    .join(workspaces, workspaces.c.id == workspace_users.c.workspace_id)
    .outerjoin(organization_users, _ORG_ROLE_JOIN)
)


def _member(row: Any) -> Member:
    return Member(*row)


class MemberRepository:
    """Reads and writes workspace memberships (workspace_users) on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def members(self, workspace_id: int) -> list[Member]:
        """Every membership of the workspace, deactivated ones included, oldest first."""
        rows = self.conn.execute(
            _MEMBER_QUERY.where(workspace_users.c.workspace_id == workspace_id).order_by(
                workspace_users.c.id
            )
        ).all()
        return [_member(row) for row in rows]

    def member(self, member_id: int) -> Member | None:
        """One membership by its id (the `workspace_user_id`)."""
        row = self.conn.execute(_MEMBER_QUERY.where(workspace_users.c.id == member_id)).first()
        return _member(row) if row else None

    def workspace_ids_of_user(self, user_id: int) -> list[int]:
        """Every workspace the user has a membership in, active or not."""
        rows = self.conn.execute(
            select(workspace_users.c.workspace_id).where(workspace_users.c.user_id == user_id)
        ).all()
        return [int(row[0]) for row in rows]

    def member_of_user(self, workspace_id: int, user_id: int) -> Member | None:
        """The user's membership of the workspace, active or not."""
        row = self.conn.execute(
            _MEMBER_QUERY.where(
                workspace_users.c.workspace_id == workspace_id,
                workspace_users.c.user_id == user_id,
            )
        ).first()
        return _member(row) if row else None

    def insert_member(self, values: dict[str, Any]) -> int:
        """Insert a membership and return its id."""
        result = self.conn.execute(
            insert(workspace_users).values(**values).returning(workspace_users.c.id)
        )
        return int(result.scalar_one())

    def update_member(self, member_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one membership."""
        self.conn.execute(
            update(workspace_users).where(workspace_users.c.id == member_id).values(values)
        )

    def organization_memberships(
        self, organization_id: int
    ) -> list[OrganizationWorkspaceMembership]:
        """Memberships of the organization's live workspaces, by workspace then membership."""
        rows = self.conn.execute(
            select(
                workspace_users.c.id,
                workspaces.c.id,
                workspaces.c.name,
                workspace_users.c.user_id,
                workspace_users.c.role,
                workspace_users.c.active,
                workspace_users.c.rate,
            )
            .join(workspaces, workspaces.c.id == workspace_users.c.workspace_id)
            .where(
                workspaces.c.organization_id == organization_id,
                workspaces.c.server_deleted_at.is_(None),
            )
            .order_by(workspaces.c.id, workspace_users.c.id)
        ).all()
        return [OrganizationWorkspaceMembership(*row) for row in rows]

    def lock_workspace(self, workspace_id: int) -> None:
        """Serialise membership changes of one workspace (SQLite writers already are)."""
        # Otherwise two admins demoting each other at once could each still see the other.
        self.conn.execute(
            select(workspaces.c.id).where(workspaces.c.id == workspace_id).with_for_update()
        )
