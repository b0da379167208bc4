"""project members, live-name uniqueness, tracked-time indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "project_users",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "project_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("manager", sa.Boolean(), server_default=sa.text("(false)"), nullable=False),
        sa.Column("rate", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("rate_last_updated", sa.BigInteger(), nullable=True),
        sa.Column("labor_cost", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_project_users_project_id_projects")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_project_users_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_project_users_workspace_id_workspaces"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_users")),
        sa.UniqueConstraint("project_id", "user_id", name="uq_project_users_project_user"),
    )
    with op.batch_alter_table("project_users", schema=None) as batch_op:
        batch_op.create_index("ix_project_users_user", ["user_id"], unique=False)
        batch_op.create_index("ix_project_users_workspace", ["workspace_id"], unique=False)

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.create_index(
            "uq_clients_workspace_name_live",
            ["workspace_id", "name"],
            unique=True,
            sqlite_where=sa.text("server_deleted_at IS NULL"),
            postgresql_where=sa.text("server_deleted_at IS NULL"),
        )

    # Expression index: autogenerate cannot reflect it, so it is written by hand.
    op.create_index(
        "uq_projects_workspace_client_name_live",
        "projects",
        ["workspace_id", sa.text("coalesce(client_id, 0)"), "name"],
        unique=True,
        sqlite_where=sa.text("server_deleted_at IS NULL"),
        postgresql_where=sa.text("server_deleted_at IS NULL"),
    )

    with op.batch_alter_table("time_entries", schema=None) as batch_op:
        batch_op.create_index("ix_time_entries_project", ["project_id"], unique=False)
        batch_op.create_index("ix_time_entries_task", ["task_id"], unique=False)

    with op.batch_alter_table("workspace_users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rate", sa.Numeric(precision=12, scale=2), nullable=True))
        batch_op.add_column(
            sa.Column("labor_cost", sa.Numeric(precision=12, scale=2), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("workspace_users", schema=None) as batch_op:
        batch_op.drop_column("labor_cost")
        batch_op.drop_column("rate")

    with op.batch_alter_table("time_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_time_entries_task")
        batch_op.drop_index("ix_time_entries_project")

    op.drop_index("uq_projects_workspace_client_name_live", table_name="projects")

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_clients_workspace_name_live",
            sqlite_where=sa.text("server_deleted_at IS NULL"),
            postgresql_where=sa.text("server_deleted_at IS NULL"),
        )

    with op.batch_alter_table("project_users", schema=None) as batch_op:
        batch_op.drop_index("ix_project_users_workspace")
        batch_op.drop_index("ix_project_users_user")

    op.drop_table("project_users")
