"""A real `punchclock serve` in its own process group, for concurrency and crash tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from punchclock.clock import SystemClock
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.signup.service import SignupService

TOKEN = "0123456789abcdef0123456789abcdef"
EMAIL = "alice@example.com"
PASSWORD = "secret-pass"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed_user(database_url: str, token: str = TOKEN, email: str = EMAIL) -> int:
    """Create the test user through the CLI; returns their default workspace id."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "punchclock",
            "user",
            "create",
            "--email",
            email,
            "--password",
            PASSWORD,
            "--fullname",
            "Alice",
            "--api-token",
            token,
            "--database-url",
            database_url,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return int(result.stdout.split("workspace ")[1].split()[0])


@dataclass
class LiveServer:
    """A running server: its base URL and how to stop or kill it."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def client(self, token: str = TOKEN, timeout: float = 30.0) -> httpx.Client:
        """An HTTP client authenticated with the token."""
        return httpx.Client(base_url=self.url, auth=(token, "api_token"), timeout=timeout)

    def kill(self) -> None:
        """SIGKILL the whole process group (the supervisor and every worker)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """Terminate gracefully, or kill after a grace period."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def start_server(
    database_url: str, workdir: Path, workers: int = 1, env: dict[str, str] | None = None
) -> LiveServer:
    """Start `punchclock serve` and wait until it answers; `env` adds PUNCHCLOCK_* settings."""
    port = free_port()
    log = workdir / f"server-{port}.log"
    handle = log.open("wb")
    env = {**os.environ, "PUNCHCLOCK_LOG_LEVEL": "warning", **(env or {})}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "punchclock",
            "serve",
            "--port",
            str(port),
            "--database-url",
            database_url,
            "--workers",
            str(workers),
        ],
        stdout=handle,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    server = LiveServer(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{server.url}/api/v9/me/logged", timeout=1).status_code == 401:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"server did not start: {log.read_text()[-2000:]}")


def read_response(sock: socket.socket, timeout: float = 5.0) -> tuple[int, bytes]:
    """One response with a Content-Length body: (status, body)."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"closed before a response: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "closed in the middle of a response"
        body += chunk
    assert len(body) == length, "more bytes than the response announced"
    return int(head.split()[1]), body


def seed_in_process(database_url: str) -> int:
    """Alice with TOKEN, as seed_user does, but in-process: the CLI costs 2 s to start."""
    db = Database(Settings(database_url=database_url))
    try:
        with db.transaction(write=True) as conn:
            user = SignupService(conn, SystemClock()).create_account(
                email=EMAIL, password=PASSWORD, fullname="Alice", api_token=TOKEN
            )
    finally:
        db.dispose()
    assert user.default_workspace_id is not None
    return user.default_workspace_id
