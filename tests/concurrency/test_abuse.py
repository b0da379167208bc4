"""Hostile clients against a live server (issue 10, point 3), on both engines.

Slow headers and bodies, clients that disconnect halfway, a burst of 200 concurrent requests,
and requests that fail halfway must leave the server answering at once, with no transaction
left open and no connection leaked. One server (short timeouts) serves the whole module per
engine; every test checks, after each abuse, that a normal write and GET /api/v9/me take under
a second, that nothing holds a database lock, and that the server logged no error.

The server runs one worker process, so that which process serves a request never decides a
test's outcome; settings reaching several workers are tested in test_settings_workers.py.
"""

from __future__ import annotations

import base64
import json
import selectors
import socket
import sqlite3
import struct
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from punchclock.db.engine import normalise_url
from punchclock.db.schema import metadata
from tests.concurrency.live_server import (
    TOKEN,
    LiveServer,
    read_response,
    seed_in_process,
    start_server,
)
from tests.engines import PostgresDatabase, engines

HEADER_TIMEOUT = 1.0
BODY_TIMEOUT = 1.5
KEEP_ALIVE = 2.0
LOCK_TIMEOUT = 3.0
# Deadlines are checked with a generous margin: the tests assert that the server acts, not how
# precisely its timers fire on a loaded machine.
MARGIN = 2.0
FAST = 1.0  # a normal request after an abuse must answer within this many seconds
SERVER_ENV = {
    "PUNCHCLOCK_HEADER_TIMEOUT_SECONDS": str(HEADER_TIMEOUT),
    "PUNCHCLOCK_BODY_TIMEOUT_SECONDS": str(BODY_TIMEOUT),
    "PUNCHCLOCK_KEEP_ALIVE_SECONDS": str(KEEP_ALIVE),
    "PUNCHCLOCK_LOCK_TIMEOUT_SECONDS": str(LOCK_TIMEOUT),
    "PUNCHCLOCK_SQLITE_SYNCHRONOUS": "NORMAL",
}
NORMAL_ENTRY = {"start": "2026-11-27T09:00:00Z", "duration": 60, "created_with": "t"}
TIMEOUT_BODY = b'"Request Timeout"'
AUTHORIZATION = "Basic " + base64.b64encode(f"{TOKEN}:api_token".encode()).decode()


# ---- the server ---------------------------------------------------------------------------


@dataclass
class Abused:
    """The module's live server, its database and what the checks need."""

    server: LiveServer
    database_url: str
    workspace_id: int
    engine: Engine
    log_offset: int = 0

    @property
    def port(self) -> int:
        return int(self.server.url.rsplit(":", 1)[1])

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def entries_path(self) -> str:
        return f"/api/v9/workspaces/{self.workspace_id}/time_entries"

    def new_log(self) -> str:
        return self.server.log.read_bytes()[self.log_offset :].decode(errors="replace")


@pytest.fixture(scope="module", params=engines())
def abused_server(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_database: PostgresDatabase | None,
) -> Iterator[Abused]:
    """One server per engine for the module: short read and lock timeouts."""
    workdir = tmp_path_factory.mktemp(f"abuse-{request.param}")
    if request.param == "sqlite":
        database_url = f"sqlite:///{workdir / 'abuse.db'}"
    else:
        if postgres_database is None:
            pytest.skip("PostgreSQL is not available (set CI=true to make this a failure)")
        postgres_database.empty()
        database_url = postgres_database.url
    server = start_server(database_url, workdir, env=SERVER_ENV)
    engine = create_engine(normalise_url(database_url), poolclass=NullPool)
    try:
        wid = seed_in_process(database_url)
        yield Abused(server, database_url, wid, engine)
    finally:
        server.stop()
        engine.dispose()


@pytest.fixture
def abused(abused_server: Abused) -> Iterator[Abused]:
    """The module's server; afterwards it must still be clean and have logged no error."""
    abused_server.log_offset = len(abused_server.server.log.read_bytes())
    yield abused_server
    assert_server_clean(abused_server)


def assert_server_clean(abused: Abused) -> None:
    """A normal write and GET /me answer fast, nothing is held, and nothing went wrong."""
    assert_responsive(abused)
    assert_nothing_held(abused)
    log = abused.new_log()
    # Punchclock's own lines say " ERROR ", uvicorn's start with "ERROR:".
    assert "Traceback" not in log and "ERROR" not in log, log[-4000:]


