"""SQL for time entries: reads and writes of single entries and a user's lists."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from punchclock.db.schema import time_entries, time_entry_shares, users
from punchclock.time_entries.models import ListQuery, TimeEntry

te = time_entries
_COLUMNS = (
    te.c.id,
    te.c.workspace_id,
    te.c.user_id,
    te.c.project_id,
    te.c.task_id,
    te.c.billable,
    te.c.description,
    te.c.start,
    te.c.stop,
    te.c.tag_ids,
    te.c.at,
    te.c.server_deleted_at,
)
_BASE = select(*_COLUMNS)
_NEWEST_FIRST = (te.c.start.desc(), te.c.id.desc())


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


class TimeEntryRepository:
    """Reads and writes time entries on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, entry_id: int) -> TimeEntry | None:
        """An entry by id, deleted or not."""
        row = self.conn.execute(_BASE.where(te.c.id == entry_id)).first()
        return _row(row) if row else None

    def get_many(self, entry_ids: list[int]) -> dict[int, TimeEntry]:
        """Entries by id, deleted or not."""
        if not entry_ids:
            return {}
        rows = self.conn.execute(_BASE.where(te.c.id.in_(entry_ids))).all()
        return {row[0]: _row(row) for row in rows}

    def running_for_user(self, user_id: int) -> TimeEntry | None:
        """The user's running entry (at most one: a unique index guarantees it)."""
        row = self.conn.execute(
            _BASE.where(
                te.c.user_id == user_id, te.c.stop.is_(None), te.c.server_deleted_at.is_(None)
            )
        ).first()
        return _row(row) if row else None

    def list_for_user(self, user_id: int, query: ListQuery, limit: int | None) -> list[TimeEntry]:
        """The user's entries for a list query, newest first."""
        conditions: list[Any] = [te.c.user_id == user_id]
        if query.since is not None:
            # `since` sync returns tombstones too.
            conditions.append(te.c.at > query.since)
        else:
            conditions.append(te.c.server_deleted_at.is_(None))
        if query.before is not None:
            conditions.append(te.c.start < _ceil_seconds(query.before))
        if query.start is not None:
            conditions.append(te.c.start >= _ceil_seconds(query.start))
        if query.end is not None:
            conditions.append(te.c.start < _ceil_seconds(query.end))
        statement = _BASE.where(*conditions).order_by(*_NEWEST_FIRST)
        if limit is not None:
            statement = statement.limit(limit)
        return [_row(row) for row in self.conn.execute(statement).all()]

    def recent_for_user(self, user_id: int, start_from: int, limit: int) -> list[TimeEntry]:
        """Live entries starting at or after `start_from` (seconds) plus the running one."""
        statement = (
            _BASE.where(
                te.c.user_id == user_id,
                te.c.server_deleted_at.is_(None),
                or_(te.c.start >= start_from, te.c.stop.is_(None)),
            )
            .order_by(*_NEWEST_FIRST)
            .limit(limit)
        )
        return [_row(row) for row in self.conn.execute(statement).all()]

    def latest_at_for_user(self, user_id: int) -> int:
        """The newest `at` among the user's entries (0 when none)."""
        value = self.conn.execute(
            select(func.max(te.c.at)).where(te.c.user_id == user_id)
        ).scalar_one()
        return int(value or 0)

    def insert(self, values: dict[str, Any]) -> int:
        """Store a new entry and return its id."""
        result = self.conn.execute(insert(te).values(**values).returning(te.c.id))
        return int(result.scalar_one())

    def update(self, entry_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one entry."""
        self.conn.execute(update(te).where(te.c.id == entry_id).values(**values))

    def stop_running(self, user_id: int, stop: int, at: int) -> int | None:
        """Stop the user's running entry at `stop` (never before its start); its id, if any."""
        running = self.running_for_user(user_id)
        if running is None:
            return None
        self.update(running.id, {"stop": max(stop, running.start), "at": at})
        return running.id

    def lock_user(self, user_id: int) -> bool:
        """Serialise time-entry writes per user; True when a lock was taken.

        PostgreSQL takes a row lock on the user until commit. SQLite needs none: every write
        transaction there holds the database write lock from its start (BEGIN IMMEDIATE).
        """
        if self.conn.dialect.name != "postgresql":
            return False
        self.conn.execute(select(users.c.id).where(users.c.id == user_id).with_for_update())
        return True

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
