"""Organizations: create, rename, users, groups, and adding workspaces (wire contract §6, §7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from tests.api.support.workspaces import add_workspace_user
from tests.conftest import API, Account

CREATED_KEYS = ["id", "name", "workspace_id", "workspace_name"]
ORG_USER_KEYS = [
    "id",
    "user_id",
    "name",
    "email",
    "avatar_url",
    "admin",
    "owner",
    "joined",
    "inactive",
    "organization_id",
    "groups",
    "workspace_count",
    "workspaces",
]
ORG_USER_WORKSPACE_KEYS = [
    "workspace_id",
    "workspace_name",
    "workspace_user_id",
    "admin",
    "role",
    "inactive",
    "rate",
    "groups",
]
ONLY_ORG_ADMINS = "Only organization owners and admins may do this"


def org_of(client: TestClient[Any], account: Account) -> int:
    body = client.get(f"{API}/workspaces/{account.workspace_id}", headers=account.headers).json()
    return int(body["organization_id"])


class TestCreateOrganization:
    def test_creates_organization_and_workspace_owned_by_caller(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        resp = client.post(
            f"{API}/organizations",
            json={"name": "Acme", "workspace_name": "Acme WS"},
            headers=alice.headers,
        )
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "application/json; charset=utf-8"
        body = resp.json()
        assert list(body) == CREATED_KEYS
        assert body["name"] == "Acme" and body["workspace_name"] == "Acme WS"
        org = client.get(f"{API}/organizations/{body['id']}", headers=alice.headers).json()
        assert org["owner"] is True and org["admin"] is True and org["user_count"] == 1
        workspace = client.get(
            f"{API}/workspaces/{body['workspace_id']}", headers=alice.headers
        ).json()
        assert workspace["organization_id"] == body["id"]
        assert workspace["admin"] is True and workspace["role"] == "admin"
        orgs = client.get(f"{API}/me/organizations", headers=alice.headers).json()
        assert [o["id"] for o in orgs][-1] == body["id"] and len(orgs) == 2

    def test_names_are_trimmed(self, client: TestClient[Any], alice: Account) -> None:
        body = client.post(
            f"{API}/organizations",
            json={"name": "  Acme ", "workspace_name": " WS "},
            headers=alice.headers,
        ).json()
        assert (body["name"], body["workspace_name"]) == ("Acme", "WS")

    @pytest.mark.parametrize(
        ("payload", "message"),
        [
            ({"workspace_name": "WS"}, "Field 'name' cannot be empty."),
            ({"name": "  ", "workspace_name": "WS"}, "Field 'name' cannot be empty."),
            ({"name": None, "workspace_name": "WS"}, "Field 'name' cannot be empty."),
            (
                {"name": "x" * 141, "workspace_name": "WS"},
                "organization name too long, maximum length is 140",
            ),
            ({"name": "Acme"}, "workspace name must be provided"),
            ({"name": "Acme", "workspace_name": None}, "workspace name must be provided"),
            (
                {"name": "Acme", "workspace_name": " \t"},
                "workspace name must contain non-space characters",
            ),
            (
                {"name": "Acme", "workspace_name": "w" * 141},
                "workspace name must not be longer than 140",
            ),
            ({"name": "A\u0000B", "workspace_name": "WS"}, "Invalid JSON input"),
            ({"name": "Acme", "workspace_name": "W\u0000"}, "Invalid JSON input"),
        ],
    )
    def test_invalid_input_changes_nothing(
        self, client: TestClient[Any], alice: Account, payload: dict[str, Any], message: str
    ) -> None:
        resp = client.post(f"{API}/organizations", json=payload, headers=alice.headers)
        assert resp.status_code == 400
        assert resp.json() == message
        assert len(client.get(f"{API}/me/organizations", headers=alice.headers).json()) == 1

    def test_wrong_json_type(self, client: TestClient[Any], alice: Account) -> None:
        resp = client.post(
            f"{API}/organizations",
            content=b'{"name":5,"workspace_name":"W"}',
            headers=alice.headers,
        )
        assert (resp.status_code, resp.json()) == (400, 'Unexpected "name" type number, offset=9')

    @pytest.mark.parametrize("body", [b"", b"{", b"[]", b"null"])
    def test_malformed_json(self, client: TestClient[Any], alice: Account, body: bytes) -> None:
        resp = client.post(f"{API}/organizations", content=body, headers=alice.headers)
        assert resp.status_code == 400
        assert resp.json() == "Invalid JSON input"

    def test_needs_credentials(self, client: TestClient[Any]) -> None:
        resp = client.post(f"{API}/organizations", json={"name": "A", "workspace_name": "B"})
        assert resp.status_code == 401
        assert resp.content == b""

    def test_list_is_not_routed(self, client: TestClient[Any], alice: Account) -> None:
        resp = client.get(f"{API}/organizations", headers=alice.headers)
        assert resp.status_code == 405


class TestUpdateOrganization:
    def test_owner_renames(self, client: TestClient[Any], alice: Account, clock: Any) -> None:
        oid = org_of(client, alice)
        clock.advance(60)
        resp = client.put(
            f"{API}/organizations/{oid}", json={"name": " Renamed "}, headers=alice.headers
        )
        assert resp.status_code == 200
        body = resp.json()
        assert body["id"] == oid and body["name"] == "Renamed"
        assert body["owner"] is True
        assert body["at"] == "2026-11-27T12:01:00.000000Z"
        assert client.get(f"{API}/organizations/{oid}", headers=alice.headers).json() == body

    def test_member_may_not(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        add_workspace_user(client, alice, bob.email)
        oid = org_of(client, alice)
        resp = client.put(f"{API}/organizations/{oid}", json={"name": "Bob's"}, headers=bob.headers)
        assert resp.status_code == 403
        assert resp.json() == ONLY_ORG_ADMINS
        assert client.get(f"{API}/organizations/{oid}", headers=alice.headers).json()["name"] == (
            "Alice WS"
        )

    def test_outsider_and_unknown(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        mallory = make_account()
        oid = org_of(client, alice)
        resp = client.put(f"{API}/organizations/{oid}", json={"name": "X"}, headers=mallory.headers)
        assert (resp.status_code, resp.json()) == (404, "User not part of organization")
        for bad in ("999999", "abc", "0"):
            resp = client.put(
                f"{API}/organizations/{bad}", json={"name": "X"}, headers=alice.headers
            )
            assert (resp.status_code, resp.json()) == (404, "Invalid organization ID")

    @pytest.mark.parametrize(
        ("payload", "message"),
        [
            ({}, "Field 'name' cannot be empty."),
            ({"name": ""}, "Field 'name' cannot be empty."),
            ({"name": "n" * 141}, "organization name too long, maximum length is 140"),
        ],
    )
    def test_invalid_name_changes_nothing(
        self, client: TestClient[Any], alice: Account, payload: dict[str, Any], message: str
    ) -> None:
        oid = org_of(client, alice)
        resp = client.put(f"{API}/organizations/{oid}", json=payload, headers=alice.headers)
        assert (resp.status_code, resp.json()) == (400, message)
        org = client.get(f"{API}/organizations/{oid}", headers=alice.headers).json()
        assert org["name"] == "Alice WS"
        assert org["at"] == "2026-11-27T12:00:00.000000Z"


class TestOrganizationUsers:
    def test_owner_sees_users_with_roles_and_memberships(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account(fullname="Bob B", email="bob@example.com")
        added = add_workspace_user(client, alice, "bob@example.com")
        oid = org_of(client, alice)
        resp = client.get(f"{API}/organizations/{oid}/users", headers=alice.headers)
        assert resp.status_code == 200
        owner, member = resp.json()
        assert list(owner) == ORG_USER_KEYS
        assert (owner["user_id"], owner["owner"], owner["admin"]) == (alice.id, True, True)
        assert owner["name"] == "Alice Tester" and owner["email"] == "alice@example.com"
        assert owner["organization_id"] == oid and owner["workspace_count"] == 1
        (ws,) = owner["workspaces"]
        assert list(ws) == ORG_USER_WORKSPACE_KEYS
        assert ws["workspace_id"] == alice.workspace_id and ws["admin"] is True
        assert (member["user_id"], member["owner"], member["admin"]) == (bob.id, False, False)
        assert member["name"] == "Bob B"
        (bob_ws,) = member["workspaces"]
        assert bob_ws["workspace_user_id"] == added["id"]
        assert (bob_ws["admin"], bob_ws["role"], bob_ws["inactive"]) == (False, "user", False)

    def test_deactivated_membership_is_listed_but_not_counted(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        added = add_workspace_user(client, alice, bob.email)
        client.delete(
            f"{API}/workspaces/{alice.workspace_id}/workspace_users/{added['id']}",
            headers=alice.headers,
        )
        oid = org_of(client, alice)
        member = client.get(f"{API}/organizations/{oid}/users", headers=alice.headers).json()[1]
        assert member["workspace_count"] == 0
        assert member["workspaces"][0]["inactive"] is True

    def test_member_outsider_unknown(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob, mallory = make_account(), make_account()
        add_workspace_user(client, alice, bob.email)
        oid = org_of(client, alice)
        resp = client.get(f"{API}/organizations/{oid}/users", headers=bob.headers)
        assert (resp.status_code, resp.json()) == (403, ONLY_ORG_ADMINS)
        resp = client.get(f"{API}/organizations/{oid}/users", headers=mallory.headers)
        assert (resp.status_code, resp.json()) == (404, "User not part of organization")
        resp = client.get(f"{API}/organizations/77777/users", headers=alice.headers)
        assert (resp.status_code, resp.json()) == (404, "Invalid organization ID")


class TestOrganizationGroups:
    def test_always_empty_for_members(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        add_workspace_user(client, alice, bob.email)
        oid = org_of(client, alice)
        for account in (alice, bob):
            resp = client.get(f"{API}/organizations/{oid}/groups", headers=account.headers)
            assert resp.status_code == 200
            assert resp.json() == []

    def test_outsider_and_unknown(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        mallory = make_account()
        oid = org_of(client, alice)
        resp = client.get(f"{API}/organizations/{oid}/groups", headers=mallory.headers)
        assert (resp.status_code, resp.json()) == (404, "User not part of organization")
        resp = client.get(f"{API}/organizations/abc/groups", headers=alice.headers)
        assert (resp.status_code, resp.json()) == (404, "Invalid organization ID")


class TestCreateWorkspace:
    def test_owner_adds_workspace_with_settings(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        oid = org_of(client, alice)
        resp = client.post(
            f"{API}/organizations/{oid}/workspaces",
            json={
                "name": " Second ",
                "default_currency": "eur",
                "only_admins_may_create_projects": True,
                "rounding": 1,
                "rounding_minutes": 15,
                "admins": [alice.id],
                "initial_pricing_plan": 0,
            },
            headers=alice.headers,
        )
        assert resp.status_code == 200
        body = resp.json()
        assert body["name"] == "Second" and body["organization_id"] == oid
        assert body["admin"] is True and body["role"] == "admin"
        assert body["default_currency"] == "EUR"
        assert body["only_admins_may_create_projects"] is True
        assert (body["rounding"], body["rounding_minutes"]) == (1, 15)
        assert body["projects_billable_by_default"] is False
        assert body["at"] == "2026-11-27T12:00:00+00:00"
        mine = client.get(f"{API}/me/workspaces", headers=alice.headers).json()
        assert body["id"] in [w["id"] for w in mine]
        org = client.get(f"{API}/organizations/{oid}", headers=alice.headers).json()
        assert org["user_count"] == 1

    def test_member_may_not(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        add_workspace_user(client, alice, bob.email, admin=True)
        oid = org_of(client, alice)
        # A workspace admin is not an organization admin.
        resp = client.post(
            f"{API}/organizations/{oid}/workspaces", json={"name": "X"}, headers=bob.headers
        )
        assert (resp.status_code, resp.json()) == (403, ONLY_ORG_ADMINS)
        assert len(client.get(f"{API}/me/workspaces", headers=alice.headers).json()) == 1

    def test_outsider_and_unknown(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        mallory = make_account()
        oid = org_of(client, alice)
        resp = client.post(
            f"{API}/organizations/{oid}/workspaces", json={"name": "X"}, headers=mallory.headers
        )
        assert (resp.status_code, resp.json()) == (404, "User not part of organization")
        resp = client.post(
            f"{API}/organizations/0/workspaces", json={"name": "X"}, headers=alice.headers
        )
        assert (resp.status_code, resp.json()) == (404, "Invalid organization ID")

    @pytest.mark.parametrize(
        ("payload", "message"),
        [
            ({}, "workspace name must be provided"),
            ({"name": None}, "workspace name must be provided"),
            ({"name": "   "}, "workspace name must contain non-space characters"),
            ({"name": "w" * 141}, "workspace name must not be longer than 140"),
            ({"name": "W", "rounding": 2}, "rounding must be -1, 0 or 1"),
            (
                {"name": "W", "rounding_minutes": 7},
                "rounding_minutes must be one of 0, 1, 5, 6, 10, 12, 15, 30, 60, 240",
            ),
            ({"name": "W", "default_currency": "euro"}, "Invalid default_currency"),
            ({"name": "W", "default_hourly_rate": -1}, "Invalid default_hourly_rate"),
        ],
    )
    def test_invalid_input_changes_nothing(
        self, client: TestClient[Any], alice: Account, payload: dict[str, Any], message: str
    ) -> None:
        oid = org_of(client, alice)
        resp = client.post(
            f"{API}/organizations/{oid}/workspaces", json=payload, headers=alice.headers
        )
        assert (resp.status_code, resp.json()) == (400, message)
        assert len(client.get(f"{API}/me/workspaces", headers=alice.headers).json()) == 1

    def test_wrong_json_type(self, client: TestClient[Any], alice: Account) -> None:
        oid = org_of(client, alice)
        resp = client.post(
            f"{API}/organizations/{oid}/workspaces",
            content=b'{"name":"W","rounding":"1"}',
            headers=alice.headers,
        )
        assert (resp.status_code, resp.json()) == (
            400,
            'Unexpected "rounding" type string, offset=26',
        )
