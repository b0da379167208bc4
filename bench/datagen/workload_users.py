"""Who each workload uses: disjoint user sets, and the metadata JSON the runner reads."""

from __future__ import annotations

import datetime as dt
from operator import itemgetter
from typing import Any

from datagen.shape import (
    END_DATE,
    LIST_TARGET,
    N_USERS,
    N_WORKSPACES,
    PASSWORD,
    SIZES,
    WINDOW_DAYS,
    api_token,
    email,
    timezone_of,
    workspace_of,
)


def assign_roles(stats: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """Disjoint user sets for each workload, chosen from the (shared) recent history."""
    by_window = sorted(
        (uid for uid in stats if abs(stats[uid]["window"] - LIST_TARGET) <= 6),
        key=lambda uid: (abs(stats[uid]["window"] - LIST_TARGET), uid),
    )
    list_users = sorted(by_window[:16])
    taken = set(list_users)
    heavy = sorted(
        (uid for uid in stats if uid not in taken),
        key=lambda uid: (-len(stats[uid]["recent_live"]), uid),
    )
    bulk_users = sorted(heavy[:20])
    taken.update(bulk_users)
    put_users = sorted(heavy[20:60])
    taken.update(put_users)
    current_users = [uid for uid in range(5, N_USERS + 1, 5) if uid not in taken][:32]
    taken.update(current_users)
    rest = [uid for uid in range(1, N_USERS + 1) if uid not in taken]
    create_users = rest[0::2][:200]
    startstop_users = rest[1::2][:200]
    return {
        "list": list_users,
        "list_set": set(list_users),
        "bulk": bulk_users,
        "put": put_users,
        "current": current_users,
        "create": create_users,
        "startstop": startstop_users,
        "protected": set(list_users) | set(bulk_users) | set(put_users) | set(current_users),
    }


def _user_info(uid: int) -> dict[str, Any]:
    """Who a user is, as every metadata entry names them."""
    return {
        "id": uid,
        "email": email(uid),
        "token": api_token(uid),
        "workspace_id": workspace_of(uid),
        "timezone": timezone_of(uid),
    }


def metadata(
    size: str,
    roles: dict[str, Any],
    stats: dict[int, dict[str, Any]],
    ids_by_key: dict[tuple[int, int], int],
    running: list[tuple[Any, ...]],
    catalogue: dict[str, Any],
) -> dict[str, Any]:
    """The metadata JSON: each workload's users with their expected answers and target ids."""
    start_date = END_DATE - dt.timedelta(days=WINDOW_DAYS)
    public_projects = {
        wid: [p[0] for p in projects if not p[1]]
        for wid, projects in catalogue["projects_by_ws"].items()
    }

    def writer(uid: int) -> dict[str, Any]:
        wid = workspace_of(uid)
        tags = catalogue["tags_by_ws"][wid]
        return {
            **_user_info(uid),
            "project_id": public_projects[wid][uid % len(public_projects[wid])],
            "tag_ids": [tags[uid % len(tags)], tags[(uid + 7) % len(tags)]],
        }

    def newest_ids(uid: int, n: int) -> list[int]:
        live = sorted(stats[uid]["recent_live"], key=itemgetter(0), reverse=True)
        return [ids_by_key[(uid, e[0])] for e in live[:n] if (uid, e[0]) in ids_by_key]

    running_by_user = {e[2]: ids_by_key[(e[2], e[0])] for e in running}
    return {
        "size": size,
        "entries": SIZES[size],
        "users": N_USERS,
        "workspaces": N_WORKSPACES,
        "password": PASSWORD,
        "end_date": END_DATE.isoformat(),
        "list": [
            {
                **_user_info(uid),
                "start_date": start_date.isoformat(),
                "end_date": END_DATE.isoformat(),
                "expected": stats[uid]["window"],
            }
            for uid in roles["list"]
        ],
        "current": [
            {**_user_info(uid), "running_id": running_by_user[uid]} for uid in roles["current"]
        ],
        "create": [writer(uid) for uid in roles["create"]],
        "startstop": [writer(uid) for uid in roles["startstop"]],
        "put": [
            {**writer(uid), "entry_id": entry_id}
            for uid in roles["put"]
            for entry_id in newest_ids(uid, 10)
        ],
        "bulk": [{**_user_info(uid), "ids": newest_ids(uid, 50)} for uid in roles["bulk"]],
    }
