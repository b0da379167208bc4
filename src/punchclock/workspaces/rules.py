"""Pure rules for organizations, workspaces and members: validation and texts (no I/O)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from msgspec import UNSET

from punchclock.errors import BadRequest
from punchclock.names import checked_name
from punchclock.workspaces.models import SettingsChanges

# Toggl's documented texts for POST /organizations (and its 140-character limit).
MAX_NAME_LENGTH = 140
ORG_NAME_EMPTY = "Field 'name' cannot be empty."
ORG_NAME_TOO_LONG = f"organization name too long, maximum length is {MAX_NAME_LENGTH}"
WORKSPACE_NAME_MISSING = "workspace name must be provided"
WORKSPACE_NAME_BLANK = "workspace name must contain non-space characters"
WORKSPACE_NAME_TOO_LONG = f"workspace name must not be longer than {MAX_NAME_LENGTH}"
# Punchclock's own texts where Toggl's are unknown.
ORG_NAME_INVALID = "Invalid organization name"
WORKSPACE_NAME_INVALID = "Invalid workspace name"
INVALID_CURRENCY = "Invalid default_currency"
INVALID_HOURLY_RATE = "Invalid default_hourly_rate"
INVALID_RATE = "Invalid rate"
INVALID_LABOR_COST = "Invalid labor_cost"
ROUNDING_VALUES = (-1, 0, 1)
INVALID_ROUNDING = "rounding must be -1, 0 or 1"
# The values Toggl's reports accept for rounding_minutes.
ROUNDING_MINUTES_VALUES = (0, 1, 5, 6, 10, 12, 15, 30, 60, 240)
INVALID_ROUNDING_MINUTES = "rounding_minutes must be one of 0, 1, 5, 6, 10, 12, 15, 30, 60, 240"
ONLY_ADMINS_SETTINGS = "Only workspace admins may change workspace settings"
ONLY_ADMINS_MEMBERS = "Only workspace admins may manage workspace members"
ONLY_ORG_ADMINS = "Only organization owners and admins may do this"
LAST_ADMIN = "A workspace must have at least one admin"
ALREADY_MEMBER = "User is already a member of this workspace"
NO_SUCH_USER = "No user with this email exists"
MEMBER_NOT_FOUND = "Workspace user not found"
WORKSPACE_NOT_FOUND = "Workspace not found"
INVALID_ORGANIZATION = "Invalid organization ID"
NOT_IN_ORGANIZATION = "User not part of organization"

# Numeric(12, 2) holds up to 10 integer digits.
MAX_MONEY = Decimal("9999999999.99")
_CURRENCY = re.compile(r"[A-Z]{3}")


def organization_name(name: str | None) -> str:
    """A trimmed organization name, or Toggl's 400."""
    return checked_name(
        name,
        MAX_NAME_LENGTH,
        blank=ORG_NAME_EMPTY,
        too_long=ORG_NAME_TOO_LONG,
        invalid=ORG_NAME_INVALID,
    )


def workspace_name(name: str | None) -> str:
    """A trimmed workspace name, or Toggl's 400."""
    if name is None:
        raise BadRequest(WORKSPACE_NAME_MISSING)
    return checked_name(
        name,
        MAX_NAME_LENGTH,
        blank=WORKSPACE_NAME_BLANK,
        too_long=WORKSPACE_NAME_TOO_LONG,
        invalid=WORKSPACE_NAME_INVALID,
    )


def money(value: Decimal | None, message: str) -> Decimal | None:
    """A rate: None, or finite, not negative and fitting Numeric(12, 2)."""
    if value is None:
        return None
    try:
        if not value.is_finite() or value < 0 or value > MAX_MONEY:
            raise BadRequest(message)
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise BadRequest(message) from None


def settings_values(changes: SettingsChanges) -> dict[str, Any]:
    """Column values for the given settings, every one validated; 400 on the first bad one."""
    values: dict[str, Any] = {}
    for field in changes.__struct_fields__:
        value = getattr(changes, field)
        if value is not UNSET:
            values[field] = value
    if "name" in values:
        values["name"] = workspace_name(values["name"])
    if "default_currency" in values:
        code = values["default_currency"].strip().upper()
        if not _CURRENCY.fullmatch(code):
            raise BadRequest(INVALID_CURRENCY)
        values["default_currency"] = code
    if "default_hourly_rate" in values:
        values["default_hourly_rate"] = money(values["default_hourly_rate"], INVALID_HOURLY_RATE)
    if "rounding" in values and values["rounding"] not in ROUNDING_VALUES:
        raise BadRequest(INVALID_ROUNDING)
    if "rounding_minutes" in values and values["rounding_minutes"] not in ROUNDING_MINUTES_VALUES:
        raise BadRequest(INVALID_ROUNDING_MINUTES)
    return values
