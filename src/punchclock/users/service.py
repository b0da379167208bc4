"""Account rules: creating users, profile changes, password and token management."""

from __future__ import annotations

import hmac
from typing import Any

import msgspec
from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.errors import BadRequest
from punchclock.ids import is_api_token, new_api_token, new_toggl_accounts_id
from punchclock.users.dependents import MembershipLookup
from punchclock.users.models import User
from punchclock.users.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from punchclock.users.repository import UserRepository
from punchclock.users.rules import clean_email, is_valid_fullname, is_valid_timezone

CURRENT_PASSWORD_INVALID = "Current password is not valid"
PASSWORD_ALREADY_SET = "This account already has a password"


class ProfileChanges(msgspec.Struct, kw_only=True):
    """Fields a user may change on themselves (PUT /me); UNSET means unchanged."""

    fullname: str | msgspec.UnsetType = msgspec.UNSET
    email: str | msgspec.UnsetType = msgspec.UNSET
    timezone: str | msgspec.UnsetType = msgspec.UNSET
    beginning_of_week: int | msgspec.UnsetType = msgspec.UNSET
    country_id: int | msgspec.UnsetType | None = msgspec.UNSET
    default_workspace_id: int | msgspec.UnsetType = msgspec.UNSET
    current_password: str | msgspec.UnsetType = msgspec.UNSET
    password: str | msgspec.UnsetType = msgspec.UNSET


