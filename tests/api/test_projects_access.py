"""Who sees which projects: private projects, hidden billable rates, and tracking on them."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient
from sqlalchemy import func, select

from punchclock.db.engine import Database
from punchclock.db.schema import time_entries
from tests.api.support.projects import (
    CANNOT_EDIT_BILLING,
    add_project_member,
    create_project,
    list_projects,
    post_project,
)
from tests.api.support.workspaces import update_workspace
from tests.conftest import API, Account

NOT_ACCESSIBLE = "User cannot access the selected project"


def url(alice: Account, rest: str = "") -> str:
    """A path under Alice's workspace."""
    return f"{API}/workspaces/{alice.workspace_id}{rest}"


def entry_count(database: Database) -> int:
    """How many time entries exist."""
    with database.transaction(write=False) as conn:
        return int(conn.execute(select(func.count()).select_from(time_entries)).scalar_one())


class TestPrivateProjects:
    def test_members_see_public_and_their_private_projects(
        self, client: TestClient[Any], alice: Account, carol: Account
    ) -> None:
        public = create_project(client, alice, name="Public", is_private=False)["id"]
        secret = create_project(client, alice, name="Secret", is_private=True)["id"]
        joined = create_project(client, alice, name="Joined", is_private=True)["id"]
        add_project_member(client, alice, joined, carol.id)
        seen = client.get(url(alice, "/projects"), headers=carol.headers).json()
        assert [(p["name"], p["can_track_time"]) for p in seen] == [
            ("Joined", True),
            ("Public", True),
        ]
        mine = client.get(f"{API}/me/projects", headers=carol.headers).json()
        assert [p["id"] for p in mine] == [joined, public]
        response = client.get(url(alice, f"/projects/{secret}"), headers=carol.headers)
        assert (response.status_code, response.json()) == (404, "Project not found")
        assert (
            client.get(url(alice, f"/projects/{joined}"), headers=carol.headers).status_code == 200
        )
        assert [p["name"] for p in list_projects(client, alice).json()] == [
            "Joined",
            "Public",
            "Secret",
        ]

    def test_related_data_hides_private_projects_and_their_tasks(
        self, client: TestClient[Any], alice: Account, carol: Account
    ) -> None:
        create_project(client, alice, name="Public", is_private=False)
        secret = create_project(client, alice, name="Secret", is_private=True)["id"]
        task = client.post(
            url(alice, f"/projects/{secret}/tasks"), headers=alice.headers, json={"name": "Hidden"}
        )
        assert task.status_code == 200, task.text
        carol_view = client.get(f"{API}/me?with_related_data=true", headers=carol.headers).json()
        assert [p["name"] for p in carol_view["projects"]] == ["Public"]
        assert "tasks" not in carol_view
        alice_view = client.get(f"{API}/me?with_related_data=true", headers=alice.headers).json()
        assert sorted(p["name"] for p in alice_view["projects"]) == ["Public", "Secret"]
        assert [t["name"] for t in alice_view["tasks"]] == ["Hidden"]

    def test_members_cannot_edit_private_projects_they_cannot_see(
        self, client: TestClient[Any], alice: Account, carol: Account
    ) -> None:
        secret = create_project(client, alice, name="Secret", is_private=True)
        response = client.put(
            url(alice, f"/projects/{secret['id']}"), headers=carol.headers, json={"name": "Mine"}
        )
        assert (response.status_code, response.json()) == (404, "Project not found")
        response = client.delete(url(alice, f"/projects/{secret['id']}"), headers=carol.headers)
        assert (response.status_code, response.json()) == (404, "Project not found")
        assert list_projects(client, alice).json() == [secret]

    def test_private_projects_are_private_by_workspace_default(
        self, client: TestClient[Any], alice: Account, carol: Account
    ) -> None:
        created = post_project(client, carol, {"name": "Carol's"}, wid=alice.workspace_id).json()
        assert created["is_private"] is True
        seen = client.get(url(alice, "/projects"), headers=carol.headers).json()
        assert [p["id"] for p in seen] == [created["id"]]


