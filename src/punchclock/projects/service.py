"""Project rules with access checks: listing, reading and creating projects."""

from __future__ import annotations

import time
from typing import TypeVar

import msgspec
from msgspec import UnsetType
from sqlalchemy import Connection

from punchclock.clients.service import ClientService
from punchclock.clock import Clock
from punchclock.db.bigint import storable_id
from punchclock.errors import BadRequest, Forbidden, NotFound
from punchclock.projects import drafts, rules
from punchclock.projects.access import Viewer, ViewerLoader
from punchclock.projects.dependents import ProjectTime
from punchclock.projects.member_repository import ProjectUserRepository
from punchclock.projects.models import (
    MyProjectsQuery,
    Project,
    ProjectDraft,
    ProjectQuery,
    ProjectView,
)
from punchclock.projects.repository import ProjectRepository
from punchclock.users.models import User

T = TypeVar("T")


class ProjectService:
    """What a workspace member may read and create; editing lives in ProjectEditor."""

    def __init__(
        self, conn: Connection, clock: Clock, tracked: ProjectTime, clients: ClientService
    ) -> None:
        self.conn = conn
        self.clock = clock
        self.tracked = tracked
        self.repo = ProjectRepository(conn)
        self.clients = clients
        self.members = ProjectUserRepository(conn)
        self.viewers = ViewerLoader(conn, clock)

    def list_page(self, user: User, workspace_id: int, query: ProjectQuery) -> list[ProjectView]:
        """One page of the workspace's projects the caller may see."""
        viewer, _ = self.viewers.in_workspace(user.id, workspace_id)
        return self.views(self.repo.list_page(workspace_id, query, viewer.visible()), viewer)

    def list_for_user(self, user: User, query: MyProjectsQuery) -> list[ProjectView]:
        """The projects the caller may see in all their workspaces."""
        viewer = self.viewers.everywhere(user.id)
        found = self.repo.list_for_user(viewer.workspace_ids, query, viewer.visible())
        return self.views(found, viewer)

    def get(self, user: User, workspace_id: int, project_id: int) -> ProjectView:
        """One live project of the workspace; 404 when unknown, elsewhere or private to others."""
        viewer, _ = self.viewers.in_workspace(user.id, workspace_id)
        return self.views([self.visible(viewer, workspace_id, project_id)], viewer)[0]

    def visible(self, viewer: Viewer, workspace_id: int, project_id: int) -> Project:
        """A live project of the workspace the viewer may see, else 404."""
        project = self.repo.get(project_id) if storable_id(project_id) else None
        if project is None or project.workspace_id != workspace_id or not viewer.sees(project):
            # Private projects of others are "not found", so their existence does not leak.
            raise NotFound(rules.PROJECT_NOT_FOUND)
        return project

    def create(self, user: User, workspace_id: int, draft: ProjectDraft) -> ProjectView:
        """A new project managed by its creator; unset fields take the workspace's defaults."""
        viewer, workspace = self.viewers.in_workspace(user.id, workspace_id)
        if workspace.only_admins_may_create_projects and not viewer.is_admin(workspace_id):
            raise Forbidden(rules.ONLY_ADMINS)
        name = rules.clean_name(_given(draft.name))
        columns = drafts.create_values(draft, workspace, self.today())
        drafts.check_billing(columns, viewer.sees_rates(workspace_id))
        client_id = self.client_for(user, workspace_id, draft)
        client_id = None if isinstance(client_id, UnsetType) else client_id
        # Toggl v9 allows one name under different clients (toggldesktop#1858, mobileapp#4401).
        if self.repo.name_taken(workspace_id, client_id, name):
            raise BadRequest(rules.NAME_TAKEN)
        now = self.clock.now_us()
        columns.update(
            workspace_id=workspace_id,
            client_id=client_id,
            name=name,
            creator_id=user.id,
            created_at=now,
            at=now,
        )
        project_id = self.repo.insert_unique(columns)
        if project_id is None:
            raise BadRequest(rules.NAME_TAKEN)
        # Toggl: "The user who creates a project is automatically the manager of that project."
        self.members.insert(
            {
                "workspace_id": workspace_id,
                "project_id": project_id,
                "user_id": user.id,
                "manager": True,
                "created_at": now,
                "at": now,
            }
        )
        project = self.repo.get(project_id)
        assert project is not None
        viewer = msgspec.structs.replace(
            viewer, memberships={**viewer.memberships, project_id: True}
        )
        return self.views([project], viewer)[0]

    def for_workspaces(
        self, workspace_ids: list[int], user: User | None = None
    ) -> list[ProjectView]:
        """Live projects of workspaces the caller belongs to; with `user`, only what they see."""
        if user is None:
            return self.views(self.repo.list_in_workspaces(workspace_ids))
        viewer = self.viewers.everywhere(user.id)
        wanted = set(workspace_ids)
        found = self.repo.list_in_workspaces([i for i in viewer.workspace_ids if i in wanted])
        return self.views([p for p in found if viewer.sees(p)], viewer)

    def trackable(self, user: User, workspace_id: int) -> list[Project]:
        """Active projects of a workspace the caller may track time on (a timer's picker),
        without the tracked time a full view sums up."""
        viewer, _ = self.viewers.in_workspace(user.id, workspace_id)
        found = self.repo.list_in_workspaces([workspace_id])
        return [p for p in found if p.active and viewer.can_track(p)]

    def views(self, projects: list[Project], viewer: Viewer | None = None) -> list[ProjectView]:
        """Projects as the viewer sees them, with tracked time and status as of today (UTC)."""
        tracked = self.tracked.seconds_by_project(
            sorted({p.workspace_id for p in projects}), [p.id for p in projects]
        )
        today = self.today()
        result = []
        for project in projects:
            shown = project
            if viewer is not None and not viewer.sees_rates(project.workspace_id):
                shown = msgspec.structs.replace(project, rate=None, fixed_fee=None)
            can_track = viewer.can_track(project) if viewer else project.server_deleted_at is None
            status = rules.status(project, today)
            result.append(ProjectView(shown, tracked.get(project.id, 0), status, can_track))
        return result

    def client_for(
        self, user: User, workspace_id: int, draft: ProjectDraft
    ) -> int | UnsetType | None:
        """The client a draft names: an id, None to clear, UNSET when not given."""
        client_name = (_given(draft.client_name) or "").strip()
        given_id = draft.client_id
        if isinstance(given_id, int) and client_name:
            raise BadRequest(rules.BOTH_CLIENT_FORMS)
        if "\x00" in client_name:
            raise BadRequest(rules.CLIENT_NAME_INVALID)
        if client_name:
            # Toggl files the project under the named client, creating it when missing.
            return self.clients.named(user, workspace_id, client_name)
        if not isinstance(given_id, int):
            return given_id
        if not self.clients.is_live_in(workspace_id, given_id):
            raise BadRequest(rules.client_missing(given_id, workspace_id))
        return given_id

    def today(self) -> str:
        """Today in UTC: Toggl's create-time start_date (open question 11)."""
        return time.strftime("%Y-%m-%d", time.gmtime(self.clock.now_us() // 1_000_000))


def _given(value: T | UnsetType) -> T | None:
    """None for UNSET, else the value."""
    return None if isinstance(value, UnsetType) else value
