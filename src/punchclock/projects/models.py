"""Projects as the domain sees them."""

from __future__ import annotations

from decimal import Decimal

import msgspec


class Project(msgspec.Struct, frozen=True):
    """A project in a workspace (instants in Unix microseconds)."""

    id: int
    workspace_id: int
    client_id: int | None
    name: str
    is_private: bool
    active: bool
    color: str
    billable: bool | None
    template: bool | None
    auto_estimates: bool | None
    estimated_seconds: int | None
    rate: Decimal | None
    currency: str | None
    fixed_fee: Decimal | None
    recurring: bool
    start_date: str
    end_date: str | None
    creator_id: int
    created_at: int
    at: int
    server_deleted_at: int | None
