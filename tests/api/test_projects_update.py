"""Projects: PUT /workspaces/{wid}/projects/{pid} and bulk PATCH …/projects/{ids}."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.clock import FrozenClock
from tests.api.support.clients import create_client
from tests.api.support.http import NO_ACCESS
from tests.api.support.projects import BAD_COLOR, PROJECT_KEYS, create_project
from tests.conftest import API, Account


def project_url(account: Account, pid: int | str, wid: int | None = None) -> str:
    """The URL of one project (or of a comma-separated id list)."""
    return f"{API}/workspaces/{wid or account.workspace_id}/projects/{pid}"


def put(client: TestClient[Any], account: Account, pid: int, body: Any, **kw: Any) -> Any:
    """PUT a project of the account's workspace (or of `wid`)."""
    return client.put(project_url(account, pid, kw.get("wid")), headers=account.headers, json=body)


def fetch(client: TestClient[Any], account: Account, pid: int) -> dict[str, Any]:
    """GET one project of the account's workspace."""
    response = client.get(project_url(account, pid), headers=account.headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


class TestUpdateProject:
    def test_only_given_fields_change(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        created = create_project(client, alice, name="Website", color="#aabbcc")
        clock.advance(90)
        response = put(client, alice, created["id"], {"name": "Web site"})
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        data = response.json()
        assert list(data.keys()) == PROJECT_KEYS
        assert data == {**created, "name": "Web site", "at": "2026-11-27T12:01:30+00:00"}
        assert fetch(client, alice, created["id"]) == data

    def test_every_field(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice, name="W")["id"]
        body = {
            "active": False,
            "is_private": False,
            "color": "#D92B2B",
            "billable": True,
            "template": True,
            "auto_estimates": True,
            "estimated_hours": 12,
            "rate": 80,
            "currency": "eur",
            "fixed_fee": 999.5,
            "recurring": True,
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
        }
        data = put(client, alice, pid, body).json()
        assert {key: data[key] for key in body} == {
            **body,
            "color": "#d92b2b",
            "estimated_hours": 12,
            "currency": "EUR",
        }
        assert (data["estimated_seconds"], data["status"]) == (43200, "archived")
        assert data["end_date"] == "2026-12-31"

    def test_null_clears_nullable_fields_only(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        cid = create_client(client, alice, "Acme")["id"]
        body = {"name": "W", "client_id": cid, "rate": 5, "fixed_fee": 7, "currency": "USD"}
        created = create_project(client, alice, estimated_hours=3, end_date="2026-12-31", **body)
        nulls = dict.fromkeys(
            ["client_id", "rate", "fixed_fee", "currency", "estimated_hours", "end_date"]
        )
        kept = dict.fromkeys(["name", "color", "active", "is_private", "billable", "start_date"])
        data = put(client, alice, created["id"], {**nulls, **kept}).json()
        for key in ("client_id", "cid", "rate", "fixed_fee", "currency", "estimated_seconds"):
            assert data[key] is None, key
        assert "end_date" not in data
        for key in ("name", "color", "active", "is_private", "start_date"):
            assert data[key] == created[key], key

    def test_round_trip_changes_nothing(
        self, client: TestClient[Any], alice: Account, clock: FrozenClock
    ) -> None:
        cid = create_client(client, alice, "Acme")["id"]
        created = create_project(
            client, alice, name="W", client_id=cid, estimated_seconds=5400, rate=10.5
        )
        clock.advance(60)
        data = put(client, alice, created["id"], created).json()
        # Not even `at` moves: nothing changed, so `since` sync has nothing to fetch.
        assert data == created
        assert data["estimated_seconds"] == 5400

    def test_client_forms(self, client: TestClient[Any], alice: Account) -> None:
        cid = create_client(client, alice, "Acme")["id"]
        pid = create_project(client, alice, name="W")["id"]
        assert put(client, alice, pid, {"client_id": cid}).json()["cid"] == cid
        assert put(client, alice, pid, {"client_id": 0}).json()["client_id"] is None
        assert put(client, alice, pid, {"cid": cid}).json()["client_id"] == cid
        new_cid = put(client, alice, pid, {"client_name": "Globex"}).json()["client_id"]
        assert new_cid not in (None, cid)
        response = put(client, alice, pid, {"client_id": cid, "client_name": "Acme"})
        assert (response.status_code, response.json()) == (
            400,
            "Both client_id and client_name provided",
        )

    def test_client_of_another_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs_client = create_client(client, bob, "Bob's")["id"]
        pid = create_project(client, alice, name="W")["id"]
        response = put(client, alice, pid, {"client_id": bobs_client})
        assert response.status_code == 400
        assert response.json() == (
            f"Client with the ID {bobs_client} isn't present in workspace {alice.workspace_id}"
        )

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({"name": "  "}, "Project name can't be blank"),
            ({"name": "x" * 256}, "Project name must be at most 255 characters"),
            ({"color": "red"}, BAD_COLOR.format("red")),
            ({"rate": -1}, "Invalid rate"),
            ({"fixed_fee": 1e12}, "Invalid fixed_fee"),
            ({"currency": "euro"}, "Invalid currency"),
            ({"estimated_hours": -2}, "Invalid estimated_hours"),
            ({"start_date": "27.11.2026"}, "Invalid start_date"),
            ({"end_date": "2026-11-01"}, "Project timeframe is not valid"),
            ({"start_date": "2027-01-01"}, "Project timeframe is not valid"),
        ],
    )
    def test_invalid_fields_change_nothing(
        self, client: TestClient[Any], alice: Account, body: dict[str, Any], message: str
    ) -> None:
        created = create_project(client, alice, name="W", end_date="2026-12-31")
        response = put(client, alice, created["id"], body)
        assert (response.status_code, response.json()) == (400, message)
        assert fetch(client, alice, created["id"]) == created

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (b'{"name": "a\\u0000"}', "Invalid JSON input"),
            (b'{"client_name": "a\\u0000"}', "Invalid JSON input"),
            (
                b'{"client_id": 99999999999999999999}',
                "Client with the ID 99999999999999999999 isn't present in workspace WID",
            ),
            (b'{"estimated_hours": 4611686018427387904}', "Invalid estimated_hours"),
            (b'{"rate": 1e400}', "Invalid rate"),
            (b'{"wid": 99999999999999999999}', "workspace_id in body does not match path"),
        ],
    )
    def test_hostile_input_is_a_400_on_create_and_update(
        self, client: TestClient[Any], alice: Account, body: bytes, message: str
    ) -> None:
        created = create_project(client, alice, name="W")
        expected = message.replace("WID", str(alice.workspace_id))
        named = body.replace(b"{", b'{"name": "N", ', 1) if b'"name"' not in body else body
        url = f"{API}/workspaces/{alice.workspace_id}/projects"
        response = client.post(url, headers=alice.headers, content=named)
        assert (response.status_code, response.json()) == (400, expected)
        response = client.put(
            project_url(alice, created["id"]), headers=alice.headers, content=body
        )
        assert (response.status_code, response.json()) == (400, expected)
        assert fetch(client, alice, created["id"]) == created

    def test_name_taken(self, client: TestClient[Any], alice: Account) -> None:
        create_project(client, alice, name="Taken")
        pid = create_project(client, alice, name="W")["id"]
        response = put(client, alice, pid, {"name": "Taken"})
        assert (response.status_code, response.json()) == (400, "Name has already been taken")
        assert put(client, alice, pid, {"name": "W"}).status_code == 200
        cid = create_client(client, alice, "Acme")["id"]
        # The same name is fine under another client.
        assert put(client, alice, pid, {"name": "Taken", "client_id": cid}).status_code == 200

    def test_unknown_deleted_and_foreign_projects(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_project(client, bob, name="Secret")
        for pid in (777, bobs["id"]):
            response = put(client, alice, pid, {"name": "X"})
            assert (response.status_code, response.json()) == (404, "Project not found")
        response = put(client, alice, bobs["id"], {"name": "X"}, wid=bob.workspace_id)
        assert (response.status_code, response.json()) == (403, NO_ACCESS)
        assert fetch(client, bob, bobs["id"]) == bobs

    @pytest.mark.parametrize("raw", ["abc", "0", "99999999999999999999"])
    def test_invalid_id(self, client: TestClient[Any], alice: Account, raw: str) -> None:
        response = client.put(project_url(alice, raw), headers=alice.headers, json={})
        assert (response.status_code, response.json()) == (400, "Invalid project_id")

    def test_plain_member_cannot_edit(
        self, client: TestClient[Any], alice: Account, carol: Account
    ) -> None:
        created = create_project(client, alice, name="W", is_private=False)
        response = put(client, carol, created["id"], {"name": "Mine"}, wid=alice.workspace_id)
        assert (response.status_code, response.json()) == (403, NO_ACCESS)
        assert fetch(client, alice, created["id"]) == created

    def test_creator_manages_own_project(
        self, client: TestClient[Any], alice: Account, carol: Account
    ) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/projects"
        pid = client.post(url, headers=carol.headers, json={"name": "Carol's"}).json()["id"]
        response = put(client, carol, pid, {"color": "#000000"}, wid=alice.workspace_id)
        assert response.status_code == 200
        assert put(client, alice, pid, {"active": False}).json()["active"] is False

    @pytest.mark.parametrize("body", [b"", b"{", b"[]", b"null"])
    def test_invalid_json(self, client: TestClient[Any], alice: Account, body: bytes) -> None:
        pid = create_project(client, alice, name="W")["id"]
        response = client.put(project_url(alice, pid), headers=alice.headers, content=body)
        assert (response.status_code, response.json()) == (400, "Invalid JSON input")

    def test_wrong_type(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice, name="W")["id"]
        body = b'{"active": "no"}'
        response = client.put(project_url(alice, pid), headers=alice.headers, content=body)
        assert (response.status_code, response.json()) == (
            400,
            'Unexpected "active" type string, offset=15',
        )

    def test_body_workspace_must_match(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice, name="W")["id"]
        response = put(client, alice, pid, {"wid": alice.workspace_id + 1})
        assert (response.status_code, response.json()) == (
            400,
            "workspace_id in body does not match path",
        )


def patch(client: TestClient[Any], account: Account, ids: str, body: Any, **kw: Any) -> Any:
    """PATCH a comma-separated id list of the account's workspace (or of `wid`)."""
    return client.patch(
        project_url(account, ids, kw.get("wid")), headers=account.headers, json=body
    )


class TestBulkPatchProjects:
    def test_recorded_body(self, client: TestClient[Any], alice: Account) -> None:
        a = create_project(client, alice, name="A")["id"]
        b = create_project(client, alice, name="B")["id"]
        body = [{"op": "replace", "path": "/color", "value": "#000000"}]
        response = patch(client, alice, f"{a},{b}", body)
        assert response.status_code == 200
        assert list(response.json().keys()) == ["success", "failure"]
        assert response.json() == {"success": [a, b], "failure": []}
        assert {fetch(client, alice, pid)["color"] for pid in (a, b)} == {"#000000"}

    def test_failures_do_not_undo_others(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bobs = create_project(client, make_account(), name="Bob's")["id"]
        a = create_project(client, alice, name="A")["id"]
        b = create_project(client, alice, name="B")["id"]
        body = [{"op": "replace", "path": "/name", "value": "Same"}]
        data = patch(client, alice, f"{a},777,{b},{bobs}", body).json()
        assert data == {
            "success": [a],
            "failure": [
                {"id": 777, "message": "Project not found"},
                {"id": b, "message": "Name has already been taken"},
                {"id": bobs, "message": "Project not found"},
            ],
        }
        assert fetch(client, alice, b)["name"] == "B"

    def test_several_operations_and_removal(self, client: TestClient[Any], alice: Account) -> None:
        cid = create_client(client, alice, "Acme")["id"]
        pid = create_project(client, alice, name="W", rate=5, client_id=cid)["id"]
        body = [
            {"op": "replace", "path": "/active", "value": False},
            {"op": "remove", "path": "/rate"},
            {"op": "replace", "path": "/cid", "value": None},
            {"op": "replace", "path": "/estimated_hours", "value": 2},
            {"op": "replace", "path": "/end_date", "value": "2026-12-24"},
            {"op": "replace", "path": "/fixed_fee", "value": 10.25},
        ]
        assert patch(client, alice, str(pid), body).json() == {"success": [pid], "failure": []}
        data = fetch(client, alice, pid)
        assert (data["active"], data["rate"], data["client_id"]) == (False, None, None)
        assert (data["estimated_seconds"], data["end_date"], data["fixed_fee"]) == (
            7200,
            "2026-12-24",
            10.25,
        )

    def test_per_id_validation_failure(self, client: TestClient[Any], alice: Account) -> None:
        pid = create_project(client, alice, name="W")["id"]
        body = [{"op": "replace", "path": "/color", "value": "blue"}]
        assert patch(client, alice, str(pid), body).json() == {
            "success": [],
            "failure": [{"id": pid, "message": BAD_COLOR.format("blue")}],
        }

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ([], "Empty or invalid patch operation"),
            ([{"op": "move", "path": "/name", "value": "x"}], "Invalid op: move"),
            ([{"op": "replace", "path": "name", "value": "x"}], "Invalid path format: name"),
            ([{"op": "replace", "path": "/a/b", "value": 1}], "Invalid path format: /a/b"),
            ([{"op": "replace", "path": "/owner", "value": 1}], "Path not found: /owner"),
            ([{"op": "add", "path": "/rate", "value": 1}], "Operation not supported (add /rate)"),
            ([{"op": "remove", "path": "/name"}], "Operation not supported (remove /name)"),
            ([{"op": "replace", "path": "/active", "value": 1}], "/active expects a boolean"),
            ([{"op": "replace", "path": "/name", "value": None}], "/name expects a string"),
            (
                [{"op": "replace", "path": "/rate", "value": "5"}],
                "/rate expects an float64 or null",
            ),
            (
                [{"op": "replace", "path": "/client_id", "value": "1"}],
                "/client_id expects an integer",
            ),
            (
                [{"op": "replace", "path": "/estimated_hours", "value": 2**64}],
                "/estimated_hours expects an integer",
            ),
            ([{"op": "replace", "path": "/start_date", "value": "soon"}], "Invalid start_date"),
            ([{"op": "replace", "path": "/name", "value": "x"}] * 101, "Too many patches"),
            ({"op": "replace"}, "Invalid JSON input"),
        ],
    )
    def test_bad_operations_change_nothing(
        self, client: TestClient[Any], alice: Account, body: Any, message: str
    ) -> None:
        created = create_project(client, alice, name="W")
        response = patch(client, alice, str(created["id"]), body)
        assert (response.status_code, response.json()) == (400, message)
        assert fetch(client, alice, created["id"]) == created

    def test_id_limits(self, client: TestClient[Any], alice: Account) -> None:
        body = [{"op": "replace", "path": "/color", "value": "#000000"}]
        ids = ",".join(str(n) for n in range(1, 102))
        response = patch(client, alice, ids, body)
        assert (response.status_code, response.json()) == (
            400,
            "PATCH request is limited to 100 entries at once",
        )
        response = patch(client, alice, ",", body)
        assert (response.status_code, response.json()) == (400, "PATCH expects at least one ID")
        response = patch(client, alice, "1,x", body)
        assert (response.status_code, response.json()) == (400, "PATCH expects at least one ID")

    def test_plain_member_fails_per_id(
        self, client: TestClient[Any], alice: Account, carol: Account
    ) -> None:
        pid = create_project(client, alice, name="W", is_private=False)["id"]
        body = [{"op": "replace", "path": "/color", "value": "#000000"}]
        data = patch(client, carol, str(pid), body, wid=alice.workspace_id).json()
        assert data == {"success": [], "failure": [{"id": pid, "message": NO_ACCESS}]}
        assert fetch(client, alice, pid)["color"] == "#0b83d9"

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        pid = create_project(client, bob, name="W")["id"]
        body = [{"op": "replace", "path": "/color", "value": "#000000"}]
        response = patch(client, alice, str(pid), body, wid=bob.workspace_id)
        assert (response.status_code, response.json()) == (403, NO_ACCESS)
