"""Settings given to serve() reach every worker process (issue 10, point 6), on both engines.

The server is started the way an embedding program would: `serve(Settings(...), workers=2)`
from Python, in a process whose environment has no PUNCHCLOCK_* variable at all. Each setting
below is then observed in each worker, in behaviour only that setting explains (the defaults
would answer differently). To know which worker answers, the other one is paused (SIGSTOP)
while its sibling is examined, and the connection's server side is looked up in /proc.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from tests.concurrency.live_server import (
    EMAIL,
    TOKEN,
    free_port,
    read_response,
    seed_in_process,
)

pytestmark = pytest.mark.skipif(
    not Path("/proc/net/tcp").exists(), reason="finds the serving worker through Linux /proc"
)

MAX_BODY_BYTES = 2048  # default 1 MiB
HEADER_TIMEOUT = 1.0  # default 10 s
BODY_TIMEOUT = 1.0  # default 30 s
KEEP_ALIVE = 1.0  # default 5 s
LOCK_TIMEOUT = 0.5  # default 10 s
# Each observed delay must be the setting's, give or take this; every default is further off.
MARGIN = 2.0
CREATED_WITH_REQUIRED = "created_with needs to be provided an a valid string"
AUTHORIZATION = "Basic " + base64.b64encode(f"{TOKEN}:api_token".encode()).decode()


@dataclass
class Served:
    """The `serve(..., workers=2)` process, its two workers and alice's workspace."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path
    database_url: str
    workers: list[int]
    workspace_id: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _settings_source(database_url: str, port: int) -> str:
    options = {
        "database_url": database_url,
        "port": port,
        "max_body_bytes": MAX_BODY_BYTES,
        "require_created_with": True,
        "header_timeout_seconds": HEADER_TIMEOUT,
        "body_timeout_seconds": BODY_TIMEOUT,
        "keep_alive_seconds": KEEP_ALIVE,
        "lock_timeout_seconds": LOCK_TIMEOUT,
        "sqlite_synchronous": "NORMAL",
        "log_level": "warning",
    }
    arguments = ", ".join(f"{name}={value!r}" for name, value in options.items())
    return (
        "from punchclock.config import Settings\n"
        "from punchclock.server import serve\n"
        f"serve(Settings({arguments}), workers=2)\n"
    )


def _workers_of(pid: int) -> list[int]:
    """The uvicorn worker processes (multiprocessing spawn children) of `pid`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(status.split("PPid:")[1].split()[0])
        if ppid == pid and b"spawn_main" in cmdline:
            found.append(int(entry))
    return sorted(found)


@pytest.fixture
def served(live_database_url: str, tmp_path: Path) -> Iterator[Served]:
    port = free_port()
    log = tmp_path / "serve.log"
    # No setting may arrive through the environment: only through the Settings object.
    env = {name: value for name, value in os.environ.items() if not name.startswith("PUNCHCLOCK_")}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-c", _settings_source(live_database_url, port)],
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    served = Served(process, port, log, live_database_url, [])
    try:
        deadline = time.monotonic() + 60
        while len(served.workers) < 2 or not _answers(served):
            assert process.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, "not serving: " + log.read_text()[-3000:]
            time.sleep(0.1)
            served.workers = _workers_of(process.pid)
        assert len(served.workers) == 2, served.workers
        served.workspace_id = seed_in_process(live_database_url)
        yield served
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGCONT)
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
    assert "Traceback" not in log.read_text(), log.read_text()[-4000:]


def _answers(served: Served) -> bool:
    try:
        return httpx.get(f"{served.url}/api/v9/me/logged", timeout=1).status_code == 401
    except httpx.HTTPError:
        return False


# ---- which worker holds a connection ---------------------------------------------------------


def _socket_inode(server_port: int, client_port: int) -> str | None:
    """The inode of the server's end of the connection from `client_port`."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        parts = line.split()
        local, remote = parts[1], parts[2]
        if int(local.split(":")[1], 16) == server_port and (
            int(remote.split(":")[1], 16) == client_port
        ):
            return parts[9]
    return None


