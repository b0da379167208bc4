"""Handlers for the eight time-entry endpoints of Toggl v9 (paths exactly as upstream)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, patch, post, put

from punchclock.api.http import (
    decode_body,
    empty_ok,
    id_from_path,
    ids_from_path,
    json_response,
    query_bool,
    workspace_id_from_path,
)
from punchclock.api.openapi_document import doc
from punchclock.api.toggl_v9.schemas.json_patch import (
    NO_IDS,
    BulkResultOut,
    PatchOperation,
    bulk_result_out,
    limited_ids,
)
from punchclock.api.toggl_v9.schemas.time_entries import (
    TimeEntryOut,
    TimeEntryPayload,
    changes_from_payload,
    entry_out,
)
from punchclock.api.toggl_v9.schemas.time_entry_patch import changes_from_operations
from punchclock.api.toggl_v9.schemas.time_entry_queries import list_query_from_params
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import BadRequest
from punchclock.time_entries.decorator import EntryDecorator
from punchclock.time_entries.models import EntryView
from punchclock.time_entries.queries import RESOURCE_NOT_FOUND, TimeEntryQueries
from punchclock.time_entries.service import TimeEntryService
from punchclock.users.models import User

AnyRequest = Request[Any, Any, Any]
INVALID_ENTRY_ID = "Invalid or missing time_entry_id"
CREATED_WITH_REQUIRED = "created_with needs to be provided an a valid string"  # sic, Toggl's
# Query parameters, for the OpenAPI document only: handlers read them by hand.
ENTRY_QUERY = {"meta": bool, "include_sharing": bool}
ENTRY_LIST_QUERY = {
    "since": int,
    "before": str,
    "start_date": str,
    "end_date": str,
    **ENTRY_QUERY,
}


def render(
    decorate: EntryDecorator,
    views: list[EntryView],
    request: AnyRequest,
    *,
    legacy: bool = True,
    sharing_allowed: bool = True,
) -> list[TimeEntryOut]:
    """Wire entries, adding meta fields and sharing when the query asks for them."""
    params = request.query_params
    meta = query_bool(params.get("meta"), "meta")
    sharing = sharing_allowed and query_bool(params.get("include_sharing"), "include_sharing")
    details = decorate.details(views) if meta and views else None
    shares = decorate.shares(views) if sharing and views else {}
    return [
        entry_out(
            view,
            legacy=legacy,
            details=details[i] if details else None,
            shares=shares.get(view.entry.id),
        )
        for i, view in enumerate(views)
    ]


@get(
    "/me/time_entries",
    sync_to_thread=False,
    opt=doc(response=list[TimeEntryOut], query=ENTRY_LIST_QUERY),
)
def list_time_entries(
    request: AnyRequest, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /me/time_entries: since, before, start_date/end_date, or the recent window."""
    query = list_query_from_params(request.query_params, user.timezone)
    queries = TimeEntryQueries(uow.conn, clock)
    return json_response(render(queries.decorate, queries.list_for_user(user, query), request))


