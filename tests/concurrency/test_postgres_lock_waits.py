"""PostgreSQL: sessions time out on locks and statements, so nothing waits forever."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from punchclock.app import create_app
from punchclock.clock import FrozenClock
from punchclock.config import Settings
from punchclock.db.engine import Database
from tests.conftest import API, Account
from tests.engines import PostgresDatabase


@pytest.fixture
def database_url(postgres_database: PostgresDatabase | None) -> str:
    """PostgreSQL only (CI=true fails when it is unreachable, tests/engines.py)."""
    if postgres_database is None:
        pytest.skip("PostgreSQL is not available (set CI=true to make this a failure)")
    postgres_database.empty()
    return postgres_database.url


def _entry(wid: int) -> dict[str, Any]:
    return {
        "created_with": "lock-test",
        "workspace_id": wid,
        "start": "2026-11-27T10:00:00Z",
        "duration": 60,
    }


def test_postgresql_sessions_have_lock_and_statement_timeouts(settings: Settings) -> None:
    db = Database(settings.with_overrides(lock_timeout_seconds=2.5, statement_timeout_seconds=7))
    try:
        with db.transaction(write=False) as conn:
            shown = {
                name: conn.execute(text(f"SHOW {name}")).scalar_one()
                for name in ("lock_timeout", "statement_timeout")
            }
        assert shown == {"lock_timeout": "2500ms", "statement_timeout": "7s"}
    finally:
        db.dispose()


def test_postgresql_gives_up_on_a_held_row_lock(
    settings: Settings, clock: FrozenClock, alice: Account, database: Database
) -> None:
    app = create_app(settings.with_overrides(lock_timeout_seconds=0.3), clock=clock)
    wid = alice.workspace_id

    async def scenario() -> tuple[int, float]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            started = time.monotonic()
            response = await http.post(
                f"{API}/workspaces/{wid}/time_entries", json=_entry(wid), auth=alice.auth
            )
            return response.status_code, time.monotonic() - started

    try:
        # Another process holds the owner's row lock that every time-entry write takes.
        with database.transaction(write=True) as holder:
            holder.execute(text("SELECT id FROM users WHERE id = :id FOR UPDATE"), {"id": alice.id})
            status, elapsed = asyncio.run(scenario())
    finally:
        app.state.db.dispose()
    assert status == 503
    assert elapsed < 1.5