def assert_responsive(abused: Abused) -> None:
    """On a fresh connection: a write and a read, each answered within FAST seconds."""
    with abused.server.client(timeout=10) as http:
        started = time.monotonic()
        created = http.post(abused.entries_path, json=NORMAL_ENTRY)
        write_seconds = time.monotonic() - started
        started = time.monotonic()
        me = http.get("/api/v9/me")
        read_seconds = time.monotonic() - started
    assert created.status_code == 200, created.text
    assert me.status_code == 200, me.text
    assert write_seconds < FAST, f"write took {write_seconds:.2f} s"
    assert read_seconds < FAST, f"GET /me took {read_seconds:.2f} s"


def assert_nothing_held(abused: Abused, settle: float = 3.0) -> None:
    """No open transaction, no held lock and no runaway connection count, after `settle` s."""
    deadline = time.monotonic() + settle
    while True:
        problems = _sqlite_problems(abused) if abused.is_sqlite else _postgres_problems(abused)
        if not problems:
            return
        if time.monotonic() > deadline:
            pytest.fail("left behind: " + "; ".join(problems))
        time.sleep(0.05)


def _sqlite_problems(abused: Abused) -> list[str]:
    path = abused.database_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        except sqlite3.OperationalError as error:
            return [f"the write lock is held ({error})"]
        # A read transaction left open pins the WAL: a TRUNCATE checkpoint cannot finish.
        busy = other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            return ["a read transaction is open (the WAL cannot be checkpointed)"]
        return []
    finally:
        other.close()


# One worker with a pool of at most 10 connections (db/engine.py).
MAX_SERVER_SESSIONS = 10


def _postgres_problems(abused: Abused) -> list[str]:
    with psycopg.connect(abused.database_url, autocommit=True) as conn:
        sessions = conn.execute(
            """
            SELECT a.pid, a.state, left(a.query, 80),
                   (SELECT count(*) FROM pg_locks l WHERE l.pid = a.pid)
            FROM pg_stat_activity a
            WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
              AND a.backend_type = 'client backend'
            """
        ).fetchall()
    problems = [
        f"session {pid} is {state!r} holding {locks} locks ({query!r})"
        for pid, state, query, locks in sessions
        if state != "idle" or locks
    ]
    if len(sessions) > MAX_SERVER_SESSIONS:
        problems.append(f"{len(sessions)} sessions open (pools allow {MAX_SERVER_SESSIONS})")
    return problems


# ---- stored state -------------------------------------------------------------------------


def stored_descriptions(abused: Abused, prefix: str) -> list[str]:
    """Descriptions of the stored entries that start with `prefix` (one per entry)."""
    with abused.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT description FROM time_entries WHERE description LIKE :p"),
            {"p": prefix + "%"},
        ).fetchall()
    return sorted(row[0] for row in rows)


def snapshot(abused: Abused) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table."""
    with abused.engine.connect() as conn:
        return {
            table.name: sorted(
                (tuple(row) for row in conn.execute(table.select())), key=lambda r: repr(r)
            )
            for table in metadata.sorted_tables
        }


def entry(description: str, **extra: Any) -> dict[str, Any]:
    return {**NORMAL_ENTRY, "description": description, **extra}


# ---- raw sockets --------------------------------------------------------------------------


def connect(abused: Abused) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", abused.port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def request_head(method: str, path: str, body_length: int | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: {AUTHORIZATION}"]
    if body_length is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {body_length}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def abort(sock: socket.socket) -> None:
    """Close with a TCP reset instead of a FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def read_until_closed(sock: socket.socket, timeout: float) -> tuple[bytes, float, bool]:
    """Everything until the server closes: (bytes, seconds waited, closed in time)."""
    started = time.monotonic()
    data = b""
    while True:
        remaining = timeout - (time.monotonic() - started)
        if remaining <= 0:
            return data, time.monotonic() - started, False
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return data, time.monotonic() - started, True
        if not chunk:
            return data, time.monotonic() - started, True
        data += chunk


