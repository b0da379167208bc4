"""Projects as the domain sees them, and what a caller may ask for."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import msgspec
from msgspec import UNSET, UnsetType

DEFAULT_PER_PAGE = 151


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


class ProjectView(msgspec.Struct, frozen=True):
    """A project with what is derived from it: tracked seconds and lifecycle status."""

    project: Project
    actual_seconds: int
    status: str


class ProjectDraft(msgspec.Struct, kw_only=True):
    """What a create asks for; UNSET means "not given" (workspace defaults apply)."""

    name: str | UnsetType | None = UNSET
    client_id: int | UnsetType | None = UNSET
    client_name: str | UnsetType | None = UNSET
    active: bool | UnsetType = UNSET
    is_private: bool | UnsetType = UNSET
    color: str | UnsetType = UNSET
    billable: bool | UnsetType = UNSET
    template: bool | UnsetType = UNSET
    auto_estimates: bool | UnsetType = UNSET
    estimated_seconds: int | UnsetType = UNSET
    rate: Decimal | UnsetType = UNSET
    currency: str | UnsetType = UNSET
    fixed_fee: Decimal | UnsetType = UNSET
    recurring: bool | UnsetType = UNSET
    start_date: dt.date | UnsetType = UNSET
    end_date: dt.date | UnsetType = UNSET


class ProjectQuery(msgspec.Struct, kw_only=True):
    """Which of a workspace's projects to list; `active` None means both."""

    active: bool | None = True
    name: str | None = None
    client_ids: list[int] | None = None
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
