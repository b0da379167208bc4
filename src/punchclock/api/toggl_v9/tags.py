"""Handlers for workspace tags and GET /me/tags (paths exactly as Toggl's, §10)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, patch, post, put

from punchclock.api.http import (
    decode_body,
    empty_ok,
    id_from_path,
    json_response,
    workspace_id_from_path,
)
from punchclock.api.openapi_document import doc
from punchclock.api.toggl_v9.schemas.tags import (
    BulkDeletePayload,
    TagPayload,
    ids_to_delete,
    tag_name,
    tag_out,
)
from punchclock.api.toggl_v9.schemas.tasks import parse_since
from punchclock.clock import Clock
from punchclock.composition import tag_service
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.users.models import User

AnyRequest = Request[Any, Any, Any]
INVALID_TAG_ID = "Invalid tag ID"
TAGS = "/workspaces/{workspace_id:str}/tags"
TAG = TAGS + "/{tag_id:str}"


@get(TAGS, sync_to_thread=False, opt=doc(query={"since": int}))
def list_tags(
    request: AnyRequest, workspace_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/tags; `since` adds tombstones."""
    wid = workspace_id_from_path(workspace_id)
    since = parse_since(request.query_params.get("since"))
    found = tag_service(uow.conn, clock).list_live(user, wid, since)
    return json_response([tag_out(tag) for tag in found])


@post(TAGS, sync_to_thread=False, status_code=200, opt=doc(TagPayload))
def create_tag(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST /workspaces/{wid}/tags: the created tag as one object (clients expect that)."""
    wid = workspace_id_from_path(workspace_id)
    name = tag_name(decode_body(body, TagPayload), wid)
    tag = tag_service(uow.conn, clock).create(user, wid, name)
    return json_response(tag_out(tag))


@patch(TAGS, sync_to_thread=False, opt=doc(list[int] | BulkDeletePayload))
def bulk_delete_tags(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """PATCH /workspaces/{wid}/tags: delete several tags, all or none; 200 with an empty body."""
    wid = workspace_id_from_path(workspace_id)
    tag_ids = ids_to_delete(decode_body(body, list[int] | BulkDeletePayload))  # type: ignore[arg-type]
    tag_service(uow.conn, clock).bulk_delete(user, wid, tag_ids)
    return empty_ok()


@put(TAG, sync_to_thread=False, opt=doc(TagPayload))
def rename_tag(
    workspace_id: str, tag_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """PUT /workspaces/{wid}/tags/{tid}: the renamed tag as one object."""
    wid = workspace_id_from_path(workspace_id)
    tid = id_from_path(tag_id, INVALID_TAG_ID)
    name = tag_name(decode_body(body, TagPayload), wid)
    tag = tag_service(uow.conn, clock).rename(user, wid, tid, name)
    return json_response(tag_out(tag))


@delete(TAG, sync_to_thread=False, status_code=200)
def delete_tag(
    workspace_id: str, tag_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """DELETE /workspaces/{wid}/tags/{tid}: 200 with an empty body; entries lose the tag."""
    wid = workspace_id_from_path(workspace_id)
    tid = id_from_path(tag_id, INVALID_TAG_ID)
    tag_service(uow.conn, clock).delete(user, wid, tid)
    return empty_ok()


@get("/me/tags", sync_to_thread=False, opt=doc(query={"since": int}))
def my_tags(request: AnyRequest, user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """GET /me/tags: every workspace's tags; `since` adds tombstones."""
    since = parse_since(request.query_params.get("since"))
    found = tag_service(uow.conn, clock).for_user(user, since)
    return json_response([tag_out(tag) for tag in found])


ROUTES = [list_tags, create_tag, bulk_delete_tags, rename_tag, delete_tag, my_tags]
