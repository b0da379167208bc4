"""Running the ASGI app under uvicorn, in one process or several."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
from dataclasses import fields

import uvicorn
from litestar import Litestar

from punchclock.config import Settings, SettingsError
from punchclock.db.migrate import upgrade
from punchclock.server_timeouts import protocol_factory

# prometheus-client's multiprocess mode: each worker writes its samples to files here, and
# /metrics in any worker sums them (operations/metrics.py).
MULTIPROC_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


def worker_environment(settings: Settings) -> dict[str, str]:
    """The PUNCHCLOCK_* variables from which a worker process rebuilds exactly `settings`.

    Every field goes down (Settings.to_env), and the round trip is checked here, so a setting
    that cannot reach the workers stops the server at start-up instead of being silently
    replaced by its default in every worker (issue 10).
    """
    env = settings.to_env()
    rebuilt = Settings.from_env(env)
    if rebuilt != settings:
        lost = [
            f.name
            for f in fields(Settings)
            if getattr(rebuilt, f.name) != getattr(settings, f.name)
        ]
        raise SettingsError(
            f"settings {', '.join(lost)} cannot be passed to worker processes; "
            "set them through PUNCHCLOCK_* variables or serve with one worker"
        )
    return env


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
    worker_env = worker_environment(settings) if workers > 1 else {}
    upgrade(settings.database_url)
    metrics_dir: str | None = None
    if workers <= 1:
        from punchclock.app import create_app

        app: Litestar | str = _served(create_app(settings))
        factory = False
    else:
        # Worker processes import the app by name and rebuild settings from the environment:
        # every field goes down, so no setting can be forgotten (issue 10).
        os.environ.update(worker_env)
        if not os.environ.get(MULTIPROC_DIR_VARIABLE):
            metrics_dir = tempfile.mkdtemp(prefix="punchclock-metrics-")
            os.environ[MULTIPROC_DIR_VARIABLE] = metrics_dir
        app = "punchclock.server:app_from_environment"
        factory = True
    try:
        uvicorn.run(
            app,
            factory=factory,
            host=settings.host,
            port=settings.port,
            workers=workers if workers > 1 else None,
            log_level=settings.log_level,
            # Punchclock writes its own access log (operations/middleware.py).
            access_log=False,
            http=protocol_factory(settings.header_timeout_seconds, settings.body_timeout_seconds),
            timeout_keep_alive=settings.keep_alive_seconds,  # type: ignore[arg-type]
        )
    finally:
        if metrics_dir is not None:
            shutil.rmtree(metrics_dir, ignore_errors=True)
