"""Shared fixtures: every test builds its own app on its own real database."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.app import create_app
from punchclock.clock import FrozenClock
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.db.migrate import upgrade
from punchclock.signup.service import SignupService
from punchclock.users.passwords import use_hash_parameters
from tests.engines import PostgresDatabase, engines, postgres_session, sqlite_copy

# 2026-11-27T12:00:00Z: tests run at a fixed instant unless they move the clock.
FROZEN_NOW_US = 1_795_780_800 * 1_000_000
API = "/api/v9"


@dataclass
class Account:
    """A seeded user: their id, token, default workspace and auth helpers."""

    id: int
    email: str
    password: str
    token: str
    workspace_id: int

    @property
    def auth(self) -> tuple[str, str]:
        """httpx auth tuple using the API token."""
        return (self.token, "api_token")

    @property
    def headers(self) -> dict[str, str]:
        """Authorization header using the API token."""
        raw = base64.b64encode(f"{self.token}:api_token".encode()).decode()
        return {"Authorization": f"Basic {raw}"}


@pytest.fixture(autouse=True)
def no_borrowed_event_loop(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests that are not browser tests run without Playwright's event loop.

    Playwright's sync API (tests/web, a session-wide browser) leaves its loop marked as running
    in the test thread; a later test of the same worker calling asyncio.run() would then fail.
    """
    loop = asyncio.events._get_running_loop()
    if loop is None or "playwright_browser" in request.fixturenames:
        yield
        return
    asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        asyncio.events._set_running_loop(loop)


@pytest.fixture
def clock() -> FrozenClock:
    """The app's clock, frozen at FROZEN_NOW_US."""
    return FrozenClock(FROZEN_NOW_US)


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> None:
    """argon2 at production cost takes ~0.2 s per hash; tests create many accounts."""
    use_hash_parameters(time_cost=1, memory_cost=1024)


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to head per session; tests get copies (migrating is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[PostgresDatabase | None]:
    """This session's own PostgreSQL database (None when unavailable outside CI)."""
    yield from postgres_session()


@pytest.fixture(params=engines())
def database_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    migrated_sqlite_template: Path,
    postgres_database: PostgresDatabase | None,
) -> str:
    """A fresh, migrated database for this test, on each engine in turn."""
    if request.param == "sqlite":
        return sqlite_copy(migrated_sqlite_template, tmp_path)
    if postgres_database is None:
        pytest.skip("PostgreSQL is not available (set CI=true to make this a failure)")
    postgres_database.empty()
    return postgres_database.url


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings for this test's app (fast durability: tests do not test power loss)."""
    return Settings(database_url=database_url, sqlite_synchronous="NORMAL")


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    """Direct database access for seeding and for checking stored state."""
    db = Database(settings)
    yield db
    db.dispose()


@pytest.fixture
def make_account(database: Database, clock: FrozenClock) -> Callable[..., Account]:
    """Create users (each with an organization and a default workspace)."""
    counter = iter(range(1, 10_000))

    def make(
        email: str | None = None,
        password: str = "secret-pass",
        fullname: str | None = None,
        timezone: str = "UTC",
        workspace_name: str | None = None,
    ) -> Account:
        n = next(counter)
        email = email or f"user{n}@example.com"
        with database.transaction(write=True) as conn:
            user = SignupService(conn, clock).create_account(
                email=email,
                password=password,
                fullname=fullname or f"User {n}",
                timezone=timezone,
                workspace_name=workspace_name,
            )
        assert user.default_workspace_id is not None
        return Account(user.id, user.email, password, user.api_token, user.default_workspace_id)

    return make


@pytest.fixture
def alice(make_account: Callable[..., Account]) -> Account:
    """The main test user."""
    return make_account(
        email="alice@example.com", fullname="Alice Tester", workspace_name="Alice WS"
    )


@pytest.fixture
def client(settings: Settings, clock: FrozenClock) -> Iterator[TestClient[Any]]:
    """An HTTP client for a fresh app on this test's database."""
    with TestClient(create_app(settings, clock=clock)) as test_client:
        yield test_client
