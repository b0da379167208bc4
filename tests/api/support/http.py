"""What many API tests check or send: Toggl's error shape, its common messages, Basic auth."""

from __future__ import annotations

import base64
from typing import Any

NO_ACCESS = "User does not have access to this resource"


def assert_error(resp: Any, status: int, message: str) -> None:
    """Toggl's error shape: the status, a JSON content type and a JSON string body."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.json() == message


def basic_auth(username: str, password: str) -> dict[str, str]:
    """An Authorization header for HTTP Basic with these credentials."""
    raw = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}
