"""What other domains may ask about users (names and account ids shown beside their things)."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.users.models import User
from punchclock.users.repository import UserRepository


class UserLookup:
    """Read-only answers about users, without access checks (callers hold theirs)."""

    def __init__(self, conn: Connection) -> None:
        self.repo = UserRepository(conn)

    def many(self, user_ids: list[int]) -> dict[int, User]:
        """Users by id."""
        return self.repo.get_many(user_ids) if user_ids else {}

    def any_exists(self) -> bool:
        """Whether any account exists (the web app's first run creates the first one)."""
        return self.repo.any_exists()

    def get(self, user_id: int) -> User | None:
        """One user by id."""
        return self.repo.get(user_id)
