"""Column values from a project draft: the validation shared by create, update and bulk edits."""

from __future__ import annotations

from typing import Any

from msgspec import UNSET

from punchclock.errors import Forbidden
from punchclock.projects import rules
from punchclock.projects.access import BILLING_INFO
from punchclock.projects.models import Project, ProjectDraft
from punchclock.workspaces.models import Workspace

_FLAGS = ("active", "is_private", "billable", "template", "auto_estimates", "recurring")
# What "billing info" means when only admins may see billable rates.
BILLING_FIELDS = ("rate", "fixed_fee", "currency")


def draft_values(draft: ProjectDraft) -> dict[str, Any]:
    """Validated columns for every field the draft sets; None clears (client fields excluded)."""
    values: dict[str, Any] = {}
    if isinstance(draft.name, str):
        values["name"] = rules.clean_name(draft.name)
    if isinstance(draft.color, str):
        values["color"] = rules.clean_color(draft.color)
    for flag in _FLAGS:
        given = getattr(draft, flag)
        if isinstance(given, bool):
            values[flag] = given
    if draft.estimated_seconds is not UNSET:
        seconds = draft.estimated_seconds
        values["estimated_seconds"] = None if seconds is None else rules.check_estimate(seconds)
    for money in ("rate", "fixed_fee"):
        amount = getattr(draft, money)
        if amount is not UNSET:
            values[money] = None if amount is None else rules.clean_money(amount, money)
    if draft.currency is not UNSET:
        currency = draft.currency
        values["currency"] = None if currency is None else rules.clean_currency(currency)
    if draft.start_date is not UNSET:
        values["start_date"] = draft.start_date.isoformat()
    if draft.end_date is not UNSET:
        values["end_date"] = None if draft.end_date is None else draft.end_date.isoformat()
    return values


def create_values(draft: ProjectDraft, workspace: Workspace, today: str) -> dict[str, Any]:
    """Columns of a new project: the draft over the workspace's defaults (None = not given)."""
    given = {key: value for key, value in draft_values(draft).items() if value is not None}
    values: dict[str, Any] = {
        # Toggl answered `active:false` for a bare {"name"}; clients expect true (q. 27).
        "active": True,
        "is_private": workspace.projects_private_by_default,
        "color": rules.DEFAULT_COLOR,
        # Toggl answered `billable:null` for a bare {"name"} in a free workspace, and
        # Punchclock reports `premium:false`: togglcli then refuses to save an entry that
        # inherits billable=true ("premium field 'TimeEntry.billable'", exit 42).
        "billable": None,
        "template": None,
        "auto_estimates": None,
        "estimated_seconds": None,
        "rate": None,
        "currency": None,
        "fixed_fee": None,
        "recurring": False,
        "start_date": today,
        "end_date": None,
        **given,
    }
    rules.check_timeframe(values["start_date"], values["end_date"])
    return values


def update_values(draft: ProjectDraft, project: Project, sees_rates: bool) -> dict[str, Any]:
    """Columns an update changes; a caller who cannot see rates may not change them."""
    values = draft_values(draft)
    if not sees_rates:
        # They were shown null for these, so echoing null back changes nothing.
        for field in BILLING_FIELDS:
            if field in values and values[field] is None:
                del values[field]
        check_billing(values, sees_rates)
    rules.check_timeframe(
        values.get("start_date", project.start_date), values.get("end_date", project.end_date)
    )
    return values


def check_billing(values: dict[str, Any], sees_rates: bool) -> None:
    """403 when a caller who cannot see billable rates tries to set one."""
    if not sees_rates and any(values.get(field) is not None for field in BILLING_FIELDS):
        raise Forbidden(BILLING_INFO)
