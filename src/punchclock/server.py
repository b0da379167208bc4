"""Running the ASGI app under uvicorn, in one process or several."""

from __future__ import annotations

import gc
import logging
import os

import uvicorn
from litestar import Litestar

from punchclock.config import Settings
from punchclock.db.migrate import upgrade

_SETTINGS_ENV = {
    "database_url": "PUNCHCLOCK_DATABASE_URL",
    "sqlite_synchronous": "PUNCHCLOCK_SQLITE_SYNCHRONOUS",
    "credential_cache_seconds": "PUNCHCLOCK_CREDENTIAL_CACHE_SECONDS",
    "credential_cache_size": "PUNCHCLOCK_CREDENTIAL_CACHE_SIZE",
    "max_body_bytes": "PUNCHCLOCK_MAX_BODY_BYTES",
    "require_created_with": "PUNCHCLOCK_REQUIRE_CREATED_WITH",
    "log_level": "PUNCHCLOCK_LOG_LEVEL",
}


def app_from_environment() -> Litestar:
    """The app for a worker process, configured from PUNCHCLOCK_* variables."""
    from punchclock.app import create_app

    return _served(create_app(Settings.from_env()))


def _freeze_startup_heap() -> None:
    # Everything alive once the app has started (modules, routes, compiled statements)
    # lives as long as the process. Frozen, it is no longer rescanned by every full
    # collection: a one-year summary creates ~10k objects, triggering full collections
    # that took 30-50 ms each; p99 fell from 149 to 75 ms (bench/README.md, Reports v3).
    gc.collect()
    gc.freeze()


def _served(app: Litestar) -> Litestar:
    app.on_startup.append(_freeze_startup_heap)
    return app


def serve(settings: Settings, workers: int = 1) -> None:
    """Apply migrations once, then serve with `workers` processes sharing one database."""
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    upgrade(settings.database_url)
    if workers <= 1:
        from punchclock.app import create_app

        app: Litestar | str = _served(create_app(settings))
        factory = False
    else:
        # Worker processes import the app by name and rebuild settings from the environment,
        # so every setting given on the command line is passed down through it.
        for name, variable in _SETTINGS_ENV.items():
            value = getattr(settings, name)
            os.environ[variable] = str(value).lower() if isinstance(value, bool) else str(value)
        app = "punchclock.server:app_from_environment"
        factory = True
    uvicorn.run(
        app,
        factory=factory,
        host=settings.host,
        port=settings.port,
        workers=workers if workers > 1 else None,
        log_level=settings.log_level,
        access_log=False,
    )
