"""The one check for the names people give things (clients, projects, tasks, tags, workspaces)."""

from __future__ import annotations

from punchclock.errors import BadRequest


def checked_name(
    name: str | None,
    longest: int,
    *,
    blank: str,
    too_long: str,
    invalid: str,
    trim: bool = True,
) -> str:
    """The name to store, trimmed unless `trim` is False; 400 with the caller's Toggl text.

    Refused: blank (empty or only spaces), longer than `longest`, or holding NUL, which
    PostgreSQL text cannot store (SQLite could, but both engines must agree).
    """
    cleaned = (name or "").strip()
    if not cleaned:
        raise BadRequest(blank)
    stored = cleaned if trim or name is None else name
    if len(stored) > longest:
        raise BadRequest(too_long)
    if "\x00" in stored:
        raise BadRequest(invalid)
    return stored
