"""Clients and tags of the workspace: create, rename, archive or restore (clients), delete."""

from __future__ import annotations

from litestar import post

from punchclock.clients.models import ClientChanges
from punchclock.composition import client_service, tag_service
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import BadRequest
from punchclock.web.errors import changed
from punchclock.web.http_types import AnyRequest, AnyResponse
from punchclock.web.session import Form, Viewer
from punchclock.web.state import web_state


@post("/clients", status_code=200, sync_to_thread=False)
def create_client(request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork) -> AnyResponse:
    """A new client (admins only, as in the API)."""
    state = web_state(request)
    name = form.get("name").strip()
    client_service(uow.conn, state.clock).create(
        viewer.user, viewer.require_workspace(), name, None
    )
    return changed(request, "/projects")


@post("/clients/{client_id:int}", status_code=200, sync_to_thread=False)
def client_action(
    request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork, client_id: int
) -> AnyResponse:
    """Rename, archive (with its projects), restore (with its projects) or delete a client."""
    state = web_state(request)
    service = client_service(uow.conn, state.clock)
    workspace_id = viewer.require_workspace()
    action = form.get("action")
    if action == "rename":
        changes = ClientChanges(name=form.get("name").strip())
        service.update(viewer.user, workspace_id, client_id, changes)
    elif action == "archive":
        service.archive(viewer.user, workspace_id, client_id)
    elif action == "restore":
        service.restore(viewer.user, workspace_id, client_id, [], True)
    elif action == "delete":
        service.delete(viewer.user, workspace_id, client_id)
    else:
        raise BadRequest("Unknown action.")
    return changed(request, "/projects")


@post("/tags", status_code=200, sync_to_thread=False)
def create_tag(request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork) -> AnyResponse:
    """A new tag."""
    state = web_state(request)
    tag_service(uow.conn, state.clock).create(
        viewer.user, viewer.require_workspace(), form.get("name").strip()
    )
    return changed(request, "/projects")


@post("/tags/{tag_id:int}", status_code=200, sync_to_thread=False)
def tag_action(
    request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork, tag_id: int
) -> AnyResponse:
    """Rename or delete a tag (it leaves every entry that had it)."""
    state = web_state(request)
    service = tag_service(uow.conn, state.clock)
    workspace_id = viewer.require_workspace()
    action = form.get("action")
    if action == "rename":
        service.rename(viewer.user, workspace_id, tag_id, form.get("name").strip())
    elif action == "delete":
        service.delete(viewer.user, workspace_id, tag_id)
    else:
        raise BadRequest("Unknown action.")
    return changed(request, "/projects")


ROUTES = [create_client, client_action, create_tag, tag_action]
