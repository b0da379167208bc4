"""SQL for time entries: reads and writes of single entries and a user's lists."""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import Connection, and_, delete, func, insert, select

from punchclock.db import driver_sql
from punchclock.db.schema import time_entries, time_entry_shares, users
from punchclock.time_entries.models import ListQuery, TimeEntry

# Every read selects these columns in this order (see _row).
_SELECT = (
    "SELECT id, workspace_id, user_id, project_id, task_id, billable, description, start, stop,"
    " tag_ids, at, server_deleted_at FROM time_entries"
)
_NEWEST_FIRST = " ORDER BY start DESC, id DESC"
_BY_ID = _SELECT + " WHERE id = ?"
_RUNNING = _SELECT + " WHERE user_id = ? AND stop IS NULL AND server_deleted_at IS NULL"
# The newest `at` and the running entry (if any) in one statement: a create needs both.
_LATEST_AT_AND_RUNNING = (
    "SELECT m.latest, te.id, te.workspace_id, te.user_id, te.project_id, te.task_id,"
    " te.billable, te.description, te.start, te.stop, te.tag_ids, te.at, te.server_deleted_at"
    " FROM (SELECT max(at) AS latest FROM time_entries WHERE user_id = ?) m"
    " LEFT JOIN time_entries te"
    " ON te.user_id = ? AND te.stop IS NULL AND te.server_deleted_at IS NULL"
)
_RECENT = (
    _SELECT
    + " WHERE user_id = ? AND server_deleted_at IS NULL AND (start >= ? OR stop IS NULL)"
    + _NEWEST_FIRST
    + " LIMIT ?"
)
_LATEST_AT = "SELECT max(at) FROM time_entries WHERE user_id = ?"
# Not combined with the max(at) read: in READ COMMITTED one statement has one snapshot, taken
# before it waits for the lock, so it would miss entries the previous lock holder committed.
_LOCK_USER = "SELECT id FROM users WHERE id = ? FOR UPDATE"
# The columns a write may set; anything else is a programming error, never user input.
_WRITABLE = frozenset(
    {
        "workspace_id",
        "user_id",
        "project_id",
        "task_id",
        "billable",
        "description",
        "start",
        "stop",
        "tag_ids",
        "created_with",
        "created_at",
        "at",
        "server_deleted_at",
    }
)


def encode_tag_ids(tag_ids: list[int]) -> str:
    """The stored form of an ordered tag id list."""
    return ",".join(str(tag_id) for tag_id in tag_ids)


