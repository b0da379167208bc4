"""One raw ASGI layer around the whole app: request metrics, the access log, departed clients."""

from __future__ import annotations

import logging
import time
from urllib.parse import quote

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from punchclock.api.auth import USER_ID_SCOPE_KEY
from punchclock.operations.departed import (
    answer_incomplete,
    client_departed,
    drop_departed,
)
from punchclock.operations.metrics import (
    DEPARTED_ROUTE,
    KNOWN_METHODS,
    OTHER_METHOD,
    UNMATCHED_ROUTE,
    RequestMetrics,
)

access_logger = logging.getLogger("punchclock.access")
# A path no route matched is logged as sent, but at most this long and percent-encoded:
# a hostile client must not fill the log or forge lines with control characters.
MAX_LOGGED_PATH = 200
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
# nginx's status for "client closed the request": recorded (never sent) for a request whose
# client left before its whole answer was written, so that it does not count as a server error.
CLIENT_CLOSED_REQUEST = 499


def logged_path(path: str) -> str:
    """A raw request path made safe for a log line: short, printable ASCII, no spaces."""
    shown = quote(path[:MAX_LOGGED_PATH], safe=_PATH_SAFE)
    if len(shown) > MAX_LOGGED_PATH or len(path) > MAX_LOGGED_PATH:
        return shown[:MAX_LOGGED_PATH] + "..."
    return shown


class OperationsMiddleware:
    """Counts and times each HTTP request under its route template and logs one line for it."""

    __slots__ = ("access_log", "app", "metrics")

    def __init__(self, app: ASGIApp, metrics: RequestMetrics | None, access_log: bool) -> None:
        self.app = app
        self.metrics = metrics
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI entry point: pass the request on, then record how it was answered."""
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the server answers if the app fails before responding
        metrics = self.metrics
        routed = True

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        if metrics is not None:
            metrics.in_flight.inc()
        try:
            # A burst of requests whose clients hung up (issue 10) would otherwise still be
            # served, one by one, ahead of those whose clients wait: skip the work nobody reads.
            if client_departed(receive):
                drop_departed(receive)
                status = CLIENT_CLOSED_REQUEST
                routed = False
            else:
                await self.app(scope, receive, send_and_note_status)
        finally:
            if status != CLIENT_CLOSED_REQUEST and answer_incomplete(receive):
                status = CLIENT_CLOSED_REQUEST
            seconds = time.perf_counter() - started
            # Litestar's router put the matched route's template in the scope.
            route = scope.get("path_template")
            method = scope["method"]
            if metrics is not None:
                metrics.in_flight.dec()
                metrics.observe(
                    method if method in KNOWN_METHODS else OTHER_METHOD,
                    route or (UNMATCHED_ROUTE if routed else DEPARTED_ROUTE),
                    status,
                    seconds,
                )
            if self.access_log and access_logger.isEnabledFor(logging.INFO):
                access_logger.info(
                    "method=%s route=%s status=%d duration_ms=%.2f user_id=%s",
                    method if method in KNOWN_METHODS else logged_path(method),
                    route or logged_path(scope["path"]),
                    status,
                    seconds * 1000,
                    scope.get(USER_ID_SCOPE_KEY, "-"),
                )
