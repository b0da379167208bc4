"""Authentication (wire contract §1.4, §2, open question 2) and the credential cache."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.app import create_app
from punchclock.clock import FrozenClock
from punchclock.config import Settings
from tests.api.support.http import basic_auth
from tests.conftest import API

WRONG = "Incorrect username and/or password"


def assert_wrong_credentials(resp: Any) -> None:
    assert resp.status_code == 403, resp.text
    assert resp.headers["content-type"] == "application/json; charset=utf-8"
    assert resp.json() == WRONG


def assert_missing(resp: Any) -> None:
    assert resp.status_code == 401, resp.text
    assert resp.content == b""
    assert resp.headers["x-authorization-missing"] == "true"
    assert "content-type" not in resp.headers


ENDPOINTS = [
    ("GET", "/me"),
    ("GET", "/me/logged"),
    ("GET", "/me/time_entries"),
    ("GET", "/me/time_entries/current"),
    ("GET", "/me/workspaces"),
    ("GET", "/workspaces"),
    ("GET", "/me/organizations"),
    ("POST", "/me/reset_token"),
    ("PUT", "/me"),
]


class TestMissingCredentials:
    @pytest.mark.parametrize(("method", "path"), ENDPOINTS)
    def test_no_header(self, client: TestClient[Any], alice: Any, method: str, path: str) -> None:
        assert_missing(client.request(method, f"{API}{path}"))

    def test_workspace_paths(self, client: TestClient[Any], alice: Any) -> None:
        wid = alice.workspace_id
        assert_missing(client.get(f"{API}/workspaces/{wid}"))
        assert_missing(client.post(f"{API}/workspaces/{wid}/time_entries", json={"start": "x"}))
        assert_missing(client.patch(f"{API}/workspaces/{wid}/time_entries/1/stop"))
        assert_missing(client.delete(f"{API}/workspaces/{wid}/time_entries/1"))

    @pytest.mark.parametrize(
        "header",
        [
            "",
            "Bearer 0123456789abcdef0123456789abcdef",
            "Basic",
            "Basic !!!not-base64!!!",
            "Basic " + base64.b64encode(b"\xff\xfe:api_token").decode(),
            "Basic " + base64.b64encode(b"no-colon-here").decode(),
            "Basic " + base64.b64encode(b":api_token").decode(),
        ],
    )
    def test_not_basic_or_undecodable(
        self, client: TestClient[Any], alice: Any, header: str
    ) -> None:
        assert_missing(client.get(f"{API}/me", headers={"Authorization": header}))


class TestWrongCredentials:
    def test_unknown_token(self, client: TestClient[Any], alice: Any) -> None:
        resp = client.get(f"{API}/me", headers=basic_auth("f" * 32, "api_token"))
        assert_wrong_credentials(resp)

    def test_wrong_password(self, client: TestClient[Any], alice: Any) -> None:
        assert_wrong_credentials(
            client.get(f"{API}/me", headers=basic_auth(alice.email, "nope-nope"))
        )

    def test_unknown_email(self, client: TestClient[Any], alice: Any) -> None:
        resp = client.get(f"{API}/me", headers=basic_auth("nobody@example.com", alice.password))
        assert_wrong_credentials(resp)

    def test_email_with_api_token_literal(self, client: TestClient[Any], alice: Any) -> None:
        assert_wrong_credentials(
            client.get(f"{API}/me", headers=basic_auth(alice.email, "api_token"))
        )

    def test_token_with_a_password(self, client: TestClient[Any], alice: Any) -> None:
        assert_wrong_credentials(
            client.get(f"{API}/me", headers=basic_auth(alice.token, alice.password))
        )

    def test_wrong_credentials_on_writes(self, client: TestClient[Any], alice: Any) -> None:
        resp = client.post(
            f"{API}/workspaces/{alice.workspace_id}/time_entries",
            json={"start": "2026-11-27T10:00:00Z"},
            headers=basic_auth("0" * 32, "api_token"),
        )
        assert_wrong_credentials(resp)


class TestGoodCredentials:
    def test_token(self, client: TestClient[Any], alice: Any) -> None:
        resp = client.get(f"{API}/me", headers=basic_auth(alice.token, "api_token"))
        assert resp.status_code == 200
        assert resp.json()["id"] == alice.id

    def test_email_and_password(self, client: TestClient[Any], alice: Any) -> None:
        for _ in range(2):  # the second one may come from the credential cache
            resp = client.get(f"{API}/me", headers=basic_auth(alice.email, alice.password))
            assert resp.status_code == 200
            assert resp.json()["email"] == "alice@example.com"

    def test_users_are_told_apart(
        self, client: TestClient[Any], alice: Any, make_account: Callable[..., Any]
    ) -> None:
        bob = make_account()
        assert client.get(f"{API}/me", headers=bob.headers).json()["id"] == bob.id
        assert client.get(f"{API}/me", headers=alice.headers).json()["id"] == alice.id


class TestLogged:
    def test_ok_with_empty_body(self, client: TestClient[Any], alice: Any) -> None:
        for headers in (alice.headers, basic_auth(alice.email, alice.password)):
            resp = client.get(f"{API}/me/logged", headers=headers)
            assert resp.status_code == 200
            assert resp.content == b""

    def test_wrong(self, client: TestClient[Any], alice: Any) -> None:
        assert_wrong_credentials(
            client.get(f"{API}/me/logged", headers=basic_auth("a" * 32, "api_token"))
        )


class TestResetToken:
    def test_new_token_and_old_one_dies(self, client: TestClient[Any], alice: Any) -> None:
        resp = client.post(f"{API}/me/reset_token", headers=alice.headers)
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "application/json; charset=utf-8"
        token = resp.json()
        assert isinstance(token, str) and re.fullmatch(r"[0-9a-f]{32}", token)
        assert resp.content == f'"{token}"'.encode()
        assert token != alice.token
        assert_wrong_credentials(client.get(f"{API}/me/logged", headers=alice.headers))
        me = client.get(f"{API}/me", headers=basic_auth(token, "api_token"))
        assert me.status_code == 200 and me.json()["api_token"] == token
        # The password keeps working.
        assert (
            client.get(
                f"{API}/me/logged", headers=basic_auth(alice.email, alice.password)
            ).status_code
            == 200
        )

    def test_with_password_auth(self, client: TestClient[Any], alice: Any) -> None:
        resp = client.post(f"{API}/me/reset_token", headers=basic_auth(alice.email, alice.password))
        assert resp.status_code == 200
        assert_wrong_credentials(client.get(f"{API}/me", headers=alice.headers))
        assert (
            client.get(f"{API}/me", headers=basic_auth(resp.json(), "api_token")).status_code == 200
        )


class TestCredentialCache:
    def test_password_change_invalidates_at_once(self, client: TestClient[Any], alice: Any) -> None:
        old = basic_auth(alice.email, alice.password)
        assert client.get(f"{API}/me/logged", headers=old).status_code == 200
        assert client.get(f"{API}/me/logged", headers=old).status_code == 200
        resp = client.put(
            f"{API}/me",
            json={"current_password": alice.password, "password": "brand-new-pass"},
            headers=old,
        )
        assert resp.status_code == 200, resp.text
        assert_wrong_credentials(client.get(f"{API}/me/logged", headers=old))
        new = basic_auth(alice.email, "brand-new-pass")
        assert client.get(f"{API}/me/logged", headers=new).status_code == 200

    def test_password_change_seen_by_another_process(
        self, client: TestClient[Any], alice: Any, settings: Settings, clock: FrozenClock
    ) -> None:
        # Two apps on one database stand for two worker processes, each with its own cache.
        old = basic_auth(alice.email, alice.password)
        with TestClient(create_app(settings, clock=clock)) as other:
            assert other.get(f"{API}/me/logged", headers=old).status_code == 200
            clock.advance(1)
            resp = client.put(
                f"{API}/me",
                json={"current_password": alice.password, "password": "another-pass"},
                headers=old,
            )
            assert resp.status_code == 200
            assert_wrong_credentials(other.get(f"{API}/me/logged", headers=old))
            ok = other.get(f"{API}/me/logged", headers=basic_auth(alice.email, "another-pass"))
            assert ok.status_code == 200

    def test_token_reset_seen_by_another_process(
        self, client: TestClient[Any], alice: Any, settings: Settings, clock: FrozenClock
    ) -> None:
        with TestClient(create_app(settings, clock=clock)) as other:
            assert other.get(f"{API}/me/logged", headers=alice.headers).status_code == 200
            assert client.post(f"{API}/me/reset_token", headers=alice.headers).status_code == 200
            assert_wrong_credentials(other.get(f"{API}/me/logged", headers=alice.headers))
