"""SQL that clears deleted tasks from time entries (Toggl: an entry loses a deleted task).

Entries keep their project; each changed entry's `at` moves forward so `since` sync sees it.
"""

from __future__ import annotations

from sqlalchemy import Connection, and_, case, select, update

from punchclock.db.schema import time_entries
from punchclock.time_entries.repository import TimeEntryRepository

te = time_entries


def clear_tasks(conn: Connection, workspace_id: int, task_ids: list[int], now: int) -> int:
    """Clear the tasks from every live entry of the workspace; the number of entries changed."""
    if not task_ids:
        return 0
    affected = and_(
        te.c.workspace_id == workspace_id,
        te.c.task_id.in_(task_ids),
        te.c.server_deleted_at.is_(None),
    )
    owners = conn.execute(
        select(te.c.user_id).where(affected).distinct().order_by(te.c.user_id)
    ).all()
    # Time-entry writes hold their owner's lock while they read and rewrite an entry; taking
    # the same locks (in id order) keeps them from writing a deleted task back.
    repo = TimeEntryRepository(conn)
    for (user_id,) in owners:
        repo.lock_user(user_id)
    result = conn.execute(
        update(te)
        .where(affected)
        .values(task_id=None, at=case((te.c.at + 1 > now, te.c.at + 1), else_=now))
    )
    return result.rowcount
