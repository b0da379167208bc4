"""SQL for web sessions and failed sign-ins (the only place that touches their tables)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select, update

from punchclock.db.savepoints import unless_duplicate
from punchclock.db.schema import sign_in_failures, web_sessions
from punchclock.sessions.models import WebSession

_COLUMNS = (
    web_sessions.c.id,
    web_sessions.c.user_id,
    web_sessions.c.csrf_token,
    web_sessions.c.expires_at,
)


class SessionRepository:
    """Reads and writes web sessions on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def insert(
        self, token_hash: str, user_id: int, csrf_token: str, created_at: int, expires_at: int
    ) -> int:
        """Store a session; its id."""
        result = self.conn.execute(
            insert(web_sessions)
            .values(
                token_hash=token_hash,
                user_id=user_id,
                csrf_token=csrf_token,
                created_at=created_at,
                expires_at=expires_at,
            )
            .returning(web_sessions.c.id)
        )
        return int(result.scalar_one())

    def by_token_hash(self, token_hash: str) -> WebSession | None:
        """The session with this token hash, expired or not."""
        row = self.conn.execute(
            select(*_COLUMNS).where(web_sessions.c.token_hash == token_hash)
        ).first()
        return WebSession(*row) if row else None

    def delete(self, session_id: int) -> None:
        """Remove one session."""
        self.conn.execute(delete(web_sessions).where(web_sessions.c.id == session_id))

    def delete_for_user(self, user_id: int, *, except_id: int | None = None) -> None:
        """Remove a user's sessions (all, or all but one)."""
        query = delete(web_sessions).where(web_sessions.c.user_id == user_id)
        if except_id is not None:
            query = query.where(web_sessions.c.id != except_id)
        self.conn.execute(query)

    def delete_expired(self, now_us: int) -> None:
        """Remove sessions that have ended."""
        self.conn.execute(delete(web_sessions).where(web_sessions.c.expires_at <= now_us))


class FailureRepository:
    """Counts of failed sign-ins by key (an account or an address)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, keys: list[str]) -> dict[str, tuple[int, int]]:
        """(failures, last failure at) per key that has any."""
        rows = self.conn.execute(
            select(
                sign_in_failures.c.key,
                sign_in_failures.c.failures,
                sign_in_failures.c.last_failure_at,
            ).where(sign_in_failures.c.key.in_(keys))
        )
        return {key: (failures, at) for key, failures, at in rows}

    def record(self, key: str, failures: int, at: int) -> None:
        """Set a key's count and time, inserting its row when it has none."""
        changed = self.conn.execute(
            update(sign_in_failures)
            .where(sign_in_failures.c.key == key)
            .values(failures=failures, last_failure_at=at)
        ).rowcount
        if changed:
            return
        stored = unless_duplicate(
            self.conn,
            lambda: self.conn.execute(
                insert(sign_in_failures).values(key=key, failures=failures, last_failure_at=at)
            ),
        )
        if stored is None:
            # A concurrent failure inserted it first: count this one on top.
            self.conn.execute(
                update(sign_in_failures)
                .where(sign_in_failures.c.key == key)
                .values(failures=sign_in_failures.c.failures + 1, last_failure_at=at)
            )

    def uncount(self, key: str) -> None:
        """One failure fewer for a key (none below zero)."""
        self.conn.execute(
            update(sign_in_failures)
            .where(sign_in_failures.c.key == key, sign_in_failures.c.failures > 0)
            .values(failures=sign_in_failures.c.failures - 1)
        )

    def delete_older_than(self, before_us: int) -> None:
        """Forget keys whose last failure is older than this."""
        self.conn.execute(
            delete(sign_in_failures).where(sign_in_failures.c.last_failure_at <= before_us)
        )

    def clear(self, key: str) -> None:
        """Forget a key's failures."""
        self.conn.execute(delete(sign_in_failures).where(sign_in_failures.c.key == key))
