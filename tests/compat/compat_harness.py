"""Shared machinery for the real-client acceptance tests (see real-clients.md).

Kept out of conftest.py so the test modules can import the types they annotate with.
It runs a real `punchclock serve` subprocess, gives a plain-HTTP view of its state, and
runs client programs the way a user would (fresh HOME, TZ=UTC, stdin closed).
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.compat.compat_venvs import ClientVenv, tail

CLIENT_SCRIPTS = Path(__file__).resolve().parent / "clients"

# Seeded identity, real-clients.md §1.1.
EMAIL = "alice@example.com"
PASSWORD = "secret-pass"
FULLNAME = "Alice Tester"
TIMEZONE = "UTC"
WORKSPACE_NAME = "Alice WS"
API_TOKEN = "0123456789abcdef0123456789abcdef"

SUBPROCESS_TIMEOUT = 60.0
STARTUP_TIMEOUT = 20.0


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ApiError(AssertionError):
    pass


@dataclass
class Api:
    """Plain-HTTP view of server state, independent of any client under test."""

    server: PunchclockServer
    auth: tuple[str, str]

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        with httpx.Client(base_url=self.server.url, auth=self.auth, timeout=10.0) as http:
            return http.request(method, path, **kwargs)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """One request that must answer 200 (the contract's status for every success)."""
        resp = self.request(method, path, **kwargs)
        if resp.status_code != 200:
            raise ApiError(
                f"{method} {resp.request.url} {kwargs.get('json', '')} -> "
                f"{resp.status_code} {resp.text!r}\n{self.server.log_excerpt()}"
            )
        return resp.json()

    def get(self, path: str, **params: Any) -> Any:
        return self.call("GET", path, params=params)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.call("POST", path, json=body)


@dataclass
class PunchclockServer:
    root_url: str  # what the client wrappers get as PUNCHCLOCK_URL
    token: str
    db_path: Path
    log_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return self.root_url + "/api/v9"

    @property
    def api(self) -> Api:
        return Api(self, (self.token, "api_token"))

    def log_excerpt(self, lines: int = 60) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return f"--- punchclock server log (tail, {self.log_path}) ---\n{tail(text, lines)}"


def _flags(options: dict[str, str]) -> list[str]:
    return [part for pair in options.items() for part in pair]


def punchclock_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PUNCHCLOCK_")}
    return subprocess.run(
        [sys.executable, "-m", "punchclock", *args],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        stdin=subprocess.DEVNULL,
        env=env,
    )


def _wait_until_up(server: PunchclockServer) -> None:
    assert server.process is not None
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"punchclock serve exited with {server.process.returncode} during startup\n"
                f"{server.log_excerpt()}"
            )
        try:
            resp = httpx.get(server.url + "/me/logged", timeout=1.0)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"punchclock did not answer within {STARTUP_TIMEOUT}s\n{server.log_excerpt()}"
                ) from None
            time.sleep(0.1)
            continue
        if resp.status_code != 401:
            raise RuntimeError(
                f"GET /api/v9/me/logged without credentials: expected 401, got "
                f"{resp.status_code} {resp.text!r}\n{server.log_excerpt()}"
            )
        return


@contextmanager
def running_server(workdir: Path) -> Iterator[PunchclockServer]:
    """Start `punchclock serve` on a fresh SQLite file, seed §1.1's user, stop it afterwards."""
    port = free_port()
    db_path = workdir / "punchclock.sqlite3"
    db_url = f"sqlite:///{db_path}"
    server = PunchclockServer(
        f"http://127.0.0.1:{port}", API_TOKEN, db_path, workdir / "punchclock-server.log"
    )
    serve_opts = {"--host": "127.0.0.1", "--port": str(port), "--database-url": db_url}
    user_opts = {
        "--email": EMAIL,
        "--password": PASSWORD,
        "--fullname": FULLNAME,
        "--timezone": TIMEZONE,
        "--workspace-name": WORKSPACE_NAME,
        "--api-token": API_TOKEN,
        "--database-url": db_url,
    }
    # Explicit flags win anyway; dropping PUNCHCLOCK_* just keeps the shell out of the test.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PUNCHCLOCK_")}
    with server.log_path.open("wb") as log:
        server.process = subprocess.Popen(
            [sys.executable, "-m", "punchclock", "serve", *_flags(serve_opts)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        try:
            _wait_until_up(server)
            created = punchclock_cli("user", "create", *_flags(user_opts))
            lines = created.stdout.strip().splitlines()
            if created.returncode != 0 or not lines or lines[-1].strip() != API_TOKEN:
                raise RuntimeError(
                    f"`punchclock user create` exit {created.returncode}, expected the token as "
                    f"the last stdout line\nstdout:\n{tail(created.stdout)}\n"
                    f"stderr:\n{tail(created.stderr)}\n{server.log_excerpt()}"
                )
            yield server
        finally:
            server.process.terminate()
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait(timeout=10)


# --------------------------------------------------------------------------- clients


@dataclass(frozen=True)
class ClientRun:
    """One finished client invocation, with helpers that fail with the full context."""

    args: tuple[str, ...]  # the wrapper script, then its arguments
    returncode: int
    stdout: str
    stderr: str
    server: PunchclockServer

    def describe(self) -> str:
        return (
            f"command: {shlex.join(self.args)}\nexit: {self.returncode}\n"
            f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}\n"
            f"{self.server.log_excerpt(40)}"
        )

    def expect(self, code: int = 0) -> ClientRun:
        assert self.returncode == code, f"expected exit {code}\n{self.describe()}"
        return self


def run_client(
    venv: ClientVenv,
    script: str,
    args: tuple[str, ...],
    *,
    server: PunchclockServer,
    home: Path,
    extra_env: dict[str, str] | None = None,
    input_text: str | None = None,
) -> ClientRun:
    """Run a client script; stdin is closed unless `input_text` is piped in."""
    # A minimal environment: no TOGGL_* or XDG_* leaking in from the developer's shell.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TZ": "UTC",
        "LANG": "C.UTF-8",
        "PUNCHCLOCK_URL": server.root_url,
        **(extra_env or {}),
    }
    # Closed stdin: togglcli would start its interactive setup, tgl-cli would prompt.
    stdin = {"stdin": subprocess.DEVNULL} if input_text is None else {"input": input_text}
    proc = subprocess.run(
        [str(venv.python), str(CLIENT_SCRIPTS / script), *args],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        env=env,
        cwd=home,
        **stdin,
    )
    return ClientRun((script, *args), proc.returncode, proc.stdout, proc.stderr, server)
