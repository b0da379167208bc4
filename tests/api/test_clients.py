"""Clients: GET/POST /workspaces/{wid}/clients and GET /workspaces/{wid}/clients/{cid}."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import update

from punchclock.db.engine import Database
from punchclock.db.schema import clients as clients_table
from tests.api.support.clients import CLIENT_KEYS, create_client
from tests.api.support.http import NO_ACCESS
from tests.conftest import API, Account


def create(client: TestClient[Any], account: Account, body: Any) -> Any:
    """POST a client into the account's workspace."""
    url = f"{API}/workspaces/{account.workspace_id}/clients"
    return client.post(url, headers=account.headers, json=body)


def archive(database: Database, client_id: int) -> None:
    """Archive a client directly (there is no archive endpoint yet)."""
    with database.transaction(write=True) as conn:
        conn.execute(
            update(clients_table).where(clients_table.c.id == client_id).values(archived=True)
        )


class TestCreateClient:
    def test_togglcli_body_creates_client(self, client: TestClient[Any], alice: Account) -> None:
        wid = alice.workspace_id
        body = {"id": None, "wid": wid, "name": "Acme", "notes": None}
        response = create(client, alice, body)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        data = response.json()
        assert list(data.keys()) == CLIENT_KEYS
        assert data["wid"] == wid
        assert data["name"] == "Acme"
        assert data["archived"] is False
        assert data["creator_id"] == alice.id
        assert data["at"] == "2026-11-27T12:00:00+00:00"

    def test_notes_are_returned_when_set(self, client: TestClient[Any], alice: Account) -> None:
        data = create(client, alice, {"name": "Acme", "notes": "pays late"}).json()
        assert list(data.keys()) == [*CLIENT_KEYS, "notes"]
        assert data["notes"] == "pays late"

    def test_name_is_trimmed(self, client: TestClient[Any], alice: Account) -> None:
        assert create(client, alice, {"name": "  Acme  "}).json()["name"] == "Acme"

    @pytest.mark.parametrize("body", [{"name": ""}, {"name": "   "}, {"name": None}, {}])
    def test_empty_name(self, client: TestClient[Any], alice: Account, body: Any) -> None:
        response = create(client, alice, body)
        assert response.status_code == 400
        assert response.json() == "Client name cannot be empty"

    def test_name_too_long(self, client: TestClient[Any], alice: Account) -> None:
        response = create(client, alice, {"name": "x" * 256})
        assert response.status_code == 400
        assert response.json() == "Client name maximum length is 255"

    def test_duplicate_name(self, client: TestClient[Any], alice: Account) -> None:
        create_client(client, alice, "Acme")
        response = create(client, alice, {"name": "Acme"})
        assert response.status_code == 400
        assert response.json() == "a client with the name 'Acme' already exists"

    def test_same_name_in_another_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        create_client(client, alice, "Acme")
        assert create(client, bob, {"name": "Acme"}).status_code == 200

    def test_body_workspace_must_match_path(self, client: TestClient[Any], alice: Account) -> None:
        response = create(client, alice, {"name": "Acme", "wid": alice.workspace_id + 1})
        assert response.status_code == 400
        assert response.json() == "workspace_id in body does not match path"

    def test_invalid_json(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/clients"
        response = client.post(url, headers=alice.headers, content=b"{not json")
        assert response.status_code == 400
        assert response.json() == "Invalid JSON input"

    def test_wrong_type(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/clients"
        response = client.post(url, headers=alice.headers, content=b'{"name": 5}')
        assert response.status_code == 400
        assert response.json() == 'Unexpected "name" type number, offset=10'

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        url = f"{API}/workspaces/{bob.workspace_id}/clients"
        response = client.post(url, headers=alice.headers, json={"name": "Acme"})
        assert response.status_code == 403
        assert response.json() == NO_ACCESS

    def test_non_numeric_workspace(self, client: TestClient[Any], alice: Account) -> None:
        response = client.post(f"{API}/workspaces/abc/clients", headers=alice.headers, json={})
        assert response.status_code == 403
        assert response.json() == "Missing or invalid workspace_id"

    def test_requires_credentials(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/clients"
        assert client.post(url, json={"name": "Acme"}).status_code == 401


class TestListClients:
    def test_active_by_name(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        create_client(client, alice, "Zeta")
        create_client(client, alice, "Acme")
        archive(database, create_client(client, alice, "Old")["id"])
        url = f"{API}/workspaces/{alice.workspace_id}/clients"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 200
        data = response.json()
        assert [c["name"] for c in data] == ["Acme", "Zeta"]
        assert all(list(c.keys()) == CLIENT_KEYS for c in data)

    @pytest.mark.parametrize(
        ("status", "names"),
        [("active", ["Acme"]), ("archived", ["Old"]), ("both", ["Acme", "Old"])],
    )
    def test_status_filter(
        self,
        client: TestClient[Any],
        alice: Account,
        database: Database,
        status: str,
        names: list[str],
    ) -> None:
        create_client(client, alice, "Acme")
        archive(database, create_client(client, alice, "Old")["id"])
        url = f"{API}/workspaces/{alice.workspace_id}/clients?status={status}"
        assert [c["name"] for c in client.get(url, headers=alice.headers).json()] == names

    def test_invalid_status(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/clients?status=gone"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Client status is invalid"

    def test_name_is_case_insensitive_substring(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        for name in ("Acme Corp", "ACME Ltd", "Globex", "100%_sure"):
            create_client(client, alice, name)
        url = f"{API}/workspaces/{alice.workspace_id}/clients"
        found = client.get(url, headers=alice.headers, params={"name": "acme"}).json()
        assert [c["name"] for c in found] == ["ACME Ltd", "Acme Corp"]
        # LIKE wildcards in the filter are matched literally.
        found = client.get(url, headers=alice.headers, params={"name": "%_"}).json()
        assert [c["name"] for c in found] == ["100%_sure"]

    def test_empty_workspace(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/clients"
        assert client.get(url, headers=alice.headers).json() == []

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        response = client.get(f"{API}/workspaces/{bob.workspace_id}/clients", headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS

    def test_non_numeric_workspace(self, client: TestClient[Any], alice: Account) -> None:
        response = client.get(f"{API}/workspaces/x1/clients", headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == "Missing or invalid workspace_id"


class TestGetClient:
    def test_found(self, client: TestClient[Any], alice: Account) -> None:
        created = create_client(client, alice, "Acme")
        url = f"{API}/workspaces/{alice.workspace_id}/clients/{created['id']}"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 200
        assert response.json() == created
        assert list(response.json().keys()) == CLIENT_KEYS

    def test_archived_client_is_found(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        created = create_client(client, alice, "Old")
        archive(database, created["id"])
        url = f"{API}/workspaces/{alice.workspace_id}/clients/{created['id']}"
        assert client.get(url, headers=alice.headers).json()["archived"] is True

    def test_unknown(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/clients/424242"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 404
        assert response.json() == "No client with ID 424242 was found"

    def test_client_of_another_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_client(client, bob, "Bob's")
        url = f"{API}/workspaces/{alice.workspace_id}/clients/{bobs['id']}"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 404
        assert response.json() == f"No client with ID {bobs['id']} was found"

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_client(client, bob, "Bob's")
        url = f"{API}/workspaces/{bob.workspace_id}/clients/{bobs['id']}"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS

    @pytest.mark.parametrize("raw", ["abc", "0", "-1", "99999999999999999999"])
    def test_invalid_id(self, client: TestClient[Any], alice: Account, raw: str) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/clients/{raw}"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Invalid client_id"
