"""Bulk task edits: RFC 6902 operations (as Toggl's other bulk PATCHes) mapped to task changes."""

from __future__ import annotations

from typing import Any

import msgspec

from punchclock.errors import BadRequest
from punchclock.tasks.models import BulkResult, TaskChanges

MAX_IDS = 100
MAX_OPERATIONS = 100
TOO_MANY_IDS = f"PATCH request is limited to {MAX_IDS} entries at once"
EMPTY_PATCH = "Empty or invalid patch operation"
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

_OPS = frozenset({"add", "remove", "replace"})
_CLEARABLE = frozenset({"estimated_seconds", "user_id"})
_FIELDS = frozenset({"name", "active", *_CLEARABLE})


class TaskPatchOperation(msgspec.Struct):
    """One operation: {"op", "path", "value"}."""

    op: str
    path: str
    value: Any = None


class TaskBulkFailure(msgspec.Struct):
    """One failed id of a bulk edit."""

    id: int
    message: str


class TaskBulkOut(msgspec.Struct):
    """`{"success":[...],"failure":[{"id","message"}]}` (Toggl's task.PatchOutput)."""

    success: list[int]
    failure: list[TaskBulkFailure]


def bulk_out(result: BulkResult) -> TaskBulkOut:
    """The wire form of a bulk edit's outcome."""
    failures = [TaskBulkFailure(id=task_id, message=message) for task_id, message in result.failure]
    return TaskBulkOut(success=result.success, failure=failures)


def changes_from_patch(operations: list[TaskPatchOperation]) -> list[TaskChanges]:
    """One TaskChanges per operation, applied in order to every id.

    Paths: /name, /active, /estimated_seconds and /user_id; "add" acts as "replace" (RFC 6902
    on an existing member), "remove" clears the estimate or the assignee.
    """
    if not operations:
        raise BadRequest(EMPTY_PATCH)
    if len(operations) > MAX_OPERATIONS:
        raise BadRequest("Too many patches")
    return [_changes(operation) for operation in operations]


def _changes(operation: TaskPatchOperation) -> TaskChanges:
    op, path, value = operation.op, operation.path, operation.value
    if op not in _OPS:
        raise BadRequest(f"Invalid op: {op}")
    if not path.startswith("/") or path.count("/") != 1:
        raise BadRequest(f"Invalid path format: {path}")
    field = path[1:]
    if field not in _FIELDS:
        raise BadRequest(f"Path not found: {path}")
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
    if value is not None and not _is_int64(value):
        raise BadRequest(f"{path} expects an integer or null")
    return _clearable(field, value)


def _clearable(field: str, value: int | None) -> TaskChanges:
    if field == "user_id":
        return TaskChanges(user_id=value)
    return TaskChanges(estimated_seconds=value)


def _is_int64(value: Any) -> bool:
    return (
        isinstance(value, int) and not isinstance(value, bool) and INT64_MIN <= value <= INT64_MAX
    )
