"""Pure rules for clients: name validation and Toggl's texts (no I/O)."""

from __future__ import annotations

from punchclock.errors import BadRequest

MAX_NAME_LENGTH = 255

NAME_EMPTY = "Client name cannot be empty"
NAME_TOO_LONG = f"Client name maximum length is {MAX_NAME_LENGTH}"
STATUS_INVALID = "Client status is invalid"


def client_not_found(client_id: int | str) -> str:
    """Toggl's 404 text for an unknown client."""
    return f"No client with ID {client_id} was found"


def name_taken(name: str) -> str:
    """The 400 for a second live client of that name (worded like Toggl's tag message)."""
    return f"a client with the name '{name}' already exists"


def clean_name(name: str | None) -> str:
    """The name to store, trimmed; 400 with Toggl's text when empty or too long."""
    cleaned = (name or "").strip()
    if not cleaned:
        raise BadRequest(NAME_EMPTY)
    if len(cleaned) > MAX_NAME_LENGTH:
        raise BadRequest(NAME_TOO_LONG)
    return cleaned
