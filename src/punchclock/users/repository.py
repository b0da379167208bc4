"""SQL for users (the only place that touches the users table)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select, text, update

from punchclock.db import driver_sql
from punchclock.db.schema import users
from punchclock.users.models import User

_COLUMNS = [users.c[name] for name in User.__struct_fields__]
_SELECT = "SELECT " + ", ".join(User.__struct_fields__) + " FROM users"
_BY_TOKEN_SQL = _SELECT + " WHERE api_token = ?"
_BY_EMAIL_SQL = _SELECT + " WHERE email = ?"


def _to_user(row: Any) -> User:
    return User(*row)


class UserRepository:
    """Reads and writes users on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, user_id: int) -> User | None:
        """The user with this id."""
        row = self.conn.execute(select(*_COLUMNS).where(users.c.id == user_id)).first()
        return _to_user(row) if row else None

    def get_by_email(self, email: str) -> User | None:
        """The user with this email (emails are stored lower-cased)."""
        row = driver_sql.fetch_one(self.conn, _BY_EMAIL_SQL, (email.strip().lower(),))
        return _to_user(row) if row else None

    def get_by_token(self, token: str) -> User | None:
        """The user owning this API token (every token-authenticated request asks)."""
        row = driver_sql.fetch_one(self.conn, _BY_TOKEN_SQL, (token,))
        return _to_user(row) if row else None

    def get_many(self, user_ids: list[int]) -> dict[int, User]:
        """Users by id."""
        if not user_ids:
            return {}
        sql = f"{_SELECT} WHERE id IN ({driver_sql.placeholders(len(user_ids))})"
        return {row[0]: _to_user(row) for row in driver_sql.fetch_all(self.conn, sql, user_ids)}

    def email_taken(self, email: str, *, except_user_id: int | None = None) -> bool:
        """Whether another user already has this email."""
        query = select(func.count()).where(users.c.email == email.strip().lower())
        if except_user_id is not None:
            query = query.where(users.c.id != except_user_id)
        return bool(self.conn.execute(query).scalar_one())

    def token_taken(self, token: str) -> bool:
        """Whether any user has this API token."""
        query = select(func.count()).where(users.c.api_token == token)
        return bool(self.conn.execute(query).scalar_one())

    def any_exists(self) -> bool:
        """Whether the database holds any user at all (first run: it holds none)."""
        return self.conn.execute(select(users.c.id).limit(1)).first() is not None

    def lock_table(self) -> None:
        """Serialise account creation with other writers (PostgreSQL; SQLite's write lock does)."""
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(text("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE"))

    def insert(self, values: dict[str, Any]) -> int:
        """Insert a user row and return its id."""
        values = {**values, "email": values["email"].strip().lower()}
        result = self.conn.execute(insert(users).values(**values).returning(users.c.id))
        return int(result.scalar_one())

    def update(self, user_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one user."""
        if "email" in values:
            values = {**values, "email": values["email"].strip().lower()}
        self.conn.execute(update(users).where(users.c.id == user_id).values(**values))