class UserService:
    """Creates users and applies profile changes."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.repo = UserRepository(conn)
        self.clock = clock

    def create_user(
        self,
        *,
        email: str,
        password: str,
        fullname: str,
        timezone: str = "UTC",
        api_token: str | None = None,
        password_hash: str | None = None,
    ) -> User:
        """A new user without any workspace yet (sign-up gives them their first one).

        `password_hash`, when given, is `password` already hashed: a caller on the event loop
        hashes in a thread (argon2 takes ~0.2 s) and passes both, so the rules still see the
        password.
        """
        email = clean_email(email)
        if self.repo.email_taken(email):
            raise BadRequest("user with this email already exists")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise BadRequest("Password should be at least 6 characters")
        if not is_valid_fullname(fullname):
            raise BadRequest("Invalid fullname")
        if not is_valid_timezone(timezone):
            raise BadRequest("Invalid timezone")
        if api_token is not None:
            if not is_api_token(api_token):
                raise BadRequest("API token must be 32 lowercase hexadecimal characters")
            if self.repo.token_taken(api_token):
                raise BadRequest("API token is already in use")
        return self._insert(
            email, fullname, timezone, password_hash or hash_password(password), api_token
        )

    def create_without_password(self, *, email: str, fullname: str, timezone: str = "UTC") -> User:
        """A user an admin adds by email: no password until they follow a sign-in link."""
        email = clean_email(email)
        if self.repo.email_taken(email):
            raise BadRequest("user with this email already exists")
        if not is_valid_fullname(fullname):
            raise BadRequest("Invalid fullname")
        if not is_valid_timezone(timezone):
            raise BadRequest("Invalid timezone")
        return self._insert(email, fullname, timezone, None, None)

    def set_first_password(self, user_id: int, *, password: str, password_hash: str) -> User:
        """The first password of a user added without one (`password_hash` hashes `password`)."""
        user = self._get(user_id)
        if user.password_hash is not None:
            raise BadRequest(PASSWORD_ALREADY_SET)
        if len(password) < MIN_PASSWORD_LENGTH:
            raise BadRequest("Password should be at least 6 characters")
        now = self.clock.now_us()
        self.repo.update(
            user_id,
            {
                "password_hash": password_hash,
                "authorization_updated_at": now,
                "updated_at": now,
                "at": now,
                "toggl_accounts_updated_at": now,
            },
        )
        return self._get(user_id)

    def _insert(
        self,
        email: str,
        fullname: str,
        timezone: str,
        password_hash: str | None,
        api_token: str | None,
    ) -> User:
        now = self.clock.now_us()
        user_id = self.repo.insert(
            {
                "email": email,
                "fullname": fullname,
                "password_hash": password_hash,
                "api_token": api_token or new_api_token(),
                "toggl_accounts_id": new_toggl_accounts_id(),
                "timezone": timezone,
                "beginning_of_week": 1,
                "created_at": now,
                "updated_at": now,
                "at": now,
                "authorization_updated_at": now,
                "toggl_accounts_updated_at": now,
            }
        )
        return self._get(user_id)

    def any_exists(self) -> bool:
        """Whether any account exists."""
        return self.repo.any_exists()

    def lock_accounts(self) -> None:
        """Hold off other account creations until this transaction ends."""
        self.repo.lock_table()

    def set_default_workspace(self, user_id: int, workspace_id: int) -> User:
        """Record the workspace a new user starts in (no profile stamp moves: nothing changed)."""
        self.repo.update(user_id, {"default_workspace_id": workspace_id})
        return self._get(user_id)

    def find_by_email(self, email: str | None) -> User | None:
        """The user with this address; 400 "Invalid email" when it is not a plausible one."""
        return self.repo.get_by_email(clean_email(email))

    def update_profile(
        self,
        user: User,
        changes: ProfileChanges,
        *,
        memberships: MembershipLookup,
        password_hash: str | None = None,
        verified_hash: str | None = None,
    ) -> User:
        """Apply PUT /me; every error text is Toggl's.

        A caller on the event loop runs argon2 in a thread beforehand (~0.2 s each) and passes
        `password_hash` (`changes.password` hashed) and `verified_hash` (the stored hash it
        checked `changes.current_password` against): then `user` must still have that hash.
        """
        values: dict[str, Any] = {}
        if changes.fullname is not msgspec.UNSET:
            if not is_valid_fullname(changes.fullname):
                raise BadRequest("Invalid fullname")
            values["fullname"] = changes.fullname
        if changes.email is not msgspec.UNSET:
            email = clean_email(changes.email)
            if self.repo.email_taken(email, except_user_id=user.id):
                raise BadRequest("user with this email already exists")
            values["email"] = email
        if changes.timezone is not msgspec.UNSET:
            if not is_valid_timezone(changes.timezone):
                raise BadRequest("Invalid timezone")
            values["timezone"] = changes.timezone
        if changes.beginning_of_week is not msgspec.UNSET:
            if not 0 <= changes.beginning_of_week <= 6:
                raise BadRequest("Invalid beginning_of_week")
            values["beginning_of_week"] = changes.beginning_of_week
        if changes.country_id is not msgspec.UNSET:
            if changes.country_id is not None and not 0 < changes.country_id < 1_000_000:
                raise BadRequest("Invalid country_id")
            values["country_id"] = changes.country_id
        if changes.default_workspace_id is not msgspec.UNSET:
            if not memberships.is_member(user.id, changes.default_workspace_id):
                raise BadRequest("Invalid default_workspace_id")
            values["default_workspace_id"] = changes.default_workspace_id
        now = self.clock.now_us()
        if changes.password is not msgspec.UNSET:
            values.update(self._password_change(user, changes, password_hash, verified_hash))
            values["authorization_updated_at"] = now
        if values:
            values.update(updated_at=now, at=now, toggl_accounts_updated_at=now)
            self.repo.update(user.id, values)
        return self._get(user.id)

    def _password_change(
        self,
        user: User,
        changes: ProfileChanges,
        password_hash: str | None,
        verified_hash: str | None,
    ) -> dict[str, Any]:
        if changes.current_password is msgspec.UNSET or not changes.current_password:
            raise BadRequest("Current password must be present to change password")
        stored = user.password_hash
        if stored is None:
            raise BadRequest(CURRENT_PASSWORD_INVALID)
        if verified_hash is not None:
            # Checked by the caller; a hash that changed since then must not be checked here,
            # inside the transaction: the password was changed meanwhile, so ask again.
            if not hmac.compare_digest(verified_hash, stored):
                raise BadRequest(CURRENT_PASSWORD_INVALID)
        elif not verify_password(stored, changes.current_password):
            raise BadRequest(CURRENT_PASSWORD_INVALID)
        assert changes.password is not msgspec.UNSET
        if len(changes.password) < MIN_PASSWORD_LENGTH:
            raise BadRequest("Password should be at least 6 characters")
        return {"password_hash": password_hash or hash_password(changes.password)}

    def reset_token(self, user: User) -> str:
        """A fresh API token; the old one stops working at once."""
        token = new_api_token()
        now = self.clock.now_us()
        self.repo.update(
            user.id,
            {"api_token": token, "authorization_updated_at": now, "updated_at": now, "at": now},
        )
        return token

    def _get(self, user_id: int) -> User:
        user = self.repo.get(user_id)
        assert user is not None
        return user
