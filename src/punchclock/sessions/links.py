"""One-time sign-in links: how a person added without an account sets a password."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.sessions import rules
from punchclock.sessions.link_repository import SignInLinkRepository

# No mail server is assumed: the admin passes the link on by hand, which may take days.
LINK_LIFETIME_SECONDS = 7 * 24 * 3600
WELCOME_PATH = "/welcome/"


class LinkHolder(NamedTuple):
    """Whom a link signs in, and the admin who made it."""

    user_id: int
    created_by: int


class SignInLinkService:
    """Links that sign one person in once: a random token in the URL, its hash in the table."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.clock = clock
        self.repo = SignInLinkRepository(conn)

    def create(self, user_id: int, created_by: int) -> str:
        """A new link token for a user; any earlier link of theirs stops working."""
        now = self.clock.now_us()
        # Ended links go when a new one is made: no background job is needed for them.
        self.repo.delete_expired(now)
        self.repo.delete_for_user(user_id)
        token = rules.new_token()
        expires_at = now + LINK_LIFETIME_SECONDS * 1_000_000
        self.repo.insert(rules.token_hash(token), user_id, created_by, now, expires_at)
        return token

    def holder(self, token: str) -> LinkHolder | None:
        """Whom a live link signs in and who made it, or None (unknown, used or expired)."""
        if not _plausible(token):
            return None
        found = self.repo.live(rules.token_hash(token), self.clock.now_us())
        return LinkHolder(*found) if found else None

    def redeem(self, token: str) -> LinkHolder | None:
        """Use a link up: whom it signs in, or None when it is unknown, used or expired."""
        if not _plausible(token):
            return None
        found = self.repo.take(rules.token_hash(token), self.clock.now_us())
        return LinkHolder(*found) if found else None

    def revoke(self, user_id: int) -> None:
        """End every link of a user."""
        self.repo.delete_for_user(user_id)


def _plausible(token: str) -> bool:
    # Hashing an arbitrarily long path segment is wasted work: real tokens have 43 characters.
    return 0 < len(token) <= 200
