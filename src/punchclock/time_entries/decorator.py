"""Decorations for entries: tag names, names of related things, sharing."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.clients.lookup import ClientLookup
from punchclock.projects.lookup import ProjectLookup
from punchclock.tags.lookup import TagLookup
from punchclock.tasks.lookup import TaskLookup
from punchclock.time_entries.models import EntryDetails, EntryView, Share, TimeEntry
from punchclock.time_entries.repository import TimeEntryRepository
from punchclock.users.lookup import UserLookup


class EntryDecorator:
    """Looks up what entries point at, in one query per kind of thing."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def views(self, entries: list[TimeEntry]) -> list[EntryView]:
        """Entries with their tag names, in tag id order."""
        tag_ids = {tag_id for entry in entries for tag_id in entry.tag_ids}
        names = TagLookup(self.conn).names(sorted(tag_ids)) if tag_ids else {}
        return [
            EntryView(entry, [names.get(tag_id, "") for tag_id in entry.tag_ids])
            for entry in entries
        ]

    def details(self, views: list[EntryView]) -> list[EntryDetails]:
        """The `meta=true` names for each entry."""
        entries = [view.entry for view in views]
        users = UserLookup(self.conn).many(sorted({e.user_id for e in entries}))
        projects = ProjectLookup(self.conn).labels(
            sorted({e.project_id for e in entries if e.project_id is not None})
        )
        clients = ClientLookup(self.conn).names(
            sorted({label.client_id for label in projects.values() if label.client_id is not None})
        )
        tasks = TaskLookup(self.conn).names(
            sorted({e.task_id for e in entries if e.task_id is not None})
        )
        result = []
        for entry in entries:
            user = users.get(entry.user_id)
            details = EntryDetails(
                user_name=user.fullname if user else "",
                user_avatar_url=(user.image_url or "") if user else "",
            )
            label = projects.get(entry.project_id) if entry.project_id else None
            if label is not None:
                details.project_name = label.name
                details.project_color = label.color
                details.project_active = label.active
                details.project_billable = label.billable
                if label.client_id is not None:
                    details.client_name = clients.get(label.client_id)
            if entry.task_id is not None:
                details.task_name = tasks.get(entry.task_id)
            result.append(details)
        return result

    def shares(self, views: list[EntryView]) -> dict[int, list[Share]]:
        """Who each shared entry is shared with (unshared entries are absent)."""
        found = TimeEntryRepository(self.conn).shares([view.entry.id for view in views])
        return {
            entry_id: [Share(uid, name, accepted) for uid, name, accepted in rows]
            for entry_id, rows in found.items()
        }