def assert_timed_out(data: bytes) -> None:
    """The server's 408: status line, Toggl's error shape, and `connection: close`."""
    assert data.startswith(b"HTTP/1.1 408 "), data
    assert b"connection: close" in data.lower(), data
    assert data.endswith(b"\r\n\r\n" + TIMEOUT_BODY), data


@dataclass
class Trickler:
    """Sends one byte every `interval` seconds on each socket until the server closes it."""

    sockets: list[socket.socket]
    payloads: list[bytes]
    interval: float = 0.3
    opened: list[float] = field(default_factory=list)
    closed_after: dict[int, float] = field(default_factory=dict)
    received: dict[int, bytes] = field(default_factory=dict)

    def run(self, limit: float) -> None:
        selector = selectors.DefaultSelector()
        sent = [0] * len(self.sockets)
        for i, sock in enumerate(self.sockets):
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ, i)
            self.received[i] = b""
        started = time.monotonic()
        next_send = started
        while len(self.closed_after) < len(self.sockets) and time.monotonic() - started < limit:
            for key, _ in selector.select(timeout=max(0.0, next_send - time.monotonic())):
                i = key.data
                try:
                    chunk = self.sockets[i].recv(65536)
                except BlockingIOError:
                    continue
                except ConnectionResetError:
                    chunk = b""
                if chunk:
                    self.received[i] += chunk
                    continue
                self.closed_after[i] = time.monotonic() - self.opened[i]
                selector.unregister(self.sockets[i])
            if time.monotonic() >= next_send:
                next_send += self.interval
                for i, sock in enumerate(self.sockets):
                    if i in self.closed_after or sent[i] >= len(self.payloads[i]):
                        continue
                    try:
                        sock.send(self.payloads[i][sent[i] : sent[i] + 1])
                        sent[i] += 1
                    except OSError:
                        pass  # closed by the server: the selector reports it
        selector.close()


# ---- 1. slow headers ----------------------------------------------------------------------


def test_slowloris_headers_are_cut_off_while_others_are_served(abused: Abused) -> None:
    """50 connections trickling a request line; one silent connection; normal requests fly."""
    count = 50
    # Never a complete request: a header line far longer than what a byte every 0.3 s sends.
    partial = b"GET /api/v9/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 1000
    sockets, opened = [], []
    for _ in range(count):
        sockets.append(connect(abused))
        opened.append(time.monotonic())
    trickler = Trickler(sockets, [partial] * count, opened=opened)
    thread = threading.Thread(target=trickler.run, args=(HEADER_TIMEOUT + MARGIN + 1,))
    thread.start()
    silent = connect(abused)
    silent_opened = time.monotonic()
    try:
        # While every slow connection is open, normal traffic is served at once.
        open_during = []
        for n in range(3):
            open_during.append(count - len(trickler.closed_after))
            with abused.server.client(timeout=10) as http:
                started = time.monotonic()
                created = http.post(abused.entries_path, json=entry(f"slowloris-normal-{n}"))
                me = http.get("/api/v9/me")
                assert (created.status_code, me.status_code) == (200, 200)
                assert time.monotonic() - started < FAST
        assert open_during[0] == count, "the slow connections were closed too early"
        data, _, closed = read_until_closed(silent, HEADER_TIMEOUT + MARGIN)
        waited = time.monotonic() - silent_opened  # from the connection's opening
    finally:
        thread.join(timeout=30)
        silent.close()
        for sock in sockets:
            sock.close()
    # A connection that never sent a byte is closed without an answer.
    assert closed and data == b"", (closed, data)
    assert HEADER_TIMEOUT - 0.1 <= waited <= HEADER_TIMEOUT + MARGIN
    assert sorted(trickler.closed_after) == list(range(count)), "some slow sockets stayed open"
    for i, after in trickler.closed_after.items():
        assert HEADER_TIMEOUT - 0.1 <= after <= HEADER_TIMEOUT + MARGIN, after
        # A byte sent as the server closed can turn its close into a reset that discards the
        # 408 before it is read; whatever did arrive must be the 408.
        if trickler.received[i]:
            assert_timed_out(trickler.received[i])
    assert stored_descriptions(abused, "slowloris-normal-") == [
        f"slowloris-normal-{n}" for n in range(3)
    ]


