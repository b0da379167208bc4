"""Wire types for workspaces and organizations (key order as recorded, §6 and §7)."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.timestamps import (
    format_day,
    format_micros,
    format_micros_as_seconds,
)
from punchclock.workspaces.models import (
    ORG_ADMIN_ROLES,
    ORG_OWNER,
    WORKSPACE_ADMIN,
    Organization,
    SettingsChanges,
    Workspace,
)

WORKSPACE_LOGO_URL = "https://assets.track.toggl.com/images/workspace.jpg"


class WorkspaceOut(msgspec.Struct):
    """A workspace as Toggl sends it, plus the newer `disable_*` flags clients expect."""

    id: int
    organization_id: int
    name: str
    premium: bool
    business_ws: bool
    admin: bool
    role: str
    suspended_at: None
    server_deleted_at: str | None
    default_hourly_rate: Decimal | None
    rate_last_updated: None
    default_currency: str
    only_admins_may_create_projects: bool
    only_admins_may_create_tags: bool
    only_admins_see_billable_rates: bool
    only_admins_see_team_dashboard: bool
    projects_billable_by_default: bool
    projects_private_by_default: bool
    projects_enforce_billable: bool
    limit_public_project_data: bool
    last_modified: str
    reports_collapse: bool
    rounding: int
    rounding_minutes: int
    api_token: str
    at: str
    logo_url: str
    ical_url: str
    ical_enabled: bool
    csv_upload: None
    subscription: None
    hide_start_end_times: bool
    working_hours_in_minutes: None
    disable_approvals: bool
    disable_expenses: bool
    disable_timesheet_view: bool
    active_project_count: int | UnsetType = UNSET


def workspace_out(workspace: Workspace, role: str) -> WorkspaceOut:
    """The wire form; `at` is strictly %Y-%m-%dT%H:%M:%S+00:00 (a client parses it so)."""
    is_admin = role == WORKSPACE_ADMIN
    rate = workspace.default_hourly_rate
    if rate is not None and workspace.only_admins_see_billable_rates and not is_admin:
        rate = None
    return WorkspaceOut(
        id=workspace.id,
        organization_id=workspace.organization_id,
        name=workspace.name,
        premium=False,
        business_ws=False,
        admin=is_admin,
        role="admin" if is_admin else "user",
        suspended_at=None,
        server_deleted_at=(
            None
            if workspace.server_deleted_at is None
            else format_micros_as_seconds(workspace.server_deleted_at)
        ),
        default_hourly_rate=rate,
        rate_last_updated=None,
        default_currency=workspace.default_currency,
        only_admins_may_create_projects=workspace.only_admins_may_create_projects,
        only_admins_may_create_tags=workspace.only_admins_may_create_tags,
        only_admins_see_billable_rates=workspace.only_admins_see_billable_rates,
        only_admins_see_team_dashboard=workspace.only_admins_see_team_dashboard,
        projects_billable_by_default=workspace.projects_billable_by_default,
        projects_private_by_default=workspace.projects_private_by_default,
        projects_enforce_billable=workspace.projects_enforce_billable,
        limit_public_project_data=workspace.limit_public_project_data,
        last_modified=format_day(workspace.at),
        reports_collapse=workspace.reports_collapse,
        rounding=workspace.rounding,
        rounding_minutes=workspace.rounding_minutes,
        api_token=_workspace_token(workspace),
        at=format_micros_as_seconds(workspace.at),
        logo_url=WORKSPACE_LOGO_URL,
        ical_url=f"/ical/workspace_user/{workspace.ical_token}",
        ical_enabled=False,
        csv_upload=None,
        subscription=None,
        hide_start_end_times=False,
        working_hours_in_minutes=None,
        disable_approvals=False,
        disable_expenses=False,
        disable_timesheet_view=False,
    )


def default_first(
    rows: list[tuple[Workspace, str]], default_workspace_id: int | None
) -> list[tuple[Workspace, str]]:
    """The user's workspaces, default first, then by id: tgl-cli takes element [0] as its own."""
    return sorted(rows, key=lambda row: (row[0].id != default_workspace_id, row[0].id))


def workspace_list_out(
    rows: list[tuple[Workspace, str]], counts: dict[int, int], default_workspace_id: int | None
) -> list[WorkspaceOut]:
    """GET /workspaces and /me/workspaces: the default workspace first."""
    result = []
    for workspace, role in default_first(rows, default_workspace_id):
        out = workspace_out(workspace, role)
        out.active_project_count = counts.get(workspace.id, 0)
        result.append(out)
    return result


