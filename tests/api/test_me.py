"""GET /me and PUT /me (wire contract §2, §5.1, §5.2)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.db.schema import users
from tests.api.support.http import assert_error, basic_auth
from tests.api.support.workspaces import join_workspace
from tests.conftest import API

NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)
# §5.1, recorded order; oauth_providers is omitted when empty. "2fa_enabled" is newer and its
# position is not recorded.
ME_KEYS = [
    "id",
    "api_token",
    "email",
    "fullname",
    "timezone",
    "toggl_accounts_id",
    "default_workspace_id",
    "beginning_of_week",
    "image_url",
    "created_at",
    "updated_at",
    "openid_email",
    "openid_enabled",
    "country_id",
    "has_password",
    "at",
    "intercom_hash",
    "authorization_updated_at",
]
RELATED = ["tags", "clients", "time_entries", "projects", "workspaces", "tasks"]
MICROS_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")


def me(client: TestClient[Any], account: Any, **params: str) -> dict[str, Any]:
    resp = client.get(f"{API}/me", params=params, headers=account.headers)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def put_me(client: TestClient[Any], account: Any, body: Any) -> Any:
    return client.put(f"{API}/me", json=body, headers=account.headers)


def base_keys(body: dict[str, Any]) -> list[str]:
    return [k for k in body if k not in ("2fa_enabled", "toggl_accounts_updated_at", *RELATED)]


def stored_user(database: Database, user_id: int) -> dict[str, Any]:
    with database.transaction(write=False) as conn:
        return dict(conn.execute(select(users).where(users.c.id == user_id)).mappings().one())


class TestGetMe:
    def test_shape_and_values(self, client: TestClient[Any], alice: Any) -> None:
        resp = client.get(f"{API}/me", headers=alice.headers)
        assert resp.headers["content-type"] == "application/json; charset=utf-8"
        body = resp.json()
        assert base_keys(body) == ME_KEYS
        assert body["2fa_enabled"] is False
        assert "oauth_providers" not in body
        assert body["id"] == alice.id
        assert body["api_token"] == alice.token
        assert re.fullmatch(r"[0-9a-f]{32}", body["api_token"])
        assert body["email"] == "alice@example.com"
        assert body["fullname"] == "Alice Tester"
        assert body["timezone"] == "UTC"
        assert len(body["toggl_accounts_id"]) == 22
        assert body["default_workspace_id"] == alice.workspace_id
        assert 0 <= body["beginning_of_week"] <= 6
        assert body["image_url"] == "https://assets.track.toggl.com/images/profile.png"
        for key in ("created_at", "updated_at", "at", "authorization_updated_at"):
            assert MICROS_Z.match(body[key]), key
        assert body["created_at"] == "2026-11-27T12:00:00.000000Z"
        assert body["openid_email"] is None
        assert isinstance(body["openid_enabled"], bool)
        assert body["country_id"] is None
        assert body["has_password"] is True
        assert body["intercom_hash"] is None or len(body["intercom_hash"]) == 64
        for key in RELATED:
            assert key not in body

    def test_with_related_data_false(self, client: TestClient[Any], alice: Any) -> None:
        body = me(client, alice, with_related_data="false")
        assert not set(RELATED) & set(body)


class TestGetMeRelatedData:
    def test_workspaces_and_time_entries(
        self, client: TestClient[Any], alice: Any, clock: FrozenClock
    ) -> None:
        wid = alice.workspace_id
        post = f"{API}/workspaces/{wid}/time_entries"
        old = client.post(
            post, json={"start": "2026-10-01T10:00:00Z", "duration": 60}, headers=alice.headers
        )
        recent = client.post(
            post, json={"start": "2026-11-26T10:00:00Z", "duration": 60}, headers=alice.headers
        )
        gone = client.post(
            post, json={"start": "2026-11-26T11:00:00Z", "duration": 60}, headers=alice.headers
        )
        timer = client.post(
            post, json={"start": "2026-11-01T10:00:00Z", "duration": -1}, headers=alice.headers
        )
        client.delete(f"{post}/{gone.json()['id']}", headers=alice.headers)
        body = me(client, alice, with_related_data="true")
        keys = list(body)
        # The arrays sit between oauth_providers (absent) and authorization_updated_at.
        related = keys[keys.index("intercom_hash") + 1 : keys.index("authorization_updated_at")]
        assert set(related) <= set(RELATED)
        assert related == [k for k in RELATED if k in related]
        assert [w["id"] for w in body["workspaces"]] == [wid]
        # Roughly the last nine days, running entry included, deleted ones excluded.
        assert [e["id"] for e in body["time_entries"]] == [recent.json()["id"], timer.json()["id"]]
        assert old.json()["id"] not in [e["id"] for e in body["time_entries"]]

    def test_empty_arrays_are_omitted(self, client: TestClient[Any], alice: Any) -> None:
        body = me(client, alice, with_related_data="true")
        assert "time_entries" not in body
        assert "clients" not in body and "projects" not in body and "tasks" not in body
        assert len(body["workspaces"]) >= 1

    def test_tags_are_included_when_the_user_has_some(
        self, client: TestClient[Any], alice: Any
    ) -> None:
        client.post(
            f"{API}/workspaces/{alice.workspace_id}/time_entries",
            json={"start": "2026-11-26T10:00:00Z", "tags": ["dev"]},
            headers=alice.headers,
        )
        body = me(client, alice, with_related_data="true")
        assert [t["name"] for t in body["tags"]] == ["dev"]


class TestPutMeProfile:
    def test_profile_fields(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
        clock: FrozenClock,
    ) -> None:
        bob = make_account()
        join_workspace(database, bob.workspace_id, alice.id)
        clock.advance(60)
        body = {
            "fullname": "Alice Renamed",
            "timezone": "Europe/Berlin",
            "beginning_of_week": 0,
            "country_id": 76,
            "default_workspace_id": bob.workspace_id,
        }
        resp = put_me(client, alice, body)
        assert resp.status_code == 200, resp.text
        out = resp.json()
        # PUT /me answers with the user object plus toggl_accounts_updated_at; no related data.
        assert base_keys(out) == ME_KEYS
        assert MICROS_Z.match(out["toggl_accounts_updated_at"])
        for key, value in body.items():
            assert out[key] == value, key
        assert out["updated_at"] == out["at"] == "2026-11-27T12:01:00.000000Z"
        fresh = me(client, alice)
        for key, value in body.items():
            assert fresh[key] == value, key

    def test_email_change_moves_the_login(self, client: TestClient[Any], alice: Any) -> None:
        resp = put_me(client, alice, {"email": "alice.new@example.com"})
        assert resp.status_code == 200
        assert resp.json()["email"] == "alice.new@example.com"
        new = basic_auth("alice.new@example.com", alice.password)
        assert client.get(f"{API}/me/logged", headers=new).status_code == 200
        old = client.get(f"{API}/me/logged", headers=basic_auth(alice.email, alice.password))
        assert old.status_code == 403

    def test_empty_body_changes_nothing(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        before = stored_user(database, alice.id)
        resp = put_me(client, alice, {})
        assert resp.status_code == 200
        assert stored_user(database, alice.id) == before

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({"beginning_of_week": 7}, "Invalid beginning_of_week"),
            ({"beginning_of_week": -1}, "Invalid beginning_of_week"),
            ({"country_id": -3}, "Invalid country_id"),
            ({"default_workspace_id": 987654}, "Invalid default_workspace_id"),
            ({"email": "not-an-email"}, "Invalid email"),
            ({"fullname": "   "}, "Invalid fullname"),
            ({"timezone": "Mars/Olympus_Mons"}, "Invalid timezone"),
            ({"timezone": ""}, "Invalid timezone"),
            ({"fullname": "Fine", "timezone": "Nope/Nope"}, "Invalid timezone"),
        ],
    )
    def test_errors_change_nothing(
        self, client: TestClient[Any], alice: Any, database: Database, body: Any, message: str
    ) -> None:
        before = stored_user(database, alice.id)
        assert_error(put_me(client, alice, body), 400, message)
        assert stored_user(database, alice.id) == before

    def test_taken_email(
        self, client: TestClient[Any], alice: Any, make_account: Callable[..., Any]
    ) -> None:
        make_account(email="bob@example.com")
        assert_error(
            put_me(client, alice, {"email": "bob@example.com"}),
            400,
            "user with this email already exists",
        )
        assert_error(
            put_me(client, alice, {"email": "BOB@example.com"}),
            400,
            "user with this email already exists",
        )

    def test_default_workspace_of_someone_else(
        self, client: TestClient[Any], alice: Any, make_account: Callable[..., Any]
    ) -> None:
        bob = make_account()
        resp = put_me(client, alice, {"default_workspace_id": bob.workspace_id})
        assert_error(resp, 400, "Invalid default_workspace_id")


class TestPutMePassword:
    def test_change(self, client: TestClient[Any], alice: Any) -> None:
        resp = put_me(client, alice, {"current_password": alice.password, "password": "n3w-secret"})
        assert resp.status_code == 200
        assert resp.json()["has_password"] is True
        assert (
            client.get(
                f"{API}/me/logged", headers=basic_auth(alice.email, "n3w-secret")
            ).status_code
            == 200
        )
        assert (
            client.get(
                f"{API}/me/logged", headers=basic_auth(alice.email, alice.password)
            ).status_code
            == 403
        )
        # The token is unaffected by a password change.
        assert client.get(f"{API}/me/logged", headers=alice.headers).status_code == 200

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({"password": "n3w-secret"}, "Current password must be present to change password"),
            (
                {"current_password": "", "password": "n3w-secret"},
                "Current password must be present to change password",
            ),
            (
                {"current_password": "wrong-one", "password": "n3w-secret"},
                "Current password is not valid",
            ),
            (
                {"current_password": "secret-pass", "password": "12345"},
                "Password should be at least 6 characters",
            ),
            (
                {"fullname": "Changed", "current_password": "wrong-one", "password": "n3w-secret"},
                "Current password is not valid",
            ),
        ],
    )
    def test_errors(
        self, client: TestClient[Any], alice: Any, database: Database, body: Any, message: str
    ) -> None:
        before = stored_user(database, alice.id)
        assert_error(put_me(client, alice, body), 400, message)
        assert stored_user(database, alice.id) == before
        assert (
            client.get(
                f"{API}/me/logged", headers=basic_auth(alice.email, alice.password)
            ).status_code
            == 200
        )
