"""The write workloads (create, start-stop, put, bulk50) and their checks."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from harness.client import compact_json, http_request, request_line, token_auth
from harness.plan import Workload

BULK_BODY = compact_json(
    [{"op": "replace", "path": "/description", "value": "Bulk edited by bench"}]
)


def create_body(user: dict[str, Any], description: str, now: str) -> str:
    """A running entry (`duration: -1`) with the user's project and two tags, started `now`."""
    return compact_json(
        {
            "created_with": "punchclock-bench",
            "description": description,
            "billable": False,
            "workspace_id": user["workspace_id"],
            "project_id": user["project_id"],
            "tag_ids": user["tag_ids"],
            "start": now,
            "duration": -1,
        }
    )


def _put_body(user: dict[str, Any]) -> str:
    return compact_json(
        {"description": "Edited by bench", "tag_ids": user["tag_ids"], "billable": True}
    )


def _entry_path(target: dict[str, Any]) -> str:
    return f"/api/v9/workspaces/{target['workspace_id']}/time_entries/{target['entry_id']}"


def _bulk_path(target: dict[str, Any]) -> str:
    ids = ",".join(str(i) for i in target["ids"])
    return f"/api/v9/workspaces/{target['workspace_id']}/time_entries/{ids}"


def _check_create(meta: dict[str, Any], now: str) -> Callable[[int], str]:
    def check(port: int) -> str:
        user = meta["create"][0]
        status, body = http_request(
            port,
            "POST",
            f"/api/v9/workspaces/{user['workspace_id']}/time_entries",
            token_auth(user),
            create_body(user, "Bench timer", now),
        )
        assert status == 200, f"create: HTTP {status} {body[:300]!r}"
        entry = json.loads(body)
        assert entry["stop"] is None and entry["tag_ids"] == user["tag_ids"], f"create: {entry}"
        return f"running entry with 2 tags, {len(body)} B"

    return check


def _check_startstop(meta: dict[str, Any], now: str) -> Callable[[int], str]:
    def check(port: int) -> str:
        user = meta["startstop"][0]
        wid = user["workspace_id"]
        status, body = http_request(
            port,
            "POST",
            f"/api/v9/workspaces/{wid}/time_entries",
            token_auth(user),
            create_body(user, "Bench start/stop", now),
        )
        assert status == 200, f"start: HTTP {status} {body[:300]!r}"
        entry_id = json.loads(body)["id"]
        status, body = http_request(
            port,
            "PATCH",
            f"/api/v9/workspaces/{wid}/time_entries/{entry_id}/stop",
            token_auth(user),
        )
        assert status == 200 and json.loads(body)["stop"], f"stop: HTTP {status} {body[:300]!r}"
        return "start then stop"

    return check


def _check_put(meta: dict[str, Any]) -> Callable[[int], str]:
    def check(port: int) -> str:
        target = meta["put"][0]
        status, body = http_request(
            port, "PUT", _entry_path(target), token_auth(target), _put_body(target)
        )
        assert status == 200, f"put: HTTP {status} {body[:300]!r}"
        assert json.loads(body)["description"] == "Edited by bench", "put: not applied"
        return f"{len(meta['put'])} stopped entries of {len({t['id'] for t in meta['put']})} users"

    return check


def _check_bulk(meta: dict[str, Any]) -> Callable[[int], str]:
    def check(port: int) -> str:
        target = meta["bulk"][0]
        path = _bulk_path(target)
        status, body = http_request(port, "PATCH", path, token_auth(target), BULK_BODY)
        assert status == 200, f"bulk: HTTP {status} {body[:300]!r}"
        result = json.loads(body)
        assert len(result["success"]) == 50 and not result["failure"], f"bulk: {result}"
        return "50 ids per request, all succeed"

    return check


def write_workloads(meta: dict[str, Any], server: str, now: str) -> dict[str, Workload]:
    """create, start-stop, put and bulk (bulk50 for Punchclock); creates start at `now`."""
    bulk_name = "bulk50" if server == "punchclock" else "bulk"
    startstop_lines = [
        f"{token_auth(u)}\t{u['workspace_id']}\t{u['id']}\t"
        f"{create_body(u, 'Bench start/stop', now)}"
        for u in meta["startstop"]
    ]
    return {
        "create": Workload(
            "create",
            "replay.lua",
            [
                request_line(
                    "POST",
                    f"/api/v9/workspaces/{u['workspace_id']}/time_entries",
                    token_auth(u),
                    create_body(u, "Bench timer", now),
                )
                for u in meta["create"]
            ],
            _check_create(meta, now),
        ),
        "start-stop": Workload(
            "start-stop", "startstop.lua", startstop_lines, _check_startstop(meta, now)
        ),
        "put": Workload(
            "put",
            "replay.lua",
            [request_line("PUT", _entry_path(t), token_auth(t), _put_body(t)) for t in meta["put"]],
            _check_put(meta),
        ),
        bulk_name: Workload(
            bulk_name,
            "replay.lua",
            [request_line("PATCH", _bulk_path(t), token_auth(t), BULK_BODY) for t in meta["bulk"]],
            _check_bulk(meta),
        ),
    }
