"""The floor: a raw ASGI app (no framework) doing Punchclock's hot-path work with the plain driver.

It answers the same URLs, with the same Basic `<token>:api_token` auth lookup and the same JSON
(msgspec structs with Toggl's key order, byte-identical to Punchclock's list output), served by
the same uvicorn configuration as `punchclock serve` (uvloop + httptools, one process, no
access log). Whatever Punchclock spends beyond this is framework, ORM and domain overhead.

Endpoints and the minimal work each does per request:
- GET  /api/v9/me/time_entries?start_date&end_date: token -> user row; one indexed range query
  (user_id, start) excluding tombstones, newest first; one query for the tag names; encode.
- GET  /api/v9/me/time_entries/current: token -> user; the running entry; its tag names; encode.
- GET  /api/v9/me: token -> user row; encode the profile.
- POST /api/v9/workspaces/{wid}/time_entries: token -> user; decode the body; ONE write
  transaction holding the auto-stop UPDATE of the running entry and the INSERT (a bare INSERT of
  a running entry would violate the one-running-entry-per-user index); tag names; encode.
  SQLite runs with journal_mode=WAL, synchronous=FULL, foreign_keys=ON, as Punchclock does.
- PATCH /api/v9/workspaces/{wid}/time_entries/{ids}: token -> user; one transaction with a
  single UPDATE ... WHERE id IN (ids) AND user_id = ?; encode {"success": [...], "failure": []}.

Drivers: sqlite3 and psycopg 3 run synchronously on the event loop (as Punchclock's handlers
do); asyncpg runs on the loop with a small pool.

Usage: python bench/floor.py --database-url URL --port N [--driver sqlite3|psycopg|asyncpg]
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import sqlite3
import time
from typing import Any
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import msgspec
from msgspec import UNSET, UnsetType

JSON = b"application/json; charset=utf-8"
DEFAULT_IMAGE_URL = "https://assets.track.toggl.com/images/profile.png"

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


# ---- wire types (same keys and order as Punchclock's TimeEntryOut / MeOut) ----------------


class EntryOut(msgspec.Struct):
    id: int
    workspace_id: int
    project_id: int | None
    task_id: int | None
    billable: bool
    start: str
    stop: str | None
    duration: int
    description: str | None
    tags: list[str]
    tag_ids: list[int]
    duronly: bool
    at: str
    server_deleted_at: str | None
    user_id: int
    uid: int | UnsetType = UNSET
    wid: int | UnsetType = UNSET
    pid: int | UnsetType = UNSET
    tid: int | UnsetType = UNSET


class MeOut(msgspec.Struct):
    id: int
    api_token: str
    email: str
    fullname: str
    timezone: str
    toggl_accounts_id: str
    default_workspace_id: int | None
    beginning_of_week: int
    image_url: str
    created_at: str
    updated_at: str
    openid_email: None
    openid_enabled: bool
    country_id: int | None
    has_password: bool
    at: str
    intercom_hash: None
    authorization_updated_at: str
    two_fa_enabled: bool = msgspec.field(default=False, name="2fa_enabled")


class CreateBody(msgspec.Struct, kw_only=True):
    workspace_id: int | None = None
    project_id: int | None = None
    task_id: int | None = None
    billable: bool = False
    description: str | None = None
    start: str | None = None
    duration: int | None = None
    tag_ids: list[int] = []
    created_with: str | None = None


class PatchOp(msgspec.Struct):
    op: str
    path: str
    value: Any = None


class BulkOut(msgspec.Struct):
    success: list[int]
    failure: list[Any]


_encoder = msgspec.json.Encoder(decimal_format="number")
_create_decoder = msgspec.json.Decoder(CreateBody)
_patch_decoder = msgspec.json.Decoder(list[PatchOp])


def format_seconds(seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(seconds))


def format_micros(micros: int) -> str:
    seconds, fraction = divmod(micros, 1_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{fraction:06d}Z"


def entry_out(row: Any, names: dict[int, str]) -> EntryOut:
    (id_, wid, uid, pid, tid, billable, description, start, stop, tags, at, deleted) = row
    tag_ids = [int(t) for t in tags.split(",")] if tags else []
    out = EntryOut(
        id=id_,
        workspace_id=wid,
        project_id=pid,
        task_id=tid,
        billable=bool(billable),
        start=format_seconds(start),
        stop=None if stop is None else format_seconds(stop),
        duration=-start if stop is None else stop - start,
        description=description,
        tags=[names.get(t, "") for t in tag_ids],
        tag_ids=tag_ids,
        duronly=True,
        at=format_micros(at),
        server_deleted_at=None if deleted is None else format_seconds(deleted // 1_000_000),
        user_id=uid,
        uid=uid,
        wid=wid,
    )
    if pid is not None:
        out.pid = pid
    if tid is not None:
        out.tid = tid
    return out


def tag_ids_of(rows: list[Any]) -> list[int]:
    found: set[int] = set()
    for row in rows:
        if row[9]:
            found.update(int(t) for t in row[9].split(","))
    return sorted(found)


_zones: dict[str, ZoneInfo] = {}


def local_midnight(day: str, zone: str) -> int:
    tz = _zones.get(zone)
    if tz is None:
        tz = _zones[zone] = ZoneInfo(zone)
    return int(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), tzinfo=tz).timestamp())


# ---- drivers --------------------------------------------------------------------------------


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


# ---- the ASGI app ---------------------------------------------------------------------------


class HTTPError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Floor:
    def __init__(self, driver: Any) -> None:
        self.db = driver

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        kind = scope["type"]
        if kind == "lifespan":
            await self._lifespan(receive, send)
            return
        if kind != "http":
            return
        try:
            status, body = await self._dispatch(scope, receive)
        except HTTPError as error:
            status, body = error.status, _encoder.encode(error.message)
        headers = [(b"content-type", JSON), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.db.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.db.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _dispatch(self, scope: dict[str, Any], receive: Any) -> tuple[int, bytes]:
        method = scope["method"]
        path = scope["path"]
        if not path.startswith("/api/v9/"):
            raise HTTPError(404, "Not found")
        rest = path[8:]
        if method == "GET":
            if rest == "me/time_entries":
                return await self.list(scope)
            if rest == "me/time_entries/current":
                return await self.current(scope)
            if rest == "me":
                return await self.me(scope)
        parts = rest.split("/")
        if len(parts) >= 3 and parts[0] == "workspaces" and parts[2] == "time_entries":
            if method == "POST" and len(parts) == 3:
                return await self.create(scope, int(parts[1]), await _body(receive))
            if method == "PATCH" and len(parts) == 4:
                return await self.bulk(scope, parts[3], await _body(receive))
        raise HTTPError(404, "Not found")

    async def _user(self, scope: dict[str, Any]) -> Any:
        for name, value in scope["headers"]:
            if name == b"authorization":
                scheme, _, encoded = value.partition(b" ")
                if scheme.lower() != b"basic":
                    break
                token, _, password = base64.b64decode(encoded).decode().partition(":")
                if password != "api_token":
                    break
                user = await self.db.user(token)
                if user is None:
                    break
                return user
        raise HTTPError(403, "Incorrect username and/or password")

    async def list(self, scope: dict[str, Any]) -> tuple[int, bytes]:
        user = await self._user(scope)
        params = dict(
            pair.split("=", 1) for pair in scope["query_string"].decode().split("&") if "=" in pair
        )
        zone = user[4]
        start = local_midnight(unquote(params["start_date"]), zone)
        end = local_midnight(unquote(params["end_date"]), zone)
        rows = await self.db.entries(user[0], start, end)
        names = await self.db.tag_names(tag_ids_of(rows))
        return 200, _encoder.encode([entry_out(row, names) for row in rows])

    async def current(self, scope: dict[str, Any]) -> tuple[int, bytes]:
        user = await self._user(scope)
        row = await self.db.running(user[0])
        if row is None:
            return 200, b"null"
        names = await self.db.tag_names(tag_ids_of([row]))
        return 200, _encoder.encode(entry_out(row, names))

    async def me(self, scope: dict[str, Any]) -> tuple[int, bytes]:
        u = await self._user(scope)
        return 200, _encoder.encode(
            MeOut(
                id=u[0],
                api_token=u[1],
                email=u[2],
                fullname=u[3],
                timezone=u[4],
                toggl_accounts_id=u[5],
                default_workspace_id=u[6],
                beginning_of_week=u[7],
                image_url=u[8] or DEFAULT_IMAGE_URL,
                created_at=format_micros(u[9]),
                updated_at=format_micros(u[10]),
                openid_email=None,
                openid_enabled=False,
                country_id=u[11],
                has_password=u[12] is not None,
                at=format_micros(u[13]),
                intercom_hash=None,
                authorization_updated_at=format_micros(u[14]),
            )
        )

    async def create(self, scope: dict[str, Any], wid: int, body: bytes) -> tuple[int, bytes]:
        user = await self._user(scope)
        payload = _create_decoder.decode(body)
        now_us = time.time_ns() // 1000
        now_s = now_us // 1_000_000
        start = now_s
        if payload.start:
            start = int(dt.datetime.fromisoformat(payload.start).timestamp())
        running = payload.duration is None or payload.duration < 0
        stop = None if running else start + (payload.duration or 0)
        tags = ",".join(str(t) for t in payload.tag_ids)
        new_id = await self.db.create(
            (now_s, now_us, user[0]),
            (
                wid,
                user[0],
                payload.project_id,
                payload.task_id,
                payload.billable,
                payload.description,
                start,
                stop,
                tags,
                payload.created_with,
                now_us,
                now_us,
            ),
        )
        row = (
            new_id,
            wid,
            user[0],
            payload.project_id,
            payload.task_id,
            payload.billable,
            payload.description,
            start,
            stop,
            tags,
            now_us,
            None,
        )
        names = await self.db.tag_names(sorted(set(payload.tag_ids)))
        return 200, _encoder.encode(entry_out(row, names))

    async def bulk(self, scope: dict[str, Any], raw_ids: str, body: bytes) -> tuple[int, bytes]:
        user = await self._user(scope)
        ids = [int(part) for part in raw_ids.split(",") if part]
        description = ""
        for op in _patch_decoder.decode(body):
            if op.path == "/description":
                description = str(op.value)
        done = await self.db.bulk(user[0], ids, description, time.time_ns() // 1000)
        return 200, _encoder.encode(BulkOut(success=done, failure=[]))


async def _body(receive: Any) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def main() -> None:
    parser = argparse.ArgumentParser(description="Punchclock benchmark floor server")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--driver", choices=sorted(DRIVERS))
    args = parser.parse_args()
    driver = args.driver or ("sqlite3" if args.database_url.startswith("sqlite") else "psycopg")
    import uvicorn

    # The same uvicorn.run call as punchclock.server.serve with one worker.
    uvicorn.run(
        Floor(DRIVERS[driver](args.database_url)),
        host=args.host,
        port=args.port,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
