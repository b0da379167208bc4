"""What the projects page shows: projects with tracked time, clients, tags, a project's tasks."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from punchclock.clients.models import Client
from punchclock.clock import Clock
from punchclock.composition import client_service, project_service, tag_service, task_service
from punchclock.errors import Forbidden
from punchclock.projects.models import MyProjectsQuery
from punchclock.tags.models import Tag
from punchclock.tasks.models import TaskView
from punchclock.users.models import User
from punchclock.web.session import NO_WORKSPACE
from punchclock.workspaces.models import Workspace
from punchclock.workspaces.service import WorkspaceService


@dataclass(frozen=True)
class ProjectRow:
    """A project as the list shows it."""

    id: int
    name: str
    color: str
    client_id: int | None
    client_name: str | None
    active: bool
    is_private: bool
    billable: bool
    tracked_seconds: int


@dataclass(frozen=True)
class Permissions:
    """Which controls the viewer gets (the services refuse the rest anyway)."""

    create_projects: bool
    manage_clients: bool
    manage_tags: bool


class CatalogueView:
    """Reads for the projects page, through the domain services (they check access)."""

    def __init__(self, conn: Connection, clock: Clock, user: User) -> None:
        self.conn = conn
        self.clock = clock
        self.user = user

    def workspace(self, workspace_id: int | None) -> Workspace:
        """The workspace the page shows."""
        workspace = WorkspaceService(self.conn, self.clock).live(workspace_id or 0)
        if workspace_id is None or workspace is None:
            raise Forbidden(NO_WORKSPACE)
        return workspace

    def permissions(self, workspace: Workspace, is_admin: bool) -> Permissions:
        """What the viewer may change here, as the services decide it."""
        return Permissions(
            create_projects=is_admin or not workspace.only_admins_may_create_projects,
            manage_clients=is_admin,
            manage_tags=is_admin or not workspace.only_admins_may_create_tags,
        )

    def clients(self, workspace_id: int) -> list[Client]:
        """The workspace's live clients (archived ones too), by name."""
        found = client_service(self.conn, self.clock).for_workspaces([workspace_id])
        return sorted(found, key=lambda client: client.name.casefold())

    def projects(self, workspace_id: int, *, archived: bool) -> list[ProjectRow]:
        """Active (or archived) projects the viewer may see, with the time tracked on each."""
        views = project_service(self.conn, self.clock).list_for_user(
            self.user, MyProjectsQuery(active=not archived)
        )
        names = {client.id: client.name for client in self.clients(workspace_id)}
        rows = [
            ProjectRow(
                id=view.project.id,
                name=view.project.name,
                color=view.project.color,
                client_id=view.project.client_id,
                client_name=names.get(view.project.client_id) if view.project.client_id else None,
                active=view.project.active,
                is_private=view.project.is_private,
                billable=bool(view.project.billable),
                tracked_seconds=view.actual_seconds,
            )
            for view in views
            if view.project.workspace_id == workspace_id
        ]
        return sorted(rows, key=lambda row: row.name.casefold())

    def project(self, workspace_id: int, project_id: int) -> ProjectRow:
        """One project the viewer may see (404 otherwise)."""
        view = project_service(self.conn, self.clock).get(self.user, workspace_id, project_id)
        client = view.project.client_id
        names = {c.id: c.name for c in self.clients(workspace_id)} if client else {}
        return ProjectRow(
            id=view.project.id,
            name=view.project.name,
            color=view.project.color,
            client_id=client,
            client_name=names.get(client) if client else None,
            active=view.project.active,
            is_private=view.project.is_private,
            billable=bool(view.project.billable),
            tracked_seconds=view.actual_seconds,
        )

    def tasks(self, workspace_id: int, project_id: int) -> list[TaskView]:
        """A project's tasks, open ones first, by name."""
        views = task_service(self.conn, self.clock).list_for_project(
            self.user, workspace_id, project_id
        )
        return sorted(views, key=lambda v: (not v.task.active, v.task.name.casefold()))

    def tags(self, workspace_id: int) -> list[Tag]:
        """The workspace's tags, by name."""
        found = tag_service(self.conn, self.clock).list_live(self.user, workspace_id)
        return sorted(found, key=lambda tag: tag.name.casefold())
