"""Hot-path statements on the driver's own cursor, inside the unit of work's transaction.

SQLAlchemy builds and compiles a Core statement on every call and wraps every row; on the
busiest endpoints that was half the request's CPU (bench/README.md). The statements here are
plain SQL strings written with `?` placeholders, run on the same DBAPI connection (so in the
same transaction), and return plain tuples. Keep them portable: SQLite and PostgreSQL both run
them unchanged apart from the placeholder style.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Connection

Row = tuple[Any, ...]


@lru_cache(maxsize=512)
def _pyformat(sql: str) -> str:
    # psycopg takes %s placeholders; a literal % must be doubled.
    return sql.replace("%", "%%").replace("?", "%s")


def _cursor(conn: Connection, sql: str) -> tuple[Any, str]:
    driver = conn.connection.driver_connection
    if conn.dialect.paramstyle == "qmark":
        return driver.cursor(), sql  # type: ignore[union-attr]
    return driver.cursor(), _pyformat(sql)  # type: ignore[union-attr]


def fetch_all(conn: Connection, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[Row]:
    """Every row of a query, as tuples."""
    cursor, statement = _cursor(conn, sql)
    try:
        cursor.execute(statement, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def fetch_one(conn: Connection, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Row | None:
    """The first row of a query, or None."""
    cursor, statement = _cursor(conn, sql)
    try:
        cursor.execute(statement, params)
        row = cursor.fetchone()
        return tuple(row) if row is not None else None
    finally:
        cursor.close()


def execute(conn: Connection, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> int:
    """Run a statement; the number of rows it changed."""
    cursor, statement = _cursor(conn, sql)
    try:
        cursor.execute(statement, params)
        return int(cursor.rowcount)
    finally:
        cursor.close()


def placeholders(count: int) -> str:
    """`?, ?, ?` for an IN list of `count` values."""
    return ", ".join("?" * count)


def names_by_id(conn: Connection, table: str, ids: list[int]) -> dict[int, str]:
    """`name` of each row of `table` with these ids (a trusted table name, never user input)."""
    if not ids:
        return {}
    sql = f"SELECT id, name FROM {table} WHERE id IN ({placeholders(len(ids))})"
    return {row[0]: row[1] for row in fetch_all(conn, sql, ids)}