def test_partial_headers_get_408_in_toggl_shape(abused: Abused) -> None:
    sock = connect(abused)
    with sock:
        sock.sendall(b"GET /api/v9/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz")
        data, waited, closed = read_until_closed(sock, HEADER_TIMEOUT + MARGIN)
    assert closed
    assert_timed_out(data)
    assert HEADER_TIMEOUT - 0.1 <= waited <= HEADER_TIMEOUT + MARGIN


def test_keep_alive_connection_cannot_be_held_by_slow_next_requests(abused: Abused) -> None:
    """After a response, a next request's headers have the same deadline, from its first byte.

    Line breaks between requests start no request (llhttp skips them) but cancel uvicorn's
    keep-alive timer: before the fix in server_timeouts.py a client that sent `\\r\\n` every
    0.3 s after a response kept its connection open for as long as it liked.
    """
    for trickle in (b"\r\n" * 100, b"GET /api/v9/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaa"):
        sock = connect(abused)
        with sock:
            sock.sendall(request_head("GET", "/api/v9/me"))
            status, _ = read_response(sock)
            assert status == 200
            trickler = Trickler([sock], [trickle], opened=[time.monotonic()])
            trickler.run(limit=HEADER_TIMEOUT + KEEP_ALIVE + MARGIN)
        assert 0 in trickler.closed_after, f"{trickle[:20]!r}: the connection stayed open"
        # The deadline runs from the first byte after the response (sent at once).
        assert trickler.closed_after[0] <= HEADER_TIMEOUT + MARGIN
        if trickler.received[0]:
            assert_timed_out(trickler.received[0])


# ---- 2. slow body -------------------------------------------------------------------------


def _body_of_length(description: str, length: int) -> bytes:
    body = json.dumps(entry(description)).encode()
    padded = json.dumps(entry(description + "x" * (length - len(body)))).encode()
    assert len(padded) == length
    return padded


def test_slow_body_holds_no_lock_and_is_cut_off(abused: Abused) -> None:
    body = _body_of_length("slow-body-", 100)
    sock = connect(abused)
    sock.sendall(request_head("POST", abused.entries_path, len(body)) + body[:10])
    trickler = Trickler([sock], [body[10:]], opened=[time.monotonic()])
    thread = threading.Thread(target=trickler.run, args=(BODY_TIMEOUT + MARGIN + 1,))
    thread.start()
    try:
        # Reading a body must not hold the write lock: other writes complete meanwhile.
        with abused.server.client(timeout=10) as http:
            for n in range(10):
                started = time.monotonic()
                created = http.post(abused.entries_path, json=entry(f"beside-slow-body-{n}"))
                assert created.status_code == 200, created.text
                assert time.monotonic() - started < FAST
        assert not trickler.closed_after, "the slow body was cut off too early"
    finally:
        thread.join(timeout=30)
        sock.close()
    assert 0 in trickler.closed_after, "the slow body's connection stayed open"
    assert BODY_TIMEOUT - 0.1 <= trickler.closed_after[0] <= BODY_TIMEOUT + MARGIN
    if trickler.received[0]:
        assert_timed_out(trickler.received[0])
    assert stored_descriptions(abused, "slow-body-") == []
    assert len(stored_descriptions(abused, "beside-slow-body-")) == 10


def test_pipelined_slow_body_gets_its_deadline_when_its_turn_comes(abused: Abused) -> None:
    """A request queued behind another is answered in order, then its late body gets 408."""
    body = _body_of_length("pipelined-slow-body-", 150)
    sock = connect(abused)
    with sock:
        sock.sendall(
            request_head("GET", "/api/v9/me")
            + request_head("POST", abused.entries_path, len(body))
            + body[:10]
        )
        status, _ = read_response(sock)
        assert status == 200
        data, waited, closed = read_until_closed(sock, BODY_TIMEOUT + MARGIN)
    assert closed
    assert_timed_out(data)
    # The body's deadline started after the first response, not with the headers.
    assert BODY_TIMEOUT - 0.1 <= waited <= BODY_TIMEOUT + MARGIN
    assert stored_descriptions(abused, "pipelined-slow-body-") == []


# ---- 3. disconnects -----------------------------------------------------------------------

REPORT_BODY = json.dumps({"start_date": "2026-01-01", "end_date": "2026-12-31"}).encode()


