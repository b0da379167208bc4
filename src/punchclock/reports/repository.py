"""SQL for reports: stopped, live entries of one workspace in a time range."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from punchclock.db.schema import time_entries as te
from punchclock.db.schema import users
from punchclock.reports.models import DetailedQuery, DetailedRow


class ReportRepository:
    """Report queries on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def detailed(self, workspace_id: int, query: DetailedQuery, limit: int) -> list[DetailedRow]:
        """Rows ordered by start (newest first, like Toggl's default `date` order)."""
        conditions: list[Any] = [
            te.c.workspace_id == workspace_id,
            te.c.server_deleted_at.is_(None),
            # Running entries stay out of reports: clients require a non-null stop.
            te.c.stop.is_not(None),
            te.c.start >= query.start,
            te.c.start < query.end,
        ]
        if query.user_ids is not None:
            conditions.append(te.c.user_id.in_(query.user_ids))
        if query.project_ids is not None:
            ids = [pid for pid in query.project_ids if pid is not None]
            clause: Any = te.c.project_id.in_(ids)
            if None in query.project_ids:
                clause = clause | te.c.project_id.is_(None)
            conditions.append(clause)
        if query.description is not None:
            pattern = f"%{query.description.lower()}%"
            conditions.append(func.lower(func.coalesce(te.c.description, "")).like(pattern))
        if query.billable is not None:
            conditions.append(te.c.billable.is_(query.billable))
        rows = self.conn.execute(
            select(
                te.c.id,
                te.c.user_id,
                users.c.fullname,
                te.c.project_id,
                te.c.task_id,
                te.c.billable,
                te.c.description,
                te.c.tag_ids,
                te.c.start,
                te.c.stop,
                te.c.at,
            )
            .join(users, users.c.id == te.c.user_id)
            .where(*conditions)
            .order_by(te.c.start.desc(), te.c.id.desc())
            .offset(query.first_row_number - 1)
            .limit(limit)
        ).all()
        return [
            DetailedRow(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                bool(r[5]),
                r[6],
                [int(t) for t in r[7].split(",")] if r[7] else [],
                r[8],
                r[9],
                r[10],
            )
            for r in rows
        ]
