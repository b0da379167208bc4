"""Ids that point at something else (project, task, client), as the domain takes them."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def zero_is_none(value: T) -> T | None:
    """None for 0: Toggl clients send `project_id: 0` (or task, client) for "none"."""
    return None if value == 0 and not isinstance(value, bool) else value
