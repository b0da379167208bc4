"""Savepoints: writes a unique index may refuse, and bulk edits whose items stand alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import msgspec
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from punchclock.errors import PunchclockError

T = TypeVar("T")


def unless_duplicate(conn: Connection, write: Callable[[], T]) -> T | None:
    """Run `write` in a savepoint; None, with the savepoint rolled back, when an index refused it.

    Services check names before writing; a concurrent transaction can still store the same name
    between that check and this write (PostgreSQL), and the unique index settles it. The
    savepoint keeps the rest of the unit of work usable.
    """
    savepoint = conn.begin_nested()
    try:
        result = write()
    except IntegrityError:
        savepoint.rollback()
        return None
    savepoint.commit()
    return result


class BulkResult(msgspec.Struct):
    """Per-id outcome of a bulk edit: ids changed, and (id, message) for those that failed."""

    success: list[int]
    failure: list[tuple[int, str]]


def each_on_its_own(
    conn: Connection,
    ids: Iterable[int],
    apply: Callable[[int], object],
    after_rollback: Callable[[], None] | None = None,
) -> BulkResult:
    """Apply to each id in its own savepoint: a refused one is undone alone, with its message.

    Toggl's bulk edits report per id: the ids that succeeded, and (id, message) for the others.
    `after_rollback` lets a caller forget state (locks) taken inside an undone savepoint.
    """
    result = BulkResult(success=[], failure=[])
    for item_id in ids:
        savepoint = conn.begin_nested()
        try:
            apply(item_id)
        except PunchclockError as error:
            savepoint.rollback()
            if after_rollback is not None:
                after_rollback()
            result.failure.append((item_id, error.message))
        else:
            savepoint.commit()
            result.success.append(item_id)
    return result
