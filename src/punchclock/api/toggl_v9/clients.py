"""Handlers for workspace clients (paths exactly as Toggl's, §9)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post

from punchclock.api.toggl_v9.http import (
    decode_body,
    id_from_path,
    json_response,
    workspace_id_from_path,
)
from punchclock.api.toggl_v9.schemas.clients import (
    ClientPayload,
    archived_filter,
    client_fields,
    client_out,
)
from punchclock.clients.service import ClientService
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.users.models import User

AnyRequest = Request[Any, Any, Any]
INVALID_CLIENT_ID = "Invalid client_id"


@get("/workspaces/{workspace_id:str}/clients", sync_to_thread=False)
def list_clients(
    request: AnyRequest, workspace_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/clients: status active (default)/archived/both, name."""
    wid = workspace_id_from_path(workspace_id)
    params = request.query_params
    archived = archived_filter(params.get("status"))
    found = ClientService(uow.conn, clock).find(user, wid, archived, params.get("name") or None)
    return json_response([client_out(client) for client in found])


@post("/workspaces/{workspace_id:str}/clients", sync_to_thread=False, status_code=200)
def create_client(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST /workspaces/{wid}/clients: the created client."""
    wid = workspace_id_from_path(workspace_id)
    name, notes = client_fields(decode_body(body, ClientPayload), wid)
    client = ClientService(uow.conn, clock).create(user, wid, name, notes)
    return json_response(client_out(client))


@get("/workspaces/{workspace_id:str}/clients/{client_id:str}", sync_to_thread=False)
def get_client(
    workspace_id: str, client_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/clients/{cid} (togglcli reads each project's client so)."""
    wid = workspace_id_from_path(workspace_id)
    cid = id_from_path(client_id, INVALID_CLIENT_ID)
    client = ClientService(uow.conn, clock).get(user, wid, cid)
    return json_response(client_out(client))


ROUTES = [list_clients, create_client, get_client]
