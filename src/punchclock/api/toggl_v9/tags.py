"""Handlers for workspace tags (paths exactly as Toggl's, §10)."""

from __future__ import annotations

from litestar import Response, get, post

from punchclock.api.toggl_v9.http import decode_body, json_response, workspace_id_from_path
from punchclock.api.toggl_v9.schemas.tags import TagPayload, tag_name, tag_out
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.tags.service import TagService
from punchclock.users.models import User


@get("/workspaces/{workspace_id:str}/tags", sync_to_thread=False)
def list_tags(workspace_id: str, user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """GET /workspaces/{wid}/tags."""
    wid = workspace_id_from_path(workspace_id)
    found = TagService(uow.conn, clock).list_live(user, wid)
    return json_response([tag_out(tag) for tag in found])


@post("/workspaces/{workspace_id:str}/tags", sync_to_thread=False, status_code=200)
def create_tag(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST /workspaces/{wid}/tags: the created tag as one object (clients expect that)."""
    wid = workspace_id_from_path(workspace_id)
    name = tag_name(decode_body(body, TagPayload), wid)
    tag = TagService(uow.conn, clock).create(user, wid, name)
    return json_response(tag_out(tag))


ROUTES = [list_tags, create_tag]
