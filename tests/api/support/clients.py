"""Clients: created through the API or inserted straight into the database."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient
from sqlalchemy import insert

from punchclock.db.engine import Database
from punchclock.db.schema import clients
from tests.conftest import API, Account

# A client object's keys, in the order Toggl sends them.
CLIENT_KEYS = ["id", "wid", "archived", "name", "at", "creator_id"]


def create_client(
    client: TestClient[Any], account: Account, name: str, **body: Any
) -> dict[str, Any]:
    """A client created in the account's workspace; its JSON (200 expected)."""
    url = f"{API}/workspaces/{account.workspace_id}/clients"
    response = client.post(url, headers=account.headers, json={"name": name, **body})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def insert_client(database: Database, wid: int, creator: int, name: str = "AGL") -> int:
    """Insert a client; returns its id."""
    with database.transaction(write=True) as conn:
        return int(
            conn.execute(
                insert(clients)
                .values(workspace_id=wid, name=name, creator_id=creator, created_at=0, at=0)
                .returning(clients.c.id)
            ).scalar_one()
        )