class TestHiddenRates:
    def test_members_see_null_rates(
        self, client: TestClient[Any], alice: Account, carol: Account, database: Database
    ) -> None:
        pid = create_project(client, alice, name="W", is_private=False, rate=90, fixed_fee=5)["id"]
        seen = client.get(url(alice, f"/projects/{pid}"), headers=carol.headers).json()
        assert (seen["rate"], seen["fixed_fee"]) == (90, 5)
        update_workspace(database, alice.workspace_id, only_admins_see_billable_rates=True)
        for response in (
            client.get(url(alice, f"/projects/{pid}"), headers=carol.headers),
            client.get(url(alice, "/projects"), headers=carol.headers),
            client.get(f"{API}/me/projects", headers=carol.headers),
        ):
            data = response.json()
            project = data[0] if isinstance(data, list) else data
            assert (project["rate"], project["fixed_fee"]) == (None, None)
        admin_view = client.get(url(alice, f"/projects/{pid}"), headers=alice.headers).json()
        assert (admin_view["rate"], admin_view["fixed_fee"]) == (90, 5)

    def test_members_cannot_set_rates(
        self, client: TestClient[Any], alice: Account, carol: Account, database: Database
    ) -> None:
        update_workspace(database, alice.workspace_id, only_admins_see_billable_rates=True)
        response = post_project(client, carol, {"name": "W", "rate": 10}, wid=alice.workspace_id)
        assert (response.status_code, response.json()) == (403, CANNOT_EDIT_BILLING)
        assert client.get(url(alice, "/projects"), headers=carol.headers).json() == []
        own = post_project(client, carol, {"name": "W"}, wid=alice.workspace_id).json()
        project_url = url(alice, f"/projects/{own['id']}")
        response = client.put(project_url, headers=carol.headers, json={"currency": "EUR"})
        assert (response.status_code, response.json()) == (403, CANNOT_EDIT_BILLING)
        # Echoing back the nulls they were shown is no change.
        response = client.put(project_url, headers=carol.headers, json={**own, "name": "V"})
        assert response.status_code == 200
        assert client.put(project_url, headers=alice.headers, json={"rate": 3}).status_code == 200
        client.put(project_url, headers=carol.headers, json={"rate": None, "fixed_fee": None})
        admin_view = client.get(project_url, headers=alice.headers).json()
        assert admin_view["rate"] == 3


class TestTrackingOnPrivateProjects:
    def entry(self, client: TestClient[Any], account: Account, alice: Account, **body: Any) -> Any:
        body = {"created_with": "t", "start": "2026-11-27T08:00:00Z", "duration": 60, **body}
        return client.post(url(alice, "/time_entries"), headers=account.headers, json=body)

    def test_non_member_gets_400_and_nothing_is_stored(
        self, client: TestClient[Any], alice: Account, carol: Account, database: Database
    ) -> None:
        secret = create_project(client, alice, name="Secret", is_private=True)["id"]
        response = self.entry(client, carol, alice, project_id=secret)
        assert (response.status_code, response.json()) == (400, NOT_ACCESSIBLE)
        assert entry_count(database) == 0
        task = client.post(
            url(alice, f"/projects/{secret}/tasks"), headers=alice.headers, json={"name": "T"}
        ).json()["id"]
        response = self.entry(client, carol, alice, task_id=task)
        assert (response.status_code, response.json()) == (400, NOT_ACCESSIBLE)
        assert entry_count(database) == 0

    def test_members_public_projects_and_admins_are_fine(
        self, client: TestClient[Any], alice: Account, carol: Account
    ) -> None:
        secret = create_project(client, alice, name="Secret", is_private=True)["id"]
        public = create_project(client, alice, name="Public", is_private=False)["id"]
        archived = create_project(client, alice, name="Old", is_private=False, active=False)["id"]
        assert self.entry(client, alice, alice, project_id=secret).status_code == 200
        assert self.entry(client, carol, alice, project_id=public).status_code == 200
        # Archived projects stay usable: the contract does not say Toggl refuses them.
        assert self.entry(client, carol, alice, project_id=archived).status_code == 200
        add_project_member(client, alice, secret, carol.id)
        assert self.entry(client, carol, alice, project_id=secret).status_code == 200

    def test_updates_are_checked_too(
        self, client: TestClient[Any], alice: Account, carol: Account
    ) -> None:
        secret = create_project(client, alice, name="Secret", is_private=True)["id"]
        entry = self.entry(client, carol, alice).json()
        entry_url = url(alice, f"/time_entries/{entry['id']}")
        response = client.put(entry_url, headers=carol.headers, json={"project_id": secret})
        assert (response.status_code, response.json()) == (400, NOT_ACCESSIBLE)
        body = [{"op": "replace", "path": "/project_id", "value": secret}]
        response = client.patch(entry_url, headers=carol.headers, json=body)
        assert response.json() == {
            "success": [],
            "failure": [{"id": entry["id"], "message": NOT_ACCESSIBLE}],
        }
        # An admin may put a member's entry on a project the member is not in.
        response = client.put(entry_url, headers=alice.headers, json={"project_id": secret})
        assert response.status_code == 200

    def test_leaving_the_project_ends_tracking(
        self, client: TestClient[Any], alice: Account, carol: Account
    ) -> None:
        secret = create_project(client, alice, name="Secret", is_private=True)["id"]
        member = add_project_member(client, alice, secret, carol.id)["id"]
        assert self.entry(client, carol, alice, project_id=secret).status_code == 200
        client.delete(url(alice, f"/project_users/{member}"), headers=alice.headers)
        response = self.entry(client, carol, alice, project_id=secret)
        assert (response.status_code, response.json()) == (400, NOT_ACCESSIBLE)
        assert client.get(url(alice, "/projects"), headers=carol.headers).json() == []
