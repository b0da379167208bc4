"""Everything a caller sees across their workspaces."""

from __future__ import annotations

import msgspec

from punchclock.clients.models import Client
from punchclock.projects.models import ProjectView
from punchclock.tags.models import Tag
from punchclock.tasks.models import TaskView
from punchclock.time_entries.models import EntryView
from punchclock.workspaces.models import Workspace


class RelatedData(msgspec.Struct, kw_only=True):
    """The caller's workspaces (with their role) and what is in them."""

    workspaces: list[tuple[Workspace, str]]
    tags: list[Tag]
    clients: list[Client]
    time_entries: list[EntryView]
    projects: list[ProjectView]
    tasks: list[TaskView]
