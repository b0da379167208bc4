"""SQLite: waiting for the write lock never stalls the event loop, and never lasts forever."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from sqlalchemy import text

from punchclock.app import create_app
from punchclock.clock import FrozenClock
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.db.unit_of_work import UnitOfWork
from tests.conftest import API, Account
from tests.engines import sqlite_copy


def _entry(wid: int) -> dict[str, Any]:
    return {
        "created_with": "lock-test",
        "workspace_id": wid,
        "start": "2026-11-27T10:00:00Z",
        "duration": 60,
    }


@pytest.fixture
def database_url(tmp_path: Path, migrated_sqlite_template: Path) -> str:
    """SQLite only: these tests hold the file's lock from outside, as another process would."""
    return sqlite_copy(migrated_sqlite_template, tmp_path)


@pytest.fixture
def sqlite_settings(settings: Settings) -> Settings:
    """The test's settings, on its SQLite file."""
    return settings


@pytest.fixture
def outside_writer(sqlite_settings: Settings) -> Iterator[sqlite3.Connection]:
    """Another process's connection to the same file (as a second worker or the CLI is)."""
    path = sqlite_settings.database_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def test_a_writer_waits_for_the_lock_without_blocking_reads(
    sqlite_settings: Settings,
    clock: FrozenClock,
    alice: Account,
    outside_writer: sqlite3.Connection,
) -> None:
    app = create_app(sqlite_settings, clock=clock)
    retries: list[int] = []
    app.state.db.on_busy_retry = lambda: retries.append(1)
    wid = alice.workspace_id

    async def scenario() -> tuple[int, list[float], float]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            outside_writer.execute("BEGIN IMMEDIATE")
            started = time.monotonic()
            write = asyncio.create_task(
                http.post(f"{API}/workspaces/{wid}/time_entries", json=_entry(wid), auth=alice.auth)
            )
            # While the write waits for the lock, reads on the same loop are answered.
            read_times = []
            for _ in range(5):
                before = time.monotonic()
                me = await http.get(f"{API}/me", auth=alice.auth)
                assert me.status_code == 200
                read_times.append(time.monotonic() - before)
                await asyncio.sleep(0.05)
            assert not write.done()
            outside_writer.execute("ROLLBACK")
            response = await write
            return response.status_code, read_times, time.monotonic() - started

    try:
        status, read_times, elapsed = asyncio.run(scenario())
    finally:
        app.state.db.dispose()
    assert status == 200
    assert max(read_times) < 0.1
    assert 0.25 < elapsed < 2
    assert retries  # it backed off rather than waiting inside SQLite


def test_a_lock_that_is_never_released_gives_a_503_in_time(
    sqlite_settings: Settings,
    clock: FrozenClock,
    alice: Account,
    outside_writer: sqlite3.Connection,
    database: Database,
) -> None:
    settings = sqlite_settings.with_overrides(lock_timeout_seconds=0.3)
    app = create_app(settings, clock=clock)
    wid = alice.workspace_id

    async def scenario() -> tuple[httpx.Response, float]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            outside_writer.execute("BEGIN IMMEDIATE")
            started = time.monotonic()
            response = await http.post(
                f"{API}/workspaces/{wid}/time_entries", json=_entry(wid), auth=alice.auth
            )
            return response, time.monotonic() - started

    try:
        response, elapsed = asyncio.run(scenario())
    finally:
        app.state.db.dispose()
    assert response.status_code == 503
    assert response.json() == "Service Unavailable"
    assert response.headers["retry-after"] == "1"
    assert 0.25 < elapsed < 1.5
    outside_writer.execute("ROLLBACK")
    with database.transaction(write=False) as conn:
        assert conn.execute(text("SELECT count(*) FROM time_entries")).scalar_one() == 0


def test_sqlite_interrupts_a_runaway_statement(sqlite_settings: Settings) -> None:
    db = Database(sqlite_settings.with_overrides(statement_timeout_seconds=0.2), nonblocking=True)
    runaway = text(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    )

    async def scenario() -> float:
        uow = UnitOfWork(db, write=False)
        started = time.monotonic()
        try:
            with pytest.raises(Exception, match="interrupted"):
                uow.conn.execute(runaway)
        finally:
            uow.abort()
        return time.monotonic() - started

    try:
        assert asyncio.run(scenario()) < 2
        # The deadline belongs to that transaction only: the next one runs normally.
        uow = UnitOfWork(db, write=False)
        assert uow.conn.execute(text("SELECT 1")).scalar_one() == 1
        uow.finish()
    finally:
        db.dispose()


def test_the_server_never_waits_inside_sqlites_busy_handler(sqlite_settings: Settings) -> None:
    server_db = Database(sqlite_settings, nonblocking=True)
    tool_db = Database(sqlite_settings)
    try:
        with server_db.transaction(write=False) as conn:
            assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 0
        with tool_db.transaction(write=False) as conn:
            expected = round(sqlite_settings.lock_timeout_seconds * 1000)
            assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == expected
    finally:
        server_db.dispose()
        tool_db.dispose()


def test_a_transaction_held_across_an_await_is_reported(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    db = Database(settings, nonblocking=True)

    async def scenario(*, suspend: bool) -> None:
        uow = UnitOfWork(db, write=True)
        await uow.begin()
        uow.conn.execute(text("SELECT 1"))
        if suspend:
            await anyio.sleep(0)
        uow.finish()

    try:
        with caplog.at_level(logging.ERROR, logger="punchclock.db"):
            asyncio.run(scenario(suspend=False))
            assert not caplog.records
            asyncio.run(scenario(suspend=True))
        assert "stayed open across an await" in caplog.text
    finally:
        db.dispose()


def test_writers_waiting_for_the_lock_hold_no_pool_connection(
    sqlite_settings: Settings, outside_writer: sqlite3.Connection
) -> None:
    # More waiting writers than the pool holds (5 + 10 overflow): if each kept its connection
    # while it waited, the next checkout would block the loop for the pool's timeout.
    db = Database(sqlite_settings, nonblocking=True)
    writers = 30

    async def write(n: int) -> None:
        uow = UnitOfWork(db, write=True)
        await uow.begin()
        uow.conn.execute(text("CREATE TABLE IF NOT EXISTS waited (n INTEGER)"))
        uow.conn.execute(text("INSERT INTO waited VALUES (:n)"), {"n": n})
        uow.finish()

    async def scenario() -> tuple[int, int, float]:
        with db.read_connection() as conn:  # the server's first connection switches on WAL
            conn.execute(text("SELECT 1"))
        outside_writer.execute("BEGIN IMMEDIATE")
        tasks = [asyncio.create_task(write(n)) for n in range(writers)]
        await asyncio.sleep(0.2)
        assert not any(task.done() for task in tasks)
        held_while_waiting = db.engine.pool.checkedout()  # type: ignore[attr-defined]
        # A reader is served at once meanwhile, from the pool.
        started = time.monotonic()
        with db.read_connection() as conn:
            conn.execute(text("SELECT 1")).scalar_one()
        read_seconds = time.monotonic() - started
        outside_writer.execute("ROLLBACK")
        await asyncio.gather(*tasks)
        return held_while_waiting, db.engine.pool.checkedout(), read_seconds  # type: ignore[attr-defined]

    try:
        held, held_after, read_seconds = asyncio.run(scenario())
        with db.transaction(write=False) as conn:
            stored = conn.execute(text("SELECT count(DISTINCT n) FROM waited")).scalar_one()
    finally:
        db.dispose()
    assert held == 0
    assert held_after == 0
    assert read_seconds < 0.1
    assert stored == writers
