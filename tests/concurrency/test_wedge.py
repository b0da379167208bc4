"""The wedge of issue 10: one failed request must never hold the database for the others.

Root cause reproduced here: a write request's unit of work opened its transaction (on SQLite,
`BEGIN IMMEDIATE`: the write lock) while authentication was still running. When authentication
then failed, Litestar had not yet registered the unit of work for clean-up, so the transaction
stayed open until the garbage collector finalised it, and the next writer waited in SQLite's
busy handler, on the event loop, for the full busy timeout: every request of the process froze.

These tests drive the ASGI app in one event loop, so the interleaving is deterministic.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from punchclock.app import create_app
from punchclock.clock import FrozenClock
from punchclock.config import Settings
from tests.conftest import API, Account

WRONG_TOKEN = "f" * 32


def _entry(wid: int, n: int = 0) -> dict[str, Any]:
    return {
        "created_with": "wedge-test",
        "workspace_id": wid,
        "start": "2026-11-27T10:00:00Z",
        "duration": 60 + n,
        "description": f"entry {n}",
    }


def _sqlite_path(settings: Settings) -> str | None:
    if not settings.is_sqlite:
        return None
    return settings.database_url.removeprefix("sqlite:///")


def _assert_write_lock_free(settings: Settings) -> None:
    """Nothing holds SQLite's write lock: another connection takes it without waiting."""
    path = _sqlite_path(settings)
    if path is None:
        return
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


# Requests that fail before the handler runs, in each way authentication can fail.
FAILING_WRITES: dict[str, Callable[[int], dict[str, Any]]] = {
    "wrong token": lambda wid: {"auth": (WRONG_TOKEN, "api_token")},
    "wrong password": lambda wid: {"auth": ("alice@example.com", "not-her-password")},
    "unknown email": lambda wid: {"auth": ("nobody@example.com", "whatever")},
    "no credentials": lambda wid: {},
    "undecodable credentials": lambda wid: {"headers": {"Authorization": "Basic %%%"}},
}


@pytest.mark.parametrize("failure", sorted(FAILING_WRITES))
def test_a_failed_write_leaves_no_transaction_and_no_connection(
    settings: Settings, clock: FrozenClock, alice: Account, failure: str
) -> None:
    app = create_app(settings, clock=clock)
    db = app.state.db
    request_options = FAILING_WRITES[failure](alice.workspace_id)

    async def scenario() -> int:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            response = await http.post(
                f"{API}/workspaces/{alice.workspace_id}/time_entries",
                json=_entry(alice.workspace_id),
                **request_options,
            )
            # Checked before the event loop runs anything else: nothing may be left for a
            # finaliser to clean up later.
            assert db.engine.pool.checkedout() == 0
            _assert_write_lock_free(settings)
            return response.status_code

    try:
        assert asyncio.run(scenario()) in (401, 403)
    finally:
        db.dispose()


def test_a_write_next_to_a_failed_one_is_not_blocked(
    settings: Settings, clock: FrozenClock, alice: Account
) -> None:
    """The interleaving that wedged the server: a failed write, then a good one, in flight."""
    app = create_app(settings, clock=clock)
    wid = alice.workspace_id

    async def scenario() -> tuple[list[int], float]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            url = f"{API}/workspaces/{wid}/time_entries"
            started = time.monotonic()
            responses = await asyncio.gather(
                http.post(url, json=_entry(wid, 1), auth=(WRONG_TOKEN, "api_token")),
                http.post(url, json=_entry(wid, 2), auth=alice.auth),
                http.post(url, json=_entry(wid, 3), auth=(WRONG_TOKEN, "api_token")),
                http.post(url, json=_entry(wid, 4), auth=alice.auth),
            )
            return [r.status_code for r in responses], time.monotonic() - started

    try:
        statuses, elapsed = asyncio.run(scenario())
        assert statuses == [403, 200, 403, 200]
        assert elapsed < 1.0
        _assert_write_lock_free(settings)
    finally:
        app.state.db.dispose()
