"""Invariants under real concurrency: parallel HTTP requests against a multi-worker server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.concurrency.live_server import LiveServer, seed_user, start_server
from tests.conftest import API

WORKERS = 4


@pytest.fixture
def server(live_database_url: str, tmp_path: Path) -> Iterator[tuple[LiveServer, int]]:
    """A 4-worker server on the test's database, with one seeded user."""
    workspace_id = seed_user(live_database_url)
    live = start_server(live_database_url, tmp_path, workers=WORKERS)
    yield live, workspace_id
    live.stop()


def _entries(live: LiveServer) -> list[dict[str, Any]]:
    with live.client() as http:
        response = http.get(f"{API}/me/time_entries", params={"since": 0})
        assert response.status_code == 200, response.text
        return list(response.json())


def test_concurrent_starts_leave_exactly_one_running_entry(server: tuple[LiveServer, int]) -> None:
    live, wid = server
    barrier = threading.Barrier(50)

    def start(n: int) -> int:
        with live.client() as http:
            barrier.wait()
            body = {
                "start": "2026-11-27T10:00:00Z",
                "duration": -1,
                "description": f"timer {n}",
                "created_with": "concurrency-test",
            }
            return http.post(f"{API}/workspaces/{wid}/time_entries", json=body).status_code

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(start, range(50)))
    assert statuses == [200] * 50
    entries = _entries(live)
    assert len(entries) == 50
    running = [e for e in entries if e["stop"] is None]
    assert len(running) == 1
    assert running[0]["duration"] == -1795773600  # -(start epoch)
    for entry in entries:
        if entry["stop"] is not None:
            assert entry["duration"] >= 0
            assert entry["stop"] >= entry["start"]
    with live.client() as http:
        assert http.get(f"{API}/me/time_entries/current").json()["id"] == running[0]["id"]


