"""Toggl's bulk PATCH bodies: RFC 6902 operations on top-level fields (§4.9, §8, §11).

Every bulk endpoint (time entries, projects, tasks) checks the envelope the same way and answers
with the same per-id result shape; each maps the checked operations to its own domain changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import msgspec

from punchclock.errors import BadRequest

MAX_IDS = 100
MAX_OPERATIONS = 100
TOO_MANY_IDS = "PATCH request is limited to 100 entries at once"
NO_IDS = "PATCH expects at least one ID"
EMPTY_PATCH = "Empty or invalid patch operation"
TOO_MANY_PATCHES = "Too many patches"
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

_OPS = frozenset({"add", "remove", "replace"})


def limited_ids(ids: list[int]) -> list[int]:
    """The ids of a bulk request; 400 past Toggl's 100 per request (repeats count once)."""
    if len(set(ids)) > MAX_IDS:
        raise BadRequest(TOO_MANY_IDS)
    return ids


class PatchOperation(msgspec.Struct):
    """One operation: {"op", "path", "value"}."""

    op: str
    path: str
    value: Any = None


def checked(operations: list[PatchOperation], fields: frozenset[str]) -> list[tuple[str, str, Any]]:
    """(op, field, value) per operation; Toggl's 400 for the first malformed one."""
    if not operations:
        raise BadRequest(EMPTY_PATCH)
    if len(operations) > MAX_OPERATIONS:
        raise BadRequest(TOO_MANY_PATCHES)
    result = []
    for operation in operations:
        op, path = operation.op, operation.path
        if op not in _OPS:
            raise BadRequest(f"Invalid op: {op}")
        if not path.startswith("/") or path.count("/") != 1:
            raise BadRequest(f"Invalid path format: {path}")
        if path[1:] not in fields:
            raise BadRequest(f"Path not found: {path}")
        result.append((op, path[1:], operation.value))
    return result


def is_int64(value: Any) -> bool:
    """A JSON integer (not a bool) that fits the database's int64.

    Ids are int64 on the wire and in the database; a bigger JSON number is a bad value, not a
    database overflow.
    """
    return (
        isinstance(value, int) and not isinstance(value, bool) and INT64_MIN <= value <= INT64_MAX
    )


class BulkFailure(msgspec.Struct):
    """One failed id of a bulk edit."""

    id: int
    message: str


class BulkResultOut(msgspec.Struct):
    """`{"success":[...],"failure":[{"id","message"}]}`."""

    success: list[int]
    failure: list[BulkFailure]


def bulk_result_out(success: list[int], failure: Iterable[tuple[int, str]]) -> BulkResultOut:
    """The wire form of a bulk edit's per-id outcome."""
    return BulkResultOut(
        success=success, failure=[BulkFailure(id=i, message=message) for i, message in failure]
    )
