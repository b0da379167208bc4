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

TOKEN = "0123456789abcdef0123456789abcdef"
EMAIL = "alice@example.com"
PASSWORD = "secret-pass"


def _free_port() -> int:
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
    port = _free_port()
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
