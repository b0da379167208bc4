"""Empty databases (no schema at all) on each engine, for migration tests."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.engines import PostgresDatabase, engines, postgres_admin_url


@pytest.fixture(params=engines())
def empty_database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_database: PostgresDatabase | None
) -> Iterator[str]:
    """A database without any tables."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    if postgres_database is None:
        pytest.skip("PostgreSQL is not available (set CI=true to make this a failure)")
    admin = postgres_admin_url()
    name = f"{postgres_database.name}_m{secrets.token_hex(3)}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
