"""Handlers for workspace clients and GET /me/clients (paths exactly as Toggl's, §9)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, post, put

from punchclock.api.http import (
    decode_body,
    id_from_path,
    json_response,
    workspace_id_from_path,
)
from punchclock.api.openapi_document import doc
from punchclock.api.toggl_v9.schemas.clients import (
    ClientPayload,
    RestorePayload,
    archived_filter,
    client_changes,
    client_fields,
    client_out,
    restore_fields,
)
from punchclock.api.toggl_v9.schemas.tasks import parse_since
from punchclock.clock import Clock
from punchclock.composition import client_service
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.users.models import User

AnyRequest = Request[Any, Any, Any]
INVALID_CLIENT_ID = "Invalid client_id"
CLIENTS = "/workspaces/{workspace_id:str}/clients"
CLIENT = CLIENTS + "/{client_id:str}"


@get(CLIENTS, sync_to_thread=False, opt=doc(query={"status": str, "since": int, "name": str}))
def list_clients(
    request: AnyRequest, workspace_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/clients: status active (default)/archived/both, name, since."""
    wid = workspace_id_from_path(workspace_id)
    params = request.query_params
    archived = archived_filter(params.get("status"))
    since = parse_since(params.get("since"))
    name = params.get("name") or None
    found = client_service(uow.conn, clock).find(user, wid, archived, name, since)
    return json_response([client_out(client) for client in found])


@post(CLIENTS, sync_to_thread=False, status_code=200, opt=doc(ClientPayload))
def create_client(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST /workspaces/{wid}/clients: the created client."""
    wid = workspace_id_from_path(workspace_id)
    name, notes = client_fields(decode_body(body, ClientPayload), wid)
    client = client_service(uow.conn, clock).create(user, wid, name, notes)
    return json_response(client_out(client))


@get(CLIENT, sync_to_thread=False)
def get_client(
    workspace_id: str, client_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/clients/{cid} (togglcli reads each project's client so)."""
    wid = workspace_id_from_path(workspace_id)
    cid = id_from_path(client_id, INVALID_CLIENT_ID)
    client = client_service(uow.conn, clock).get(user, wid, cid)
    return json_response(client_out(client))


@put(CLIENT, sync_to_thread=False, opt=doc(ClientPayload))
def update_client(
    workspace_id: str, client_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """PUT /workspaces/{wid}/clients/{cid}: name and notes; the updated client."""
    wid = workspace_id_from_path(workspace_id)
    cid = id_from_path(client_id, INVALID_CLIENT_ID)
    changes = client_changes(decode_body(body, ClientPayload), wid)
    client = client_service(uow.conn, clock).update(user, wid, cid, changes)
    return json_response(client_out(client))


@delete(CLIENT, sync_to_thread=False, status_code=200)
def delete_client(
    workspace_id: str, client_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """DELETE /workspaces/{wid}/clients/{cid}: the deleted id as a bare number, like Toggl."""
    wid = workspace_id_from_path(workspace_id)
    cid = id_from_path(client_id, INVALID_CLIENT_ID)
    return json_response(client_service(uow.conn, clock).delete(user, wid, cid))


@post(CLIENT + "/archive", sync_to_thread=False, status_code=200)
def archive_client(
    workspace_id: str, client_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST …/clients/{cid}/archive: the ids of the projects archived with it."""
    wid = workspace_id_from_path(workspace_id)
    cid = id_from_path(client_id, INVALID_CLIENT_ID)
    return json_response(client_service(uow.conn, clock).archive(user, wid, cid))


@post(
    CLIENT + "/restore",
    sync_to_thread=False,
    status_code=200,
    opt=doc(RestorePayload, body_required=False),
)
def restore_client(
    workspace_id: str, client_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST …/clients/{cid}/restore: the restored client; the body is optional."""
    wid = workspace_id_from_path(workspace_id)
    cid = id_from_path(client_id, INVALID_CLIENT_ID)
    # Clients send no body to restore the client alone.
    payload = decode_body(body, RestorePayload) if body.strip() else RestorePayload()
    project_ids, restore_all = restore_fields(payload)
    client = client_service(uow.conn, clock).restore(user, wid, cid, project_ids, restore_all)
    return json_response(client_out(client))


@get("/me/clients", sync_to_thread=False, opt=doc(query={"since": int}))
def my_clients(request: AnyRequest, user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """GET /me/clients: every workspace's clients; `since` adds tombstones."""
    since = parse_since(request.query_params.get("since"))
    found = client_service(uow.conn, clock).for_user(user, since)
    return json_response([client_out(client) for client in found])


ROUTES = [
    list_clients,
    create_client,
    get_client,
    update_client,
    delete_client,
    archive_client,
    restore_client,
    my_clients,
]