@get(
    "/me/time_entries/current",
    sync_to_thread=False,
    opt=doc(response=TimeEntryOut | None, query=ENTRY_QUERY),
)
def current_time_entry(
    request: AnyRequest, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /me/time_entries/current: the running entry, or `200 null` when idle."""
    queries = TimeEntryQueries(uow.conn, clock)
    view = queries.current(user)
    if view is None:
        return json_response(None)
    return json_response(render(queries.decorate, [view], request)[0])


@get(
    "/me/time_entries/{time_entry_id:str}",
    sync_to_thread=False,
    opt=doc(response=TimeEntryOut, query=ENTRY_QUERY),
)
def get_time_entry(
    request: AnyRequest, time_entry_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /me/time_entries/{id}: by-id reads omit the legacy keys, as Toggl's do."""
    entry_id = id_from_path(time_entry_id, RESOURCE_NOT_FOUND, 404)
    queries = TimeEntryQueries(uow.conn, clock)
    view = queries.get_own(user, entry_id)
    return json_response(render(queries.decorate, [view], request, legacy=False)[0])


@post(
    "/workspaces/{workspace_id:str}/time_entries",
    sync_to_thread=False,
    status_code=200,
    opt=doc(TimeEntryPayload, response=TimeEntryOut, query={"meta": bool}),
)
def create_time_entry(
    request: AnyRequest,
    workspace_id: str,
    body: bytes,
    user: User,
    uow: UnitOfWork,
    clock: Clock,
) -> Response[bytes]:
    """POST /workspaces/{wid}/time_entries."""
    wid = workspace_id_from_path(workspace_id)
    payload = decode_body(body, TimeEntryPayload)
    if request.app.state.settings.require_created_with and not payload.created_with:
        raise BadRequest(CREATED_WITH_REQUIRED)
    changes = changes_from_payload(payload, wid, creating=True)
    service = TimeEntryService(uow.conn, clock)
    view = service.create(user, wid, changes)
    return json_response(render(service.decorate, [view], request, sharing_allowed=False)[0])


@put(
    "/workspaces/{workspace_id:str}/time_entries/{time_entry_id:str}",
    sync_to_thread=False,
    opt=doc(TimeEntryPayload, response=TimeEntryOut, query=ENTRY_QUERY),
)
def update_time_entry(
    request: AnyRequest,
    workspace_id: str,
    time_entry_id: str,
    body: bytes,
    user: User,
    uow: UnitOfWork,
    clock: Clock,
) -> Response[bytes]:
    """PUT /workspaces/{wid}/time_entries/{id}: a partial update."""
    wid = workspace_id_from_path(workspace_id)
    entry_id = id_from_path(time_entry_id, INVALID_ENTRY_ID)
    changes = changes_from_payload(decode_body(body, TimeEntryPayload), wid, creating=False)
    service = TimeEntryService(uow.conn, clock)
    view = service.update(user, wid, entry_id, changes)
    return json_response(render(service.decorate, [view], request)[0])


@patch(
    "/workspaces/{workspace_id:str}/time_entries/{time_entry_id:str}",
    sync_to_thread=False,
    opt=doc(list[PatchOperation], response=BulkResultOut, id_list="time_entry_id"),
)
def bulk_update_time_entries(
    request: AnyRequest,
    workspace_id: str,
    time_entry_id: str,
    body: bytes,
    user: User,
    uow: UnitOfWork,
    clock: Clock,
) -> Response[bytes]:
    """PATCH /workspaces/{wid}/time_entries/{ids}: per-id results, always 200."""
    wid = workspace_id_from_path(workspace_id)
    entry_ids = limited_ids(ids_from_path(time_entry_id, NO_IDS))
    operations = changes_from_operations(decode_body(body, list[PatchOperation]))
    result = TimeEntryService(uow.conn, clock).bulk_update(user, wid, entry_ids, operations)
    return json_response(bulk_result_out(result.success, result.failure))


@delete(
    "/workspaces/{workspace_id:str}/time_entries/{time_entry_id:str}",
    sync_to_thread=False,
    status_code=200,
)
def delete_time_entry(
    workspace_id: str, time_entry_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """DELETE /workspaces/{wid}/time_entries/{id}: 200 with an empty body."""
    wid = workspace_id_from_path(workspace_id)
    entry_id = id_from_path(time_entry_id, INVALID_ENTRY_ID)
    TimeEntryService(uow.conn, clock).delete(user, wid, entry_id)
    return empty_ok()


@patch(
    "/workspaces/{workspace_id:str}/time_entries/{time_entry_id:str}/stop",
    sync_to_thread=False,
    opt=doc(response=TimeEntryOut, query=ENTRY_QUERY),
)
def stop_time_entry(
    request: AnyRequest,
    workspace_id: str,
    time_entry_id: str,
    user: User,
    uow: UnitOfWork,
    clock: Clock,
) -> Response[bytes]:
    """PATCH /workspaces/{wid}/time_entries/{id}/stop: 409 when already stopped."""
    wid = workspace_id_from_path(workspace_id)
    entry_id = id_from_path(time_entry_id, INVALID_ENTRY_ID)
    service = TimeEntryService(uow.conn, clock)
    view = service.stop(user, wid, entry_id)
    return json_response(render(service.decorate, [view], request)[0])


ROUTES = [
    list_time_entries,
    current_time_entry,
    get_time_entry,
    create_time_entry,
    update_time_entry,
    bulk_update_time_entries,
    delete_time_entry,
    stop_time_entry,
]
