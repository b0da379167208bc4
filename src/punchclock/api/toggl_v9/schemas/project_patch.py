"""Bulk project edits: JSON-Patch operations mapped to one domain draft (§8)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from punchclock.api.timestamps import parse_date
from punchclock.api.toggl_v9.schemas.json_patch import INT64_MAX, INT64_MIN, PatchOperation, checked
from punchclock.api.toggl_v9.schemas.references import zero_is_none
from punchclock.errors import BadRequest
from punchclock.projects.models import ProjectDraft

_FLAGS = frozenset({"active", "auto_estimates", "billable", "is_private", "recurring", "template"})
_TEXTS = frozenset({"name", "color"})
_IDS = frozenset({"client_id", "cid"})
_COUNTS = frozenset({"estimated_hours", "estimated_seconds"})
_MONEY = frozenset({"rate", "fixed_fee"})
_DATES = frozenset({"start_date", "end_date"})
# Fields whose value may be removed (or replaced with null) to clear it.
_CLEARABLE = frozenset({*_IDS, *_COUNTS, *_MONEY, "currency", "end_date"})
_FIELDS = frozenset({*_FLAGS, *_TEXTS, *_IDS, *_COUNTS, *_MONEY, *_DATES, "currency"})


def draft_from_operations(operations: list[PatchOperation]) -> ProjectDraft:
    """One draft for every id; a later operation on the same field wins."""
    fields: dict[str, Any] = {}
    for op, field, value in checked(operations, _FIELDS):
        field, value = _operation(op, field, value)
        if field == "cid":
            field = "client_id"
        if field == "client_id":
            value = zero_is_none(value)
        elif field == "estimated_hours":
            field, value = "estimated_seconds", None if value is None else value * 3600
        fields[field] = value
    return ProjectDraft(**fields)


def _operation(op: str, field: str, value: Any) -> tuple[str, Any]:
    path = "/" + field
    # Project fields are scalars: "add" has nothing to add to, only "remove" clears.
    if op == "add" or (op == "remove" and field not in _CLEARABLE):
        raise BadRequest(f"Operation not supported ({op} {path})")
    if op == "remove" or (value is None and field in _CLEARABLE):
        return field, None
    return field, _value(field, value, path)


def _value(field: str, value: Any, path: str) -> Any:
    """The typed value; Toggl's wording for a wrong type, e.g. "/manager expects a boolean"."""
    if field in _FLAGS:
        if not isinstance(value, bool):
            raise BadRequest(f"{path} expects a boolean")
        return value
    if field in _TEXTS or field in ("currency", *_DATES):
        if not isinstance(value, str):
            raise BadRequest(f"{path} expects a string")
        if field not in _DATES:
            return value
        try:
            return parse_date(value)
        except ValueError:
            raise BadRequest(f"Invalid {field}") from None
    if field in _MONEY:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise BadRequest(f"{path} expects an float64 or null")
        return Decimal(str(value))
    if isinstance(value, bool) or not isinstance(value, int) or not INT64_MIN <= value <= INT64_MAX:
        raise BadRequest(f"{path} expects an integer")
    return value
