"""Project wire types (key order as recorded, §8) and their mappers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeVar

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.http import ASCII_DIGITS, parse_ascii_int
from punchclock.api.timestamps import format_micros_as_seconds, parse_date
from punchclock.api.toggl_v9.schemas.references import zero_is_none
from punchclock.api.toggl_v9.schemas.time_entries import WORKSPACE_MISMATCH
from punchclock.errors import BadRequest
from punchclock.projects.models import ProjectDraft, ProjectView

T = TypeVar("T")

# Toggl documents max 200, but tgl-cli asks for 500 in one page and must get every project;
# serving up to this many is friendlier than clamping to 200.
MAX_PER_PAGE = 1000
MAX_PAGE = 2**31


class ProjectOut(msgspec.Struct, kw_only=True):
    """A project as recorded from Toggl, plus `end_date` (after `start_date`) when set."""

    id: int
    workspace_id: int
    client_id: int | None
    name: str
    is_private: bool
    active: bool
    at: str
    created_at: str
    server_deleted_at: str | None
    color: str
    billable: bool | None
    template: bool | None
    auto_estimates: bool | None
    estimated_hours: int | None
    estimated_seconds: int | None
    rate: int | Decimal | None
    rate_last_updated: None
    currency: str | None
    recurring: bool
    template_id: None
    recurring_parameters: None
    fixed_fee: int | Decimal | None
    actual_hours: int
    actual_seconds: int
    tasks_count: None
    can_track_time: bool
    start_date: str
    end_date: str | UnsetType = UNSET
    status: str
    wid: int
    cid: int | None
    is_shared: bool
    pinned: bool


def money_out(value: Decimal | None) -> int | Decimal | None:
    """A rate or fee as Toggl sends it."""
    # toggl-python types rate/fixed_fee as int: whole amounts go out as JSON integers.
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value.normalize()


def project_out(view: ProjectView) -> ProjectOut:
    """The wire form; timestamps are whole seconds with +00:00 (open question 9)."""
    project = view.project
    estimated = project.estimated_seconds
    out = ProjectOut(
        id=project.id,
        workspace_id=project.workspace_id,
        client_id=project.client_id,
        name=project.name,
        is_private=project.is_private,
        active=project.active,
        at=format_micros_as_seconds(project.at),
        created_at=format_micros_as_seconds(project.created_at),
        server_deleted_at=(
            None
            if project.server_deleted_at is None
            else format_micros_as_seconds(project.server_deleted_at)
        ),
        color=project.color,
        billable=project.billable,
        template=project.template,
        auto_estimates=project.auto_estimates,
        estimated_hours=None if estimated is None else estimated // 3600,
        estimated_seconds=estimated,
        rate=money_out(project.rate),
        rate_last_updated=None,
        currency=project.currency,
        recurring=project.recurring,
        template_id=None,
        recurring_parameters=None,
        fixed_fee=money_out(project.fixed_fee),
        actual_hours=view.actual_seconds // 3600,
        actual_seconds=view.actual_seconds,
        tasks_count=None,
        can_track_time=view.can_track_time,
        start_date=project.start_date,
        status=view.status,
        wid=project.workspace_id,
        cid=project.client_id,
        is_shared=False,
        pinned=False,
    )
    if project.end_date is not None:
        out.end_date = project.end_date
    return out


class ProjectPayload(msgspec.Struct, kw_only=True):
    """POST body. Unknown keys (`id`, `is_shared`, `template_id`, ...) are ignored."""

    active: bool | UnsetType | None = UNSET
    auto_estimates: bool | UnsetType | None = UNSET
    billable: bool | UnsetType | None = UNSET
    cid: int | UnsetType | None = UNSET
    client_id: int | UnsetType | None = UNSET
    client_name: str | UnsetType | None = UNSET
    color: str | UnsetType | None = UNSET
    currency: str | UnsetType | None = UNSET
    end_date: str | UnsetType | None = UNSET
    estimated_hours: int | UnsetType | None = UNSET
    estimated_seconds: int | UnsetType | None = UNSET
    fixed_fee: Decimal | UnsetType | None = UNSET
    is_private: bool | UnsetType | None = UNSET
    name: str | UnsetType | None = UNSET
    rate: Decimal | UnsetType | None = UNSET
    recurring: bool | UnsetType | None = UNSET
    start_date: str | UnsetType | None = UNSET
    template: bool | UnsetType | None = UNSET
    wid: int | UnsetType | None = UNSET
    workspace_id: int | UnsetType | None = UNSET


def check_body_workspace(modern: object, legacy: object, workspace_id: int) -> None:
    """The path names the workspace; a different one in the body is a 400 (open q. 21)."""
    given = modern if modern not in (UNSET, None) else legacy
    if isinstance(given, int) and given != workspace_id:
        raise BadRequest(WORKSPACE_MISMATCH)


def _date(value: str | UnsetType | None, name: str) -> dt.date | UnsetType:
    if not isinstance(value, str):
        return UNSET
    try:
        return parse_date(value)
    except ValueError:
        raise BadRequest(f"Invalid {name}") from None


def _flag(value: bool | UnsetType | None) -> bool | UnsetType:
    return value if isinstance(value, bool) else UNSET


def _text(value: str | UnsetType | None) -> str | UnsetType:
    return value if isinstance(value, str) else UNSET


def _amount(value: Decimal | UnsetType | None) -> Decimal | UnsetType:
    return value if isinstance(value, Decimal) else UNSET


def _clearable(value: object, given: T | UnsetType, updating: bool) -> T | UnsetType | None:
    # On PUT an explicit null clears a nullable field; on POST it means "not given".
    return None if updating and value is None else given


def _estimate(payload: ProjectPayload, updating: bool) -> int | UnsetType | None:
    hours, seconds = payload.estimated_hours, payload.estimated_seconds
    if isinstance(hours, int):
        # A round-tripped object carries both, hours being floor(seconds / 3600): keep seconds.
        if isinstance(seconds, int) and seconds // 3600 == hours:
            return seconds
        return hours * 3600
    if isinstance(seconds, int):
        return seconds
    if updating and (hours is None or seconds is None):
        return None
    return UNSET


def draft_from_payload(
    payload: ProjectPayload, workspace_id: int, *, updating: bool = False
) -> ProjectDraft:
    """Domain draft from a POST or PUT body; modern keys beat legacy ones.

    `null` means "not given", except on PUT for the nullable fields (client, end date,
    estimate, rate, fixed fee, currency), where it clears them.
    """
    check_body_workspace(payload.workspace_id, payload.wid, workspace_id)
    client_id = zero_is_none(payload.client_id if payload.client_id is not UNSET else payload.cid)
    end_date = payload.end_date
    return ProjectDraft(
        name=payload.name,
        client_id=client_id if updating or client_id is not None else UNSET,
        client_name=payload.client_name,
        active=_flag(payload.active),
        is_private=_flag(payload.is_private),
        color=_text(payload.color),
        billable=_flag(payload.billable),
        template=_flag(payload.template),
        auto_estimates=_flag(payload.auto_estimates),
        estimated_seconds=_estimate(payload, updating),
        rate=_clearable(payload.rate, _amount(payload.rate), updating),
        currency=_clearable(payload.currency, _text(payload.currency), updating),
        fixed_fee=_clearable(payload.fixed_fee, _amount(payload.fixed_fee), updating),
        recurring=_flag(payload.recurring),
        start_date=_date(payload.start_date, "start_date"),
        end_date=_clearable(end_date, _date(end_date, "end_date"), updating),
    )


def parse_active(value: str | None, default: bool | None = True) -> bool | None:
    """`active=true|false|both` (also `True`, `1`, `0`); None means both."""
    if value is None or value == "":
        return default
    lowered = value.lower()
    if lowered == "both":
        return None
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise BadRequest("Invalid active")


def positive_int(value: str | None, name: str, default: int, maximum: int) -> int:
    """A positive integer query value (absent → default, above maximum → maximum)."""
    if value is None or value == "":
        return default
    text = value.strip()
    if ASCII_DIGITS.fullmatch(text) is None or not text.lstrip("0"):
        raise BadRequest(f"Invalid {name}")
    text = text.lstrip("0")
    # Very long digit strings are simply "huge" (and int() refuses thousands of digits).
    return maximum if len(text) > 18 else min(int(text), maximum)


def id_list(value: str, name: str) -> list[int]:
    """Comma-separated ids in a query value; 400 "Invalid <name>" otherwise."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    ids = [parse_ascii_int(part) for part in parts]
    if any(parsed is None for parsed in ids):
        raise BadRequest(f"Invalid {name}")
    return [parsed for parsed in ids if parsed is not None]
