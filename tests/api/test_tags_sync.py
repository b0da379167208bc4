"""Tags: GET /me/tags and `since` on GET /workspaces/{wid}/tags."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from tests.api.support.tags import TAG_KEYS, create_tag
from tests.api.support.workspaces import join_workspace
from tests.conftest import API, FROZEN_NOW_US, Account

NOW_S = FROZEN_NOW_US // 1_000_000


def delete_tag(client: TestClient[Any], account: Account, tag_id: int) -> None:
    """Delete one of the account's tags."""
    url = f"{API}/workspaces/{account.workspace_id}/tags/{tag_id}"
    assert client.delete(url, headers=account.headers).status_code == 200


def me_tags(client: TestClient[Any], account: Account, query: str = "") -> Any:
    """GET /me/tags with a raw query string."""
    return client.get(f"{API}/me/tags{query}", headers=account.headers)


class TestMyTags:
    def test_every_workspace_live_tags(
        self,
        client: TestClient[Any],
        alice: Account,
        make_account: Callable[..., Account],
        database: Database,
        clock: FrozenClock,
    ) -> None:
        bob = make_account()
        join_workspace(database, bob.workspace_id, alice.id, at=clock.now_us())
        create_tag(client, alice, "zeta")
        create_tag(client, alice, "alpha")
        create_tag(client, bob, "bobs")
        delete_tag(client, alice, create_tag(client, alice, "gone")["id"])
        response = me_tags(client, alice)
        assert response.status_code == 200
        data = response.json()
        assert [(t["workspace_id"], t["name"]) for t in data] == [
            (alice.workspace_id, "alpha"),
            (alice.workspace_id, "zeta"),
            (bob.workspace_id, "bobs"),
        ]
        assert all(list(t) == TAG_KEYS for t in data)

    def test_nothing_of_other_users(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        delete_tag(client, bob, create_tag(client, bob, "gone")["id"])
        create_tag(client, bob, "secret")
        assert me_tags(client, alice).json() == []
        assert me_tags(client, alice, f"?since={NOW_S}").json() == []

    def test_since_returns_changes_and_deletions(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        create_tag(client, alice, "old")
        doomed = create_tag(client, alice, "doomed")
        renamed = create_tag(client, alice, "renamed")
        clock.advance(30)
        url = f"{API}/workspaces/{alice.workspace_id}/tags/{renamed['id']}"
        client.put(url, headers=alice.headers, json={"name": "renamed 2"})
        delete_tag(client, alice, doomed["id"])
        data = me_tags(client, alice, f"?since={NOW_S + 30}").json()
        assert [t["name"] for t in data] == ["doomed", "renamed 2"]
        assert list(data[0]) == [*TAG_KEYS, "deleted_at"]
        assert data[0]["deleted_at"] == "2026-11-27T12:00:30.000000Z"
        assert data[0]["at"] == data[0]["deleted_at"]
        assert list(data[1]) == TAG_KEYS
        assert len(me_tags(client, alice, f"?since={NOW_S}").json()) == 3

    @pytest.mark.parametrize("since", ["x", "1e9", "100000000000", " "])
    def test_invalid_since(self, client: TestClient[Any], alice: Account, since: str) -> None:
        response = me_tags(client, alice, f"?since={since}")
        assert response.status_code == 400
        assert response.json() == "Invalid since"

    def test_requires_credentials(self, client: TestClient[Any], alice: Account) -> None:
        assert client.get(f"{API}/me/tags").status_code == 401


class TestListTagsSince:
    def test_changes_and_tombstones(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        create_tag(client, alice, "old")
        clock.advance(10)
        delete_tag(client, alice, create_tag(client, alice, "new and gone")["id"])
        create_tag(client, alice, "new")
        url = f"{API}/workspaces/{alice.workspace_id}/tags?since={NOW_S + 10}"
        data = client.get(url, headers=alice.headers).json()
        assert [(t["name"], "deleted_at" in t) for t in data] == [
            ("new", False),
            ("new and gone", True),
        ]

    def test_invalid_since(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/tags?since=-1"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Invalid since"

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        url = f"{API}/workspaces/{bob.workspace_id}/tags?since={NOW_S}"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == "User does not have access to this resource"
