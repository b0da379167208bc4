"""SQL for organizations and their users (the organizations and organization_users tables)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from punchclock.db.schema import organization_users, organizations, users
from punchclock.workspaces.models import Organization, OrganizationMembership, OrganizationUser

_ORG_COLUMNS = [organizations.c[name] for name in Organization.__struct_fields__]


class OrganizationRepository:
    """Reads and writes organizations and organization_users on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def insert_organization(self, values: dict[str, Any]) -> int:
        """Insert an organization and return its id."""
        result = self.conn.execute(
            insert(organizations).values(**values).returning(organizations.c.id)
        )
        return int(result.scalar_one())

    def update_organization(self, organization_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one organization."""
        self.conn.execute(
            update(organizations).where(organizations.c.id == organization_id).values(values)
        )

    def get_organization(self, organization_id: int) -> Organization | None:
        """A live organization by id."""
        row = self.conn.execute(
            select(*_ORG_COLUMNS).where(
                organizations.c.id == organization_id,
                organizations.c.server_deleted_at.is_(None),
            )
        ).first()
        return Organization(*row) if row else None

    def organization_membership(
        self, organization_id: int, user_id: int
    ) -> OrganizationMembership | None:
        """The user's role in the organization, if any."""
        row = self.conn.execute(
            select(
                organization_users.c.organization_id,
                organization_users.c.user_id,
                organization_users.c.role,
            ).where(
                organization_users.c.organization_id == organization_id,
                organization_users.c.user_id == user_id,
            )
        ).first()
        return OrganizationMembership(*row) if row else None

    def organizations_of_user(self, user_id: int) -> list[tuple[Organization, str]]:
        """The user's organizations with their role in each, oldest first."""
        rows = self.conn.execute(
            select(*_ORG_COLUMNS, organization_users.c.role)
            .join(organization_users, organization_users.c.organization_id == organizations.c.id)
            .where(
                organization_users.c.user_id == user_id,
                organizations.c.server_deleted_at.is_(None),
            )
            .order_by(organizations.c.id)
        ).all()
        return [(Organization(*row[:-1]), row[-1]) for row in rows]

    def organization_user_count(self, organization_id: int) -> int:
        """How many users belong to the organization."""
        return int(
            self.conn.execute(
                select(func.count()).where(organization_users.c.organization_id == organization_id)
            ).scalar_one()
        )

    def add_organization_user(self, values: dict[str, Any]) -> None:
        """Make a user part of an organization."""
        self.conn.execute(insert(organization_users).values(**values))

    def organization_users(self, organization_id: int) -> list[OrganizationUser]:
        """The organization's users with their role, oldest first."""
        rows = self.conn.execute(
            select(
                organization_users.c.id,
                organization_users.c.organization_id,
                organization_users.c.user_id,
                organization_users.c.role,
                users.c.fullname,
                users.c.email,
                users.c.image_url,
            )
            .join(users, users.c.id == organization_users.c.user_id)
            .where(organization_users.c.organization_id == organization_id)
            .order_by(organization_users.c.id)
        ).all()
        return [OrganizationUser(*row) for row in rows]
