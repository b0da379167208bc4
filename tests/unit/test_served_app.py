"""The app as `punchclock serve` runs it: start-up objects leave the garbage collector."""

from __future__ import annotations

import gc
from pathlib import Path

from litestar.testing import TestClient

from punchclock.app import create_app
from punchclock.config import Settings
from punchclock.db.migrate import upgrade
from punchclock.server import _served


def test_startup_freezes_the_heap(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'served.db'}"
    upgrade(url)
    app = _served(create_app(Settings(database_url=url)))
    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        with TestClient(app) as client:
            # Frozen at start-up, before any request; requests still work.
            assert gc.get_freeze_count() > 0
            assert client.get("/api/v9/me").status_code == 401
    finally:
        gc.unfreeze()
