"""Tags: PUT/DELETE /workspaces/{wid}/tags/{tid} and bulk delete PATCH /workspaces/{wid}/tags."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from tests.api.support.entries import create_time_entry
from tests.api.support.http import NO_ACCESS
from tests.api.support.tags import ONLY_ADMINS_MANAGE_TAGS, TAG_KEYS, create_tag
from tests.api.support.workspaces import update_workspace
from tests.conftest import API, FROZEN_NOW_US, Account

NOT_IN_WORKSPACE = "Some tag IDs do not belong to workspace."
NOW_S = FROZEN_NOW_US // 1_000_000


def tags_url(account: Account, suffix: str = "", wid: int | None = None) -> str:
    """The account's (or another) workspace tag collection, plus a suffix."""
    return f"{API}/workspaces/{wid or account.workspace_id}/tags{suffix}"


def tag_names(client: TestClient[Any], account: Account) -> list[str]:
    """Names of the account's workspace's live tags."""
    return [t["name"] for t in client.get(tags_url(account), headers=account.headers).json()]


def make_entry(client: TestClient[Any], account: Account, tags: list[str], **body: Any) -> Any:
    """A stopped entry with these tags, in the account's workspace."""
    payload = {
        "created_with": "test",
        "start": "2026-11-27T09:00:00Z",
        "duration": 60,
        "tags": tags,
    }
    return create_time_entry(client, account, **{**payload, **body})


def get_entry(client: TestClient[Any], account: Account, entry_id: int) -> Any:
    """An entry as GET /me/time_entries/{id} shows it."""
    return client.get(f"{API}/me/time_entries/{entry_id}", headers=account.headers).json()


class TestRenameTag:
    def test_renamed_tag_object(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        tag = create_tag(client, alice, "dev")
        entry = make_entry(client, alice, ["dev"])
        clock.advance(5)
        body = {"name": "development", "workspace_id": alice.workspace_id}
        response = client.put(tags_url(alice, f"/{tag['id']}"), headers=alice.headers, json=body)
        assert response.status_code == 200
        data = response.json()
        assert list(data) == TAG_KEYS
        assert (data["id"], data["name"]) == (tag["id"], "development")
        assert data["at"] == "2026-11-27T12:00:05.000000Z"
        assert tag_names(client, alice) == ["development"]
        assert get_entry(client, alice, entry["id"])["tags"] == ["development"]

    def test_same_name(self, client: TestClient[Any], alice: Account) -> None:
        tag = create_tag(client, alice, "dev")
        url = tags_url(alice, f"/{tag['id']}")
        assert client.put(url, headers=alice.headers, json={"name": "dev"}).json() == tag

    def test_name_of_another_tag(self, client: TestClient[Any], alice: Account) -> None:
        create_tag(client, alice, "dev")
        ops = create_tag(client, alice, "ops")
        url = tags_url(alice, f"/{ops['id']}")
        response = client.put(url, headers=alice.headers, json={"name": "dev"})
        assert response.status_code == 400
        assert response.json() == "a tag with the name 'dev' already exists"
        assert tag_names(client, alice) == ["dev", "ops"]

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({"name": ""}, "tag name can't be blank"),
            ({"name": " "}, "tag name can't be blank"),
            ({"name": None}, "tag name can't be blank"),
            ({}, "tag name can't be blank"),
            ({"name": "t" * 256}, "Tag name is too long"),
            ({"name": "x", "workspace_id": 99999}, "workspace_id in body does not match path"),
        ],
    )
    def test_invalid_body(
        self, client: TestClient[Any], alice: Account, body: Any, message: str
    ) -> None:
        tag = create_tag(client, alice, "dev")
        response = client.put(tags_url(alice, f"/{tag['id']}"), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == message
        assert tag_names(client, alice) == ["dev"]

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (b"nope", "Invalid JSON input"),
            (b'{"name": 7}', 'Unexpected "name" type number, offset=10'),
        ],
    )
    def test_bad_json(
        self, client: TestClient[Any], alice: Account, body: bytes, message: str
    ) -> None:
        tag = create_tag(client, alice, "dev")
        url = tags_url(alice, f"/{tag['id']}")
        response = client.put(url, headers=alice.headers, content=body)
        assert response.status_code == 400
        assert response.json() == message

    def test_unknown_or_deleted_tag(self, client: TestClient[Any], alice: Account) -> None:
        tag = create_tag(client, alice, "dev")
        client.delete(tags_url(alice, f"/{tag['id']}"), headers=alice.headers)
        for tag_id in (tag["id"], 987654):
            url = tags_url(alice, f"/{tag_id}")
            response = client.put(url, headers=alice.headers, json={"name": "x"})
            assert response.status_code == 404
            assert response.json() == "Tag was not found"

    def test_tag_of_another_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_tag(client, bob, "secret")
        url = tags_url(alice, f"/{bobs['id']}")
        response = client.put(url, headers=alice.headers, json={"name": "mine"})
        assert response.status_code == 404
        assert tag_names(client, bob) == ["secret"]

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_tag(client, bob, "secret")
        url = tags_url(bob, f"/{bobs['id']}")
        response = client.put(url, headers=alice.headers, json={"name": "mine"})
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert tag_names(client, bob) == ["secret"]

    def test_members_may_rename_by_default(
        self, client: TestClient[Any], alice: Account, member: Account
    ) -> None:
        tag = create_tag(client, alice, "dev")
        url = tags_url(alice, f"/{tag['id']}")
        assert client.put(url, headers=member.headers, json={"name": "x"}).status_code == 200

    def test_only_admins_setting(
        self, client: TestClient[Any], alice: Account, member: Account, database: Database
    ) -> None:
        tag = create_tag(client, alice, "dev")
        update_workspace(database, alice.workspace_id, only_admins_may_create_tags=True)
        url = tags_url(alice, f"/{tag['id']}")
        response = client.put(url, headers=member.headers, json={"name": "x"})
        assert response.status_code == 403
        assert response.json() == ONLY_ADMINS_MANAGE_TAGS
        assert client.put(url, headers=alice.headers, json={"name": "x"}).status_code == 200

    @pytest.mark.parametrize("raw", ["abc", "0", "-1", "99999999999999999999"])
    def test_invalid_id(self, client: TestClient[Any], alice: Account, raw: str) -> None:
        response = client.put(tags_url(alice, f"/{raw}"), headers=alice.headers, json={"name": "x"})
        assert response.status_code == 400
        assert response.json() == "Invalid tag ID"


