"""Who is calling: Basic auth with email:password or <token>:api_token."""

from __future__ import annotations

import anyio.to_thread

from punchclock.db.engine import Database
from punchclock.errors import WRONG_CREDENTIALS, Forbidden
from punchclock.users.models import User
from punchclock.users.passwords import CredentialCache, verify_password
from punchclock.users.repository import UserRepository

TOKEN_PASSWORD = "api_token"


class Authenticator:
    """Resolves Basic credentials to a user, or raises Forbidden with Toggl's text."""

    def __init__(self, db: Database, cache: CredentialCache) -> None:
        self.db = db
        self.cache = cache

    def _load(self, username: str, password: str) -> User | None:
        # A short read of its own, outside the request's unit of work, so that the slow
        # password check below never runs while a write transaction is open.
        with self.db.engine.connect() as conn:
            repo = UserRepository(conn)
            if password == TOKEN_PASSWORD:
                return repo.get_by_token(username)
            return repo.get_by_email(username)

    async def authenticate(self, username: str, password: str) -> User:
        """The user behind these credentials."""
        user = self._load(username, password)
        if user is None:
            raise Forbidden(WRONG_CREDENTIALS)
        if password == TOKEN_PASSWORD:
            return user
        if user.password_hash is None:
            raise Forbidden(WRONG_CREDENTIALS)
        stamp = user.authorization_updated_at
        if self.cache.is_verified(user.email, password, user.password_hash, stamp):
            return user
        # argon2 takes tens of milliseconds: keep it off the event loop.
        ok = await anyio.to_thread.run_sync(verify_password, user.password_hash, password)
        if not ok:
            raise Forbidden(WRONG_CREDENTIALS)
        self.cache.remember(user.email, password, user.password_hash, stamp)
        return user
