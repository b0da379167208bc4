"""Clients as the domain sees them, and what a caller may change."""

from __future__ import annotations

import msgspec
from msgspec import UNSET, UnsetType


class Client(msgspec.Struct, frozen=True):
    """Who projects are for, in one workspace (instants in Unix microseconds)."""

    id: int
    workspace_id: int
    name: str
    notes: str | None
    archived: bool
    creator_id: int
    created_at: int
    at: int
    server_deleted_at: int | None


class ClientChanges(msgspec.Struct, kw_only=True):
    """What an update asks for: UNSET leaves a field alone; notes None clears them."""

    name: str | UnsetType = UNSET
    notes: str | UnsetType | None = UNSET
