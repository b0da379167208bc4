"""Workspaces and organizations (wire contract §1.5, §5.3, §6, §7)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import insert

from punchclock.db.engine import Database
from punchclock.db.schema import projects
from tests.api.support.workspaces import join_workspace
from tests.conftest import API

# §6, the recorded order, plus the newer disable_* flags clients require.
WORKSPACE_KEYS = [
    "id",
    "organization_id",
    "name",
    "premium",
    "business_ws",
    "admin",
    "role",
    "suspended_at",
    "server_deleted_at",
    "default_hourly_rate",
    "rate_last_updated",
    "default_currency",
    "only_admins_may_create_projects",
    "only_admins_may_create_tags",
    "only_admins_see_billable_rates",
    "only_admins_see_team_dashboard",
    "projects_billable_by_default",
    "projects_private_by_default",
    "projects_enforce_billable",
    "limit_public_project_data",
    "last_modified",
    "reports_collapse",
    "rounding",
    "rounding_minutes",
    "api_token",
    "at",
    "logo_url",
    "ical_url",
    "ical_enabled",
    "csv_upload",
    "subscription",
    "hide_start_end_times",
    "working_hours_in_minutes",
]
NEWER_FLAGS = {"disable_approvals", "disable_expenses", "disable_timesheet_view"}
ORG_KEYS = [
    "id",
    "name",
    "pricing_plan_id",
    "created_at",
    "at",
    "server_deleted_at",
    "is_multi_workspace_enabled",
    "suspended_at",
    "user_count",
    "trial_info",
    "is_unified",
    "max_workspaces",
    "permissions",
    "admin",
    "owner",
    "pricing_plan_name",
    "pricing_plan_enterprise",
]
TRIAL_KEYS = [
    "trial",
    "trial_available",
    "trial_end_date",
    "next_payment_date",
    "last_pricing_plan_id",
    "can_have_trial",
    "trial_plan_id",
]
MICROS_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")


def get(client: TestClient[Any], account: Any, path: str) -> Any:
    return client.get(f"{API}{path}", headers=account.headers)


def recorded_keys(body: dict[str, Any]) -> list[str]:
    return [k for k in body if k not in NEWER_FLAGS and k != "active_project_count"]


def assert_workspace(body: dict[str, Any], account: Any, admin: bool) -> None:
    assert recorded_keys(body) == WORKSPACE_KEYS
    assert set(body) >= NEWER_FLAGS
    assert all(body[flag] is False for flag in NEWER_FLAGS)
    # togglcli parses `at` with strptime("%Y-%m-%dT%H:%M:%S+00:00").
    dt.datetime.strptime(body["at"], "%Y-%m-%dT%H:%M:%S+00:00")
    assert body["at"] == "2026-11-27T12:00:00+00:00"
    assert body["last_modified"] == "2026-11-27T00:00:00Z"
    assert body["admin"] is admin
    assert isinstance(body["role"], str)
    assert isinstance(body["premium"], bool)
    assert -1 <= body["rounding"] <= 1
    assert isinstance(body["ical_url"], str) and isinstance(body["logo_url"], str)
    assert body["csv_upload"] is None
    assert re.fullmatch(r"[0-9a-f]{32}", body["api_token"])
    assert body["server_deleted_at"] is None


class TestMeWorkspaces:
    @pytest.mark.parametrize("path", ["/me/workspaces", "/workspaces"])
    def test_shape(self, client: TestClient[Any], alice: Any, path: str) -> None:
        resp = get(client, alice, path)
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "application/json; charset=utf-8"
        (body,) = resp.json()
        assert body["id"] == alice.workspace_id
        assert body["name"] == "Alice WS"
        assert_workspace(body, alice, admin=True)
        assert body["active_project_count"] == 0

    @pytest.mark.parametrize("path", ["/me/workspaces", "/workspaces"])
    def test_default_first_and_roles(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
        path: str,
    ) -> None:
        bob = make_account(workspace_name="Bob WS")
        bob_org = get(client, bob, "/me/organizations").json()[0]["id"]
        join_workspace(database, bob.workspace_id, alice.id, organization_id=bob_org)
        # Make Bob's (older) workspace Alice's default: it must come first (tgl-cli takes [0]).
        resp = client.put(
            f"{API}/me", json={"default_workspace_id": bob.workspace_id}, headers=alice.headers
        )
        assert resp.status_code == 200
        body = get(client, alice, path).json()
        assert [w["id"] for w in body] == [bob.workspace_id, alice.workspace_id]
        assert body[0]["admin"] is False and body[1]["admin"] is True

    def test_active_project_count(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        with database.transaction(write=True) as conn:
            for number, active in enumerate((True, True, False)):
                conn.execute(
                    insert(projects).values(
                        workspace_id=alice.workspace_id,
                        name=f"Project {number}",
                        is_private=False,
                        active=active,
                        color="#0b83d9",
                        start_date="2026-01-01",
                        creator_id=alice.id,
                        created_at=0,
                        at=0,
                    )
                )
        (body,) = get(client, alice, "/me/workspaces").json()
        assert body["active_project_count"] == 2


class TestGetWorkspace:
    def test_member(self, client: TestClient[Any], alice: Any) -> None:
        resp = get(client, alice, f"/workspaces/{alice.workspace_id}")
        assert resp.status_code == 200
        body = resp.json()
        assert body["id"] == alice.workspace_id
        assert_workspace(body, alice, admin=True)

    def test_plain_member_sees_user_role(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        org = get(client, alice, "/me/organizations").json()[0]["id"]
        join_workspace(database, alice.workspace_id, bob.id, organization_id=org)
        body = get(client, bob, f"/workspaces/{alice.workspace_id}").json()
        assert body["admin"] is False
        assert body["role"] != "admin"

    def test_not_a_member_or_unknown(
        self, client: TestClient[Any], alice: Any, make_account: Callable[..., Any]
    ) -> None:
        bob = make_account()
        for wid in (bob.workspace_id, 10**12):
            resp = get(client, alice, f"/workspaces/{wid}")
            assert resp.status_code == 404
            assert resp.json() == "Workspace not found"

    @pytest.mark.parametrize("bad", ["abc", "0", "-1", "99999999999999999999"])
    def test_invalid_id(self, client: TestClient[Any], alice: Any, bad: str) -> None:
        resp = get(client, alice, f"/workspaces/{bad}")
        assert resp.status_code == 403
        assert resp.json() == "Missing or invalid workspace_id"


class TestOrganizations:
    def test_me_organizations(self, client: TestClient[Any], alice: Any) -> None:
        resp = get(client, alice, "/me/organizations")
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "application/json; charset=utf-8"
        (org,) = resp.json()
        assert list(org.keys()) == ORG_KEYS
        assert list(org["trial_info"].keys()) == TRIAL_KEYS
        assert org["name"] == "Alice WS"
        assert org["admin"] is True and org["owner"] is True
        assert org["user_count"] == 1
        assert org["server_deleted_at"] is None
        assert MICROS_Z.match(org["created_at"]) and MICROS_Z.match(org["at"])
        ws = get(client, alice, f"/workspaces/{alice.workspace_id}").json()
        assert ws["organization_id"] == org["id"]

    def test_get_organization(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        (org,) = get(client, alice, "/me/organizations").json()
        resp = get(client, alice, f"/organizations/{org['id']}")
        assert resp.status_code == 200
        assert resp.json() == org
        bob = make_account()
        join_workspace(database, alice.workspace_id, bob.id, organization_id=org["id"])
        seen_by_bob = get(client, bob, f"/organizations/{org['id']}").json()
        assert seen_by_bob["owner"] is False and seen_by_bob["admin"] is False
        assert seen_by_bob["user_count"] == 2
        assert len(get(client, bob, "/me/organizations").json()) == 2

    def test_not_part_of_it(
        self, client: TestClient[Any], alice: Any, make_account: Callable[..., Any]
    ) -> None:
        bob = make_account()
        (bob_org,) = get(client, bob, "/me/organizations").json()
        resp = get(client, alice, f"/organizations/{bob_org['id']}")
        assert resp.status_code == 404
        assert resp.json() == "User not part of organization"

    @pytest.mark.parametrize("bad", ["999999", "abc", "0"])
    def test_invalid(self, client: TestClient[Any], alice: Any, bad: str) -> None:
        resp = get(client, alice, f"/organizations/{bad}")
        assert resp.status_code == 404
        assert resp.json() == "Invalid organization ID"

    def test_method_not_routed(self, client: TestClient[Any], alice: Any) -> None:
        resp = client.post(f"{API}/me/organizations", headers=alice.headers)
        assert resp.status_code == 405
        assert resp.content == b""
