"""Completing Litestar's OpenAPI document from what each route declares in `opt=doc(...)`.

Handlers take path ids as `str` and bodies as `bytes` so that they can answer with Toggl's exact
errors; Litestar therefore documents string ids and no body. Each route declares what it really
parses (`opt=doc(body=TimeEntryPayload)`), and this module writes that into the document: ids
as positive int64, bodies and responses as the msgspec structs' JSON schemas. Runtime parsing is
untouched.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import msgspec
from litestar import Litestar
from litestar.routes import HTTPRoute

from punchclock.api.http import INT64_MAX

OPT_KEY = "openapi"
CSV = "text/csv"
_REF_TEMPLATE = "#/components/schemas/{name}"
ID_SCHEMA: dict[str, Any] = {
    "type": "integer",
    "format": "int64",
    "minimum": 1,
    "maximum": INT64_MAX,
}
# Bulk paths (PATCH .../{ids}) take comma-separated ids.
ID_LIST_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": r"^[1-9][0-9]{0,17}(,[1-9][0-9]{0,17})*$",
    "description": "comma-separated ids",
}
_ERROR = {
    "description": "Toggl's error: the message as a JSON string",
    "content": {"application/json": {"schema": {"type": "string"}}},
}
_ERRORS: dict[str, Any] = {
    "400": _ERROR,
    "401": {"description": "Missing or wrong credentials (no body)"},
    "403": _ERROR,
    "404": _ERROR,
}


@dataclass(frozen=True)
class OperationDoc:
    """What a handler parses by hand, for the document."""

    body: Any = None
    body_required: bool = True
    response: Any = None
    media_type: str = "application/json"
    query: Mapping[str, Any] = field(default_factory=dict)
    id_list: str | None = None


def doc(
    body: Any = None,
    *,
    body_required: bool = True,
    response: Any = None,
    media_type: str = "application/json",
    query: Mapping[str, Any] | None = None,
    id_list: str | None = None,
) -> dict[str, Any]:
    """A route's `opt`: its body and response types, query parameters and bulk-id parameter."""
    return {OPT_KEY: OperationDoc(body, body_required, response, media_type, query or {}, id_list)}


class TogglDocument:
    """The completed document of one app, built on the first request and then reused."""

    def __init__(self) -> None:
        self._base: dict[str, Any] | None = None
        self._document: dict[str, Any] = {}

    def get(self, app: Litestar, base: dict[str, Any]) -> dict[str, Any]:
        """Litestar's document `base`, completed for `app`'s routes."""
        if base is not self._base:
            self._document = complete(app, base)
            self._base = base
        return self._document


def complete(app: Litestar, base: dict[str, Any]) -> dict[str, Any]:
    """A copy of `base` with every operation's ids, query, body and responses described."""
    document = copy.deepcopy(base)
    pending: list[tuple[dict[str, Any], OperationDoc]] = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        path_item = document.get("paths", {}).get(route.path_format, {})
        for method, (handler, _) in route.route_handler_map.items():
            operation = path_item.get(method.lower())
            if operation is None:
                continue
            spec = handler.opt.get(OPT_KEY) or OperationDoc()
            pending.append((operation, spec))
            if "user" not in handler.parsed_fn_signature.parameters:
                # Only handlers that take the `user` dependency authenticate (not /healthz).
                operation["security"] = []
    types = [t for _, spec in pending for t in (spec.body, spec.response) if t is not None]
    schemas, components = msgspec.json.schema_components(
        types, schema_hook=_any_value, ref_template=_REF_TEMPLATE
    )
    by_type = dict(zip(map(_type_key, types), schemas, strict=True))
    for operation, spec in pending:
        _describe(operation, spec, by_type)
    document.setdefault("components", {}).setdefault("schemas", {}).update(components)
    return document


def _any_value(type_: Any) -> dict[str, Any]:
    # `object` fields (e.g. MeOut's related arrays) hold any JSON value.
    if type_ is object:
        return {"description": "any JSON value"}
    raise NotImplementedError(type_)


def _type_key(type_: Any) -> str:
    return repr(type_)


def _describe(operation: dict[str, Any], spec: OperationDoc, schemas: dict[str, Any]) -> None:
    description = operation.get("description")
    if description:
        operation["summary"] = description.splitlines()[0]
    parameters = [p for p in operation.get("parameters", []) if p.get("in") != "query"]
    for parameter in parameters:
        if parameter.get("in") == "path":
            is_list = parameter["name"] == spec.id_list
            parameter["schema"] = dict(ID_LIST_SCHEMA if is_list else ID_SCHEMA)
    for name, type_ in spec.query.items():
        schema = msgspec.json.schema(type_)
        parameters.append({"name": name, "in": "query", "required": False, "schema": schema})
    if parameters:
        operation["parameters"] = parameters
    if spec.body is not None:
        operation["requestBody"] = {
            "required": spec.body_required,
            "content": {"application/json": {"schema": schemas[_type_key(spec.body)]}},
        }
    ok = operation.setdefault("responses", {}).setdefault("200", {"description": "OK"})
    if spec.response is not None:
        ok["content"] = {spec.media_type: {"schema": schemas[_type_key(spec.response)]}}
    elif spec.media_type != "application/json":
        ok["content"] = {spec.media_type: {"schema": {"type": "string"}}}
    else:
        # Litestar sees `Response[bytes]` and says "string"; the body is any JSON value.
        ok["content"] = {"application/json": {"schema": {}}}
    operation["responses"].update(copy.deepcopy(_ERRORS))
