"""Tags, created through the API."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from tests.conftest import API, Account

# A tag object's keys, in the order Toggl sends them.
TAG_KEYS = ["id", "workspace_id", "name", "at", "creator_id"]
ONLY_ADMINS_MANAGE_TAGS = (
    "Only organization or workspace administrators may manage tags in this workspace."
)


def create_tag(client: TestClient[Any], account: Account, name: str) -> dict[str, Any]:
    """A tag created in the account's workspace; its JSON (200 expected)."""
    url = f"{API}/workspaces/{account.workspace_id}/tags"
    response = client.post(url, headers=account.headers, json={"name": name})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result
