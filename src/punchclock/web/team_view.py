"""What the team page shows, and how its forms become member and settings changes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from msgspec import UNSET
from sqlalchemy import Connection

from punchclock.errors import BadRequest, Forbidden, PunchclockError
from punchclock.users.lookup import UserLookup
from punchclock.web.session import Form, Viewer
from punchclock.workspaces import rules
from punchclock.workspaces.models import (
    ORG_ADMIN_ROLES,
    WORKSPACE_ADMIN,
    Member,
    MemberChanges,
    SettingsChanges,
    Workspace,
)
from punchclock.workspaces.service import WorkspaceService

T = TypeVar("T")

ADMINS_ONLY = "Only workspace admins can open the Team page."
# The workspace settings PUT /workspaces/{wid} takes that are yes-or-no, as the form words them.
SETTING_SWITCHES = (
    ("only_admins_may_create_projects", "Only admins may create projects"),
    ("only_admins_may_create_tags", "Only admins may create tags"),
    ("only_admins_see_billable_rates", "Only admins see billable rates"),
    ("only_admins_see_team_dashboard", "Only admins see the team dashboard"),
    ("projects_billable_by_default", "New projects are billable"),
    ("projects_private_by_default", "New projects are private"),
    ("projects_enforce_billable", "Projects enforce their billable setting"),
    ("limit_public_project_data", "Limit what members see of public projects"),
    ("reports_collapse", "Collapse reports"),
)
ROUNDINGS = ((0, "To the nearest"), (-1, "Down"), (1, "Up"))


@dataclass(frozen=True)
class MemberRow:
    """One membership as the page lists it."""

    member: Member
    is_self: bool
    is_owner: bool
    # No password yet: they have not followed their sign-in link.
    pending: bool
    # An admin may hand them a new link (see MemberService.require_invitee).
    may_get_link: bool


@dataclass(frozen=True)
class Refused:
    """A change a service refused, with its reason for the page's alert."""

    message: str


def attempt(conn: Connection, work: Callable[[], T]) -> T | Refused:
    """Run `work` in a savepoint: what it returns, or the refusal (its writes undone).

    The page is rendered again with the message and the request's transaction still commits,
    so a refused change must leave nothing behind. A 403 is no form error: it goes on up.
    """
    savepoint = conn.begin_nested()
    try:
        result = work()
    except Forbidden:
        savepoint.rollback()
        raise
    except PunchclockError as error:
        savepoint.rollback()
        return Refused(error.message)
    savepoint.commit()
    return result


def member_rows(
    conn: Connection,
    workspaces: WorkspaceService,
    viewer: Viewer,
    members: list[Member],
    workspace_id: int,
) -> list[MemberRow]:
    """The members with what the page needs to know about their accounts."""
    users = UserLookup(conn).many([m.user_id for m in members])
    rows = []
    for member in members:
        user = users.get(member.user_id)
        pending = user is not None and user.password_hash is None
        # Only pending members are asked about: few, and the one question each is cheap.
        elsewhere = pending and bool(set(workspaces.ids_for_user(member.user_id)) - {workspace_id})
        rows.append(
            MemberRow(
                member=member,
                is_self=member.user_id == viewer.user.id,
                is_owner=member.organization_role in ORG_ADMIN_ROLES,
                pending=pending,
                may_get_link=pending and member.active and not elsewhere,
            )
        )
    # Active members first, each group by name.
    rows.sort(key=lambda row: (not row.member.active, row.member.fullname.lower()))
    return rows


def money_field(raw: str, message: str) -> Decimal | None:
    """A rate typed in a form: blank clears it."""
    raw = raw.strip().replace(",", ".")
    if not raw:
        return None
    if len(raw) > 20:
        raise BadRequest(message)
    try:
        return Decimal(raw)
    except InvalidOperation:
        raise BadRequest(message) from None


def member_changes(form: Form, member: Member) -> MemberChanges:
    """Role, rate and labor cost as the form has them; only what differs from the stored."""
    changes = MemberChanges()
    admin = form.get("role", member.role) == WORKSPACE_ADMIN
    if admin != (member.role == WORKSPACE_ADMIN):
        changes.admin = admin
    rate = money_field(form.get("rate"), rules.INVALID_RATE)
    if rate != member.rate:
        changes.rate = rate
    labor_cost = money_field(form.get("labor_cost"), rules.INVALID_LABOR_COST)
    if labor_cost != member.labor_cost:
        changes.labor_cost = labor_cost
    return changes


def has_changes(changes: MemberChanges | SettingsChanges) -> bool:
    """Whether any field is set (an unchanged form moves no stamp)."""
    return any(getattr(changes, f) is not UNSET for f in changes.__struct_fields__)


def settings_changes(form: Form, workspace: Workspace) -> SettingsChanges:
    """The settings form as changes; unticked boxes are off."""
    changes = SettingsChanges()
    name = form.get("name").strip()
    if name != workspace.name:
        changes.name = name
    currency = form.get("default_currency").strip().upper()
    if currency != workspace.default_currency:
        changes.default_currency = currency
    rate = money_field(form.get("default_hourly_rate"), rules.INVALID_HOURLY_RATE)
    if rate != workspace.default_hourly_rate:
        changes.default_hourly_rate = rate
    for field, _ in SETTING_SWITCHES:
        value = form.get(field) == "true"
        if value != getattr(workspace, field):
            setattr(changes, field, value)
    for field in ("rounding", "rounding_minutes"):
        raw = form.get(field, str(getattr(workspace, field)))
        if re.fullmatch(r"-?[0-9]{1,3}", raw) is None:
            raise BadRequest(f"Invalid {field}")
        if int(raw) != getattr(workspace, field):
            setattr(changes, field, int(raw))
    return changes
