"""Bulk edit bodies: RFC 6902 with Toggl's "additions" (§4.9), mapped to domain changes."""

from __future__ import annotations

from typing import Any

from punchclock.api.timestamps import parse_date, parse_instant
from punchclock.api.toggl_v9.schemas.json_patch import PatchOperation, checked, is_int64
from punchclock.errors import BadRequest
from punchclock.time_entries.models import EntryChanges

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


def changes_from_operations(operations: list[PatchOperation]) -> list[EntryChanges]:
    """One EntryChanges per operation, applied in order to every id."""
    return [_changes(op, field, value) for op, field, value in checked(operations, _FIELDS)]


def _changes(op: str, field: str, value: Any) -> EntryChanges:
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
        duration: int = _typed(value, int, op, field)
        # Negative: a running timer, as in a PUT body (schemas/time_entries.py).
        return EntryChanges(running=True) if duration < 0 else EntryChanges(duration=duration)
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
    if not isinstance(value, kind) or (kind is int and not is_int64(value)):
        raise _unsupported(op, field)
    return value


def _id_list(value: Any, op: str, field: str) -> list[int]:
    ids: list[int] = _typed(value, list, op, field)
    if not all(is_int64(i) for i in ids):
        raise _unsupported(op, field)
    return ids


def _optional_id(value: Any, op: str, field: str) -> int | None:
    # null, or Toggl's 0 for "none" (JSON false and 0.0 equal 0 and have always cleared too).
    if value is None or value == 0:
        return None
    result: int = _typed(value, int, op, field)
    return result


def _unsupported(op: str, field: str) -> BadRequest:
    return BadRequest(f"Operation not supported ({op} /{field})")
