"""Clients as the domain sees them."""

from __future__ import annotations

import msgspec


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
