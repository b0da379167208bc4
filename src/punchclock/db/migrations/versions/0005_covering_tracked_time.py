"""tracked time per project and task from covering indexes

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COVERED = ["stop", "start", "server_deleted_at"]


# Plain CREATE/DROP INDEX on both engines: no table copy.
def upgrade() -> None:
    op.create_index("ix_time_entries_project_tracked", "time_entries", ["project_id", *_COVERED])
    op.create_index("ix_time_entries_task_tracked", "time_entries", ["task_id", *_COVERED])
    op.drop_index("ix_time_entries_project", table_name="time_entries")
    op.drop_index("ix_time_entries_task", table_name="time_entries")


def downgrade() -> None:
    op.create_index("ix_time_entries_project", "time_entries", ["project_id"])
    op.create_index("ix_time_entries_task", "time_entries", ["task_id"])
    op.drop_index("ix_time_entries_project_tracked", table_name="time_entries")
    op.drop_index("ix_time_entries_task_tracked", table_name="time_entries")
