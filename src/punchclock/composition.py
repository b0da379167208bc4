"""Domain services wired to the collaborators they only know by protocol.

The catalogue domains never import time entries, and clients never import projects: each
declares what it needs (`<domain>/dependents.py`) and this module, above every domain, hands
them the implementation. Front doors (the Toggl API, the CLI, the web app, the importer) build
these services here, so a tag deleted from any of them leaves every entry the same way.
"""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.clients.service import ClientService
from punchclock.clock import Clock
from punchclock.projects.cascade_repository import ProjectCascadeRepository
from punchclock.projects.editor import ProjectEditor
from punchclock.projects.service import ProjectService
from punchclock.tags.service import TagService
from punchclock.tasks.editor import TaskEditor
from punchclock.tasks.service import TaskService
from punchclock.time_entries.cascade import EntryCascade
from punchclock.time_entries.tracked import TrackedTime


def project_service(conn: Connection, clock: Clock) -> ProjectService:
    """Projects, with the time tracked on each."""
    return ProjectService(conn, clock, TrackedTime(conn), client_service(conn, clock))


def task_service(conn: Connection, clock: Clock) -> TaskService:
    """Tasks, with the time tracked on each."""
    return TaskService(conn, clock, TrackedTime(conn))


def tag_service(conn: Connection, clock: Clock) -> TagService:
    """Tags; a deleted tag leaves every time entry that carried it."""
    return TagService(conn, clock, EntryCascade(conn))


def task_editor(conn: Connection, clock: Clock) -> TaskEditor:
    """Task edits; a deleted task is cleared from every time entry on it."""
    return TaskEditor(conn, clock, task_service(conn, clock), EntryCascade(conn))


def project_editor(conn: Connection, clock: Clock) -> ProjectEditor:
    """Project edits; a deleted project's time entries are unassigned or deleted."""
    return ProjectEditor(conn, clock, project_service(conn, clock), EntryCascade(conn))


def client_service(conn: Connection, clock: Clock) -> ClientService:
    """Clients; deleting, archiving and restoring one changes its projects."""
    return ClientService(conn, clock, ProjectCascadeRepository(conn))
