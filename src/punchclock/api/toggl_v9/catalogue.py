"""Route list for the workspace catalogue: projects, clients, tags and tasks."""

from __future__ import annotations

from typing import Any

from punchclock.api.toggl_v9 import clients, project_users, projects, tags, tasks

ROUTES: list[Any] = [
    *projects.ROUTES,
    *project_users.ROUTES,
    *clients.ROUTES,
    *tags.ROUTES,
    *tasks.ROUTES,
]
