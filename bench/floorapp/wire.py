"""The floor's wire format: msgspec structs with Toggl's key order, codecs, time formatting."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from msgspec import UNSET, UnsetType

DEFAULT_IMAGE_URL = "https://assets.track.toggl.com/images/profile.png"


# ---- wire types (same keys and order as Punchclock's TimeEntryOut / MeOut) ----------------


class EntryOut(msgspec.Struct):
    id: int
    workspace_id: int
    project_id: int | None
    task_id: int | None
    billable: bool
    start: str
    stop: str | None
    duration: int
    description: str | None
    tags: list[str]
    tag_ids: list[int]
    duronly: bool
    at: str
    server_deleted_at: str | None
    user_id: int
    uid: int | UnsetType = UNSET
    wid: int | UnsetType = UNSET
    pid: int | UnsetType = UNSET
    tid: int | UnsetType = UNSET


class MeOut(msgspec.Struct):
    id: int
    api_token: str
    email: str
    fullname: str
    timezone: str
    toggl_accounts_id: str
    default_workspace_id: int | None
    beginning_of_week: int
    image_url: str
    created_at: str
    updated_at: str
    openid_email: None
    openid_enabled: bool
    country_id: int | None
    has_password: bool
    at: str
    intercom_hash: None
    authorization_updated_at: str
    two_fa_enabled: bool = msgspec.field(default=False, name="2fa_enabled")


class CreateBody(msgspec.Struct, kw_only=True):
    workspace_id: int | None = None
    project_id: int | None = None
    task_id: int | None = None
    billable: bool = False
    description: str | None = None
    start: str | None = None
    duration: int | None = None
    tag_ids: list[int] = []
    created_with: str | None = None


class PatchOp(msgspec.Struct):
    op: str
    path: str
    value: Any = None


class BulkOut(msgspec.Struct):
    success: list[int]
    failure: list[Any]


ENCODER = msgspec.json.Encoder(decimal_format="number")
CREATE_DECODER = msgspec.json.Decoder(CreateBody)
PATCH_DECODER = msgspec.json.Decoder(list[PatchOp])


def format_seconds(seconds: int) -> str:
    """UTC seconds as Toggl writes them (`...+00:00`)."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(seconds))


def format_micros(micros: int) -> str:
    """UTC microseconds as Toggl writes them (`....ffffffZ`)."""
    seconds, fraction = divmod(micros, 1_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{fraction:06d}Z"


def entry_out(row: Any, names: dict[int, str]) -> EntryOut:
    """The wire entry of a time_entries row (ENTRY_COLUMNS order), with its tag names."""
    (id_, wid, uid, pid, tid, billable, description, start, stop, tags, at, deleted) = row
    tag_ids = [int(t) for t in tags.split(",")] if tags else []
    out = EntryOut(
        id=id_,
        workspace_id=wid,
        project_id=pid,
        task_id=tid,
        billable=bool(billable),
        start=format_seconds(start),
        stop=None if stop is None else format_seconds(stop),
        duration=-start if stop is None else stop - start,
        description=description,
        tags=[names.get(t, "") for t in tag_ids],
        tag_ids=tag_ids,
        duronly=True,
        at=format_micros(at),
        server_deleted_at=None if deleted is None else format_seconds(deleted // 1_000_000),
        user_id=uid,
        uid=uid,
        wid=wid,
    )
    if pid is not None:
        out.pid = pid
    if tid is not None:
        out.tid = tid
    return out


def tag_ids_of(rows: list[Any]) -> list[int]:
    """Every tag id of these rows, sorted, for one tag-name query."""
    found: set[int] = set()
    for row in rows:
        if row[9]:
            found.update(int(t) for t in row[9].split(","))
    return sorted(found)


_zones: dict[str, ZoneInfo] = {}


def local_midnight(day: str, zone: str) -> int:
    """The instant an ISO date begins in `zone` (zones cached)."""
    tz = _zones.get(zone)
    if tz is None:
        tz = _zones[zone] = ZoneInfo(zone)
    return int(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), tzinfo=tz).timestamp())
