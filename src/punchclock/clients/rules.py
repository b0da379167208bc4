"""Pure rules for clients: name validation and Toggl's texts (no I/O)."""

from __future__ import annotations

from punchclock.errors import BadRequest
from punchclock.names import checked_name

MAX_NAME_LENGTH = 255

NAME_EMPTY = "Client name cannot be empty"
NAME_TOO_LONG = f"Client name maximum length is {MAX_NAME_LENGTH}"
STATUS_INVALID = "Client status is invalid"
# PostgreSQL text cannot hold NUL; SQLite could, but both engines must agree (Punchclock's texts).
NAME_INVALID = "Invalid client name"
NOTES_INVALID = "Invalid client notes"
# Toggl's PUT answers an unknown client with this text; its other endpoints use client_not_found.
NOT_IN_WORKSPACE = "Client doesn't exist in the workspace."
# Toggl's 403 for a member who is not an admin (documented for every client write but create).
FORBIDDEN = "Forbidden"


def client_not_found(client_id: int | str) -> str:
    """Toggl's 404 text for an unknown client."""
    return f"No client with ID {client_id} was found"


def name_taken(name: str) -> str:
    """The 400 for a second live client of that name (worded like Toggl's tag message)."""
    return f"a client with the name '{name}' already exists"


def project_name_clash(name: str) -> str:
    """The 400 when deleting a client would leave two client-less projects of one name."""
    return (
        f"Cannot delete the client: its project '{name}' has the same name as a project "
        "without a client"
    )


def project_not_of_client(project_id: int, client_id: int) -> str:
    """The 400 when a restore names a project that is not one of the client's."""
    return f"Project with the ID {project_id} isn't present in client {client_id}"


def clean_name(name: str | None) -> str:
    """The name to store, trimmed; 400 with Toggl's text when empty or too long."""
    return checked_name(
        name, MAX_NAME_LENGTH, blank=NAME_EMPTY, too_long=NAME_TOO_LONG, invalid=NAME_INVALID
    )


def clean_notes(notes: str | None) -> str | None:
    """Notes to store; "" means none."""
    if notes and "\x00" in notes:
        raise BadRequest(NOTES_INVALID)
    return notes or None
