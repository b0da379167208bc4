"""Fixtures for tests that drive real server processes on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engines import PostgresDatabase, engines


@pytest.fixture(params=engines())
def live_database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_database: PostgresDatabase | None
) -> Iterator[str]:
    """An empty database for a live server: a new SQLite file, or the emptied session database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'live.db'}"
        return
    if postgres_database is None:
        pytest.skip("PostgreSQL is not available (set CI=true to make this a failure)")
    postgres_database.empty()
    yield postgres_database.url
