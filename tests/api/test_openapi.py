"""The OpenAPI document at /schema/openapi.json and the page at /schema."""

from __future__ import annotations

import re
from typing import Any

from litestar.routes import HTTPRoute
from litestar.testing import TestClient

from punchclock.api.http import INT64_MAX
from punchclock.api.openapi_page import render_page
from tests.conftest import API, Account

DOC = "/schema/openapi.json"
TE = API + "/workspaces/{workspace_id}/time_entries"
REPORTS = "/reports/api/v3/workspace/{workspace_id}"
# An attribute that loads or links anything from another host (http://, https://, //host).
EXTERNAL = re.compile(r"""\b(?:src|href|action)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//""", re.I)


def _document(client: TestClient[Any]) -> dict[str, Any]:
    response = client.get(DOC)
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    resolved: dict[str, Any] = document["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    return resolved


def _body_schema(document: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    body = document["paths"][path][method]["requestBody"]
    return _resolve(document, body["content"]["application/json"]["schema"])


def _toggl_routes(client: TestClient[Any]) -> list[tuple[str, str, Any]]:
    routes = []
    for route in client.app.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith("/schema"):
            continue
        for method, (handler, _) in route.route_handler_map.items():
            if handler.resolve_include_in_schema():
                routes.append((route.path_format, method.lower(), handler))
    return routes


def test_every_route_is_documented_with_its_methods(client: TestClient[Any]) -> None:
    document = _document(client)
    routes = _toggl_routes(client)
    toggl = [(path, method) for path, method, _ in routes if path.startswith((API, "/reports"))]
    assert len(toggl) > 60
    for path, method in toggl:
        assert method in document["paths"].get(path, {}), f"{method.upper()} {path}"
    documented = {(path, method) for path, item in document["paths"].items() for method in item}
    assert documented == {(path, method) for path, method, _ in routes}


def test_path_ids_are_positive_int64_and_bulk_ids_a_list(client: TestClient[Any]) -> None:
    document = _document(client)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "path":
                    continue
                assert parameter["required"] is True
                schema = parameter["schema"]
                if schema["type"] == "string":
                    assert method == "patch", (method, path, parameter)
                    assert re.fullmatch(schema["pattern"], "1,22,333")
                    assert not re.search(schema["pattern"], "0,x")
                else:
                    expected = {"type": "integer", "format": "int64", "minimum": 1}
                    assert schema == {**expected, "maximum": INT64_MAX}, (path, parameter)
    delete = document["paths"][TE + "/{time_entry_id}"]["delete"]
    names = {p["name"]: p["schema"]["type"] for p in delete["parameters"]}
    assert names == {"workspace_id": "integer", "time_entry_id": "integer"}


def test_every_handler_reading_a_body_documents_it(client: TestClient[Any]) -> None:
    document = _document(client)
    for path, method, handler in _toggl_routes(client):
        operation = document["paths"][path][method]
        takes_body = "body" in handler.parsed_fn_signature.parameters
        assert ("requestBody" in operation) == takes_body, f"{method.upper()} {path}"


def test_bodies_carry_the_structs_schemas(client: TestClient[Any]) -> None:
    document = _document(client)
    entry = _body_schema(document, TE, "post")
    assert entry["type"] == "object"
    assert {"start", "duration", "description", "created_with", "tags"} <= set(entry["properties"])
    duration = entry["properties"]["duration"]["anyOf"]
    assert {"type": "integer"} in duration
    assert document["paths"][TE]["post"]["requestBody"]["required"] is True
    project = _body_schema(document, API + "/workspaces/{workspace_id}/projects", "post")
    assert {"name", "client_id", "active"} <= set(project["properties"])
    patch = _body_schema(document, TE + "/{time_entry_id}", "patch")
    assert patch["type"] == "array"
    operation = _resolve(document, patch["items"])
    assert operation["required"] == ["op", "path"]
    report = _body_schema(document, REPORTS + "/search/time_entries", "post")
    assert {"start_date", "end_date", "page_size"} <= set(report["properties"])
    restore = API + "/workspaces/{workspace_id}/clients/{client_id}/restore"
    assert document["paths"][restore]["post"]["requestBody"]["required"] is False


def test_query_responses_and_errors_are_described(client: TestClient[Any]) -> None:
    document = _document(client)
    listing = document["paths"][API + "/me/time_entries"]["get"]
    query = {p["name"]: p["schema"] for p in listing["parameters"] if p["in"] == "query"}
    assert query["since"] == {"type": "integer"}
    assert query["meta"] == {"type": "boolean"}
    ok = listing["responses"]["200"]["content"]["application/json"]["schema"]
    assert _resolve(document, ok["items"])["properties"]["duration"] == {"type": "integer"}
    error = listing["responses"]["400"]["content"]["application/json"]["schema"]
    assert error == {"type": "string"}
    csv = document["paths"][REPORTS + "/search/time_entries.csv"]["post"]["responses"]["200"]
    assert "text/csv" in csv["content"]


def test_basic_auth_is_the_documented_security(client: TestClient[Any]) -> None:
    document = _document(client)
    assert document["security"] == [{"basicAuth": []}]
    scheme = document["components"]["securitySchemes"]["basicAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "basic")
    for path, method, handler in _toggl_routes(client):
        operation = document["paths"][path][method]
        if "user" in handler.parsed_fn_signature.parameters:
            assert "security" not in operation, (method, path)  # the document's: Basic
        else:
            assert operation["security"] == [], (method, path)  # e.g. /healthz
    assert "security" not in document["paths"][API + "/me/logged"]["get"]


def test_schema_endpoints_need_no_auth_and_api_still_does(client: TestClient[Any]) -> None:
    assert client.get(DOC).status_code == 200
    page = client.get("/schema")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert client.get(API + "/me").status_code == 401


def test_page_loads_nothing_from_another_host(client: TestClient[Any]) -> None:
    html = client.get("/schema").text
    assert "<script" not in html.lower()
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert f'href="{DOC}"' in html
    document = _document(client)
    for path in document["paths"]:
        assert f"<code>{path}</code>" in html
    # A docstring with quotes, escaped.
    assert "{&quot;name&quot;,&quot;workspace_name&quot;}" in html


def test_page_escapes_every_text() -> None:
    hostile = "<script>alert(1)</script>"
    document = {
        "info": {"title": hostile, "description": '"&'},
        "paths": {
            "/x/{id}": {
                "get": {
                    "summary": hostile,
                    "parameters": [{"name": hostile, "in": "path", "schema": {"enum": [hostile]}}],
                    "requestBody": {"content": {"application/json": {"schema": {"a": hostile}}}},
                }
            }
        },
        "components": {"schemas": {hostile: {"description": hostile}}},
    }
    html = render_page(document, '/schema/openapi.json"><script>').decode()
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&amp;" in html


def test_runtime_parsing_is_unchanged(client: TestClient[Any], alice: Account) -> None:
    """The document says integer; the handlers still answer Toggl's errors for anything else."""
    wrong = client.get(API + "/workspaces/abc", headers=alice.headers)
    assert (wrong.status_code, wrong.json()) == (403, "Missing or invalid workspace_id")
    entry = client.delete(
        f"{API}/workspaces/{alice.workspace_id}/time_entries/x", headers=alice.headers
    )
    assert (entry.status_code, entry.json()) == (400, "Invalid or missing time_entry_id")
    body = client.post(
        f"{API}/workspaces/{alice.workspace_id}/time_entries", content=b"[", headers=alice.headers
    )
    assert (body.status_code, body.json()) == (400, "Invalid JSON input")