def test_clients_that_disconnect_mid_request_leave_nothing_behind(abused: Abused) -> None:
    with abused.server.client(timeout=10) as http:
        for n in range(200):
            day = datetime(2026, 1, 1, 9, tzinfo=UTC) + timedelta(days=n % 360, minutes=n)
            created = http.post(
                abused.entries_path,
                json=entry(f"report-seed-{n}", start=day.isoformat().replace("+00:00", "Z")),
            )
            assert created.status_code == 200, created.text
        report_path = f"/reports/api/v3/workspace/{abused.workspace_id}/search/time_entries"
        report = http.post(report_path, content=REPORT_BODY)
        assert report.status_code == 200, report.text
        assert len(report.json()) == 50  # a page: the report did real work

    rounds = 50
    for n in range(rounds):
        close = abort if n % 2 else socket.socket.close
        # (a) headers and half of the body, then gone.
        half = _body_of_length(f"half-body-{n}-", 120)
        sock = connect(abused)
        sock.sendall(request_head("POST", abused.entries_path, len(half)) + half[:50])
        close(sock)
        # (b) an expensive read, gone before its answer.
        sock = connect(abused)
        sock.sendall(request_head("POST", report_path, len(REPORT_BODY)) + REPORT_BODY)
        close(sock)
        sock = connect(abused)
        sock.sendall(request_head("GET", "/api/v9/me/time_entries?start_date=2026-01-01"))
        close(sock)
        # (c) a write, gone before its answer.
        whole = json.dumps(entry(f"gone-write-{n}")).encode()
        sock = connect(abused)
        sock.sendall(request_head("POST", abused.entries_path, len(whole)) + whole)
        close(sock)

    assert_responsive(abused)
    assert_nothing_held(abused)
    # A client that left is not a server error: it is counted as 499, never as a 500.
    with abused.server.client(timeout=10) as http:
        metrics = http.get("/metrics").text
    answered = [
        line for line in metrics.splitlines() if line.startswith("punchclock_http_requests_total{")
    ]
    assert any('status="499"' in line for line in answered), answered
    # Requests whose client had hung up before they were reached were skipped, not served.
    assert any('route="<client-gone>",status="499"' in line for line in answered), answered
    assert not any('status="500"' in line for line in answered), answered
    assert stored_descriptions(abused, "half-body-") == []
    # A complete write whose client left may or may not have been stored; never twice, never
    # in part.
    gone = stored_descriptions(abused, "gone-write-")
    assert len(set(gone)) == len(gone) <= rounds
    assert set(gone) <= {f"gone-write-{n}" for n in range(rounds)}


# ---- 4. burst -----------------------------------------------------------------------------


def test_burst_of_200_concurrent_requests(abused: Abused) -> None:
    count = 200
    barrier = threading.Barrier(count)
    report_path = f"/reports/api/v3/workspace/{abused.workspace_id}/search/time_entries"
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)

    def one(http: httpx.Client, n: int) -> tuple[str, httpx.Response, float]:
        kind = ("create", "create", "me", "list", "report")[n % 5]
        barrier.wait(timeout=30)
        started = time.monotonic()
        if kind == "create":
            response = http.post(abused.entries_path, json=entry(f"burst-{n}"))
        elif kind == "me":
            response = http.get("/api/v9/me")
        elif kind == "list":
            response = http.get("/api/v9/me/time_entries")
        else:
            response = http.post(report_path, content=REPORT_BODY)
        return kind, response, time.monotonic() - started

    started = time.monotonic()
    with (
        httpx.Client(
            base_url=abused.server.url,
            auth=(TOKEN, "api_token"),
            timeout=30,
            limits=limits,
        ) as http,
        ThreadPoolExecutor(count) as pool,
    ):
        results = list(pool.map(lambda n: one(http, n), range(count)))
    elapsed = time.monotonic() - started
    assert elapsed < 20, f"the burst took {elapsed:.1f} s"

    unexpected = [
        (kind, r.status_code, r.text[:200])
        for kind, r, _ in results
        if not (200 <= r.status_code < 300)
        and not (r.status_code == 503 and r.headers.get("retry-after"))
    ]
    assert unexpected == []
    created = sorted(
        r.json()["description"] for kind, r, _ in results if kind == "create" and r.is_success
    )
    # No lost write and no duplicated one: exactly the creates that were acknowledged.
    assert stored_descriptions(abused, "burst-") == created


