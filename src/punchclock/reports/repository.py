"""SQL for reports: the stopped, live entries of one workspace, and what they refer to.

Every filter is pushed into SQL, so a detailed page can stop at its LIMIT. Statements run on
the driver cursor (`punchclock.db.driver_sql`) and return plain tuples: a year of a busy workspace
is tens of thousands of rows, and SQLAlchemy's row handling would double the time.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from punchclock.db import driver_sql
from punchclock.reports.models import Names, Rates, ReportFilters

# A fact row holds these columns in this order; `FactRow` names and types each one, and
# `reports/facts.py` unpacks rows in this order. Change the three together.
_FACT_COLUMNS = (
    "te.id, te.user_id, te.project_id, te.task_id, p.client_id, te.billable, te.description,"
    " te.tag_ids, te.start, te.stop, te.at"
)
FactRow = tuple[
    int,  # id
    int,  # user_id
    int | None,  # project_id
    int | None,  # task_id
    int | None,  # client_id (the project's)
    bool,  # billable (SQLite hands back 0 or 1)
    str | None,  # description
    str | None,  # tag_ids, stored as "1,5,9"
    int,  # start, Unix seconds
    int,  # stop, Unix seconds
    int,  # at, Unix microseconds
]
_DESCRIPTION = 6  # a FactRow's description
# ORDER BY for each `order_by`; `id` last keeps the order total, so pages never overlap.
ORDERINGS = {
    "date": ("te.start", False),
    "user": ("u.fullname", True),
    "duration": ("(te.stop - te.start)", False),
    "description": ("COALESCE(te.description, '')", False),
    "last_update": ("te.at", False),
}
_TEXT_ORDERINGS = ("user", "description")


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _id_filter(column: str, ids: list[int | None], where: list[str], params: list[Any]) -> None:
    """`column IN (ids)`, or-ed with `column IS NULL` when the list holds None."""
    values = [value for value in ids if value is not None]
    parts = []
    if values:
        parts.append(f"{column} IN ({driver_sql.placeholders(len(values))})")
        params.extend(values)
    if len(values) != len(ids):
        parts.append(f"{column} IS NULL")
    where.append("(" + (" OR ".join(parts) or "1 = 0") + ")")


def _any_of(parts: list[str]) -> str:
    """`a OR b OR ...` nested as a balanced tree: SQLite refuses expressions 1000 deep."""
    if not parts:
        return "(1 = 0)"
    if len(parts) == 1:
        return f"({parts[0]})"
    middle = len(parts) // 2
    return f"({_any_of(parts[:middle])} OR {_any_of(parts[middle:])})"


def _conditions(workspace_id: int, filters: ReportFilters) -> tuple[str, list[Any]]:
    where = [
        "te.workspace_id = ?",
        "te.server_deleted_at IS NULL",
        # Running entries stay out of reports: clients require a non-null stop.
        "te.stop IS NOT NULL",
        "te.start >= ?",
        "te.start < ?",
    ]
    params: list[Any] = [workspace_id, filters.start, filters.end]
    if filters.user_ids is not None:
        _id_filter("te.user_id", list(filters.user_ids), where, params)
    if filters.project_ids is not None:
        _id_filter("te.project_id", filters.project_ids, where, params)
    if filters.client_ids is not None:
        _id_filter("p.client_id", filters.client_ids, where, params)
    if filters.task_ids is not None:
        _id_filter("te.task_id", filters.task_ids, where, params)
    if filters.time_entry_ids is not None:
        _id_filter("te.id", list(filters.time_entry_ids), where, params)
    if filters.tag_ids is not None:
        # tag_ids is stored as "1,5,9": match whole ids between commas.
        parts = []
        for tag_id in filters.tag_ids:
            if tag_id is None:
                parts.append("(te.tag_ids IS NULL OR te.tag_ids = '')")
            else:
                parts.append("(',' || te.tag_ids || ',') LIKE ?")
                params.append(f"%,{tag_id},%")
        where.append(_any_of(parts))
    if filters.billable is not None:
        where.append("te.billable = ?")
        params.append(filters.billable)
    if filters.description is not None and filters.description.isascii():
        # SQLite's LOWER folds ASCII only, so non-ASCII needles are matched in Python.
        where.append("LOWER(COALESCE(te.description, '')) LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(filters.description.lower())}%")
    if filters.min_duration is not None:
        where.append("(te.stop - te.start) >= ?")
        params.append(filters.min_duration)
    if filters.max_duration is not None:
        where.append("(te.stop - te.start) <= ?")
        params.append(filters.max_duration)
    return " AND ".join(where), params


class ReportRepository:
    """Report queries on one connection; every statement is scoped to one workspace."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def facts(
        self,
        workspace_id: int,
        filters: ReportFilters,
        *,
        order_by: str = "date",
        descending: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[FactRow]:
        """Matching entries as fact rows, in the asked order."""
        where, params = _conditions(workspace_id, filters)
        expression, needs_users = ORDERINGS[order_by]
        if order_by in _TEXT_ORDERINGS and self.conn.dialect.name == "postgresql":
            # Code-point order, as SQLite's BINARY sorts, whatever the database's locale.
            expression += ' COLLATE "C"'
        direction = "DESC" if descending else "ASC"
        sql = (
            f"SELECT {_FACT_COLUMNS} FROM time_entries te"
            " LEFT JOIN projects p ON p.id = te.project_id"
            + (" JOIN users u ON u.id = te.user_id" if needs_users else "")
            + f" WHERE {where} ORDER BY {expression} {direction}, te.id {direction}"
        )
        needle = filters.description
        if needle is None or needle.isascii():
            if limit is not None:
                sql += " LIMIT ? OFFSET ?"
                params += [limit, offset]
            return driver_sql.fetch_all(self.conn, sql, params)
        # Case-insensitive on every engine alike: Python folds what SQLite's LOWER cannot.
        needle = needle.lower()
        rows = [
            row
            for row in driver_sql.fetch_all(self.conn, sql, params)
            if needle in (row[_DESCRIPTION] or "").lower()
        ]
        return rows[offset:] if limit is None else rows[offset : offset + limit]

    def names(self, workspace_id: int, user_ids: list[int]) -> Names:
        """Names of the workspace's catalogue and of these users."""
        users: dict[int, tuple[str, str]] = {}
        if user_ids:
            marks = driver_sql.placeholders(len(user_ids))
            sql = f"SELECT id, fullname, email FROM users WHERE id IN ({marks})"
            for row in driver_sql.fetch_all(self.conn, sql, user_ids):
                users[row[0]] = (row[1], row[2])
        projects = {
            row[0]: (row[1], row[2], row[3])
            for row in driver_sql.fetch_all(
                self.conn,
                "SELECT id, name, color, client_id FROM projects WHERE workspace_id = ?",
                (workspace_id,),
            )
        }
        return Names(
            users=users,
            projects=projects,
            clients=self._names("clients", workspace_id),
            tasks=self._names("tasks", workspace_id),
            tags=self._names("tags", workspace_id),
        )

    def _names(self, table: str, workspace_id: int) -> dict[int, str]:
        # `table` is one of ours, never user input.
        sql = f"SELECT id, name FROM {table} WHERE workspace_id = ?"
        return {row[0]: row[1] for row in driver_sql.fetch_all(self.conn, sql, (workspace_id,))}

    def rates(self, workspace_id: int, default_rate: Decimal | None) -> Rates:
        """Every hourly rate set in the workspace, in cents."""
        project_user = {
            (row[0], row[1]): _cents(row[2])
            for row in driver_sql.fetch_all(
                self.conn,
                "SELECT project_id, user_id, rate FROM project_users"
                " WHERE workspace_id = ? AND rate IS NOT NULL",
                (workspace_id,),
            )
        }
        project = {
            row[0]: _cents(row[1])
            for row in driver_sql.fetch_all(
                self.conn,
                "SELECT id, rate FROM projects WHERE workspace_id = ? AND rate IS NOT NULL",
                (workspace_id,),
            )
        }
        member = {
            row[0]: _cents(row[1])
            for row in driver_sql.fetch_all(
                self.conn,
                "SELECT user_id, rate FROM workspace_users"
                " WHERE workspace_id = ? AND rate IS NOT NULL",
                (workspace_id,),
            )
        }
        workspace = _cents(default_rate) if default_rate is not None else None
        return Rates(project_user=project_user, project=project, member=member, workspace=workspace)


def _cents(rate: Any) -> int:
    # Rates are NUMERIC(12, 2): SQLite may hand back a float, PostgreSQL a Decimal.
    return int((Decimal(str(rate)) * 100).to_integral_value())
