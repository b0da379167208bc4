"""Wire types for workspace members: GET …/users, …/workspace_users and their bodies."""

from __future__ import annotations

from decimal import Decimal

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.timestamps import format_micros_as_seconds
from punchclock.api.toggl_v9.schemas.me import DEFAULT_IMAGE_URL
from punchclock.errors import BadRequest
from punchclock.workspaces.models import (
    ORG_ADMIN_ROLES,
    WORKSPACE_ADMIN,
    WORKSPACE_MEMBER,
    Member,
    MemberChanges,
)

INVALID_ROLE = "Invalid role"
ADMIN_ROLE_CONFLICT = "admin and role contradict each other"
ACTIVE_CONFLICT = "active and inactive contradict each other"


def money_out(value: Decimal | None) -> int | Decimal | None:
    """A rate as a JSON number; whole amounts as integers (clients type rates as int)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value.normalize()


class WorkspaceUserBriefOut(msgspec.Struct):
    """One item of GET /workspaces/{wid}/users (recorded, §6)."""

    id: int
    fullname: str
    email: str
    is_active: bool
    is_admin: bool
    inactive: bool
    role: str


def workspace_user_brief_out(member: Member) -> WorkspaceUserBriefOut:
    """The recorded user-list shape: `id` is the user's id."""
    return WorkspaceUserBriefOut(
        id=member.user_id,
        fullname=member.fullname,
        email=member.email,
        is_active=member.active,
        is_admin=member.is_admin,
        inactive=not member.active,
        role=_role(member),
    )


class WorkspaceUserOut(msgspec.Struct):
    """One membership (Toggl's WorkspaceUser; key order not recorded, so ids come first)."""

    id: int
    uid: int
    wid: int
    admin: bool
    organization_admin: bool
    workspace_admin: bool
    role: str
    active: bool
    inactive: bool
    is_direct: bool
    rate: int | Decimal | None
    rate_last_updated: None
    labor_cost: int | Decimal | None
    labor_cost_last_updated: None
    at: str
    name: str
    email: str
    avatar_file_name: str
    timezone: str
    group_ids: list[int]
    working_hours_in_minutes: None


def workspace_user_out(member: Member) -> WorkspaceUserOut:
    """The wire form; `active` mirrors `inactive` (Punchclock has no pending invitations)."""
    return WorkspaceUserOut(
        id=member.id,
        uid=member.user_id,
        wid=member.workspace_id,
        admin=member.is_admin,
        organization_admin=member.organization_role in ORG_ADMIN_ROLES,
        workspace_admin=member.role == WORKSPACE_ADMIN,
        role=_role(member),
        active=member.active,
        inactive=not member.active,
        is_direct=True,
        rate=money_out(member.rate),
        rate_last_updated=None,
        labor_cost=money_out(member.labor_cost),
        labor_cost_last_updated=None,
        at=format_micros_as_seconds(member.at),
        name=member.fullname,
        email=member.email,
        avatar_file_name=member.image_url or DEFAULT_IMAGE_URL,
        timezone=member.timezone,
        group_ids=[],
        working_hours_in_minutes=None,
    )


def _role(member: Member) -> str:
    return WORKSPACE_ADMIN if member.is_admin else WORKSPACE_MEMBER


class NewMemberPayload(msgspec.Struct, kw_only=True):
    """POST /workspaces/{wid}/workspace_users (a Punchclock addition): an existing user."""

    email: str | UnsetType | None = UNSET
    admin: bool | UnsetType | None = UNSET
    role: str | UnsetType | None = UNSET


def new_member(payload: NewMemberPayload) -> tuple[str | None, bool]:
    """(email, admin) from a POST body; without `admin` or `role` the user is a plain member."""
    email = payload.email if isinstance(payload.email, str) else None
    admin = _admin_flag(payload.admin, payload.role)
    return email, admin is True


class MemberPayload(msgspec.Struct, kw_only=True):
    """PUT …/workspace_users/{id}: Toggl's admin/role/inactive/rate/labor_cost, v8's active."""

    # Other keys Toggl accepts (`role_id`, `groups`, `working_hours_in_minutes`, …) are ignored.

    admin: bool | UnsetType | None = UNSET
    role: str | UnsetType | None = UNSET
    active: bool | UnsetType | None = UNSET
    inactive: bool | UnsetType | None = UNSET
    rate: Decimal | UnsetType | None = UNSET
    labor_cost: Decimal | UnsetType | None = UNSET


def member_changes(payload: MemberPayload) -> MemberChanges:
    """Domain changes; `null` leaves a flag unchanged and clears a rate."""
    changes = MemberChanges(admin=_admin_flag(payload.admin, payload.role))
    active = payload.active if isinstance(payload.active, bool) else UNSET
    if isinstance(payload.inactive, bool):
        if active is not UNSET and active == payload.inactive:
            raise BadRequest(ACTIVE_CONFLICT)
        active = not payload.inactive
    changes.active = active
    changes.rate = payload.rate
    changes.labor_cost = payload.labor_cost
    return changes


def _admin_flag(admin: bool | UnsetType | None, role: str | UnsetType | None) -> bool | UnsetType:
    from_role: bool | UnsetType = UNSET
    if isinstance(role, str):
        if role not in (WORKSPACE_ADMIN, WORKSPACE_MEMBER):
            raise BadRequest(INVALID_ROLE)
        from_role = role == WORKSPACE_ADMIN
    if isinstance(admin, bool):
        if from_role is not UNSET and from_role != admin:
            raise BadRequest(ADMIN_ROLE_CONFLICT)
        return admin
    return from_role
