"""Tags as the domain sees them."""

from __future__ import annotations

import msgspec


class Tag(msgspec.Struct, frozen=True):
    """A named label in a workspace (instants in Unix microseconds)."""

    id: int
    workspace_id: int
    name: str
    creator_id: int
    created_at: int
    at: int
    server_deleted_at: int | None
