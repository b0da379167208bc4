"""SQL for one-time sign-in links (the only place that touches their table)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from punchclock.db.schema import sign_in_links


class SignInLinkRepository:
    """Reads and writes sign-in links on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def insert(
        self, token_hash: str, user_id: int, created_by: int, created_at: int, expires_at: int
    ) -> None:
        """Store a link."""
        self.conn.execute(
            insert(sign_in_links).values(
                token_hash=token_hash,
                user_id=user_id,
                created_by=created_by,
                created_at=created_at,
                expires_at=expires_at,
            )
        )

    def live(self, token_hash: str, now_us: int) -> tuple[int, int] | None:
        """(user, who made the link) of the link with this hash, unless it has expired."""
        row = self.conn.execute(
            select(sign_in_links.c.user_id, sign_in_links.c.created_by).where(
                sign_in_links.c.token_hash == token_hash, sign_in_links.c.expires_at > now_us
            )
        ).first()
        return (int(row[0]), int(row[1])) if row else None

    def take(self, token_hash: str, now_us: int) -> tuple[int, int] | None:
        """Delete a live link and return (user, maker); None when another request took it."""
        found = self.live(token_hash, now_us)
        if found is None:
            return None
        # The row count decides between two requests that read the link at once.
        deleted = self.conn.execute(
            delete(sign_in_links).where(sign_in_links.c.token_hash == token_hash)
        ).rowcount
        return found if deleted == 1 else None

    def delete_for_user(self, user_id: int) -> None:
        """Remove every link of a user."""
        self.conn.execute(delete(sign_in_links).where(sign_in_links.c.user_id == user_id))

    def delete_expired(self, now_us: int) -> None:
        """Remove links that have ended."""
        self.conn.execute(delete(sign_in_links).where(sign_in_links.c.expires_at <= now_us))