def _workspace_token(workspace: Workspace) -> str:
    # Toggl's recorded workspace object carries a 32-hex `api_token` and clients expect every
    # recorded key (§6). Punchclock has no workspace tokens; this stable stand-in authenticates
    # nothing and does not reveal the ical token it is derived from.
    digest = hashlib.sha256(f"workspace-api-token:{workspace.ical_token}".encode())
    return digest.hexdigest()[:32]


class TrialInfo(msgspec.Struct):
    """Toggl's trial block; Punchclock has no plans, so it is constant."""

    trial: bool = False
    trial_available: bool = False
    trial_end_date: None = None
    next_payment_date: None = None
    last_pricing_plan_id: None = None
    can_have_trial: bool = False
    trial_plan_id: None = None


class OrganizationOut(msgspec.Struct):
    """An organization as Toggl sends it (§7)."""

    id: int
    name: str
    pricing_plan_id: int
    created_at: str
    at: str
    server_deleted_at: str | None
    is_multi_workspace_enabled: bool
    suspended_at: None
    user_count: int
    trial_info: TrialInfo
    is_unified: bool
    max_workspaces: int
    permissions: None
    admin: bool
    owner: bool
    pricing_plan_name: str
    pricing_plan_enterprise: bool


def organization_out(org: Organization, role: str, user_count: int) -> OrganizationOut:
    """The wire form of an organization, seen by a member with `role`."""
    return OrganizationOut(
        id=org.id,
        name=org.name,
        pricing_plan_id=0,
        created_at=format_micros(org.created_at),
        at=format_micros(org.at),
        server_deleted_at=(
            None if org.server_deleted_at is None else format_micros(org.server_deleted_at)
        ),
        is_multi_workspace_enabled=True,
        suspended_at=None,
        user_count=user_count,
        trial_info=TrialInfo(),
        is_unified=False,
        max_workspaces=1000,
        permissions=None,
        admin=role in ORG_ADMIN_ROLES,
        owner=role == ORG_OWNER,
        pricing_plan_name="Free",
        pricing_plan_enterprise=False,
    )


class WorkspacePayload(msgspec.Struct, kw_only=True):
    """PUT /workspaces/{wid} and POST /organizations/{oid}/workspaces body (§6)."""

    # `admins`, `rate_change_mode` and `initial_pricing_plan` are accepted and ignored.

    name: str | UnsetType | None = UNSET
    default_currency: str | UnsetType | None = UNSET
    default_hourly_rate: Decimal | UnsetType | None = UNSET
    only_admins_may_create_projects: bool | UnsetType | None = UNSET
    only_admins_may_create_tags: bool | UnsetType | None = UNSET
    only_admins_see_billable_rates: bool | UnsetType | None = UNSET
    only_admins_see_team_dashboard: bool | UnsetType | None = UNSET
    projects_billable_by_default: bool | UnsetType | None = UNSET
    projects_private_by_default: bool | UnsetType | None = UNSET
    projects_enforce_billable: bool | UnsetType | None = UNSET
    limit_public_project_data: bool | UnsetType | None = UNSET
    reports_collapse: bool | UnsetType | None = UNSET
    rounding: int | UnsetType | None = UNSET
    rounding_minutes: int | UnsetType | None = UNSET


def settings_changes(payload: WorkspacePayload) -> SettingsChanges:
    """Domain changes: `null` means "unchanged", except that it clears default_hourly_rate."""
    changes = SettingsChanges()
    for field in payload.__struct_fields__:
        value = getattr(payload, field)
        if value is None and field != "default_hourly_rate":
            continue
        setattr(changes, field, value)
    return changes


def new_workspace_settings(payload: WorkspacePayload | None = None) -> SettingsChanges:
    """A v9 body's settings for a new workspace; projects are not billable unless it says so."""
    # Billable is a paid feature in Toggl and `workspace_out` reports `premium: false`; clients
    # such as togglcli then refuse to save billable entries, so the database default (true)
    # would break them. Sign-up gives an account's first workspace the same default.
    changes = SettingsChanges() if payload is None else settings_changes(payload)
    if changes.projects_billable_by_default is UNSET:
        changes.projects_billable_by_default = False
    return changes