class TestDeleteTag:
    def test_leaves_every_entry_in_order(
        self,
        client: TestClient[Any],
        alice: Account,
        member: Account,
        clock: FrozenClock,
    ) -> None:
        first = make_entry(client, alice, ["a", "ops", "z"])
        last = make_entry(client, alice, ["a", "ops"], start="2026-11-27T10:00:00Z")
        only = make_entry(client, member, ["ops"])
        untouched = make_entry(client, alice, ["a", "z"], start="2026-11-27T11:00:00Z")
        ops_id = first["tag_ids"][1]
        clock.advance(3600)
        response = client.delete(tags_url(alice, f"/{ops_id}"), headers=alice.headers)
        assert response.status_code == 200
        assert response.content == b""
        assert tag_names(client, alice) == ["a", "z"]
        entries = {
            e["id"]: e for e in client.get(f"{API}/me/time_entries", headers=alice.headers).json()
        }
        assert entries[first["id"]]["tags"] == ["a", "z"]
        assert entries[first["id"]]["tag_ids"] == [first["tag_ids"][0], first["tag_ids"][2]]
        assert entries[last["id"]]["tags"] == ["a"]
        assert entries[untouched["id"]]["tags"] == ["a", "z"]
        assert entries[untouched["id"]]["at"] == untouched["at"]
        assert get_entry(client, member, only["id"])["tags"] == []
        # `at` moved forward, so `since` sync sees exactly the changed entries.
        assert entries[first["id"]]["at"] == "2026-11-27T13:00:00.000000Z"
        since = client.get(f"{API}/me/time_entries?since={NOW_S + 3600}", headers=alice.headers)
        assert sorted(e["id"] for e in since.json()) == sorted([first["id"], last["id"]])
        member_since = client.get(
            f"{API}/me/time_entries?since={NOW_S + 3600}", headers=member.headers
        ).json()
        assert [(e["id"], e["tags"], e["tag_ids"]) for e in member_since] == [(only["id"], [], [])]

    def test_at_never_goes_backwards(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        entry = make_entry(client, alice, ["dev"])
        clock.advance(-600)
        client.delete(tags_url(alice, f"/{entry['tag_ids'][0]}"), headers=alice.headers)
        assert get_entry(client, alice, entry["id"])["at"] == "2026-11-27T12:00:00.000001Z"

    def test_deleted_entries_are_left_alone(self, client: TestClient[Any], alice: Account) -> None:
        entry = make_entry(client, alice, ["dev"])
        client.delete(
            f"{API}/workspaces/{alice.workspace_id}/time_entries/{entry['id']}",
            headers=alice.headers,
        )
        before = client.get(f"{API}/me/time_entries?since={NOW_S}", headers=alice.headers).json()
        client.delete(tags_url(alice, f"/{entry['tag_ids'][0]}"), headers=alice.headers)
        after = client.get(f"{API}/me/time_entries?since={NOW_S}", headers=alice.headers).json()
        assert after == before

    def test_name_can_be_used_again(self, client: TestClient[Any], alice: Account) -> None:
        tag = create_tag(client, alice, "dev")
        client.delete(tags_url(alice, f"/{tag['id']}"), headers=alice.headers)
        entry = make_entry(client, alice, ["dev"])
        assert entry["tag_ids"] != [tag["id"]]
        assert create_tag(client, alice, "other")["name"] == "other"

    def test_deleted_tag_id_is_rejected_on_entries(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        tag = create_tag(client, alice, "dev")
        client.delete(tags_url(alice, f"/{tag['id']}"), headers=alice.headers)
        url = f"{API}/workspaces/{alice.workspace_id}/time_entries"
        body = {"created_with": "t", "start": "2026-11-27T09:00:00Z", "duration": 5}
        response = client.post(url, headers=alice.headers, json={**body, "tag_ids": [tag["id"]]})
        assert response.status_code == 400

    def test_twice(self, client: TestClient[Any], alice: Account) -> None:
        tag = create_tag(client, alice, "dev")
        client.delete(tags_url(alice, f"/{tag['id']}"), headers=alice.headers)
        response = client.delete(tags_url(alice, f"/{tag['id']}"), headers=alice.headers)
        assert response.status_code == 404
        assert response.json() == "Tag was not found"

    def test_tag_of_another_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        entry = make_entry(client, bob, ["secret"])
        response = client.delete(tags_url(alice, f"/{entry['tag_ids'][0]}"), headers=alice.headers)
        assert response.status_code == 404
        assert get_entry(client, bob, entry["id"])["tags"] == ["secret"]

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        entry = make_entry(client, bob, ["secret"])
        url = tags_url(bob, f"/{entry['tag_ids'][0]}")
        response = client.delete(url, headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert get_entry(client, bob, entry["id"])["tags"] == ["secret"]

    def test_only_admins_setting(
        self, client: TestClient[Any], alice: Account, member: Account, database: Database
    ) -> None:
        entry = make_entry(client, alice, ["dev"])
        update_workspace(database, alice.workspace_id, only_admins_may_create_tags=True)
        url = tags_url(alice, f"/{entry['tag_ids'][0]}")
        response = client.delete(url, headers=member.headers)
        assert response.status_code == 403
        assert response.json() == ONLY_ADMINS_MANAGE_TAGS
        assert get_entry(client, alice, entry["id"])["tags"] == ["dev"]

    @pytest.mark.parametrize("raw", ["dev", "0", "1e3"])
    def test_invalid_id(self, client: TestClient[Any], alice: Account, raw: str) -> None:
        response = client.delete(tags_url(alice, f"/{raw}"), headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Invalid tag ID"


class TestBulkDeleteTags:
    def test_delete_list(self, client: TestClient[Any], alice: Account) -> None:
        entry = make_entry(client, alice, ["a", "b", "c"])
        a, b, c = entry["tag_ids"]
        response = client.patch(tags_url(alice), headers=alice.headers, json={"delete": [a, c, a]})
        assert response.status_code == 200
        assert response.content == b""
        assert tag_names(client, alice) == ["b"]
        assert get_entry(client, alice, entry["id"])["tag_ids"] == [b]

    def test_bare_array(self, client: TestClient[Any], alice: Account) -> None:
        entry = make_entry(client, alice, ["a", "b"])
        response = client.patch(tags_url(alice), headers=alice.headers, json=entry["tag_ids"])
        assert response.status_code == 200
        assert tag_names(client, alice) == []
        assert get_entry(client, alice, entry["id"])["tags"] == []

    def test_foreign_id_deletes_nothing(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_tag(client, bob, "secret")
        mine = create_tag(client, alice, "dev")
        for ids in ([mine["id"], bobs["id"]], [mine["id"], 424242], [mine["id"], -1]):
            response = client.patch(tags_url(alice), headers=alice.headers, json={"delete": ids})
            assert response.status_code == 400
            assert response.json() == NOT_IN_WORKSPACE
        assert tag_names(client, alice) == ["dev"]
        assert tag_names(client, bob) == ["secret"]

    def test_already_deleted_id(self, client: TestClient[Any], alice: Account) -> None:
        tag = create_tag(client, alice, "dev")
        client.delete(tags_url(alice, f"/{tag['id']}"), headers=alice.headers)
        response = client.patch(
            tags_url(alice), headers=alice.headers, json={"delete": [tag["id"]]}
        )
        assert response.status_code == 400
        assert response.json() == NOT_IN_WORKSPACE

    @pytest.mark.parametrize("body", [{"delete": []}, {"delete": None}, {}, []])
    def test_no_ids(self, client: TestClient[Any], alice: Account, body: Any) -> None:
        response = client.patch(tags_url(alice), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == "At least one tag ID must be supplied."

    def test_too_many_ids(self, client: TestClient[Any], alice: Account) -> None:
        body = {"delete": list(range(1, 102))}
        response = client.patch(tags_url(alice), headers=alice.headers, json=body)
        assert response.status_code == 400
        assert response.json() == "PATCH request is limited to 100 entries at once"

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (b"", "Invalid JSON input"),
            (b"{", "Invalid JSON input"),
            (b'"1,2"', "Invalid JSON input"),
            (b'["a"]', "Invalid JSON input"),
            (b'{"delete": ["a"]}', 'Unexpected "delete" type string, offset=16'),
            (b'{"delete": [99999999999999999999999]}', NOT_IN_WORKSPACE),
            (b'{"delete": [-99999999999999999999999]}', NOT_IN_WORKSPACE),
        ],
    )
    def test_bad_body(
        self, client: TestClient[Any], alice: Account, body: bytes, message: str
    ) -> None:
        create_tag(client, alice, "dev")
        response = client.patch(tags_url(alice), headers=alice.headers, content=body)
        assert response.status_code == 400
        assert response.json() == message
        assert tag_names(client, alice) == ["dev"]

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_tag(client, bob, "secret")
        response = client.patch(tags_url(bob), headers=alice.headers, json={"delete": [bobs["id"]]})
        assert response.status_code == 403
        assert response.json() == NO_ACCESS
        assert tag_names(client, bob) == ["secret"]

    def test_only_admins_setting(
        self, client: TestClient[Any], alice: Account, member: Account, database: Database
    ) -> None:
        tag = create_tag(client, alice, "dev")
        update_workspace(database, alice.workspace_id, only_admins_may_create_tags=True)
        body = {"delete": [tag["id"]]}
        response = client.patch(tags_url(alice), headers=member.headers, json=body)
        assert response.status_code == 403
        assert response.json() == ONLY_ADMINS_MANAGE_TAGS
        assert tag_names(client, alice) == ["dev"]


class TestNulCharacters:
    """PostgreSQL text cannot hold NUL: refused as bad input (400) on every engine, never 500."""

    def test_create_and_rename(self, client: TestClient[Any], alice: Account) -> None:
        tag = create_tag(client, alice, "dev")
        for method, url in (("POST", tags_url(alice)), ("PUT", tags_url(alice, f"/{tag['id']}"))):
            response = client.request(method, url, headers=alice.headers, json={"name": "a\u0000"})
            assert (response.status_code, response.json()) == (400, "Invalid JSON input")
        assert tag_names(client, alice) == ["dev"]
