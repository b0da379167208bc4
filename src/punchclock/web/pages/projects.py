"""Projects and their tasks: list, create, edit (name, colour, client, privacy), archive, delete."""

from __future__ import annotations

from litestar import get, post

from punchclock.composition import project_editor, project_service, task_editor, task_service
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import BadRequest
from punchclock.projects.models import ProjectDraft
from punchclock.tasks.models import TaskChanges, TaskDraft
from punchclock.web.catalogue_view import CatalogueView
from punchclock.web.errors import changed
from punchclock.web.forms import optional_id
from punchclock.web.http_types import AnyRequest, AnyResponse
from punchclock.web.session import Form, Viewer
from punchclock.web.state import web_state


def _draft(form: Form) -> ProjectDraft:
    """The project fields of a create or edit form."""
    draft = ProjectDraft(
        name=form.get("name").strip(),
        client_id=optional_id(form.get("client_id")),
        is_private=form.get("is_private") == "true",
        billable=form.get("billable") == "true",
    )
    if color := form.get("color").strip():
        draft.color = color
    return draft


@get("/projects", sync_to_thread=False)
def projects_page(
    request: AnyRequest, viewer: Viewer, uow: UnitOfWork, archived: bool = False
) -> AnyResponse:
    """Projects (active, or archived), clients and tags of the viewer's workspace."""
    state = web_state(request)
    view = CatalogueView(uow.conn, state.clock, viewer.user)
    workspace = view.workspace(viewer.workspace_id)
    return state.render.page(
        "projects.html",
        page="projects",
        viewer=viewer,
        workspace=workspace,
        archived=archived,
        projects=view.projects(workspace.id, archived=archived),
        clients=view.clients(workspace.id),
        tags=view.tags(workspace.id),
        may=view.permissions(workspace, viewer.is_admin),
    )


@post("/projects", status_code=200, sync_to_thread=False)
def create_project(request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork) -> AnyResponse:
    """A new project (the creator manages it)."""
    state = web_state(request)
    project_service(uow.conn, state.clock).create(
        viewer.user, viewer.require_workspace(), _draft(form)
    )
    return changed(request, "/projects")


@post("/projects/{project_id:int}", status_code=200, sync_to_thread=False)
def edit_project(
    request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork, project_id: int
) -> AnyResponse:
    """Rename a project, change its colour, client, privacy or billable default."""
    state = web_state(request)
    editor = project_editor(uow.conn, state.clock)
    editor.update(viewer.user, viewer.require_workspace(), project_id, _draft(form))
    return changed(request, "/projects")


@post("/projects/{project_id:int}/{action:str}", status_code=200, sync_to_thread=False)
def project_action(
    request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork, project_id: int, action: str
) -> AnyResponse:
    """Archive, restore or delete a project (its entries lose it, or go with it)."""
    state = web_state(request)
    editor = project_editor(uow.conn, state.clock)
    workspace_id = viewer.require_workspace()
    if action in ("archive", "restore"):
        draft = ProjectDraft(active=action == "restore")
        editor.update(viewer.user, workspace_id, project_id, draft)
    elif action == "delete":
        if form.get("entries") == "delete":
            editor.delete(viewer.user, workspace_id, project_id, "delete")
        else:
            editor.delete(viewer.user, workspace_id, project_id, "unassign")
    else:
        raise BadRequest("Unknown action.")
    return changed(request, "/projects")


@get("/projects/{project_id:int}", sync_to_thread=False)
def project_page(
    request: AnyRequest, viewer: Viewer, uow: UnitOfWork, project_id: int
) -> AnyResponse:
    """One project and its tasks."""
    state = web_state(request)
    view = CatalogueView(uow.conn, state.clock, viewer.user)
    workspace = view.workspace(viewer.workspace_id)
    return state.render.page(
        "project.html",
        page="projects",
        viewer=viewer,
        project=view.project(workspace.id, project_id),
        tasks=view.tasks(workspace.id, project_id),
    )


@post("/projects/{project_id:int}/tasks", status_code=200, sync_to_thread=False)
def create_task(
    request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork, project_id: int
) -> AnyResponse:
    """A new task in the project."""
    state = web_state(request)
    draft = TaskDraft(name=form.get("name").strip())
    task_service(uow.conn, state.clock).create(
        viewer.user, viewer.require_workspace(), project_id, draft
    )
    return changed(request, f"/projects/{project_id}")


@post("/projects/{project_id:int}/tasks/{task_id:int}", status_code=200, sync_to_thread=False)
def edit_task(
    request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork, project_id: int, task_id: int
) -> AnyResponse:
    """Rename a task, mark it done or open again, or delete it."""
    state = web_state(request)
    editor = task_editor(uow.conn, state.clock)
    workspace_id = viewer.require_workspace()
    action = form.get("action")
    if action == "delete":
        editor.delete(viewer.user, workspace_id, project_id, task_id)
    else:
        changes = TaskChanges()
        if action == "rename":
            changes.name = form.get("name").strip()
        elif action in ("done", "reopen"):
            changes.active = action == "reopen"
        else:
            raise BadRequest("Unknown action.")
        editor.update(viewer.user, workspace_id, project_id, task_id, changes)
    return changed(request, f"/projects/{project_id}")


ROUTES = [
    projects_page,
    create_project,
    edit_project,
    project_action,
    project_page,
    create_task,
    edit_task,
]
