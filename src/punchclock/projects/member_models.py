"""Project members as the domain sees them, and what a caller may ask for."""

from __future__ import annotations

from decimal import Decimal

import msgspec
from msgspec import UNSET, UnsetType


class ProjectUser(msgspec.Struct, frozen=True):
    """A user's membership of a project (instants in Unix microseconds)."""

    id: int
    workspace_id: int
    project_id: int
    user_id: int
    manager: bool
    rate: Decimal | None
    rate_last_updated: int | None
    labor_cost: Decimal | None
    created_at: int
    at: int


class ProjectUserDraft(msgspec.Struct, kw_only=True):
    """What a create or update asks for: UNSET is "not given", None clears a rate or cost."""

    project_id: int | UnsetType = UNSET
    user_id: int | UnsetType = UNSET
    manager: bool | UnsetType = UNSET
    rate: Decimal | UnsetType | None = UNSET
    labor_cost: Decimal | UnsetType | None = UNSET


class ProjectUserQuery(msgspec.Struct, kw_only=True):
    """Which of a workspace's project members to list."""

    project_ids: list[int] | None = None
    user_id: int | None = None
