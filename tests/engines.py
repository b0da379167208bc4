"""Test databases for both engines: SQLite files and a per-session PostgreSQL database."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from punchclock.db.migrate import upgrade
from punchclock.db.schema import metadata

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def engines() -> list[str]:
    """Engines to run the suite on (PUNCHCLOCK_TEST_ENGINES, default both)."""
    raw = os.environ.get("PUNCHCLOCK_TEST_ENGINES", "sqlite,postgresql")
    return [name.strip() for name in raw.split(",") if name.strip()]


def postgres_admin_url() -> str:
    """The server to create test databases on (PUNCHCLOCK_TEST_POSTGRES_URL)."""
    return os.environ.get("PUNCHCLOCK_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def in_ci() -> bool:
    """CI=true makes PostgreSQL mandatory: no server means failure, not skip."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


class PostgresDatabase:
    """A database of its own for one test session, emptied between tests."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.name = f"punchclock_test_{os.getpid()}_{secrets.token_hex(4)}"
        self.url = make_url(admin_url).set(database=self.name).render_as_string(hide_password=False)
        # Children first, so TRUNCATE order never matters; CASCADE covers the rest.
        self.tables = [table.name for table in reversed(metadata.sorted_tables)]

    def create(self) -> None:
        """Create and migrate the session database."""
        with psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        upgrade(self.url)

    def empty(self) -> None:
        """Remove every row and restart ids, so each test starts from a fresh database."""
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"TRUNCATE {', '.join(self.tables)} RESTART IDENTITY CASCADE")

    def drop(self) -> None:
        """Drop the session database."""
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def postgres_session() -> Iterator[PostgresDatabase | None]:
    """The session's PostgreSQL database, or None (skip) when no server answers outside CI."""
    database = PostgresDatabase(postgres_admin_url())
    try:
        database.create()
    except psycopg.OperationalError as error:
        if in_ci():
            pytest.fail(f"CI=true but PostgreSQL is not available: {error}", pytrace=False)
        yield None
        return
    try:
        yield database
    finally:
        database.drop()


def sqlite_copy(template: Path, directory: Path) -> str:
    """A migrated SQLite database for one test, copied from the session template."""
    path = directory / "punchclock.db"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"
