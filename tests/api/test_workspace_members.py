"""Workspace members: listing, adding existing users, roles, deactivation, last admin (§6)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import insert, select

from punchclock.db.engine import Database
from punchclock.db.schema import organization_users, time_entries, workspace_users
from tests.api.support.http import NO_ACCESS
from tests.api.support.workspaces import add_workspace_user
from tests.conftest import API, Account

ONLY_ADMINS = "Only workspace admins may manage workspace members"
LAST_ADMIN = "A workspace must have at least one admin"
USER_KEYS = ["id", "fullname", "email", "is_active", "is_admin", "inactive", "role"]
WORKSPACE_USER_KEYS = [
    "id",
    "uid",
    "wid",
    "admin",
    "organization_admin",
    "workspace_admin",
    "role",
    "active",
    "inactive",
    "is_direct",
    "rate",
    "rate_last_updated",
    "labor_cost",
    "labor_cost_last_updated",
    "at",
    "name",
    "email",
    "avatar_file_name",
    "timezone",
    "group_ids",
    "working_hours_in_minutes",
]


def members_path(account: Account, wid: int | None = None) -> str:
    return f"{API}/workspaces/{wid or account.workspace_id}/workspace_users"


def memberships(client: TestClient[Any], viewer: Account, wid: int) -> list[dict[str, Any]]:
    resp = client.get(f"{API}/workspaces/{wid}/workspace_users", headers=viewer.headers)
    assert resp.status_code == 200, resp.text
    body: list[dict[str, Any]] = resp.json()
    return body


def own_member_id(client: TestClient[Any], account: Account, wid: int) -> int:
    return next(m["id"] for m in memberships(client, account, wid) if m["uid"] == account.id)


@pytest.fixture
def bob(make_account: Callable[..., Account]) -> Account:
    return make_account(email="bob@example.com", fullname="Bob Builder", timezone="Europe/Berlin")


class TestListUsers:
    def test_recorded_shape_for_every_member(
        self, client: TestClient[Any], alice: Account, bob: Account
    ) -> None:
        add_workspace_user(client, alice, bob.email)
        for viewer in (alice, bob):
            resp = client.get(
                f"{API}/workspaces/{alice.workspace_id}/users", headers=viewer.headers
            )
            assert resp.status_code == 200
            owner, member = resp.json()
            assert list(owner) == USER_KEYS
            assert owner == {
                "id": alice.id,
                "fullname": "Alice Tester",
                "email": "alice@example.com",
                "is_active": True,
                "is_admin": True,
                "inactive": False,
                "role": "admin",
            }
            # Members see each other's emails, as in Toggl's team list.
            assert member["email"] == "bob@example.com" and member["role"] == "user"
            assert member["is_admin"] is False

    def test_deactivated_members_and_exclude_deleted(
        self, client: TestClient[Any], alice: Account, bob: Account
    ) -> None:
        added = add_workspace_user(client, alice, bob.email)
        client.delete(f"{members_path(alice)}/{added['id']}", headers=alice.headers)
        path = f"{API}/workspaces/{alice.workspace_id}/users"
        listed = client.get(path, headers=alice.headers).json()
        assert (listed[1]["inactive"], listed[1]["is_active"]) == (True, False)
        only_active = client.get(f"{path}?exclude_deleted=true", headers=alice.headers).json()
        assert [u["id"] for u in only_active] == [alice.id]
        resp = client.get(f"{path}?exclude_deleted=maybe", headers=alice.headers)
        assert (resp.status_code, resp.json()) == (400, "Invalid exclude_deleted")

    def test_outsiders(self, client: TestClient[Any], alice: Account, bob: Account) -> None:
        for wid in (alice.workspace_id, 123456789):
            resp = client.get(f"{API}/workspaces/{wid}/users", headers=bob.headers)
            assert (resp.status_code, resp.json()) == (403, NO_ACCESS)
        resp = client.get(f"{API}/workspaces/x/users", headers=bob.headers)
        assert (resp.status_code, resp.json()) == (403, "Missing or invalid workspace_id")


class TestListWorkspaceUsers:
    def test_one_object_per_membership(
        self, client: TestClient[Any], alice: Account, bob: Account
    ) -> None:
        added = add_workspace_user(client, alice, bob.email)
        owner, member = memberships(client, alice, alice.workspace_id)
        assert list(owner) == WORKSPACE_USER_KEYS
        assert (owner["uid"], owner["wid"]) == (alice.id, alice.workspace_id)
        assert (owner["admin"], owner["organization_admin"], owner["workspace_admin"]) == (
            True,
            True,
            True,
        )
        assert owner["at"] == "2026-11-27T12:00:00+00:00"
        assert member == added
        assert member["uid"] == bob.id and member["name"] == "Bob Builder"
        assert member["timezone"] == "Europe/Berlin" and member["email"] == "bob@example.com"
        assert (member["admin"], member["role"], member["active"], member["inactive"]) == (
            False,
            "user",
            True,
            False,
        )
        assert member["group_ids"] == [] and member["is_direct"] is True
        assert member["avatar_file_name"].startswith("https://")

    def test_rates_are_hidden_from_members_where_the_workspace_says_so(
        self, client: TestClient[Any], alice: Account, bob: Account
    ) -> None:
        added = add_workspace_user(client, alice, bob.email)
        client.put(
            f"{members_path(alice)}/{added['id']}",
            json={"rate": 30, "labor_cost": 20},
            headers=alice.headers,
        )
        seen_by_bob = memberships(client, bob, alice.workspace_id)[1]
        assert (seen_by_bob["rate"], seen_by_bob["labor_cost"]) == (30, None)
        seen_by_alice = memberships(client, alice, alice.workspace_id)[1]
        assert (seen_by_alice["rate"], seen_by_alice["labor_cost"]) == (30, 20)
        client.put(
            f"{API}/workspaces/{alice.workspace_id}",
            json={"only_admins_see_billable_rates": True},
            headers=alice.headers,
        )
        seen_by_bob = memberships(client, bob, alice.workspace_id)[1]
        assert (seen_by_bob["rate"], seen_by_bob["labor_cost"]) == (None, None)
        assert memberships(client, alice, alice.workspace_id)[1]["rate"] == 30

    def test_outsiders(self, client: TestClient[Any], alice: Account, bob: Account) -> None:
        resp = client.get(members_path(alice), headers=bob.headers)
        assert (resp.status_code, resp.json()) == (403, NO_ACCESS)


class TestAddWorkspaceUser:
    def test_admin_adds_an_existing_user_who_joins_the_organization(
        self, client: TestClient[Any], alice: Account, bob: Account
    ) -> None:
        resp = client.post(
            members_path(alice), json={"email": " BOB@Example.com "}, headers=alice.headers
        )
        assert resp.status_code == 200
        body = resp.json()
        assert list(body) == WORKSPACE_USER_KEYS
        assert (body["uid"], body["admin"], body["active"]) == (bob.id, False, True)
        seen = client.get(f"{API}/workspaces/{alice.workspace_id}", headers=bob.headers).json()
        assert (seen["admin"], seen["role"]) == (False, "user")
        orgs = client.get(f"{API}/me/organizations", headers=bob.headers).json()
        assert seen["organization_id"] in [o["id"] for o in orgs]
        org = next(o for o in orgs if o["id"] == seen["organization_id"])
        assert (org["owner"], org["admin"], org["user_count"]) == (False, False, 2)

    @pytest.mark.parametrize("extra", [{"admin": True}, {"role": "admin"}])
    def test_as_admin(
        self, client: TestClient[Any], alice: Account, bob: Account, extra: dict[str, Any]
    ) -> None:
        body = add_workspace_user(client, alice, bob.email, **extra)
        assert (body["admin"], body["workspace_admin"], body["role"]) == (True, True, "admin")

    def test_reactivates_a_deactivated_member(
        self, client: TestClient[Any], alice: Account, bob: Account
    ) -> None:
        first = add_workspace_user(client, alice, bob.email)
        client.delete(f"{members_path(alice)}/{first['id']}", headers=alice.headers)
        again = add_workspace_user(client, alice, bob.email, admin=True)
        assert again["id"] == first["id"]
        assert (again["active"], again["admin"]) == (True, True)

    @pytest.mark.parametrize(
        ("payload", "message"),
        [
            ({"email": "bob@example.com"}, "User is already a member of this workspace"),
            ({"email": "nobody@example.com"}, "No user with this email exists"),
            ({"email": "not-an-email"}, "Invalid email"),
            ({"email": ""}, "Invalid email"),
            ({"email": None}, "Invalid email"),
            ({}, "Invalid email"),
            ({"email": "bob@example.com", "role": "owner"}, "Invalid role"),
            (
                {"email": "bob@example.com", "role": "user", "admin": True},
                "admin and role contradict each other",
            ),
        ],
    )
    def test_invalid_requests_change_nothing(
        self,
        client: TestClient[Any],
        alice: Account,
        bob: Account,
        payload: dict[str, Any],
        message: str,
    ) -> None:
        add_workspace_user(client, alice, bob.email)
        before = memberships(client, alice, alice.workspace_id)
        resp = client.post(members_path(alice), json=payload, headers=alice.headers)
        assert (resp.status_code, resp.json()) == (400, message)
        assert memberships(client, alice, alice.workspace_id) == before

    def test_member_may_not(
        self,
        client: TestClient[Any],
        alice: Account,
        bob: Account,
        make_account: Callable[..., Account],
    ) -> None:
        carol = make_account()
        add_workspace_user(client, alice, bob.email)
        resp = client.post(members_path(alice), json={"email": carol.email}, headers=bob.headers)
        assert (resp.status_code, resp.json()) == (403, ONLY_ADMINS)
        assert len(memberships(client, alice, alice.workspace_id)) == 2

    def test_outsider_may_not_join_themselves(
        self, client: TestClient[Any], alice: Account, bob: Account
    ) -> None:
        resp = client.post(members_path(alice), json={"email": bob.email}, headers=bob.headers)
        assert (resp.status_code, resp.json()) == (403, NO_ACCESS)
        assert len(memberships(client, alice, alice.workspace_id)) == 1

    def test_malformed_json(self, client: TestClient[Any], alice: Account) -> None:
        resp = client.post(members_path(alice), content=b"{", headers=alice.headers)
        assert (resp.status_code, resp.json()) == (400, "Invalid JSON input")


class TestUpdateWorkspaceUser:
    def test_promote_then_demote(
        self, client: TestClient[Any], alice: Account, bob: Account, clock: Any
    ) -> None:
        added = add_workspace_user(client, alice, bob.email)
        clock.advance(3600)
        path = f"{members_path(alice)}/{added['id']}"
        body = client.put(path, json={"admin": True}, headers=alice.headers).json()
        assert (body["admin"], body["role"]) == (True, "admin")
        assert body["at"] == "2026-11-27T13:00:00+00:00"
        seen = client.get(f"{API}/workspaces/{alice.workspace_id}", headers=bob.headers).json()
        assert seen["admin"] is True
        body = client.put(path, json={"role": "user"}, headers=alice.headers).json()
        assert (body["admin"], body["role"]) == (False, "user")

    def test_rates_set_and_cleared(
        self, client: TestClient[Any], alice: Account, bob: Account
    ) -> None:
        added = add_workspace_user(client, alice, bob.email)
        path = f"{members_path(alice)}/{added['id']}"
        body = client.put(
            path, json={"rate": 12.345, "labor_cost": 7}, headers=alice.headers
        ).json()
        assert (body["rate"], body["labor_cost"]) == (12.35, 7)
        body = client.put(path, json={"rate": None}, headers=alice.headers).json()
        assert (body["rate"], body["labor_cost"]) == (None, 7)

    @pytest.mark.parametrize(
        ("payload", "message"),
        [
            ({"rate": -1}, "Invalid rate"),
            ({"labor_cost": 1e20}, "Invalid labor_cost"),
            ({"role": "boss"}, "Invalid role"),
            ({"admin": False, "role": "admin"}, "admin and role contradict each other"),
            ({"active": True, "inactive": True}, "active and inactive contradict each other"),
            ({"admin": True, "rate": -5}, "Invalid rate"),
        ],
    )
    def test_invalid_values_change_nothing(
        self,
        client: TestClient[Any],
        alice: Account,
        bob: Account,
        payload: dict[str, Any],
        message: str,
    ) -> None:
        added = add_workspace_user(client, alice, bob.email)
        resp = client.put(
            f"{members_path(alice)}/{added['id']}", json=payload, headers=alice.headers
        )
        assert (resp.status_code, resp.json()) == (400, message)
        assert memberships(client, alice, alice.workspace_id)[1] == added

    @pytest.mark.parametrize("flag", [{"active": False}, {"inactive": True}])
    def test_deactivate_and_reactivate(
        self, client: TestClient[Any], alice: Account, bob: Account, flag: dict[str, bool]
    ) -> None:
        added = add_workspace_user(client, alice, bob.email)
        path = f"{members_path(alice)}/{added['id']}"
        body = client.put(path, json=flag, headers=alice.headers).json()
        assert (body["active"], body["inactive"]) == (False, True)
        resp = client.get(f"{API}/workspaces/{alice.workspace_id}", headers=bob.headers)
        assert resp.status_code == 404
        body = client.put(path, json={"inactive": False}, headers=alice.headers).json()
        assert body["active"] is True
        resp = client.get(f"{API}/workspaces/{alice.workspace_id}", headers=bob.headers)
        assert resp.status_code == 200

    def test_last_admin_cannot_be_demoted_or_deactivated(
        self, client: TestClient[Any], alice: Account, bob: Account
    ) -> None:
        added = add_workspace_user(client, alice, bob.email, admin=True)
        alice_id = own_member_id(client, alice, alice.workspace_id)
        # Alice leaves; Bob is the only admin left (Alice still owns the organization).
        assert (
            client.delete(f"{members_path(alice)}/{alice_id}", headers=alice.headers).status_code
            == 200
        )
        path = f"{members_path(alice)}/{added['id']}"
        for payload in ({"admin": False}, {"role": "user"}, {"active": False}, {"inactive": True}):
            resp = client.put(path, json=payload, headers=bob.headers)
            assert (resp.status_code, resp.json()) == (400, LAST_ADMIN)
        resp = client.delete(path, headers=bob.headers)
        assert (resp.status_code, resp.json()) == (400, LAST_ADMIN)
        assert memberships(client, bob, alice.workspace_id)[1]["admin"] is True
        # Once Alice is back, Bob may step down.
        client.put(f"{members_path(alice)}/{alice_id}", json={"active": True}, headers=bob.headers)
        assert client.put(path, json={"admin": False}, headers=bob.headers).status_code == 200

    def test_organization_owner_stays_admin_when_demoted(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        # Toggl: organization owners and admins are admins of all the organization's workspaces.
        alice_id = own_member_id(client, alice, alice.workspace_id)
        body = client.put(
            f"{members_path(alice)}/{alice_id}", json={"admin": False}, headers=alice.headers
        ).json()
        assert (body["admin"], body["workspace_admin"], body["organization_admin"]) == (
            True,
            False,
            True,
        )
        assert body["role"] == "admin"
        seen = client.get(f"{API}/workspaces/{alice.workspace_id}", headers=alice.headers).json()
        assert seen["admin"] is True
        # ...but deactivating her, the only admin, is refused.
        resp = client.delete(f"{members_path(alice)}/{alice_id}", headers=alice.headers)
        assert (resp.status_code, resp.json()) == (400, LAST_ADMIN)

    def test_member_may_not(self, client: TestClient[Any], alice: Account, bob: Account) -> None:
        added = add_workspace_user(client, alice, bob.email)
        alice_id = own_member_id(client, alice, alice.workspace_id)
        for target in (added["id"], alice_id):
            resp = client.put(
                f"{members_path(alice)}/{target}", json={"admin": True}, headers=bob.headers
            )
            assert (resp.status_code, resp.json()) == (403, ONLY_ADMINS)
        assert memberships(client, alice, alice.workspace_id)[1]["admin"] is False

    def test_unknown_or_foreign_membership(
        self,
        client: TestClient[Any],
        alice: Account,
        bob: Account,
    ) -> None:
        bob_own = own_member_id(client, bob, bob.workspace_id)
        for target in (str(bob_own), "999999", "abc", "0"):
            resp = client.put(
                f"{members_path(alice)}/{target}", json={"admin": True}, headers=alice.headers
            )
            assert (resp.status_code, resp.json()) == (404, "Workspace user not found")
        # A membership of Bob's workspace, addressed through it, is Bob's business only.
        resp = client.put(
            f"{members_path(bob)}/{bob_own}", json={"admin": False}, headers=alice.headers
        )
        assert (resp.status_code, resp.json()) == (403, NO_ACCESS)


class TestDeleteWorkspaceUser:
    def test_deactivates_and_keeps_entries(
        self, client: TestClient[Any], alice: Account, bob: Account, database: Database
    ) -> None:
        added = add_workspace_user(client, alice, bob.email)
        with database.transaction(write=True) as conn:
            conn.execute(
                insert(time_entries).values(
                    workspace_id=alice.workspace_id,
                    user_id=bob.id,
                    start=1_795_700_000,
                    stop=1_795_703_600,
                    created_at=0,
                    at=0,
                )
            )
        resp = client.delete(f"{members_path(alice)}/{added['id']}", headers=alice.headers)
        assert resp.status_code == 200
        assert resp.content == b""
        assert resp.headers["content-type"].startswith("application/json")
        member = memberships(client, alice, alice.workspace_id)[1]
        assert (member["active"], member["inactive"]) == (False, True)
        with database.transaction(write=False) as conn:
            kept = conn.execute(
                select(time_entries.c.id).where(time_entries.c.user_id == bob.id)
            ).all()
            org_rows = conn.execute(
                select(organization_users.c.role).where(organization_users.c.user_id == bob.id)
            ).all()
        assert len(kept) == 1
        assert sorted(role for (role,) in org_rows) == ["member", "owner"]
        assert (
            client.get(f"{API}/workspaces/{alice.workspace_id}", headers=bob.headers).status_code
            == 404
        )
        # Idempotent.
        resp = client.delete(f"{members_path(alice)}/{added['id']}", headers=alice.headers)
        assert resp.status_code == 200

    def test_member_and_outsider_may_not(
        self,
        client: TestClient[Any],
        alice: Account,
        bob: Account,
        make_account: Callable[..., Account],
    ) -> None:
        mallory = make_account()
        add_workspace_user(client, alice, bob.email)
        alice_id = own_member_id(client, alice, alice.workspace_id)
        resp = client.delete(f"{members_path(alice)}/{alice_id}", headers=bob.headers)
        assert (resp.status_code, resp.json()) == (403, ONLY_ADMINS)
        resp = client.delete(f"{members_path(alice)}/{alice_id}", headers=mallory.headers)
        assert (resp.status_code, resp.json()) == (403, NO_ACCESS)
        assert all(m["active"] for m in memberships(client, alice, alice.workspace_id))

    def test_unknown_membership(self, client: TestClient[Any], alice: Account) -> None:
        resp = client.delete(f"{members_path(alice)}/424242", headers=alice.headers)
        assert (resp.status_code, resp.json()) == (404, "Workspace user not found")


class TestRolesElsewhere:
    def test_organization_admin_counts_as_admin_for_other_services(
        self, client: TestClient[Any], alice: Account, bob: Account, database: Database
    ) -> None:
        # An organization admin whose workspace role is plain "user" still acts as an admin.
        add_workspace_user(client, alice, bob.email)
        org_id = client.get(f"{API}/workspaces/{alice.workspace_id}", headers=alice.headers).json()[
            "organization_id"
        ]
        with database.transaction(write=True) as conn:
            conn.execute(
                organization_users.update()
                .where(
                    organization_users.c.organization_id == org_id,
                    organization_users.c.user_id == bob.id,
                )
                .values(role="admin")
            )
            stored = conn.execute(
                select(workspace_users.c.role).where(workspace_users.c.user_id == bob.id)
            ).all()
        assert ("user",) in stored
        seen = client.get(f"{API}/workspaces/{alice.workspace_id}", headers=bob.headers).json()
        assert (seen["admin"], seen["role"]) == (True, "admin")
        listed = client.get(f"{API}/me/workspaces", headers=bob.headers).json()
        assert next(w for w in listed if w["id"] == alice.workspace_id)["admin"] is True
        resp = client.put(
            f"{API}/workspaces/{alice.workspace_id}",
            json={"name": "Org admin"},
            headers=bob.headers,
        )
        assert resp.status_code == 200
