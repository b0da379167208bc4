"""GET /healthz, /readyz and /metrics: outside the Toggl routers, no Toggl authentication."""

from __future__ import annotations

import hmac
from typing import Any

from litestar import Request, Response, get
from litestar.handlers import HTTPRouteHandler

from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.operations.health import head_revision, readiness
from punchclock.operations.metrics import CONTENT_TYPE, RequestMetrics

HEALTHY = {"status": "ok"}
UNAUTHORIZED = {"error": "a valid 'Authorization: Bearer <metrics token>' header is required"}


def operations_routes(
    db: Database, metrics: RequestMetrics | None, settings: Settings
) -> list[HTTPRouteHandler]:
    """The route handlers: health and readiness always, /metrics when metrics are enabled."""
    head = head_revision()  # once per process, never per request

    # None of these name the app's user/clock/uow dependencies, so none are resolved.
    @get("/healthz", include_in_schema=False, sync_to_thread=False)
    def healthz() -> dict[str, str]:
        """The process is up and its event loop answers."""
        return HEALTHY

    @get("/readyz", include_in_schema=False)
    async def readyz() -> Response[dict[str, Any]]:
        """200 when the database answers and is migrated to this code's head revision."""
        ready, body = await readiness(db, head)
        return Response(body, status_code=200 if ready else 503)

    handlers = [healthz, readyz]
    if metrics is not None:
        handlers.append(metrics_route(metrics, settings.metrics_token))
    return handlers


def metrics_route(metrics: RequestMetrics, token: str) -> HTTPRouteHandler:
    """GET /metrics in Prometheus' text format, behind a bearer token when one is set."""
    expected = f"Bearer {token}".encode()

    # In a thread: with several workers, exposition reads and sums every worker's files.
    @get("/metrics", include_in_schema=False, sync_to_thread=True)
    def metrics_endpoint(request: Request[Any, Any, Any]) -> Response[Any]:
        """Prometheus exposition of this app's (or all workers') metrics."""
        if token:
            # Header values are latin-1 decoded: encoding back gives the bytes as sent.
            sent = request.headers.get("authorization", "").encode("latin-1", "replace")
            if not hmac.compare_digest(sent, expected):
                return Response(
                    UNAUTHORIZED, status_code=401, headers={"WWW-Authenticate": "Bearer"}
                )
        return Response(metrics.exposition(), media_type=CONTENT_TYPE)

    return metrics_endpoint