def owner(served: Served, sock: socket.socket, timeout: float = 2.0) -> int | None:
    """The worker whose process holds the server side of `sock` (once it has accepted it)."""
    client_port = sock.getsockname()[1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        inode = _socket_inode(served.port, client_port)
        if inode is not None and inode != "0":
            target = f"socket:[{inode}]"
            for pid in served.workers:
                for fd in os.listdir(f"/proc/{pid}/fd"):
                    try:
                        if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                            return pid
                    except OSError:
                        continue
        time.sleep(0.01)
    return None


@contextmanager
def only(served: Served, worker: int) -> Iterator[None]:
    """Pause every other worker, so that `worker` accepts every new connection."""
    others = [pid for pid in served.workers if pid != worker]
    for pid in others:
        os.kill(pid, signal.SIGSTOP)
    try:
        for pid in others:
            deadline = time.monotonic() + 5
            while Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "T":
                assert time.monotonic() < deadline, "the worker did not pause"
                time.sleep(0.01)
        yield
    finally:
        for pid in others:
            os.kill(pid, signal.SIGCONT)


# ---- raw requests ------------------------------------------------------------------------------


def head(method: str, path: str, body_length: int | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: {AUTHORIZATION}"]
    if body_length is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {body_length}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def seconds_until_closed(sock: socket.socket, limit: float) -> tuple[float, bytes]:
    """How long until the server closes `sock`, and what it sent before."""
    started = time.monotonic()
    data = b""
    while time.monotonic() - started < limit:
        sock.settimeout(max(0.01, limit - (time.monotonic() - started)))
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        except ConnectionResetError:
            break
        if not chunk:
            break
        data += chunk
    return time.monotonic() - started, data


def exchange(served: Served, request: bytes) -> tuple[int, int, bytes, socket.socket]:
    """(worker, status, body, the still-open socket) for one request on a new connection."""
    sock = socket.create_connection(("127.0.0.1", served.port), timeout=10)
    sock.sendall(request)
    status, body = read_response(sock)
    worker = owner(served, sock)
    assert worker is not None
    return worker, status, body, sock


def entry_body(**changes: Any) -> bytes:
    values = {"start": "2026-11-27T09:00:00Z", "duration": 60, "created_with": "t", **changes}
    return json.dumps({k: v for k, v in values.items() if v is not None}).encode()


@contextmanager
def outside_lock(served: Served) -> Iterator[None]:
    """Hold, from another connection, the lock that a time-entry create needs."""
    if served.database_url.startswith("sqlite"):
        holder = sqlite3.connect(
            served.database_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None
        )
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    with psycopg.connect(served.database_url) as conn:
        # The row a create locks for its owner (time_entries/repository.py, lock_user).
        conn.execute("SELECT id FROM users WHERE email = %s FOR UPDATE", (EMAIL,))
        try:
            yield
        finally:
            conn.rollback()


# ---- what each worker must show -------------------------------------------------------------


def observe_fast_settings(served: Served, worker: int) -> None:
    """max_body_bytes, require_created_with, lock_timeout_seconds."""
    path = f"/api/v9/workspaces/{served.workspace_id}/time_entries"
    for _ in range(3):
        large = entry_body(description="x" * 2900)
        assert MAX_BODY_BYTES < len(large) <= 3000
        seen, status, body, sock = exchange(served, head("POST", path, len(large)) + large)
        sock.close()
        assert (seen, status) == (worker, 413), body

    unnamed = entry_body(created_with=None)
    seen, status, body, sock = exchange(served, head("POST", path, len(unnamed)) + unnamed)
    sock.close()
    assert (seen, status, json.loads(body)) == (worker, 400, CREATED_WITH_REQUIRED)

    named = entry_body(description="settings-workers")
    with outside_lock(served):
        started = time.monotonic()
        seen, status, body, sock = exchange(served, head("POST", path, len(named)) + named)
        waited = time.monotonic() - started
    sock.close()
    assert (seen, status) == (worker, 503), body
    assert LOCK_TIMEOUT - 0.1 <= waited <= LOCK_TIMEOUT + MARGIN


def observe_timeouts(served: Served, worker: int) -> None:
    """header_timeout_seconds, body_timeout_seconds and keep_alive_seconds, concurrently."""
    path = f"/api/v9/workspaces/{served.workspace_id}/time_entries"
    results: dict[str, tuple[int | None, float, bytes]] = {}

    def slow_headers() -> None:
        with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
            sock.sendall(b"GET /api/v9/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")
            seen = owner(served, sock)
            waited, data = seconds_until_closed(sock, HEADER_TIMEOUT + MARGIN + 1)
            results["header"] = (seen, waited, data)

    def slow_body() -> None:
        body = entry_body()
        with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
            sock.sendall(head("POST", path, len(body)) + body[:10])
            seen = owner(served, sock)
            waited, data = seconds_until_closed(sock, BODY_TIMEOUT + MARGIN + 1)
            results["body"] = (seen, waited, data)

    def idle_keep_alive() -> None:
        seen, status, _, sock = exchange(served, head("GET", "/api/v9/me"))
        with sock:
            assert status == 200
            waited, data = seconds_until_closed(sock, KEEP_ALIVE + MARGIN + 1)
            results["keep-alive"] = (seen, waited, data)

    threads = [threading.Thread(target=job) for job in (slow_headers, slow_body, idle_keep_alive)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["body", "header", "keep-alive"], results
    for name, setting in (
        ("header", HEADER_TIMEOUT),
        ("body", BODY_TIMEOUT),
        ("keep-alive", KEEP_ALIVE),
    ):
        seen, waited, data = results[name]
        assert seen == worker, name
        # The owner lookup takes a moment, so the wait is measured from a little later.
        assert setting - 0.3 <= waited <= setting + MARGIN, (name, waited)
        if name == "keep-alive":
            assert data == b""
        else:
            assert data.startswith(b"HTTP/1.1 408 ") and data.endswith(b'"Request Timeout"')


OBSERVATIONS: list[Callable[[Served, int], None]] = [observe_fast_settings, observe_timeouts]


def test_settings_given_to_serve_reach_both_workers(served: Served) -> None:
    assert not any(name.startswith("PUNCHCLOCK_") for name in _environ_of(served.process.pid))
    for worker in served.workers:
        # Each pause stays well below uvicorn's 5 s worker health check.
        for observe in OBSERVATIONS:
            with only(served, worker):
                observe(served, worker)


def _environ_of(pid: int) -> list[str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return [item.split(b"=", 1)[0].decode() for item in raw.split(b"\0") if item]
