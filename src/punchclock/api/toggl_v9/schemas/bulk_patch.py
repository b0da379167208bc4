"""Bulk edit bodies: RFC 6902 with Toggl's "additions" (§4.9), mapped to domain changes."""

from __future__ import annotations

from typing import Any

import msgspec

from punchclock.api.toggl_v9.timestamps import parse_date, parse_instant
from punchclock.errors import BadRequest
from punchclock.time_entries.models import EntryChanges

MAX_IDS = 100
MAX_OPERATIONS = 100
TOO_MANY_IDS = "PATCH request is limited to 100 entries at once"
NO_IDS = "PATCH expects at least one ID"
EMPTY_PATCH = "Empty or invalid patch operation"
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

_OPS = frozenset({"add", "remove", "replace"})
_FIELDS = frozenset(
    {
        "description",
        "billable",
        "project_id",
        "pid",
        "task_id",
        "tid",
        "user_id",
        "uid",
        "start",
        "stop",
        "duration",
        "tags",
        "tag_ids",
        "shared_with_user_ids",
    }
)


class PatchOperation(msgspec.Struct):
    """One operation: {"op", "path", "value"}."""

    op: str
    path: str
    value: Any = None


def changes_from_operations(operations: list[PatchOperation]) -> list[EntryChanges]:
    """One EntryChanges per operation, applied in order to every id."""
    if not operations:
        raise BadRequest(EMPTY_PATCH)
    if len(operations) > MAX_OPERATIONS:
        raise BadRequest("Too many patches")
    return [_changes(operation) for operation in operations]


def _changes(operation: PatchOperation) -> EntryChanges:
    op, path, value = operation.op, operation.path, operation.value
    if op not in _OPS:
        raise BadRequest(f"Invalid op: {op}")
    if not path.startswith("/") or path.count("/") != 1:
        raise BadRequest(f"Invalid path format: {path}")
    field = path[1:]
    if field not in _FIELDS:
        raise BadRequest(f"Path not found: {path}")
    if field in ("tags", "tag_ids"):
        return _tag_changes(op, field, value)
    if op == "remove":
        return _removal(op, field)
    return _replacement(op, field, value)


def _tag_changes(op: str, field: str, value: Any) -> EntryChanges:
    # "add"/"remove" take an array of elements to add or remove (not index addressing).
    # Clients clear the tags with {"op":"remove","path":"/tag_ids","value":[]} (§4.9), so a
    # removal without elements empties the set rather than removing nothing.
    if op == "remove" and (value is None or value == []):
        return EntryChanges(tag_ids=[], tags=[])
    if field == "tags":
        names = _typed(value, list, op, field)
        if not all(isinstance(name, str) for name in names):
            raise _unsupported(op, field)
        changes = EntryChanges(tags=names)
    else:
        ids = _id_list(value, op, field)
        changes = EntryChanges(tag_ids=ids)
    if op == "add":
        changes.tag_action = "add"
    elif op == "remove":
        changes.tag_action = "delete"
    return changes


def _removal(op: str, field: str) -> EntryChanges:
    if field == "description":
        return EntryChanges(description=None)
    if field in ("project_id", "pid"):
        return EntryChanges(project_id=None)
    if field in ("task_id", "tid"):
        return EntryChanges(task_id=None)
    if field == "shared_with_user_ids":
        return EntryChanges(shared_with_user_ids=[])
    raise _unsupported(op, field)


def _replacement(op: str, field: str, value: Any) -> EntryChanges:
    if field == "description":
        if value is not None and not isinstance(value, str):
            raise _unsupported(op, field)
        return EntryChanges(description=value)
    if field == "billable":
        return EntryChanges(billable=_typed(value, bool, op, field))
    if field in ("project_id", "pid"):
        # null or 0 clears the project.
        return EntryChanges(project_id=_optional_id(value, op, field))
    if field in ("task_id", "tid"):
        return EntryChanges(task_id=_optional_id(value, op, field))
    if field in ("user_id", "uid"):
        return EntryChanges(user_id=_typed(value, int, op, field))
    if field == "duration":
        return EntryChanges(duration=_typed(value, int, op, field))
    if field == "shared_with_user_ids":
        return EntryChanges(shared_with_user_ids=_id_list(value, op, field))
    return _time_change(op, field, _typed(value, str, op, field))


def _time_change(op: str, field: str, value: str) -> EntryChanges:
    # A date-only value replaces the date and keeps the time of day.
    try:
        date = parse_date(value)
    except ValueError:
        date = None
    try:
        if field == "start":
            if date is not None:
                return EntryChanges(start_date=date)
            return EntryChanges(start=parse_instant(value))
        if date is not None:
            return EntryChanges(stop_date=date)
        return EntryChanges(stop=parse_instant(value))
    except ValueError:
        raise BadRequest(f"Invalid {field}") from None


def _typed(value: Any, kind: type, op: str, field: str) -> Any:
    if not isinstance(value, kind) or (kind is int and not _is_int64(value)):
        raise _unsupported(op, field)
    return value


def _is_int64(value: Any) -> bool:
    # Ids are int64 on the wire and in the database; a bigger JSON number is a bad value,
    # not a database overflow.
    return (
        isinstance(value, int) and not isinstance(value, bool) and INT64_MIN <= value <= INT64_MAX
    )


def _id_list(value: Any, op: str, field: str) -> list[int]:
    ids: list[int] = _typed(value, list, op, field)
    if not all(_is_int64(i) for i in ids):
        raise _unsupported(op, field)
    return ids


def _optional_id(value: Any, op: str, field: str) -> int | None:
    if value is None or value == 0:
        return None
    result: int = _typed(value, int, op, field)
    return result


def _unsupported(op: str, field: str) -> BadRequest:
    return BadRequest(f"Operation not supported ({op} /{field})")


__all__ = ["MAX_IDS", "NO_IDS", "TOO_MANY_IDS", "PatchOperation", "changes_from_operations"]
