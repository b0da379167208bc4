"""Live updates: a Server-Sent Events stream that says when the viewer's entries changed.

Each stream asks the database every POLL_SECONDS for the viewer's newest `at` (one indexed
read, `ix_time_entries_user_at`), so a change made anywhere (a CLI, another tab, another
worker or machine) reaches the page within a few seconds. A stream ends after
STREAM_SECONDS and the browser reconnects: a server shutting down waits for no stream longer
than that, and a signed-out session stops being served at the next reconnect.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

from litestar import get
from litestar.response import Stream

from punchclock.time_entries.queries import TimeEntryQueries
from punchclock.web.http_types import AnyRequest
from punchclock.web.session import Viewer
from punchclock.web.state import WebState, web_state

POLL_SECONDS = 2.0
STREAM_SECONDS = 15.0
RETRY_MS = 2000


def _latest(state: WebState, viewer: Viewer) -> int:
    # A read of its own, closed before the stream sleeps again.
    with state.db.read_connection() as conn:
        return TimeEntryQueries(conn, state.clock).latest_change(viewer.user)


async def _events(state: WebState, viewer: Viewer, since: int) -> AsyncIterator[str]:
    yield f"retry: {RETRY_MS}\n\n"
    ends = time.monotonic() + STREAM_SECONDS
    seen = since
    while True:
        latest = _latest(state, viewer)
        if latest != seen:
            seen = latest
            yield f"event: entries\ndata: {latest}\n\n"
        if time.monotonic() + POLL_SECONDS > ends:
            yield "event: reconnect\ndata: \n\n"
            return
        await asyncio.sleep(POLL_SECONDS)


@get("/live", sync_to_thread=False)
def live(request: AnyRequest, viewer: Viewer, since: int = 0) -> Stream:
    """Events for the viewer's page: `entries` (data: the newest `at`) when something changed."""
    return Stream(
        _events(web_state(request), viewer, since),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


ROUTES = [live]
