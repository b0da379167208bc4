"""Clients: PUT/DELETE /workspaces/{wid}/clients/{cid}, POST …/archive and …/restore."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from tests.api.support.clients import CLIENT_KEYS, create_client
from tests.api.support.http import NO_ACCESS
from tests.api.support.projects import create_project
from tests.api.support.workspaces import join_workspace
from tests.conftest import API, Account

FORBIDDEN = "Forbidden"


def clients_url(account: Account, suffix: str = "", wid: int | None = None) -> str:
    """The account's (or another) workspace client collection, plus a suffix."""
    return f"{API}/workspaces/{wid or account.workspace_id}/clients{suffix}"


def get_project(client: TestClient[Any], account: Account, project_id: int) -> Any:
    """A project's JSON."""
    url = f"{API}/workspaces/{account.workspace_id}/projects/{project_id}"
    return client.get(url, headers=account.headers).json()


def get_client(client: TestClient[Any], account: Account, client_id: int) -> Any:
    """GET one client (the response, for its status)."""
    return client.get(clients_url(account, f"/{client_id}"), headers=account.headers)


class TestUpdateClient:
    def test_rename_and_notes(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        created = create_client(client, alice, "Acme")
        clock.advance(90)
        url = clients_url(alice, f"/{created['id']}")
        body = {"name": "  Acme Corp ", "notes": "pays late", "wid": alice.workspace_id}
        response = client.put(url, headers=alice.headers, json=body)
        assert response.status_code == 200
        data = response.json()
        assert list(data) == [*CLIENT_KEYS, "notes"]
        assert (data["id"], data["name"], data["notes"]) == (
            created["id"],
            "Acme Corp",
            "pays late",
        )
        assert data["at"] == "2026-11-27T12:01:30+00:00"
        assert get_client(client, alice, created["id"]).json() == data

    def test_only_given_fields_change(self, client: TestClient[Any], alice: Account) -> None:
        created = create_client(client, alice, "Acme", notes="keep")
        url = clients_url(alice, f"/{created['id']}")
        data = client.put(url, headers=alice.headers, json={"notes": "new"}).json()
        assert (data["name"], data["notes"]) == ("Acme", "new")
        data = client.put(url, headers=alice.headers, json={"name": "Beta", "id": None}).json()
        assert (data["name"], data["notes"]) == ("Beta", "new")

    @pytest.mark.parametrize("notes", [None, ""])
    def test_null_or_empty_notes_clear_them(
        self, client: TestClient[Any], alice: Account, notes: str | None
    ) -> None:
        created = create_client(client, alice, "Acme", notes="old")
        url = clients_url(alice, f"/{created['id']}")
        data = client.put(url, headers=alice.headers, json={"notes": notes}).json()
        assert list(data) == CLIENT_KEYS

    def test_same_name_is_no_conflict(self, client: TestClient[Any], alice: Account) -> None:
        created = create_client(client, alice, "Acme")
        url = clients_url(alice, f"/{created['id']}")
        response = client.put(url, headers=alice.headers, json={"name": "Acme"})
        assert response.status_code == 200
        assert response.json() == created

    def test_name_of_another_client(self, client: TestClient[Any], alice: Account) -> None:
        create_client(client, alice, "Acme")
        other = create_client(client, alice, "Globex")
        url = clients_url(alice, f"/{other['id']}")
        response = client.put(url, headers=alice.headers, json={"name": "Acme"})
        assert response.status_code == 400
        assert response.json() == "a client with the name 'Acme' already exists"
        assert get_client(client, alice, other["id"]).json()["name"] == "Globex"

    @pytest.mark.parametrize(
        ("name", "message"),
        [("", "Client name cannot be empty"), ("x" * 256, "Client name maximum length is 255")],
    )
    def test_invalid_name(
        self, client: TestClient[Any], alice: Account, name: str, message: str
    ) -> None:
        created = create_client(client, alice, "Acme")
        url = clients_url(alice, f"/{created['id']}")
        response = client.put(url, headers=alice.headers, json={"name": name})
        assert response.status_code == 400
        assert response.json() == message

    def test_unknown_client(self, client: TestClient[Any], alice: Account) -> None:
        response = client.put(clients_url(alice, "/4242"), headers=alice.headers, json={})
        assert response.status_code == 404
        assert response.json() == "Client doesn't exist in the workspace."

    def test_client_of_another_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_client(client, bob, "Bob's")
        url = clients_url(alice, f"/{bobs['id']}")
        response = client.put(url, headers=alice.headers, json={"name": "Mine"})
        assert response.status_code == 404
        assert get_client(client, bob, bobs["id"]).json()["name"] == "Bob's"

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_client(client, bob, "Bob's")
        url = clients_url(bob, f"/{bobs['id']}")
        response = client.put(url, headers=alice.headers, json={"name": "Mine"})
        assert response.status_code == 403
        assert response.json() == NO_ACCESS

    def test_members_may_not(
        self, client: TestClient[Any], alice: Account, member: Account
    ) -> None:
        created = create_client(client, alice, "Acme")
        url = clients_url(alice, f"/{created['id']}")
        response = client.put(url, headers=member.headers, json={"name": "Taken over"})
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        assert get_client(client, alice, created["id"]).json()["name"] == "Acme"

    def test_workspace_admins_may(
        self,
        client: TestClient[Any],
        alice: Account,
        make_account: Callable[..., Account],
        database: Database,
        clock: FrozenClock,
    ) -> None:
        dave = make_account()
        join_workspace(database, alice.workspace_id, dave.id, role="admin", at=clock.now_us())
        created = create_client(client, alice, "Acme")
        url = clients_url(alice, f"/{created['id']}")
        assert client.put(url, headers=dave.headers, json={"name": "Z"}).json()["name"] == "Z"

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (b"{", "Invalid JSON input"),
            (b"", "Invalid JSON input"),
            (b'{"name": 1}', 'Unexpected "name" type number, offset=10'),
            (b'{"wid": 99999}', "workspace_id in body does not match path"),
        ],
    )
    def test_bad_body(
        self, client: TestClient[Any], alice: Account, body: bytes, message: str
    ) -> None:
        created = create_client(client, alice, "Acme")
        url = clients_url(alice, f"/{created['id']}")
        response = client.put(url, headers=alice.headers, content=body)
        assert response.status_code == 400
        assert response.json() == message

    @pytest.mark.parametrize("raw", ["abc", "0", "99999999999999999999"])
    def test_invalid_id(self, client: TestClient[Any], alice: Account, raw: str) -> None:
        response = client.put(clients_url(alice, f"/{raw}"), headers=alice.headers, json={})
        assert response.status_code == 400
        assert response.json() == "Invalid client_id"


