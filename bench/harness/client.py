"""Plain HTTP for the checks before timing, and the request-file lines wrk replays."""

from __future__ import annotations

import base64
import http.client
import json
from typing import Any


def basic(user: str, password: str) -> str:
    """A Basic Authorization header value."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def token_auth(user: dict[str, Any]) -> str:
    """Basic `<token>:api_token` for a dataset user."""
    return basic(user["token"], "api_token")


def http_request(
    port: int, method: str, path: str, auth: str, body: str | None = None
) -> tuple[int, bytes]:
    """One request to 127.0.0.1:port on a fresh connection: (status, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": auth}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def request_line(method: str, path: str, auth: str, body: str = "") -> str:
    """One tab-separated request of a request file (bench/lua/common.lua reads them)."""
    assert "\t" not in body and "\n" not in body
    return f"{method}\t{path}\t{auth}\t{body}"


def compact_json(body: object) -> str:
    """JSON without spaces, as request bodies are sent."""
    return json.dumps(body, separators=(",", ":"))