def _race(live: LiveServer, requests: dict[str, tuple[str, str, Any]]) -> dict[str, Any]:
    """Send the named requests at the same instant, each on its own connection."""
    barrier = threading.Barrier(len(requests))
    results: dict[str, Any] = {}

    def send(name: str) -> None:
        method, path, body = requests[name]
        with live.client() as http:
            barrier.wait()
            results[name] = http.request(method, path, json=body)

    threads = [threading.Thread(target=send, args=(name,)) for name in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_stop_and_put_lose_no_update(server: tuple[LiveServer, int]) -> None:
    live, wid = server
    with live.client() as http:
        for round_ in range(10):
            created = http.post(
                f"{API}/workspaces/{wid}/time_entries",
                json={"start": "2026-11-27T09:00:00Z", "duration": -1, "created_with": "t"},
            ).json()
            path = f"{API}/workspaces/{wid}/time_entries/{created['id']}"
            body = {"description": f"renamed {round_}", "tags": ["raced"]}
            results = _race(
                live, {"stop": ("PATCH", f"{path}/stop", None), "put": ("PUT", path, body)}
            )
            assert results["stop"].status_code == 200, results["stop"].text
            assert results["put"].status_code == 200, results["put"].text
            final = http.get(f"{API}/me/time_entries/{created['id']}").json()
            # Both changes survive, whichever ran first.
            assert final["stop"] is not None and final["duration"] >= 0
            assert final["description"] == f"renamed {round_}" and final["tags"] == ["raced"]
            ats = sorted([created["at"], results["stop"].json()["at"], results["put"].json()["at"]])
            assert len(set(ats)) == 3, ats
            assert final["at"] == ats[-1]


def test_concurrent_tag_additions_keep_every_tag(server: tuple[LiveServer, int]) -> None:
    live, wid = server
    with live.client() as http:
        for round_ in range(5):
            created = http.post(
                f"{API}/workspaces/{wid}/time_entries",
                json={"start": "2026-11-27T09:00:00Z", "duration": 60, "created_with": "t"},
            ).json()
            path = f"{API}/workspaces/{wid}/time_entries/{created['id']}"
            races = {
                name: ("PUT", path, {"tags": [f"{name}{round_}"], "tag_action": "add"})
                for name in ("a", "b", "c")
            }
            results = _race(live, races)
            assert all(r.status_code == 200 for r in results.values())
            final = http.get(f"{API}/me/time_entries/{created['id']}").json()
            assert sorted(final["tags"]) == [f"a{round_}", f"b{round_}", f"c{round_}"]


def test_bulk_patch_racing_delete_matches_a_serial_order(server: tuple[LiveServer, int]) -> None:
    live, wid = server
    with live.client() as http:
        ids = [
            http.post(
                f"{API}/workspaces/{wid}/time_entries",
                json={
                    "start": f"2026-11-2{d}T09:00:00Z",
                    "duration": 60,
                    "description": "old",
                    "created_with": "t",
                },
            ).json()["id"]
            for d in range(1, 9)
        ]
    barrier = threading.Barrier(1 + len(ids))
    outcome: dict[str, Any] = {}

    def bulk() -> None:
        with live.client() as http:
            barrier.wait()
            outcome["bulk"] = http.patch(
                f"{API}/workspaces/{wid}/time_entries/{','.join(map(str, ids))}",
                json=[{"op": "replace", "path": "/description", "value": "new"}],
            )

    def remove(entry_id: int) -> None:
        with live.client() as http:
            barrier.wait()
            assert http.delete(f"{API}/workspaces/{wid}/time_entries/{entry_id}").status_code == 200

    threads = [threading.Thread(target=bulk)] + [
        threading.Thread(target=remove, args=(i,)) for i in ids
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcome["bulk"].status_code == 200, outcome["bulk"].text
    result = outcome["bulk"].json()
    succeeded = set(result["success"])
    failed = {f["id"]: f["message"] for f in result["failure"]}
    assert succeeded | set(failed) == set(ids) and not succeeded & set(failed)
    by_id = {e["id"]: e for e in _entries(live)}
    for entry_id in ids:
        entry = by_id[entry_id]
        assert entry["server_deleted_at"] is not None  # every delete succeeded
        if entry_id in succeeded:
            assert entry["description"] == "new"  # patched, then deleted
        else:
            assert failed[entry_id] == "Time entry not found"  # deleted first
            assert entry["description"] == "old"


def test_since_polling_never_misses_a_change(server: tuple[LiveServer, int]) -> None:
    live, wid = server
    stop_writing = threading.Event()
    seen: dict[int, dict[str, Any]] = {}

    def write(n: int) -> None:
        with live.client() as http:
            mine: list[int] = []
            for i in range(40):
                action = i % 4
                if action == 0 or not mine:
                    body = {
                        "start": "2026-11-27T08:00:00Z",
                        "duration": 30 + n,
                        "created_with": "t",
                        "description": f"w{n}-{i}",
                    }
                    mine.append(
                        http.post(f"{API}/workspaces/{wid}/time_entries", json=body).json()["id"]
                    )
                elif action == 1:
                    http.put(
                        f"{API}/workspaces/{wid}/time_entries/{mine[-1]}",
                        json={"description": f"u{n}-{i}"},
                    )
                elif action == 2:
                    http.patch(
                        f"{API}/workspaces/{wid}/time_entries/{mine[-1]}",
                        json=[{"op": "add", "path": "/tags", "value": [f"t{i}"]}],
                    )
                else:
                    http.delete(f"{API}/workspaces/{wid}/time_entries/{mine.pop(0)}")

    def poll() -> None:
        since = 0
        with live.client() as http:
            while True:
                done = stop_writing.is_set()
                batch = http.get(f"{API}/me/time_entries", params={"since": since}).json()
                for entry in batch:
                    seen[entry["id"]] = entry
                if batch:
                    # `since` takes whole seconds; step back one so equal-second changes repeat
                    # rather than vanish (duplicates are harmless to a sync client).
                    newest = max(_epoch(e["at"]) for e in batch)
                    since = max(since, newest - 1)
                if done:
                    return
                time.sleep(0.01)

    poller = threading.Thread(target=poll)
    poller.start()
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, range(4)))
    stop_writing.set()
    poller.join()
    final = {e["id"]: e for e in _entries(live)}
    assert final, "writers created nothing"
    assert seen.keys() == final.keys()
    for entry_id, entry in final.items():
        assert seen[entry_id] == entry, f"poller missed the last change of entry {entry_id}"


def _epoch(stamp: str) -> int:
    from datetime import datetime

    return int(datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp())
