"""PUT /workspaces/{wid}: workspace settings, who may change them, validation (§6)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from tests.api.support.http import NO_ACCESS
from tests.api.support.workspaces import add_workspace_user
from tests.conftest import API, Account

ONLY_ADMINS = "Only workspace admins may change workspace settings"
ALL_SETTINGS: dict[str, Any] = {
    "name": "Renamed WS",
    "default_currency": "EUR",
    "default_hourly_rate": 42.5,
    "only_admins_may_create_projects": True,
    "only_admins_may_create_tags": True,
    "only_admins_see_billable_rates": True,
    "only_admins_see_team_dashboard": True,
    "projects_billable_by_default": True,
    "projects_private_by_default": False,
    "projects_enforce_billable": True,
    "limit_public_project_data": True,
    "reports_collapse": False,
    "rounding": -1,
    "rounding_minutes": 240,
}


def workspace(client: TestClient[Any], account: Account, wid: int | None = None) -> Any:
    resp = client.get(f"{API}/workspaces/{wid or account.workspace_id}", headers=account.headers)
    assert resp.status_code == 200, resp.text
    return resp.json()


def put(client: TestClient[Any], account: Account, body: Any, wid: int | None = None) -> Any:
    return client.put(
        f"{API}/workspaces/{wid or account.workspace_id}", json=body, headers=account.headers
    )


class TestUpdateWorkspace:
    def test_admin_changes_every_setting(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        before = workspace(client, alice)
        clock.advance(90)
        resp = put(client, alice, ALL_SETTINGS)
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "application/json; charset=utf-8"
        body = resp.json()
        assert list(body) == list(before)
        for key, value in ALL_SETTINGS.items():
            assert body[key] == value, key
        assert body["at"] == "2026-11-27T12:01:30+00:00"
        assert body["admin"] is True and body["role"] == "admin"
        assert workspace(client, alice) == body

    def test_partial_update_keeps_the_rest(self, client: TestClient[Any], alice: Account) -> None:
        before = workspace(client, alice)
        body = put(client, alice, {"rounding_minutes": 15}).json()
        assert body["rounding_minutes"] == 15
        assert {k: v for k, v in body.items() if k != "rounding_minutes"} == {
            k: v for k, v in before.items() if k != "rounding_minutes"
        }

    def test_nulls_leave_settings_but_clear_the_rate(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        put(client, alice, {"default_hourly_rate": 12.345, "reports_collapse": False})
        assert workspace(client, alice)["default_hourly_rate"] == 12.35
        body = put(
            client,
            alice,
            {"name": None, "reports_collapse": None, "rounding": None, "default_hourly_rate": None},
        ).json()
        assert body["name"] == "Alice WS" and body["reports_collapse"] is False
        assert body["default_hourly_rate"] is None

    def test_empty_body_only_touches_at(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        before = workspace(client, alice)
        clock.advance(5)
        body = put(client, alice, {"id": 1, "admins": [alice.id], "rate_change_mode": "x"}).json()
        assert body["at"] == "2026-11-27T12:00:05+00:00"
        assert {k: v for k, v in body.items() if k != "at"} == {
            k: v for k, v in before.items() if k != "at"
        }

    @pytest.mark.parametrize("minutes", [0, 1, 5, 6, 10, 12, 15, 30, 60, 240])
    def test_every_toggl_rounding_step(
        self, client: TestClient[Any], alice: Account, minutes: int
    ) -> None:
        assert put(client, alice, {"rounding_minutes": minutes}).json()["rounding_minutes"] == (
            minutes
        )

    @pytest.mark.parametrize(
        ("payload", "message"),
        [
            ({"name": ""}, "workspace name must contain non-space characters"),
            ({"name": " "}, "workspace name must contain non-space characters"),
            ({"name": "w" * 141}, "workspace name must not be longer than 140"),
            ({"name": "a\u0000b"}, "Invalid JSON input"),
            ({"default_currency": "EURO"}, "Invalid default_currency"),
            ({"default_currency": ""}, "Invalid default_currency"),
            ({"default_hourly_rate": -0.01}, "Invalid default_hourly_rate"),
            ({"default_hourly_rate": 1e12}, "Invalid default_hourly_rate"),
            ({"default_hourly_rate": "NaN"}, "Invalid default_hourly_rate"),
            ({"rounding": 2}, "rounding must be -1, 0 or 1"),
            ({"rounding": -2}, "rounding must be -1, 0 or 1"),
            ({"rounding": 10**30}, "rounding must be -1, 0 or 1"),
            (
                {"rounding_minutes": 7},
                "rounding_minutes must be one of 0, 1, 5, 6, 10, 12, 15, 30, 60, 240",
            ),
            (
                {"rounding_minutes": -15},
                "rounding_minutes must be one of 0, 1, 5, 6, 10, 12, 15, 30, 60, 240",
            ),
            # A valid setting before a bad one is not applied either.
            ({"name": "New", "rounding": 5}, "rounding must be -1, 0 or 1"),
        ],
    )
    def test_invalid_values_change_nothing(
        self,
        client: TestClient[Any],
        alice: Account,
        clock: FrozenClock,
        payload: dict[str, Any],
        message: str,
    ) -> None:
        before = workspace(client, alice)
        clock.advance(10)
        resp = put(client, alice, payload)
        assert resp.status_code == 400
        assert resp.json() == message
        assert workspace(client, alice) == before

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (b'{"rounding":"1"}', 'Unexpected "rounding" type string, offset=15'),
            (
                b'{"only_admins_may_create_tags":1}',
                'Unexpected "only_admins_may_create_tags" type number, offset=32',
            ),
            (b'{"name":["x"]}', 'Unexpected "name" type array, offset=13'),
            (b"{", "Invalid JSON input"),
            (b"", "Invalid JSON input"),
            (b"[]", "Invalid JSON input"),
        ],
    )
    def test_malformed_bodies(
        self, client: TestClient[Any], alice: Account, body: bytes, message: str
    ) -> None:
        before = workspace(client, alice)
        resp = client.put(
            f"{API}/workspaces/{alice.workspace_id}", content=body, headers=alice.headers
        )
        assert (resp.status_code, resp.json()) == (400, message)
        assert workspace(client, alice) == before

    def test_member_may_not(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        add_workspace_user(client, alice, bob.email, admin=False)
        before = workspace(client, alice)
        resp = put(client, bob, {"name": "Bob's now"}, wid=alice.workspace_id)
        assert (resp.status_code, resp.json()) == (403, ONLY_ADMINS)
        assert workspace(client, alice) == before

    def test_promoted_member_may(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        add_workspace_user(client, alice, bob.email, admin=True)
        resp = put(client, bob, {"name": "Shared"}, wid=alice.workspace_id)
        assert resp.status_code == 200
        assert resp.json()["name"] == "Shared"

    def test_outsiders_learn_nothing(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        mallory = make_account()
        before = workspace(client, alice)
        for wid in (alice.workspace_id, 987654321):
            resp = put(client, mallory, {"name": "Pwned"}, wid=wid)
            assert (resp.status_code, resp.json()) == (403, NO_ACCESS)
        assert workspace(client, alice) == before
        resp = client.put(f"{API}/workspaces/{alice.workspace_id}", json={"name": "x"})
        assert resp.status_code == 401

    @pytest.mark.parametrize("bad", ["abc", "0", "-3", "99999999999999999999"])
    def test_invalid_workspace_id(self, client: TestClient[Any], alice: Account, bad: str) -> None:
        resp = client.put(f"{API}/workspaces/{bad}", json={"name": "x"}, headers=alice.headers)
        assert (resp.status_code, resp.json()) == (403, "Missing or invalid workspace_id")

    def test_deactivated_organization_owner_still_administers(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        # Toggl: organization owners and admins "do everything a workspace admin can do".
        bob = make_account()
        add_workspace_user(client, alice, bob.email, admin=True)
        members = client.get(
            f"{API}/workspaces/{alice.workspace_id}/workspace_users", headers=bob.headers
        ).json()
        alice_member = next(m for m in members if m["uid"] == alice.id)
        resp = client.delete(
            f"{API}/workspaces/{alice.workspace_id}/workspace_users/{alice_member['id']}",
            headers=bob.headers,
        )
        assert resp.status_code == 200
        resp = put(client, alice, {"name": "Still mine"})
        assert resp.status_code == 200
        assert resp.json()["admin"] is True
        assert workspace(client, bob, alice.workspace_id)["name"] == "Still mine"


class TestSettingsVisibility:
    def test_hidden_billable_rate_for_members_only(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        add_workspace_user(client, alice, bob.email, admin=False)
        put(client, alice, {"default_hourly_rate": 80})
        assert workspace(client, bob, alice.workspace_id)["default_hourly_rate"] == 80
        put(client, alice, {"only_admins_see_billable_rates": True})
        assert workspace(client, bob, alice.workspace_id)["default_hourly_rate"] is None
        assert workspace(client, alice)["default_hourly_rate"] == 80
