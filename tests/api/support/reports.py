"""Reports v3: where its workspace routes live and the detailed search many report tests run."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from tests.conftest import Account

REPORTS = "/reports/api/v3/workspace"
# The month most report tests fill and ask about.
RANGE = {"start_date": "2026-11-01", "end_date": "2026-11-30"}


def post_detailed_search(client: TestClient[Any], who: Account, wid: int, body: Any) -> Any:
    """POST a detailed search in a workspace as `who`; the raw response."""
    return client.post(f"{REPORTS}/{wid}/search/time_entries", json=body, auth=who.auth)
