"""Time entries: their wire keys, creating them through the API, reading their stored rows."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient
from sqlalchemy import select

from punchclock.db.engine import Database
from punchclock.db.schema import time_entries
from tests.conftest import API, Account

# A time entry's keys in the order Toggl sends them (contract §4.1); by-id reads stop at user_id.
BASE_KEYS = [
    "id",
    "workspace_id",
    "project_id",
    "task_id",
    "billable",
    "start",
    "stop",
    "duration",
    "description",
    "tags",
    "tag_ids",
    "duronly",
    "at",
    "server_deleted_at",
    "user_id",
]
LEGACY_KEYS = [*BASE_KEYS, "uid", "wid"]
ENTRY_NOT_FOUND = "Time entry not found"


def create_time_entry(
    client: TestClient[Any], account: Account, wid: int | None = None, **body: Any
) -> dict[str, Any]:
    """POST a time entry (in the account's default workspace unless `wid`); 200 expected."""
    wid = account.workspace_id if wid is None else wid
    resp = client.post(f"{API}/workspaces/{wid}/time_entries", json=body, headers=account.headers)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def create_stopped_entry(
    client: TestClient[Any],
    account: Account,
    start: str,
    seconds: int,
    wid: int | None = None,
    **body: Any,
) -> dict[str, Any]:
    """A stopped entry lasting `seconds` from `start` (created_with "tests"); its JSON."""
    return create_time_entry(
        client, account, wid, start=start, duration=seconds, created_with="tests", **body
    )


def stored_entry(database: Database, entry_id: int) -> dict[str, Any] | None:
    """The stored row of a time entry, read straight from the database."""
    with database.transaction(write=False) as conn:
        row = (
            conn.execute(select(time_entries).where(time_entries.c.id == entry_id))
            .mappings()
            .first()
        )
    return dict(row) if row else None