def _ceil_seconds(microseconds: int) -> int:
    # Starts are whole seconds: start * 10**6 >= t  <=>  start >= ceil(t / 10**6).
    return -(-microseconds // 1_000_000)


def _row(row: Any) -> TimeEntry:
    (id_, wid, uid, pid, tid, billable, description, start, stop, tags, at, deleted) = row
    return TimeEntry(
        id_,
        wid,
        uid,
        pid,
        tid,
        bool(billable),
        description,
        start,
        stop,
        [int(t) for t in tags.split(",")] if tags else [],
        at,
        deleted,
    )


def _columns(values: dict[str, Any]) -> list[str]:
    names = list(values)
    if not _WRITABLE.issuperset(names):
        raise ValueError(f"not writable: {sorted(set(names) - _WRITABLE)}")
    return names


class TimeEntryRepository:
    """Reads and writes time entries on one connection.

    Statements run on the driver cursor (punchclock.db.driver_sql): these are the hottest queries.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        # Users whose row this transaction has locked (PostgreSQL); see `lock_user`.
        self._locked: set[int] = set()

    def get(self, entry_id: int) -> TimeEntry | None:
        """An entry by id, deleted or not."""
        row = driver_sql.fetch_one(self.conn, _BY_ID, (entry_id,))
        return _row(row) if row else None

    def get_many(self, entry_ids: list[int]) -> dict[int, TimeEntry]:
        """Entries by id, deleted or not."""
        if not entry_ids:
            return {}
        sql = f"{_SELECT} WHERE id IN ({driver_sql.placeholders(len(entry_ids))})"
        return {row[0]: _row(row) for row in driver_sql.fetch_all(self.conn, sql, entry_ids)}

    def running_for_user(self, user_id: int) -> TimeEntry | None:
        """The user's running entry (at most one: a unique index guarantees it)."""
        row = driver_sql.fetch_one(self.conn, _RUNNING, (user_id,))
        return _row(row) if row else None

    def list_for_user(self, user_id: int, query: ListQuery, limit: int | None) -> list[TimeEntry]:
        """The user's entries for a list query, newest first."""
        conditions = ["user_id = ?"]
        params: list[Any] = [user_id]
        if query.since is not None:
            # `since` sync returns tombstones too.
            conditions.append("at > ?")
            params.append(query.since)
        else:
            conditions.append("server_deleted_at IS NULL")
        for bound, clause in (
            (query.before, "start < ?"),
            (query.start, "start >= ?"),
            (query.end, "start < ?"),
        ):
            if bound is not None:
                conditions.append(clause)
                params.append(_ceil_seconds(bound))
        sql = f"{_SELECT} WHERE {' AND '.join(conditions)}{_NEWEST_FIRST}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_row(row) for row in driver_sql.fetch_all(self.conn, sql, params)]

    def recent_for_user(self, user_id: int, start_from: int, limit: int) -> list[TimeEntry]:
        """Live entries starting at or after `start_from` (seconds) plus the running one."""
        rows = driver_sql.fetch_all(self.conn, _RECENT, (user_id, start_from, limit))
        return [_row(row) for row in rows]

    def latest_at_for_user(self, user_id: int) -> int:
        """The newest `at` among the user's entries (0 when none)."""
        row = driver_sql.fetch_one(self.conn, _LATEST_AT, (user_id,))
        return int(row[0] or 0) if row else 0

    def latest_at_and_running(self, user_id: int) -> tuple[int, TimeEntry | None]:
        """The user's newest `at` (0 when none) and their running entry, in one round trip."""
        row = driver_sql.fetch_one(self.conn, _LATEST_AT_AND_RUNNING, (user_id, user_id))
        if row is None:
            return 0, None
        latest = int(row[0] or 0)
        return latest, (_row(row[1:]) if row[1] is not None else None)

    def insert(self, values: dict[str, Any]) -> int:
        """Store a new entry and return its id."""
        names = _columns(values)
        sql = (
            f"INSERT INTO time_entries ({', '.join(names)})"
            f" VALUES ({driver_sql.placeholders(len(names))}) RETURNING id"
        )
        row = driver_sql.fetch_one(self.conn, sql, list(values.values()))
        assert row is not None
        return int(row[0])

    def update(self, entry_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one entry."""
        names = _columns(values)
        sql = f"UPDATE time_entries SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?"
        driver_sql.execute(self.conn, sql, [*values.values(), entry_id])

    def stop_running(self, user_id: int, stop: int, at: int) -> int | None:
        """Stop the user's running entry at `stop` (never before its start); its id, if any."""
        running = self.running_for_user(user_id)
        if running is None:
            return None
        self.stop_entry(running, stop, at)
        return running.id

    def stop_entry(self, running: TimeEntry, stop: int, at: int) -> None:
        """Stop a running entry at `stop`, never before its start."""
        self.update(running.id, {"stop": max(stop, running.start), "at": at})

    def lock_user(self, user_id: int) -> bool:
        """Serialise time-entry writes per user; True when a lock was taken.

        PostgreSQL takes a row lock on the user until commit. SQLite needs none: every write
        transaction there holds the database write lock from its start (BEGIN IMMEDIATE).
        A lock already held by this transaction is not taken again: in a bulk edit, one
        FOR UPDATE per entry inside its savepoint made PostgreSQL create a MultiXact per
        re-lock, and bulk PATCH of 50 ids spent ~100 ms waiting on them (bench/README.md).
        """
        if self.conn.dialect.name != "postgresql" or user_id in self._locked:
            return False
        driver_sql.fetch_one(self.conn, _LOCK_USER, (user_id,))
        self._locked.add(user_id)
        return True

    def forget_locks(self) -> None:
        """After a rollback to a savepoint: locks taken inside it were released."""
        self._locked.clear()

    def tracked_seconds(
        self, key: Literal["project_id", "task_id"], workspace_ids: list[int], ids: list[int]
    ) -> dict[int, int]:
        """Seconds of stopped, live entries per project or task (those without any are absent).

        Answered from the covering index on (key, stop, start, server_deleted_at) alone. No
        workspace condition: it made the planner scan the workspace's entries instead, and an
        entry's project and task are always of its own workspace.
        """
        if not ids or not workspace_ids:
            return {}
        column = time_entries.c[key]
        rows = self.conn.execute(
            select(column, func.sum(time_entries.c.stop - time_entries.c.start))
            .where(
                column.in_(ids),
                time_entries.c.stop.is_not(None),
                time_entries.c.server_deleted_at.is_(None),
            )
            .group_by(column)
        ).all()
        return {row[0]: int(row[1] or 0) for row in rows}

    def shares(self, entry_ids: list[int]) -> dict[int, list[tuple[int, str, bool]]]:
        """Who each entry is shared with: (user_id, fullname, accepted)."""
        if not entry_ids:
            return {}
        rows = self.conn.execute(
            select(
                time_entry_shares.c.time_entry_id,
                time_entry_shares.c.user_id,
                users.c.fullname,
                time_entry_shares.c.accepted,
            )
            .join(users, users.c.id == time_entry_shares.c.user_id)
            .where(time_entry_shares.c.time_entry_id.in_(entry_ids))
            .order_by(time_entry_shares.c.time_entry_id, time_entry_shares.c.user_id)
        ).all()
        result: dict[int, list[tuple[int, str, bool]]] = {}
        for entry_id, user_id, name, accepted in rows:
            result.setdefault(entry_id, []).append((user_id, name, bool(accepted)))
        return result

    def replace_shares(self, entry_id: int, user_ids: list[int], now: int) -> None:
        """Share the entry with exactly these users (keeping accepted flags of those kept)."""
        existing = {
            row[0]
            for row in self.conn.execute(
                select(time_entry_shares.c.user_id).where(
                    time_entry_shares.c.time_entry_id == entry_id
                )
            )
        }
        wanted = set(user_ids)
        if existing - wanted:
            self.conn.execute(
                delete(time_entry_shares).where(
                    and_(
                        time_entry_shares.c.time_entry_id == entry_id,
                        time_entry_shares.c.user_id.in_(existing - wanted),
                    )
                )
            )
        for user_id in sorted(wanted - existing):
            self.conn.execute(
                insert(time_entry_shares).values(
                    time_entry_id=entry_id, user_id=user_id, accepted=False, created_at=now
                )
            )