# SQLAlchemy's default pool for a SQLite file: 5 connections plus 10 overflow, and a checkout
# beyond them waits (synchronously) up to 30 s for one to come back.
SQLITE_POOL_CAPACITY = 15


def test_writes_queued_behind_an_outside_lock(abused: Abused) -> None:
    """SQLite: writers wait for another process's lock without stalling the loop, then 503.

    Fewer writers wait at once than the pool has connections: see the next test for more.
    """
    if not abused.is_sqlite:
        pytest.skip("on PostgreSQL a lock wait is bounded by lock_timeout on the loop")
    path = abused.database_url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, timeout=0, isolation_level=None)
    waiters = 6  # plus as many that disconnect, plus the reads: below SQLITE_POOL_CAPACITY
    try:
        holder.execute("BEGIN IMMEDIATE")
        with (
            abused.server.client(timeout=30) as http,
            ThreadPoolExecutor(waiters) as pool,
        ):
            waiting = [
                pool.submit(http.post, abused.entries_path, json=entry(f"queued-{n}"))
                for n in range(waiters)
            ]
            # Some clients give up while their write waits for the lock.
            for n in range(waiters):
                payload = json.dumps(entry(f"queued-gone-{n}")).encode()
                sock = connect(abused)
                sock.sendall(request_head("POST", abused.entries_path, len(payload)) + payload)
                time.sleep(0.02)
                (abort if n % 2 else socket.socket.close)(sock)
            # The event loop keeps serving reads meanwhile.
            for _ in range(3):
                started = time.monotonic()
                assert http.get("/api/v9/me").status_code == 200
                assert time.monotonic() - started < FAST
            time.sleep(0.5)
            holder.execute("ROLLBACK")
            statuses = [future.result(timeout=30).status_code for future in waiting]
        assert statuses == [200] * waiters
        assert stored_descriptions(abused, "queued-") == sorted(
            [f"queued-{n}" for n in range(waiters)] + stored_descriptions(abused, "queued-gone-")
        )
        gone = stored_descriptions(abused, "queued-gone-")
        assert len(set(gone)) == len(gone) <= waiters

        # Held past the lock timeout: the documented overload answer, and nothing stored.
        # A write whose client disconnected may still be committing: wait for it to finish
        # (it is the server's lock this time, not the one under test).
        holder.execute("PRAGMA busy_timeout = 10000")
        holder.execute("BEGIN IMMEDIATE")
        with abused.server.client(timeout=30) as http:
            started = time.monotonic()
            refused = http.post(abused.entries_path, json=entry("refused-"))
            waited = time.monotonic() - started
        holder.execute("ROLLBACK")
        assert refused.status_code == 503, refused.text
        assert refused.headers["retry-after"] == "1"
        assert refused.json() == "Service Unavailable"
        assert LOCK_TIMEOUT - 0.1 <= waited <= LOCK_TIMEOUT + MARGIN
        assert stored_descriptions(abused, "refused-") == []
    finally:
        holder.close()
    abused.log_offset = len(abused.server.log.read_bytes())  # the 503 is logged as a warning