class TestDeleteClient:
    def test_returns_id_and_hides_client(self, client: TestClient[Any], alice: Account) -> None:
        created = create_client(client, alice, "Acme")
        response = client.delete(clients_url(alice, f"/{created['id']}"), headers=alice.headers)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        assert response.content == str(created["id"]).encode()
        assert get_client(client, alice, created["id"]).status_code == 404
        listed = client.get(clients_url(alice, "?status=both"), headers=alice.headers).json()
        assert listed == []

    def test_projects_lose_the_client(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        acme = create_client(client, alice, "Acme")
        website = create_project(client, alice, "Website", client_id=acme["id"])
        other = create_project(client, alice, "Other")
        clock.advance(60)
        client.delete(clients_url(alice, f"/{acme['id']}"), headers=alice.headers)
        detached = get_project(client, alice, website["id"])
        assert detached["client_id"] is None
        assert detached["at"] == "2026-11-27T12:01:00+00:00"
        assert get_project(client, alice, other["id"]) == other

    def test_name_is_free_again(self, client: TestClient[Any], alice: Account) -> None:
        created = create_client(client, alice, "Acme")
        client.delete(clients_url(alice, f"/{created['id']}"), headers=alice.headers)
        assert create_client(client, alice, "Acme")["id"] != created["id"]

    def test_project_name_clash_changes_nothing(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        acme = create_client(client, alice, "Acme")
        website = create_project(client, alice, "Website", client_id=acme["id"])
        create_project(client, alice, "Website")
        response = client.delete(clients_url(alice, f"/{acme['id']}"), headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == (
            "Cannot delete the client: its project 'Website' has the same name as a project "
            "without a client"
        )
        assert get_client(client, alice, acme["id"]).status_code == 200
        assert get_project(client, alice, website["id"])["client_id"] == acme["id"]

    def test_twice(self, client: TestClient[Any], alice: Account) -> None:
        created = create_client(client, alice, "Acme")
        url = clients_url(alice, f"/{created['id']}")
        client.delete(url, headers=alice.headers)
        response = client.delete(url, headers=alice.headers)
        assert response.status_code == 404
        assert response.json() == f"No client with ID {created['id']} was found"

    def test_client_of_another_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_client(client, bob, "Bob's")
        response = client.delete(clients_url(alice, f"/{bobs['id']}"), headers=alice.headers)
        assert response.status_code == 404
        assert get_client(client, bob, bobs["id"]).status_code == 200

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_client(client, bob, "Bob's")
        response = client.delete(clients_url(bob, f"/{bobs['id']}"), headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert get_client(client, bob, bobs["id"]).status_code == 200

    def test_members_may_not(
        self, client: TestClient[Any], alice: Account, member: Account
    ) -> None:
        created = create_client(client, alice, "Acme")
        response = client.delete(clients_url(alice, f"/{created['id']}"), headers=member.headers)
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        assert get_client(client, alice, created["id"]).status_code == 200

    def test_invalid_id(self, client: TestClient[Any], alice: Account) -> None:
        response = client.delete(clients_url(alice, "/-3"), headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Invalid client_id"

    def test_requires_credentials(self, client: TestClient[Any], alice: Account) -> None:
        created = create_client(client, alice, "Acme")
        assert client.delete(clients_url(alice, f"/{created['id']}")).status_code == 401


class TestArchiveClient:
    def test_archives_client_and_its_active_projects(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        acme = create_client(client, alice, "Acme")
        one = create_project(client, alice, "One", client_id=acme["id"])
        two = create_project(client, alice, "Two", client_id=acme["id"])
        create_project(client, alice, "Done", client_id=acme["id"], active=False)
        unrelated = create_project(client, alice, "Unrelated")
        clock.advance(30)
        url = clients_url(alice, f"/{acme['id']}/archive")
        response = client.post(url, headers=alice.headers)
        assert response.status_code == 200
        assert response.json() == sorted([one["id"], two["id"]])
        archived = get_client(client, alice, acme["id"]).json()
        assert archived["archived"] is True
        assert archived["at"] == "2026-11-27T12:00:30+00:00"
        assert get_project(client, alice, one["id"])["active"] is False
        assert get_project(client, alice, unrelated["id"])["active"] is True
        assert client.get(clients_url(alice), headers=alice.headers).json() == []

    def test_again_archives_nothing_more(self, client: TestClient[Any], alice: Account) -> None:
        acme = create_client(client, alice, "Acme")
        create_project(client, alice, "One", client_id=acme["id"])
        url = clients_url(alice, f"/{acme['id']}/archive")
        client.post(url, headers=alice.headers)
        assert client.post(url, headers=alice.headers).json() == []

    def test_unknown_client(self, client: TestClient[Any], alice: Account) -> None:
        response = client.post(clients_url(alice, "/777/archive"), headers=alice.headers)
        assert response.status_code == 404
        assert response.json() == "No client with ID 777 was found"

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_client(client, bob, "Bob's")
        url = clients_url(bob, f"/{bobs['id']}/archive")
        response = client.post(url, headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert get_client(client, bob, bobs["id"]).json()["archived"] is False

    def test_members_may_not(
        self, client: TestClient[Any], alice: Account, member: Account
    ) -> None:
        acme = create_client(client, alice, "Acme")
        project = create_project(client, alice, "One", client_id=acme["id"])
        response = client.post(clients_url(alice, f"/{acme['id']}/archive"), headers=member.headers)
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        assert get_client(client, alice, acme["id"]).json()["archived"] is False
        assert get_project(client, alice, project["id"])["active"] is True

    def test_invalid_id(self, client: TestClient[Any], alice: Account) -> None:
        response = client.post(clients_url(alice, "/x/archive"), headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Invalid client_id"


class TestRestoreClient:
    def archived(self, client: TestClient[Any], alice: Account) -> tuple[int, list[int]]:
        acme = create_client(client, alice, "Acme")
        ids = [create_project(client, alice, n, client_id=acme["id"])["id"] for n in ("A", "B")]
        client.post(clients_url(alice, f"/{acme['id']}/archive"), headers=alice.headers)
        return acme["id"], ids

    def active(self, client: TestClient[Any], alice: Account, ids: list[int]) -> list[bool]:
        return [get_project(client, alice, pid)["active"] for pid in ids]

    def test_client_alone_without_body(self, client: TestClient[Any], alice: Account) -> None:
        cid, ids = self.archived(client, alice)
        response = client.post(clients_url(alice, f"/{cid}/restore"), headers=alice.headers)
        assert response.status_code == 200
        data = response.json()
        assert list(data) == CLIENT_KEYS
        assert (data["id"], data["archived"]) == (cid, False)
        assert self.active(client, alice, ids) == [False, False]

    def test_all_projects(self, client: TestClient[Any], alice: Account) -> None:
        cid, ids = self.archived(client, alice)
        body = {"restore_all_projects": True, "projects": []}
        url = clients_url(alice, f"/{cid}/restore")
        assert client.post(url, headers=alice.headers, json=body).status_code == 200
        assert self.active(client, alice, ids) == [True, True]

    def test_some_projects(self, client: TestClient[Any], alice: Account) -> None:
        cid, ids = self.archived(client, alice)
        body = {"projects": [ids[1]], "restore_all_projects": False}
        url = clients_url(alice, f"/{cid}/restore")
        assert client.post(url, headers=alice.headers, json=body).json()["archived"] is False
        assert self.active(client, alice, ids) == [False, True]

    def test_project_of_another_client_changes_nothing(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        cid, ids = self.archived(client, alice)
        stranger = create_project(client, alice, "Stranger", active=False)
        body = {"projects": [ids[0], stranger["id"]]}
        response = client.post(
            clients_url(alice, f"/{cid}/restore"), headers=alice.headers, json=body
        )
        assert response.status_code == 400
        assert (
            response.json() == f"Project with the ID {stranger['id']} isn't present in client {cid}"
        )
        assert get_client(client, alice, cid).json()["archived"] is True
        assert self.active(client, alice, ids) == [False, False]

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (b"[1]", "Invalid JSON input"),
            (b'{"projects": "all"}', 'Unexpected "projects" type string, offset=18'),
            (b'{"projects": [0]}', "Invalid project_id"),
            (
                b'{"restore_all_projects": 1}',
                'Unexpected "restore_all_projects" type number, offset=26',
            ),
        ],
    )
    def test_bad_body(
        self, client: TestClient[Any], alice: Account, body: bytes, message: str
    ) -> None:
        cid, _ = self.archived(client, alice)
        response = client.post(
            clients_url(alice, f"/{cid}/restore"), headers=alice.headers, content=body
        )
        assert response.status_code == 400
        assert response.json() == message
        assert get_client(client, alice, cid).json()["archived"] is True

    def test_unknown_client(self, client: TestClient[Any], alice: Account) -> None:
        response = client.post(clients_url(alice, "/55/restore"), headers=alice.headers, json={})
        assert response.status_code == 404
        assert response.json() == "No client with ID 55 was found"

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        cid, _ = self.archived(client, bob)
        response = client.post(clients_url(bob, f"/{cid}/restore"), headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert get_client(client, bob, cid).json()["archived"] is True

    def test_members_may_not(
        self, client: TestClient[Any], alice: Account, member: Account
    ) -> None:
        cid, _ = self.archived(client, alice)
        response = client.post(clients_url(alice, f"/{cid}/restore"), headers=member.headers)
        assert response.status_code == 403
        assert response.json() == FORBIDDEN
        assert get_client(client, alice, cid).json()["archived"] is True


class TestNulCharacters:
    """PostgreSQL text cannot hold NUL: refused as bad input (400) on every engine, never 500."""

    def test_in_bodies(self, client: TestClient[Any], alice: Account) -> None:
        created = create_client(client, alice, "Acme")
        url = clients_url(alice, f"/{created['id']}")
        for method, target, body in (
            ("POST", clients_url(alice), {"name": "a\u0000b"}),
            ("POST", clients_url(alice), {"name": "ok", "notes": "\u0000"}),
            ("PUT", url, {"name": "a\u0000"}),
            ("PUT", url, {"notes": "x\u0000"}),
        ):
            response = client.request(method, target, headers=alice.headers, json=body)
            assert (response.status_code, response.json()) == (400, "Invalid JSON input")
        assert client.get(clients_url(alice), headers=alice.headers).json() == [created]

    def test_in_the_name_filter(self, client: TestClient[Any], alice: Account) -> None:
        response = client.get(clients_url(alice, "?name=a%00"), headers=alice.headers)
        assert (response.status_code, response.json()) == (400, "Invalid query parameter")
