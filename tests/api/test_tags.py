"""Tags: GET/POST /workspaces/{wid}/tags."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from tests.api.support.http import NO_ACCESS
from tests.api.support.tags import ONLY_ADMINS_MANAGE_TAGS, TAG_KEYS
from tests.api.support.workspaces import join_workspace, update_workspace
from tests.conftest import API, Account


def create(client: TestClient[Any], account: Account, body: Any, wid: int | None = None) -> Any:
    """POST a tag into a workspace (the account's own by default)."""
    url = f"{API}/workspaces/{wid or account.workspace_id}/tags"
    return client.post(url, headers=account.headers, json=body)


class TestCreateTag:
    def test_returns_one_tag_object(self, client: TestClient[Any], alice: Account) -> None:
        wid = alice.workspace_id
        response = create(client, alice, {"id": None, "workspace_id": wid, "name": "dev"})
        assert response.status_code == 200
        data = response.json()
        assert list(data.keys()) == TAG_KEYS
        assert data["workspace_id"] == wid
        assert data["name"] == "dev"
        assert data["creator_id"] == alice.id
        assert data["at"] == "2026-11-27T12:00:00.000000Z"

    @pytest.mark.parametrize("body", [{"name": ""}, {"name": "  "}, {"name": None}, {}])
    def test_blank_name(self, client: TestClient[Any], alice: Account, body: Any) -> None:
        response = create(client, alice, body)
        assert response.status_code == 400
        assert response.json() == "tag name can't be blank"

    def test_name_too_long(self, client: TestClient[Any], alice: Account) -> None:
        response = create(client, alice, {"name": "t" * 256})
        assert response.status_code == 400
        assert response.json() == "Tag name is too long"

    def test_duplicate_name(self, client: TestClient[Any], alice: Account) -> None:
        assert create(client, alice, {"name": "dev"}).status_code == 200
        response = create(client, alice, {"name": "dev"})
        assert response.status_code == 400
        assert response.json() == "a tag with the name 'dev' already exists"

    def test_name_created_by_a_time_entry_is_taken(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        entry = {"start": "2026-11-27T09:00:00Z", "duration": 60, "tags": ["dev"]}
        url = f"{API}/workspaces/{alice.workspace_id}/time_entries"
        assert client.post(url, headers=alice.headers, json=entry).status_code == 200
        response = create(client, alice, {"name": "dev"})
        assert response.status_code == 400
        assert response.json() == "a tag with the name 'dev' already exists"

    def test_created_tag_is_usable_by_time_entries(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        tag = create(client, alice, {"name": "dev"}).json()
        entry = {"start": "2026-11-27T09:00:00Z", "duration": 60, "tags": ["dev"]}
        url = f"{API}/workspaces/{alice.workspace_id}/time_entries"
        created = client.post(url, headers=alice.headers, json=entry).json()
        assert created["tag_ids"] == [tag["id"]]

    def test_only_admins_setting_blocks_members(
        self,
        client: TestClient[Any],
        alice: Account,
        make_account: Callable[..., Account],
        database: Database,
        clock: FrozenClock,
    ) -> None:
        carol = make_account()
        join_workspace(database, alice.workspace_id, carol.id, at=clock.now_us())
        update_workspace(database, alice.workspace_id, only_admins_may_create_tags=True)
        response = create(client, carol, {"name": "dev"}, wid=alice.workspace_id)
        assert response.status_code == 403
        assert response.json() == ONLY_ADMINS_MANAGE_TAGS
        assert create(client, alice, {"name": "dev"}).status_code == 200

    def test_members_may_create_by_default(
        self,
        client: TestClient[Any],
        alice: Account,
        make_account: Callable[..., Account],
        database: Database,
        clock: FrozenClock,
    ) -> None:
        carol = make_account()
        join_workspace(database, alice.workspace_id, carol.id, at=clock.now_us())
        response = create(client, carol, {"name": "dev"}, wid=alice.workspace_id)
        assert response.status_code == 200
        assert response.json()["creator_id"] == carol.id

    def test_body_workspace_must_match_path(self, client: TestClient[Any], alice: Account) -> None:
        response = create(client, alice, {"name": "dev", "workspace_id": alice.workspace_id + 7})
        assert response.status_code == 400
        assert response.json() == "workspace_id in body does not match path"

    @pytest.mark.parametrize("body", [b"", b"nope", b"[1,2]", b'"dev"'])
    def test_invalid_json(self, client: TestClient[Any], alice: Account, body: bytes) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/tags"
        response = client.post(url, headers=alice.headers, content=body)
        assert response.status_code == 400
        assert response.json() == "Invalid JSON input"

    def test_wrong_type(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/tags"
        response = client.post(url, headers=alice.headers, content=b'{"name": true}')
        assert response.status_code == 400
        assert response.json() == 'Unexpected "name" type bool, offset=13'

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        response = create(client, alice, {"name": "dev"}, wid=bob.workspace_id)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS

    def test_non_numeric_workspace(self, client: TestClient[Any], alice: Account) -> None:
        response = client.post(f"{API}/workspaces/me/tags", headers=alice.headers, json={})
        assert response.status_code == 403
        assert response.json() == "Missing or invalid workspace_id"


class TestListTags:
    def test_by_name(self, client: TestClient[Any], alice: Account) -> None:
        for name in ("zeta", "dev", "Admin"):
            create(client, alice, {"name": name})
        response = client.get(f"{API}/workspaces/{alice.workspace_id}/tags", headers=alice.headers)
        assert response.status_code == 200
        data = response.json()
        assert [t["name"] for t in data] == ["Admin", "dev", "zeta"]
        assert all(list(t.keys()) == TAG_KEYS for t in data)

    def test_only_this_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        create(client, bob, {"name": "bobs"})
        create(client, alice, {"name": "alices"})
        data = client.get(f"{API}/workspaces/{alice.workspace_id}/tags", headers=alice.headers)
        assert [t["name"] for t in data.json()] == ["alices"]

    def test_empty(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/tags"
        assert client.get(url, headers=alice.headers).json() == []

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        response = client.get(f"{API}/workspaces/{bob.workspace_id}/tags", headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS

    def test_non_numeric_workspace(self, client: TestClient[Any], alice: Account) -> None:
        response = client.get(f"{API}/workspaces/1.5/tags", headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == "Missing or invalid workspace_id"
