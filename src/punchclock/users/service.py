"""Account rules: creating users, profile changes, password and token management."""

from __future__ import annotations

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
        now = self.clock.now_us()
        user_id = self.repo.insert(
            {
                "email": email,
                "fullname": fullname,
                "password_hash": password_hash or hash_password(password),
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
        self, user: User, changes: ProfileChanges, *, memberships: MembershipLookup
    ) -> User:
        """Apply PUT /me; every error text is Toggl's."""
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
            values.update(self._password_change(user, changes))
            values["authorization_updated_at"] = now
        if values:
            values.update(updated_at=now, at=now, toggl_accounts_updated_at=now)
            self.repo.update(user.id, values)
        return self._get(user.id)

    def _password_change(self, user: User, changes: ProfileChanges) -> dict[str, Any]:
        if changes.current_password is msgspec.UNSET or not changes.current_password:
            raise BadRequest("Current password must be present to change password")
        if user.password_hash is None or not verify_password(
            user.password_hash, changes.current_password
        ):
            raise BadRequest("Current password is not valid")
        assert changes.password is not msgspec.UNSET
        if len(changes.password) < MIN_PASSWORD_LENGTH:
            raise BadRequest("Password should be at least 6 characters")
        return {"password_hash": hash_password(changes.password)}

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