def test_more_waiting_writers_than_pool_connections_do_not_stall_the_loop(
    abused_server: Abused, tmp_path: Path
) -> None:
    """A dedicated server (it stays wedged for 30 s when this fails), one worker, SQLite."""
    if not abused_server.is_sqlite:
        pytest.skip("PostgreSQL writers hold no connection across an await")
    database_url = f"sqlite:///{tmp_path / 'pool.db'}"
    server = start_server(database_url, tmp_path, env=SERVER_ENV)
    holder = None
    try:
        wid = seed_in_process(database_url)
        holder = sqlite3.connect(tmp_path / "pool.db", timeout=0, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another process writes for a moment
        writers = SQLITE_POOL_CAPACITY + 5
        path = f"/api/v9/workspaces/{wid}/time_entries"
        with (
            server.client(timeout=2 * LOCK_TIMEOUT) as http,
            ThreadPoolExecutor(writers) as pool,
        ):
            waiting = [
                pool.submit(http.post, path, json=entry(f"pool-{n}")) for n in range(writers)
            ]
            time.sleep(0.5)
            started = time.monotonic()
            try:
                me = http.get("/api/v9/me", timeout=2 * FAST)
            finally:
                holder.execute("ROLLBACK")
                if time.monotonic() - started >= FAST:
                    server.kill()  # wedged: do not wait 30 s for it
            assert me.status_code == 200
            assert time.monotonic() - started < FAST
            statuses = [future.result(timeout=30).status_code for future in waiting]
        assert statuses == [200] * writers
    finally:
        if holder is not None:
            holder.close()
        if server.process.poll() is None:
            server.kill()


# ---- 5. failing halfway -------------------------------------------------------------------


def _running_start() -> str:
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    return now.isoformat().replace("+00:00", "Z")


def test_requests_that_fail_halfway_store_nothing(abused: Abused) -> None:
    wid = abused.workspace_id
    with abused.server.client(timeout=10) as http:
        first = http.post(
            abused.entries_path,
            json=entry("halfway-A", start="2026-11-27T09:00:00Z", duration=3600),
        ).json()
        second = http.post(
            abused.entries_path,
            json=entry("halfway-B", start="2026-11-27T11:00:00Z", duration=3600),
        ).json()
        running = http.post(
            abused.entries_path, json=entry("halfway-running", start=_running_start(), duration=-1)
        ).json()
        assert running["stop"] is None

        # (1) A create that writes (a new tag, stopping the running entry, the insert) and
        # then fails a rule (sharing with a stranger): nothing of it may remain.
        before = snapshot(abused)
        response = http.post(
            abused.entries_path,
            json=entry(
                "halfway-shared",
                start=_running_start(),
                duration=-1,
                tags=["halfway-new-tag"],
                shared_with_user_ids=[987_654_321],
            ),
        )
        assert response.status_code == 400, response.text
        assert isinstance(response.json(), str)
        assert snapshot(abused) == before

        # (2) Bodies that are invalid UTF-8 partway, on a create, an update and a bulk edit.
        bad_utf8 = b'{"created_with":"t","duration":60,"description":"ok \xff\xfe more"}'
        for method, path in (
            ("POST", abused.entries_path),
            ("PUT", f"{abused.entries_path}/{first['id']}"),
            ("PATCH", f"{abused.entries_path}/{first['id']},{second['id']}"),
        ):
            response = http.request(
                method, path, content=bad_utf8, headers={"Content-Type": "application/json"}
            )
            assert response.status_code == 400, (method, response.text)
        assert snapshot(abused) == before

        # (3) A bulk edit whose operations write and then fail for one id: that id's changes
        # are rolled back (its tag too), the other's are kept: Toggl's per-id result.
        operations = [
            {"op": "add", "path": "/tags", "value": ["halfway-bulk-tag"]},
            {"op": "replace", "path": "/description", "value": "halfway-patched"},
            # Before B's start: B fails here, after two writes; A ends later than it starts.
            {"op": "replace", "path": "/stop", "value": "2026-11-27T10:30:00Z"},
        ]
        response = http.patch(
            f"{abused.entries_path}/{second['id']},{first['id']}", json=operations
        )
        assert response.status_code == 200, response.text
        result = response.json()
        assert result["success"] == [first["id"]]
        assert [failure["id"] for failure in result["failure"]] == [second["id"]]
        after = {
            e["id"]: e
            for e in http.get(
                "/api/v9/me/time_entries?meta=true",
                params={"start_date": "2026-11-27", "end_date": "2026-11-28"},
            ).json()
        }
        tags = http.get(f"/api/v9/workspaces/{wid}/tags").json()
    assert after[second["id"]]["description"] == "halfway-B"
    assert after[second["id"]]["stop"] == second["stop"]
    assert after[second["id"]]["tags"] == []
    assert after[first["id"]]["description"] == "halfway-patched"
    assert after[first["id"]]["stop"] == "2026-11-27T10:30:00+00:00"
    assert after[first["id"]]["tags"] == ["halfway-bulk-tag"]
    bulk_tags = [tag for tag in tags if tag["name"] == "halfway-bulk-tag"]
    assert len(bulk_tags) == 1 and after[first["id"]]["tag_ids"] == [bulk_tags[0]["id"]]
    assert not [tag for tag in tags if tag["name"] == "halfway-new-tag"]
