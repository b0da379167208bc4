"""Operability: /healthz, /readyz, /metrics and the middleware that measures and logs requests."""

from __future__ import annotations

from litestar import Litestar
from litestar.handlers import HTTPRouteHandler

from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.operations.metrics import RequestMetrics, build_metrics
from punchclock.operations.middleware import OperationsMiddleware
from punchclock.operations.routes import operations_routes

__all__ = ["Operations"]


class Operations:
    """The operations routes for an app, and `install` to put its middleware around it."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.metrics: RequestMetrics | None = build_metrics(settings, db)
        self.route_handlers: list[HTTPRouteHandler] = operations_routes(db, self.metrics, settings)
        self.access_log = settings.access_log

    def install(self, app: Litestar) -> None:
        """Wrap the app's whole ASGI handler (so 404s are measured too) and clean up at shutdown."""
        # Around Litestar's router and exception handling: one raw ASGI layer per request,
        # seeing every response, including those for paths no route matched.
        app.asgi_handler = OperationsMiddleware(app.asgi_handler, self.metrics, self.access_log)
        if self.metrics is not None:
            app.on_shutdown.append(self.metrics.close)
