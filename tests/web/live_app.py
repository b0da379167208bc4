"""The app served by uvicorn in a thread of the test process, on a real port, for a browser."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass

import httpx
import uvicorn

from punchclock.app import create_app
from punchclock.config import Settings
from tests.concurrency.live_server import free_port


@dataclass
class LiveApp:
    """A running app: its base URL and how to stop it."""

    url: str
    server: uvicorn.Server
    thread: threading.Thread

    def api(self, email: str, password: str) -> httpx.Client:
        """An API client signed in with email and password (Basic auth)."""
        return httpx.Client(base_url=self.url, auth=(email, password), timeout=10)

    def stop(self) -> None:
        """Ask uvicorn to finish and wait for it."""
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start_live_app(settings: Settings) -> LiveApp:
    """Serve `create_app(settings)` (the real clock) until stopped."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if server.started:
            return LiveApp(url, server, thread)
        time.sleep(0.02)
    server.should_exit = True
    raise RuntimeError("the app did not start within 15 s")
