"""Pure rules for tasks: validation and Toggl's texts (no I/O)."""

from __future__ import annotations

from punchclock.errors import BadRequest
from punchclock.names import checked_name

MAX_NAME_LENGTH = 255
MAX_ESTIMATED_SECONDS = 2**31 * 3600

PROJECT_NOT_ACCESSIBLE = "Project not found/accessible"
ARCHIVED_PROJECT = "Can not change tasks of archived project"
TASK_NOT_FOUND = "Task not found"
NAME_BLANK = "Task name can't be blank"
NAME_TOO_LONG = f"Task name must be at most {MAX_NAME_LENGTH} characters"
INVALID_ESTIMATE = "Invalid estimated_seconds"
INVALID_ASSIGNEE = "User is not a member of this workspace"
# PostgreSQL text cannot hold NUL; SQLite could, but both engines must agree (Punchclock's text).
NAME_INVALID = "Invalid task name"


def name_taken(name: str) -> str:
    """The 400 for a second live task of that name in one project (Punchclock's wording)."""
    return f"a task with the name '{name}' already exists in this project"


def clean_name(name: str | None) -> str:
    """The name to store, trimmed; 400 when blank or too long."""
    return checked_name(
        name, MAX_NAME_LENGTH, blank=NAME_BLANK, too_long=NAME_TOO_LONG, invalid=NAME_INVALID
    )


def check_estimate(seconds: int | None) -> int | None:
    """Estimated seconds: none, or a sane non-negative amount."""
    if seconds is not None and not 0 <= seconds <= MAX_ESTIMATED_SECONDS:
        raise BadRequest(INVALID_ESTIMATE)
    return seconds
