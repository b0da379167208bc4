"""SQL for what catalogue deletions do to time entries: tags cut out, tasks and projects cleared.

Toggl: deleting a tag removes it from entries, an entry loses a deleted task (and keeps its
project), and deleting a project unassigns or deletes its entries. Each statement changes one
owner's live entries, so that each owner's entries get that owner's next `at` (see
`time_entries/cascade.py`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, String, and_, case, func, literal, or_, select, update

from punchclock.db.schema import time_entries

te = time_entries


def _padded() -> Any:
    # ",1,2,3,": every id, first and last included, sits between two commas.
    return literal(",", String) + te.c.tag_ids + literal(",", String)


def _with_tags(workspace_id: int, tag_ids: list[int]) -> Any:
    return and_(
        te.c.workspace_id == workspace_id,
        te.c.server_deleted_at.is_(None),
        or_(*(_padded().like(f"%,{tag_id},%") for tag_id in tag_ids)),
    )


def _without(tag_ids: list[int]) -> Any:
    # Entries store their tag ids as ordered comma-separated text: cut the ids out of that
    # text in the UPDATE itself, order kept.
    cut = _padded()
    for tag_id in tag_ids:
        cut = func.replace(cut, f",{tag_id},", ",")
    # Strip the padding again; "," alone means no tags left ("").
    return case((cut == ",", ""), else_=func.substr(cut, 2, func.length(cut) - 2))


def _with_tasks(workspace_id: int, task_ids: list[int]) -> Any:
    return and_(
        te.c.workspace_id == workspace_id,
        te.c.task_id.in_(task_ids),
        te.c.server_deleted_at.is_(None),
    )


def _of_project(project_id: int) -> Any:
    return and_(te.c.project_id == project_id, te.c.server_deleted_at.is_(None))


class EntryCascadeRepository:
    """Finds the owners of affected live entries and changes one owner's entries at a time."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def owners_with_tags(self, workspace_id: int, tag_ids: list[int]) -> list[int]:
        """Users with a live entry in the workspace carrying any of the tags, ascending."""
        return self._owners(_with_tags(workspace_id, tag_ids))

    def remove_tags(self, workspace_id: int, tag_ids: list[int], user_id: int, at: int) -> int:
        """Cut the tags out of the user's live entries in the workspace; how many changed."""
        condition = and_(_with_tags(workspace_id, tag_ids), te.c.user_id == user_id)
        return self._update(condition, {"tag_ids": _without(tag_ids), "at": at})

    def owners_with_tasks(self, workspace_id: int, task_ids: list[int]) -> list[int]:
        """Users with a live entry in the workspace on any of the tasks, ascending."""
        return self._owners(_with_tasks(workspace_id, task_ids))

    def clear_tasks(self, workspace_id: int, task_ids: list[int], user_id: int, at: int) -> int:
        """Clear the tasks from the user's live entries in the workspace; how many changed."""
        condition = and_(_with_tasks(workspace_id, task_ids), te.c.user_id == user_id)
        return self._update(condition, {"task_id": None, "at": at})

    def owners_on_project(self, project_id: int) -> list[int]:
        """Users with a live entry on the project, ascending."""
        return self._owners(_of_project(project_id))

    def unassign_project(self, project_id: int, user_id: int, at: int) -> int:
        """Clear project and task on the user's live entries of the project; how many changed."""
        condition = and_(_of_project(project_id), te.c.user_id == user_id)
        return self._update(condition, {"project_id": None, "task_id": None, "at": at})

    def delete_on_project(self, project_id: int, user_id: int, at: int) -> int:
        """Soft-delete the user's live entries of the project; how many were deleted."""
        condition = and_(_of_project(project_id), te.c.user_id == user_id)
        return self._update(condition, {"server_deleted_at": at, "at": at})

    def _owners(self, condition: Any) -> list[int]:
        query = select(te.c.user_id).where(condition).distinct().order_by(te.c.user_id)
        return list(self.conn.execute(query).scalars())

    def _update(self, condition: Any, values: dict[str, Any]) -> int:
        return self.conn.execute(update(te).where(condition).values(**values)).rowcount
