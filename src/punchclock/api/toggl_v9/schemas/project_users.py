"""Project-member wire types (Toggl's key order), their mappers and list-query parsing."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.timestamps import format_micros_as_seconds
from punchclock.api.toggl_v9.schemas.projects import check_body_workspace, id_list, money_out
from punchclock.errors import BadRequest
from punchclock.projects.member_models import ProjectUser, ProjectUserDraft, ProjectUserQuery

MAX_PROJECT_IDS = 200


class ProjectUserOut(msgspec.Struct):
    """A project member as Toggl's v9 reference lists it (groups are not supported: null)."""

    id: int
    project_id: int
    user_id: int
    workspace_id: int
    manager: bool
    rate: int | Decimal | None
    rate_last_updated: str | None
    labor_cost: int | Decimal | None
    at: str
    gid: None
    group_id: None


def project_user_out(member: ProjectUser) -> ProjectUserOut:
    """The wire form; timestamps as for projects (whole seconds, +00:00)."""
    updated = member.rate_last_updated
    return ProjectUserOut(
        id=member.id,
        project_id=member.project_id,
        user_id=member.user_id,
        workspace_id=member.workspace_id,
        manager=member.manager,
        rate=money_out(member.rate),
        rate_last_updated=None if updated is None else format_micros_as_seconds(updated),
        labor_cost=money_out(member.labor_cost),
        at=format_micros_as_seconds(member.at),
        gid=None,
        group_id=None,
    )


class ProjectUserPayload(msgspec.Struct, kw_only=True):
    """POST/PUT body; v8's `pid`/`uid`/`wid` are accepted, unknown keys ignored."""

    project_id: int | UnsetType | None = UNSET
    pid: int | UnsetType | None = UNSET
    user_id: int | UnsetType | None = UNSET
    uid: int | UnsetType | None = UNSET
    manager: bool | UnsetType | None = UNSET
    rate: Decimal | UnsetType | None = UNSET
    labor_cost: Decimal | UnsetType | None = UNSET
    workspace_id: int | UnsetType | None = UNSET
    wid: int | UnsetType | None = UNSET


def _id(modern: int | UnsetType | None, legacy: int | UnsetType | None) -> int | UnsetType:
    given = modern if isinstance(modern, int) else legacy
    return given if isinstance(given, int) else UNSET


def _amount(value: Decimal | UnsetType | None, updating: bool) -> Decimal | UnsetType | None:
    # On PUT null clears a rate or cost; on POST it means "not given".
    if value is None:
        return None if updating else UNSET
    return value


def member_draft(
    payload: ProjectUserPayload, workspace_id: int, *, updating: bool
) -> ProjectUserDraft:
    """Domain draft; on PUT the project and user cannot change and are ignored."""
    check_body_workspace(payload.workspace_id, payload.wid, workspace_id)
    draft = ProjectUserDraft(
        manager=payload.manager if isinstance(payload.manager, bool) else UNSET,
        rate=_amount(payload.rate, updating),
        labor_cost=_amount(payload.labor_cost, updating),
    )
    if not updating:
        draft.project_id = _id(payload.project_id, payload.pid)
        draft.user_id = _id(payload.user_id, payload.uid)
    return draft


def project_user_query(params: Mapping[str, str]) -> ProjectUserQuery:
    """`project_ids` (comma-separated, at most 200) and `user_id`."""
    query = ProjectUserQuery()
    project_ids = params.get("project_ids")
    if project_ids:
        query.project_ids = id_list(project_ids, "project_ids")
        if len(query.project_ids) > MAX_PROJECT_IDS:
            raise BadRequest("project_ids cannot exceed 200 elements.")
    user_id = params.get("user_id")
    if user_id:
        ids = id_list(user_id, "user_id")
        if len(ids) != 1:
            raise BadRequest("Invalid user_id")
        query.user_id = ids[0]
    return query
