"""SQL that takes deleted tags off time entries (Toggl: deleting a tag removes it from entries).

Entries store their tag ids as ordered comma-separated text, so the tags are cut out of that text
in one UPDATE, order kept. Each changed entry's `at` moves forward so `since` sync sees it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, String, and_, case, func, literal, or_, select, update

from punchclock.db.schema import time_entries
from punchclock.time_entries.repository import TimeEntryRepository

te = time_entries


def _padded() -> Any:
    # ",1,2,3,": every id, first and last included, sits between two commas.
    return literal(",", String) + te.c.tag_ids + literal(",", String)


def _holds(tag_id: int) -> Any:
    return _padded().like(f"%,{tag_id},%")


def _without(tag_ids: list[int]) -> Any:
    cut = _padded()
    for tag_id in tag_ids:
        cut = func.replace(cut, f",{tag_id},", ",")
    # Strip the padding again; "," alone means no tags left ("").
    return case((cut == ",", ""), else_=func.substr(cut, 2, func.length(cut) - 2))


def remove_tags(conn: Connection, workspace_id: int, tag_ids: list[int], now: int) -> int:
    """Take the tags off every live entry of the workspace; the number of entries changed."""
    if not tag_ids:
        return 0
    affected = and_(
        te.c.workspace_id == workspace_id,
        te.c.server_deleted_at.is_(None),
        or_(*(_holds(tag_id) for tag_id in tag_ids)),
    )
    owners = conn.execute(
        select(te.c.user_id).where(affected).distinct().order_by(te.c.user_id)
    ).all()
    # Time-entry writes hold their owner's lock while they read and rewrite `tag_ids`; taking
    # the same locks (in id order) keeps them from writing a removed tag back.
    repo = TimeEntryRepository(conn)
    for (user_id,) in owners:
        repo.lock_user(user_id)
    result = conn.execute(
        update(te)
        .where(affected)
        .values(
            tag_ids=_without(tag_ids),
            at=case((te.c.at + 1 > now, te.c.at + 1), else_=now),
        )
    )
    return result.rowcount
