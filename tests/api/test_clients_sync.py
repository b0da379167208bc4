"""Clients: GET /me/clients and `since` on GET /workspaces/{wid}/clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from tests.api.support.clients import CLIENT_KEYS, create_client
from tests.api.support.workspaces import join_workspace
from tests.conftest import API, FROZEN_NOW_US, Account

NOW_S = FROZEN_NOW_US // 1_000_000


def delete_client(client: TestClient[Any], account: Account, client_id: int) -> None:
    """Delete one of the account's clients."""
    url = f"{API}/workspaces/{account.workspace_id}/clients/{client_id}"
    assert client.delete(url, headers=account.headers).status_code == 200


def me_clients(client: TestClient[Any], account: Account, query: str = "") -> Any:
    """GET /me/clients with a raw query string."""
    return client.get(f"{API}/me/clients{query}", headers=account.headers)


class TestMyClients:
    def test_every_workspace_live_clients(
        self,
        client: TestClient[Any],
        alice: Account,
        make_account: Callable[..., Account],
        database: Database,
        clock: FrozenClock,
    ) -> None:
        bob = make_account()
        join_workspace(database, bob.workspace_id, alice.id, at=clock.now_us())
        create_client(client, alice, "Zeta")
        create_client(client, bob, "Bob's")
        gone = create_client(client, alice, "Gone")
        delete_client(client, alice, gone["id"])
        archived = create_client(client, alice, "Old")
        url = f"{API}/workspaces/{alice.workspace_id}/clients/{archived['id']}/archive"
        client.post(url, headers=alice.headers)
        response = me_clients(client, alice)
        assert response.status_code == 200
        data = response.json()
        assert [(c["wid"], c["name"]) for c in data] == [
            (alice.workspace_id, "Old"),
            (alice.workspace_id, "Zeta"),
            (bob.workspace_id, "Bob's"),
        ]
        assert all(list(c) == CLIENT_KEYS for c in data)

    def test_nothing_of_other_users(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        create_client(client, bob, "Bob's")
        assert me_clients(client, alice).json() == []
        assert me_clients(client, alice, f"?since={NOW_S - 10}").json() == []

    def test_since_returns_changes_and_deletions(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        old = create_client(client, alice, "Old")
        doomed = create_client(client, alice, "Doomed")
        clock.advance(100)
        renamed = create_client(client, alice, "Fresh")
        delete_client(client, alice, doomed["id"])
        data = me_clients(client, alice, f"?since={NOW_S + 100}").json()
        by_name = {c["name"]: c for c in data}
        assert set(by_name) == {"Doomed", "Fresh"}
        assert list(by_name["Doomed"]) == [*CLIENT_KEYS, "server_deleted_at"]
        assert by_name["Doomed"]["server_deleted_at"] == "2026-11-27T12:01:40+00:00"
        assert list(by_name["Fresh"]) == CLIENT_KEYS
        assert renamed["id"] == by_name["Fresh"]["id"]
        everything = me_clients(client, alice, f"?since={NOW_S}").json()
        assert {c["id"] for c in everything} == {old["id"], doomed["id"], renamed["id"]}

    @pytest.mark.parametrize("since", ["yesterday", "-5", "1.5", "100000000000"])
    def test_invalid_since(self, client: TestClient[Any], alice: Account, since: str) -> None:
        response = me_clients(client, alice, f"?since={since}")
        assert response.status_code == 400
        assert response.json() == "Invalid since"

    def test_requires_credentials(self, client: TestClient[Any], alice: Account) -> None:
        assert client.get(f"{API}/me/clients").status_code == 401


class TestListClientsSince:
    def url(self, account: Account, query: str) -> str:
        return f"{API}/workspaces/{account.workspace_id}/clients{query}"

    def test_changes_and_tombstones(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        create_client(client, alice, "Untouched")
        doomed = create_client(client, alice, "Doomed")
        renamed = create_client(client, alice, "Renamed")
        clock.advance(60)
        put_url = f"{API}/workspaces/{alice.workspace_id}/clients/{renamed['id']}"
        client.put(put_url, headers=alice.headers, json={"name": "Renamed 2"})
        delete_client(client, alice, doomed["id"])
        data = client.get(self.url(alice, f"?since={NOW_S + 60}"), headers=alice.headers).json()
        assert [(c["name"], "server_deleted_at" in c) for c in data] == [
            ("Doomed", True),
            ("Renamed 2", False),
        ]

    def test_status_filter_spares_tombstones(self, client: TestClient[Any], alice: Account) -> None:
        doomed = create_client(client, alice, "Doomed")
        archived = create_client(client, alice, "Archived")
        client.post(
            f"{API}/workspaces/{alice.workspace_id}/clients/{archived['id']}/archive",
            headers=alice.headers,
        )
        delete_client(client, alice, doomed["id"])
        query = f"?since={NOW_S}&status=active"
        data = client.get(self.url(alice, query), headers=alice.headers).json()
        assert [c["name"] for c in data] == ["Doomed"]
        query = f"?since={NOW_S}&status=archived"
        data = client.get(self.url(alice, query), headers=alice.headers).json()
        assert [c["name"] for c in data] == ["Archived", "Doomed"]

    def test_invalid_since(self, client: TestClient[Any], alice: Account) -> None:
        response = client.get(self.url(alice, "?since=soon"), headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Invalid since"
