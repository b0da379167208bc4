"""Bulk task edits: RFC 6902 operations (as Toggl's other bulk PATCHes) mapped to task changes."""

from __future__ import annotations

from typing import Any

from punchclock.api.toggl_v9.schemas.json_patch import (
    BulkResultOut,
    PatchOperation,
    bulk_result_out,
    checked,
    is_int64,
)
from punchclock.api.toggl_v9.schemas.references import zero_is_none
from punchclock.db.savepoints import BulkResult
from punchclock.errors import BadRequest
from punchclock.tasks.models import TaskChanges

_CLEARABLE = frozenset({"estimated_seconds", "user_id"})
_FIELDS = frozenset({"name", "active", *_CLEARABLE})


def bulk_out(result: BulkResult) -> BulkResultOut:
    """The wire form of a bulk edit's outcome."""
    return bulk_result_out(result.success, result.failure)


def changes_from_patch(operations: list[PatchOperation]) -> list[TaskChanges]:
    """One TaskChanges per operation, applied in order to every id.

    Paths: /name, /active, /estimated_seconds and /user_id; "add" acts as "replace" (RFC 6902
    on an existing member), "remove" clears the estimate or the assignee.
    """
    return [_changes(op, field, value) for op, field, value in checked(operations, _FIELDS)]


def _changes(op: str, field: str, value: Any) -> TaskChanges:
    path = "/" + field
    if op == "remove":
        if field not in _CLEARABLE:
            raise BadRequest(f"Operation not supported (remove {path})")
        return _clearable(field, None)
    if field == "name":
        if not isinstance(value, str):
            raise BadRequest("/name expects a string")
        return TaskChanges(name=value)
    if field == "active":
        if not isinstance(value, bool):
            raise BadRequest("/active expects a boolean")
        return TaskChanges(active=value)
    # The wording of Toggl's project-user PATCH ("/rate expects an float64 or null").
    if value is not None and not is_int64(value):
        raise BadRequest(f"{path} expects an integer or null")
    return _clearable(field, value)


def _clearable(field: str, value: int | None) -> TaskChanges:
    if field == "user_id":
        return TaskChanges(user_id=zero_is_none(value))
    return TaskChanges(estimated_seconds=value)
