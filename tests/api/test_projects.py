"""Projects: GET/POST /workspaces/{wid}/projects and GET /workspaces/{wid}/projects/{pid}."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import select

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.db.schema import clients
from tests.api.support.clients import create_client
from tests.api.support.http import NO_ACCESS
from tests.api.support.projects import (
    BAD_COLOR,
    PROJECT_KEYS,
    create_project,
    list_projects,
    post_project,
)
from tests.api.support.workspaces import join_workspace, update_workspace
from tests.conftest import API, Account

# The recorded Toggl object's key order (§8).
# Keys toggl-python 0.3.2 requires (real-clients.md §3.3).
TOGGL_PYTHON_REQUIRED = {
    "id", "workspace_id", "name", "active", "is_private", "color", "at", "created_at",
    "start_date", "can_track_time", "recurring", "client_id", "billable", "template",
    "template_id", "auto_estimates", "estimated_hours", "estimated_seconds", "rate",
    "rate_last_updated", "currency", "recurring_parameters", "fixed_fee", "actual_hours",
    "actual_seconds", "server_deleted_at",
}  # fmt: skip


class TestCreateProject:
    def test_name_alone_takes_defaults(self, client: TestClient[Any], alice: Account) -> None:
        response = post_project(client, alice, {"name": "Website"})
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        data = response.json()
        assert list(data.keys()) == PROJECT_KEYS
        wid = alice.workspace_id
        assert data == {
            "id": data["id"],
            "workspace_id": wid,
            "client_id": None,
            "name": "Website",
            "is_private": True,
            "active": True,
            "at": "2026-11-27T12:00:00+00:00",
            "created_at": "2026-11-27T12:00:00+00:00",
            "server_deleted_at": None,
            "color": "#0b83d9",
            "billable": None,
            "template": None,
            "auto_estimates": None,
            "estimated_hours": None,
            "estimated_seconds": None,
            "rate": None,
            "rate_last_updated": None,
            "currency": None,
            "recurring": False,
            "template_id": None,
            "recurring_parameters": None,
            "fixed_fee": None,
            "actual_hours": 0,
            "actual_seconds": 0,
            "tasks_count": None,
            "can_track_time": True,
            "start_date": "2026-11-27",
            "status": "active",
            "wid": wid,
            "cid": None,
            "is_shared": False,
            "pinned": False,
        }
        assert set(data) >= TOGGL_PYTHON_REQUIRED

    def test_togglcli_body(self, client: TestClient[Any], alice: Account) -> None:
        cid = create_client(client, alice, "Acme")["id"]
        body = {
            "id": None,
            "workspace_id": alice.workspace_id,
            "name": "Website",
            "client_id": cid,
            "active": True,
            "is_private": True,
            "color": "#0b83d9",
        }
        data = post_project(client, alice, body).json()
        assert (data["client_id"], data["cid"], data["name"]) == (cid, cid, "Website")

    def test_legacy_cid(self, client: TestClient[Any], alice: Account) -> None:
        cid = create_client(client, alice, "Acme")["id"]
        assert create_project(client, alice, name="W", cid=cid)["client_id"] == cid

    def test_client_id_zero_means_no_client(self, client: TestClient[Any], alice: Account) -> None:
        assert create_project(client, alice, name="W", client_id=0)["client_id"] is None

    def test_client_name_uses_or_creates_client(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        cid = create_client(client, alice, "Acme")["id"]
        assert create_project(client, alice, name="A", client_name="Acme")["client_id"] == cid
        new_cid = create_project(client, alice, name="B", client_name="Globex")["client_id"]
        with database.transaction(write=False) as conn:
            name = conn.execute(select(clients.c.name).where(clients.c.id == new_cid)).scalar()
        assert name == "Globex"

    def test_both_client_forms(self, client: TestClient[Any], alice: Account) -> None:
        cid = create_client(client, alice, "Acme")["id"]
        response = post_project(
            client, alice, {"name": "W", "client_id": cid, "client_name": "Acme"}
        )
        assert response.status_code == 400
        assert response.json() == "Both client_id and client_name provided"

    @pytest.mark.parametrize("client_id", [424242, -3, 99999999999999999999])
    def test_unknown_client(self, client: TestClient[Any], alice: Account, client_id: int) -> None:
        response = post_project(client, alice, {"name": "W", "client_id": client_id})
        assert response.status_code == 400
        wid = alice.workspace_id
        assert response.json() == f"Client with the ID {client_id} isn't present in workspace {wid}"

    def test_client_of_another_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_client(client, bob, "Bob's")["id"]
        response = post_project(client, alice, {"name": "W", "client_id": bobs})
        assert response.status_code == 400
        wid = alice.workspace_id
        assert response.json() == f"Client with the ID {bobs} isn't present in workspace {wid}"

    @pytest.mark.parametrize("color", ["red", "#0b83d", "#0b83d9a", "0b83d9", "#gggggg", ""])
    def test_invalid_color(self, client: TestClient[Any], alice: Account, color: str) -> None:
        response = post_project(client, alice, {"name": "W", "color": color})
        assert response.status_code == 400
        assert response.json() == BAD_COLOR.format(color)

    def test_upper_case_color_is_folded(self, client: TestClient[Any], alice: Account) -> None:
        assert create_project(client, alice, name="W", color="#C7AF14")["color"] == "#c7af14"

    def test_duplicate_name(self, client: TestClient[Any], alice: Account) -> None:
        create_project(client, alice, name="Website")
        response = post_project(client, alice, {"name": "Website"})
        assert response.status_code == 400
        assert response.json() == "Name has already been taken"

    def test_same_name_under_another_client(self, client: TestClient[Any], alice: Account) -> None:
        cid = create_client(client, alice, "Acme")["id"]
        create_project(client, alice, name="Website")
        assert create_project(client, alice, name="Website", client_id=cid)["client_id"] == cid
        response = post_project(client, alice, {"name": "Website", "client_id": cid})
        assert response.json() == "Name has already been taken"

    @pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "  "}, {"name": None}])
    def test_blank_name(self, client: TestClient[Any], alice: Account, body: Any) -> None:
        response = post_project(client, alice, body)
        assert response.status_code == 400
        assert response.json() == "Project name can't be blank"

    def test_name_too_long(self, client: TestClient[Any], alice: Account) -> None:
        response = post_project(client, alice, {"name": "p" * 256})
        assert response.status_code == 400
        assert response.json() == "Project name must be at most 255 characters"

    def test_privacy_follows_workspace_default(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        update_workspace(database, alice.workspace_id, projects_private_by_default=False)
        assert create_project(client, alice, name="W")["is_private"] is False
        assert create_project(client, alice, name="X", is_private=True)["is_private"] is True

    def test_billable_is_null_unless_given(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        # Toggl's free-plan answer; a billable default breaks togglcli (premium: false).
        update_workspace(database, alice.workspace_id, projects_billable_by_default=True)
        assert create_project(client, alice, name="W")["billable"] is None
        assert create_project(client, alice, name="X", billable=True)["billable"] is True
        assert create_project(client, alice, name="Y", billable=False)["billable"] is False

    def test_money_and_estimates_are_whole_numbers(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        data = create_project(
            client, alice, name="W", rate=50, fixed_fee=12.5, estimated_hours=10, currency="eur"
        )
        assert data["rate"] == 50 and isinstance(data["rate"], int)
        assert data["fixed_fee"] == 12.5
        assert (data["estimated_hours"], data["estimated_seconds"]) == (10, 36000)
        assert data["currency"] == "EUR"

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({"rate": -1}, "Invalid rate"),
            ({"fixed_fee": 1e12}, "Invalid fixed_fee"),
            ({"rate": "NaN"}, "Invalid rate"),
            ({"currency": "euro"}, "Invalid currency"),
            ({"estimated_hours": -2}, "Invalid estimated_hours"),
            ({"start_date": "27.11.2026"}, "Invalid start_date"),
            ({"end_date": "tomorrow"}, "Invalid end_date"),
            (
                {"start_date": "2026-11-27", "end_date": "2026-11-01"},
                "Project timeframe is not valid",
            ),
        ],
    )
    def test_invalid_fields(
        self, client: TestClient[Any], alice: Account, body: dict[str, Any], message: str
    ) -> None:
        response = post_project(client, alice, {"name": "W", **body})
        assert response.status_code == 400
        assert response.json() == message

    @pytest.mark.parametrize(
        ("body", "status"),
        [
            ({"active": False}, "archived"),
            ({"start_date": "2026-12-01"}, "upcoming"),
            ({"start_date": "2026-01-01", "end_date": "2026-06-30"}, "ended"),
            ({"start_date": "2026-01-01", "end_date": "2026-11-27"}, "active"),
        ],
    )
    def test_status(
        self, client: TestClient[Any], alice: Account, body: dict[str, Any], status: str
    ) -> None:
        assert create_project(client, alice, name="W", **body)["status"] == status

    def test_end_date_follows_start_date(self, client: TestClient[Any], alice: Account) -> None:
        data = create_project(
            client, alice, name="W", start_date="2026-01-01", end_date="2026-12-31"
        )
        keys = list(data.keys())
        assert keys[keys.index("start_date") + 1] == "end_date"
        assert data["end_date"] == "2026-12-31"
        assert [k for k in keys if k != "end_date"] == PROJECT_KEYS

    def test_only_admins_setting(
        self,
        client: TestClient[Any],
        alice: Account,
        make_account: Callable[..., Account],
        database: Database,
        clock: FrozenClock,
    ) -> None:
        carol = make_account()
        join_workspace(database, alice.workspace_id, carol.id, at=clock.now_us())
        assert post_project(client, carol, {"name": "A"}, wid=alice.workspace_id).status_code == 200
        update_workspace(database, alice.workspace_id, only_admins_may_create_projects=True)
        response = post_project(client, carol, {"name": "B"}, wid=alice.workspace_id)
        assert response.status_code == 403
        assert response.json() == "Only admins may create projects in this workspace"
        assert post_project(client, alice, {"name": "B"}).status_code == 200

    def test_body_workspace_must_match_path(self, client: TestClient[Any], alice: Account) -> None:
        response = post_project(
            client, alice, {"name": "W", "workspace_id": alice.workspace_id + 1}
        )
        assert response.status_code == 400
        assert response.json() == "workspace_id in body does not match path"

    @pytest.mark.parametrize("body", [b"", b"{", b"[]", b"null"])
    def test_invalid_json(self, client: TestClient[Any], alice: Account, body: bytes) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/projects"
        response = client.post(url, headers=alice.headers, content=body)
        assert response.status_code == 400
        assert response.json() == "Invalid JSON input"

    def test_wrong_type(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/projects"
        body = b'{"name": "W", "active": "yes"}'
        response = client.post(url, headers=alice.headers, content=body)
        assert response.status_code == 400
        assert response.json() == 'Unexpected "active" type string, offset=29'

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        response = post_project(client, alice, {"name": "W"}, wid=bob.workspace_id)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS

    def test_non_numeric_workspace(self, client: TestClient[Any], alice: Account) -> None:
        response = client.post(f"{API}/workspaces/abc/projects", headers=alice.headers, json={})
        assert response.status_code == 403
        assert response.json() == "Missing or invalid workspace_id"


class TestListProjects:
    def test_active_projects_by_name(self, client: TestClient[Any], alice: Account) -> None:
        create_project(client, alice, name="zeta")
        create_project(client, alice, name="Alpha")
        create_project(client, alice, name="Old", active=False)
        response = list_projects(client, alice)
        assert response.status_code == 200
        data = response.json()
        assert [p["name"] for p in data] == ["Alpha", "zeta"]
        assert all(list(p.keys()) == PROJECT_KEYS for p in data)

    @pytest.mark.parametrize(
        ("value", "names"),
        [
            ("true", ["New"]),
            ("True", ["New"]),
            ("false", ["Old"]),
            ("both", ["New", "Old"]),
            ("", ["New"]),
        ],
    )
    def test_active_filter(
        self, client: TestClient[Any], alice: Account, value: str, names: list[str]
    ) -> None:
        create_project(client, alice, name="New")
        create_project(client, alice, name="Old", active=False)
        assert [p["name"] for p in list_projects(client, alice, f"?active={value}").json()] == names

    def test_invalid_active(self, client: TestClient[Any], alice: Account) -> None:
        response = list_projects(client, alice, "?active=maybe")
        assert response.status_code == 400
        assert response.json() == "Invalid active"

    def test_name_filter(self, client: TestClient[Any], alice: Account) -> None:
        for name in ("Website", "WEB shop", "Backend"):
            create_project(client, alice, name=name)
        names = [p["name"] for p in list_projects(client, alice, "?name=web").json()]
        assert names == ["WEB shop", "Website"]

    def test_client_ids_filter(self, client: TestClient[Any], alice: Account) -> None:
        acme = create_client(client, alice, "Acme")["id"]
        globex = create_client(client, alice, "Globex")["id"]
        create_project(client, alice, name="A", client_id=acme)
        create_project(client, alice, name="G", client_id=globex)
        create_project(client, alice, name="N")
        names = [
            p["name"] for p in list_projects(client, alice, f"?client_ids={acme},{globex}").json()
        ]
        assert names == ["A", "G"]
        response = list_projects(client, alice, "?client_ids=1,x")
        assert response.status_code == 400
        assert response.json() == "Invalid client_ids"

    def test_pages(self, client: TestClient[Any], alice: Account) -> None:
        for n in range(5):
            create_project(client, alice, name=f"P{n}")
        assert [p["name"] for p in list_projects(client, alice, "?page=1&per_page=2").json()] == [
            "P0",
            "P1",
        ]
        assert [p["name"] for p in list_projects(client, alice, "?page=3&per_page=2").json()] == [
            "P4"
        ]
        assert list_projects(client, alice, "?page=4&per_page=2").json() == []

    def test_per_page_above_200_is_served(self, client: TestClient[Any], alice: Account) -> None:
        for n in range(3):
            create_project(client, alice, name=f"P{n}")
        response = list_projects(client, alice, "?per_page=500")
        assert response.status_code == 200
        assert len(response.json()) == 3
        assert list_projects(client, alice, "?per_page=99999999999999999999999").status_code == 200

    @pytest.mark.parametrize("query", ["?page=0", "?page=-1", "?per_page=abc", "?per_page=²"])
    def test_invalid_paging(self, client: TestClient[Any], alice: Account, query: str) -> None:
        response = list_projects(client, alice, query)
        assert response.status_code == 400
        assert response.json() in ("Invalid page", "Invalid per_page")

    def test_tolerates_trailing_ampersand_and_unknown_filters(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        create_project(client, alice, name="W")
        response = list_projects(client, alice, "?sort_field=name&statuses=active&only_me=false&")
        assert response.status_code == 200
        assert len(response.json()) == 1

    def test_actual_seconds_counts_stopped_live_entries(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        pid = create_project(client, alice, name="W")["id"]
        url = f"{API}/workspaces/{alice.workspace_id}/time_entries"

        def entry(**body: Any) -> int:
            body = {"created_with": "test", "project_id": pid, **body}
            response = client.post(url, headers=alice.headers, json=body)
            assert response.status_code == 200, response.text
            return int(response.json()["id"])

        entry(start="2026-11-27T08:00:00Z", stop="2026-11-27T09:30:00Z")
        entry(start="2026-11-26T08:00:00Z", duration=2 * 3600 + 59)
        deleted = entry(start="2026-11-25T08:00:00Z", duration=3600)
        assert client.delete(f"{url}/{deleted}", headers=alice.headers).status_code == 200
        entry(start="2026-11-27T11:00:00Z", duration=-1)  # running: not counted
        data = list_projects(client, alice).json()[0]
        assert data["actual_seconds"] == 5400 + 7259
        assert data["actual_hours"] == 3

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        response = client.get(
            f"{API}/workspaces/{bob.workspace_id}/projects", headers=alice.headers
        )
        assert response.status_code == 403
        assert response.json() == NO_ACCESS

    def test_non_numeric_workspace(self, client: TestClient[Any], alice: Account) -> None:
        response = client.get(f"{API}/workspaces/-1/projects", headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == "Missing or invalid workspace_id"


class TestGetProject:
    def test_found(self, client: TestClient[Any], alice: Account) -> None:
        created = create_project(client, alice, name="W")
        url = f"{API}/workspaces/{alice.workspace_id}/projects/{created['id']}"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 200
        assert response.json() == created
        assert list(response.json().keys()) == PROJECT_KEYS

    def test_archived_project_is_found(self, client: TestClient[Any], alice: Account) -> None:
        created = create_project(client, alice, name="W", active=False)
        url = f"{API}/workspaces/{alice.workspace_id}/projects/{created['id']}"
        assert client.get(url, headers=alice.headers).json()["status"] == "archived"

    def test_unknown(self, client: TestClient[Any], alice: Account) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/projects/777"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 404
        assert response.json() == "Project not found"

    def test_project_of_another_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_project(client, bob, name="Secret")
        url = f"{API}/workspaces/{alice.workspace_id}/projects/{bobs['id']}"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 404
        assert response.json() == "Project not found"

    def test_other_users_workspace(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        bobs = create_project(client, bob, name="Secret")
        url = f"{API}/workspaces/{bob.workspace_id}/projects/{bobs['id']}"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 403
        assert response.json() == NO_ACCESS

    @pytest.mark.parametrize("raw", ["abc", "0", "1e3", "99999999999999999999"])
    def test_invalid_id(self, client: TestClient[Any], alice: Account, raw: str) -> None:
        url = f"{API}/workspaces/{alice.workspace_id}/projects/{raw}"
        response = client.get(url, headers=alice.headers)
        assert response.status_code == 400
        assert response.json() == "Invalid project_id"


class TestMeWithRelatedData:
    def test_catalogue_arrays(self, client: TestClient[Any], alice: Account) -> None:
        wid = alice.workspace_id
        cid = create_client(client, alice, "Acme")["id"]
        project = create_project(client, alice, name="W", client_id=cid)
        tag = client.post(
            f"{API}/workspaces/{wid}/tags", headers=alice.headers, json={"name": "dev"}
        )
        task_url = f"{API}/workspaces/{wid}/projects/{project['id']}/tasks"
        task = client.post(task_url, headers=alice.headers, json={"name": "Spec"})
        data = client.get(f"{API}/me?with_related_data=true", headers=alice.headers).json()
        keys = list(data.keys())
        expected = ["tags", "clients", "projects", "workspaces", "tasks"]
        assert [k for k in keys if k in expected] == expected
        assert keys.index("tasks") < keys.index("authorization_updated_at")
        assert data["tags"] == [tag.json()]
        assert [c["id"] for c in data["clients"]] == [cid]
        assert data["projects"] == [project]
        assert data["tasks"] == [task.json()]

    def test_empty_arrays_are_omitted(self, client: TestClient[Any], alice: Account) -> None:
        data = client.get(f"{API}/me?with_related_data=true", headers=alice.headers).json()
        for key in ("tags", "clients", "projects", "tasks", "time_entries"):
            assert key not in data
        assert [w["id"] for w in data["workspaces"]] == [alice.workspace_id]

    def test_only_the_callers_workspaces(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        create_project(client, bob, name="Secret")
        create_client(client, bob, "Bob's")
        data = client.get(f"{API}/me?with_related_data=true", headers=alice.headers).json()
        assert "projects" not in data and "clients" not in data
