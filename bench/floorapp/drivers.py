"""The floor's database drivers: sqlite3, psycopg (both synchronous on the loop) and asyncpg."""

from __future__ import annotations

import sqlite3
from typing import Any

ENTRY_COLUMNS = (
    "id, workspace_id, user_id, project_id, task_id, billable, description, start, stop,"
    " tag_ids, at, server_deleted_at"
)
USER_COLUMNS = (
    "id, api_token, email, fullname, timezone, toggl_accounts_id, default_workspace_id,"
    " beginning_of_week, image_url, created_at, updated_at, country_id, password_hash, at,"
    " authorization_updated_at"
)
LIST_SQL = (
    f"SELECT {ENTRY_COLUMNS} FROM time_entries WHERE user_id = ? AND server_deleted_at IS NULL"
    " AND start >= ? AND start < ? ORDER BY start DESC, id DESC"
)
CURRENT_SQL = (
    f"SELECT {ENTRY_COLUMNS} FROM time_entries WHERE user_id = ? AND stop IS NULL"
    " AND server_deleted_at IS NULL"
)
USER_SQL = f"SELECT {USER_COLUMNS} FROM users WHERE api_token = ?"
STOP_RUNNING_SQL = (
    "UPDATE time_entries SET stop = {greatest}(?, start), at = ? WHERE user_id = ?"
    " AND stop IS NULL AND server_deleted_at IS NULL"
)
INSERT_SQL = (
    "INSERT INTO time_entries (workspace_id, user_id, project_id, task_id, billable,"
    " description, start, stop, tag_ids, created_with, created_at, at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
)


class SqliteDriver:
    """sqlite3 on the event loop, with Punchclock's pragmas."""

    def __init__(self, url: str) -> None:
        self.path = url.split(":///", 1)[1]
        self.conn: sqlite3.Connection | None = None

    async def start(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=10000")
        self.conn = conn

    async def stop(self) -> None:
        if self.conn is not None:
            self.conn.close()

    async def user(self, token: str) -> Any:
        assert self.conn is not None
        return self.conn.execute(USER_SQL, (token,)).fetchone()

    async def entries(self, user_id: int, start: int, end: int) -> list[Any]:
        assert self.conn is not None
        return self.conn.execute(LIST_SQL, (user_id, start, end)).fetchall()

    async def running(self, user_id: int) -> Any:
        assert self.conn is not None
        return self.conn.execute(CURRENT_SQL, (user_id,)).fetchone()

    async def tag_names(self, ids: list[int]) -> dict[int, str]:
        assert self.conn is not None
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return dict(self.conn.execute(f"SELECT id, name FROM tags WHERE id IN ({marks})", ids))

    async def create(self, stop_args: tuple[Any, ...], insert_args: tuple[Any, ...]) -> int:
        conn = self.conn
        assert conn is not None
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(STOP_RUNNING_SQL.format(greatest="MAX"), stop_args)
            new_id = conn.execute(INSERT_SQL, insert_args).fetchone()[0]
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return int(new_id)

    async def bulk(self, user_id: int, ids: list[int], description: str, at: int) -> list[int]:
        conn = self.conn
        assert conn is not None
        marks = ",".join("?" * len(ids))
        conn.execute("BEGIN IMMEDIATE")
        try:
            done = conn.execute(
                f"UPDATE time_entries SET description = ?, at = ? WHERE id IN ({marks})"
                " AND user_id = ? AND server_deleted_at IS NULL RETURNING id",
                (description, at, *ids, user_id),
            ).fetchall()
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return sorted(row[0] for row in done)


def _pg(sql: str) -> str:
    return sql.replace("?", "%s")


class PsycopgDriver:
    """psycopg 3, synchronous on the event loop, one connection (requests run one at a time)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn: Any = None

    async def start(self) -> None:
        import psycopg

        self.conn = psycopg.connect(self.url, autocommit=True)

    async def stop(self) -> None:
        if self.conn is not None:
            self.conn.close()

    async def user(self, token: str) -> Any:
        return self.conn.execute(_pg(USER_SQL), (token,)).fetchone()

    async def entries(self, user_id: int, start: int, end: int) -> list[Any]:
        return self.conn.execute(_pg(LIST_SQL), (user_id, start, end)).fetchall()

    async def running(self, user_id: int) -> Any:
        return self.conn.execute(_pg(CURRENT_SQL), (user_id,)).fetchone()

    async def tag_names(self, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        return dict(self.conn.execute("SELECT id, name FROM tags WHERE id = ANY(%s)", (ids,)))

    async def create(self, stop_args: tuple[Any, ...], insert_args: tuple[Any, ...]) -> int:
        with self.conn.transaction():
            self.conn.execute(_pg(STOP_RUNNING_SQL.format(greatest="GREATEST")), stop_args)
            return int(self.conn.execute(_pg(INSERT_SQL), insert_args).fetchone()[0])

    async def bulk(self, user_id: int, ids: list[int], description: str, at: int) -> list[int]:
        with self.conn.transaction():
            rows = self.conn.execute(
                "UPDATE time_entries SET description = %s, at = %s WHERE id = ANY(%s)"
                " AND user_id = %s AND server_deleted_at IS NULL RETURNING id",
                (description, at, ids, user_id),
            ).fetchall()
        return sorted(row[0] for row in rows)


def _dollar(sql: str) -> str:
    parts = sql.split("?")
    return "".join(f"{part}${i}" for i, part in enumerate(parts[:-1], start=1)) + parts[-1]


class AsyncpgDriver:
    """asyncpg on the event loop with a small pool (requests overlap on the database)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.pool: Any = None

    async def start(self) -> None:
        import asyncpg

        self.pool = await asyncpg.create_pool(self.url, min_size=4, max_size=8)

    async def stop(self) -> None:
        if self.pool is not None:
            await self.pool.close()

    async def user(self, token: str) -> Any:
        return await self.pool.fetchrow(_dollar(USER_SQL), token)

    async def entries(self, user_id: int, start: int, end: int) -> list[Any]:
        return await self.pool.fetch(_dollar(LIST_SQL), user_id, start, end)

    async def running(self, user_id: int) -> Any:
        return await self.pool.fetchrow(_dollar(CURRENT_SQL), user_id)

    async def tag_names(self, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        rows = await self.pool.fetch("SELECT id, name FROM tags WHERE id = ANY($1::bigint[])", ids)
        return {row[0]: row[1] for row in rows}

    async def create(self, stop_args: tuple[Any, ...], insert_args: tuple[Any, ...]) -> int:
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(_dollar(STOP_RUNNING_SQL.format(greatest="GREATEST")), *stop_args)
            return int(await conn.fetchval(_dollar(INSERT_SQL), *insert_args))

    async def bulk(self, user_id: int, ids: list[int], description: str, at: int) -> list[int]:
        async with self.pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(
                "UPDATE time_entries SET description = $1, at = $2 WHERE id = ANY($3::bigint[])"
                " AND user_id = $4 AND server_deleted_at IS NULL RETURNING id",
                description,
                at,
                ids,
                user_id,
            )
        return sorted(row[0] for row in rows)


DRIVERS = {"sqlite3": SqliteDriver, "psycopg": PsycopgDriver, "asyncpg": AsyncpgDriver}
