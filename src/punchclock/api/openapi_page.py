"""The browsable page at /schema: plain server-rendered HTML, no script, nothing from elsewhere."""

from __future__ import annotations

import json
from html import escape
from typing import Any

_METHODS = ("get", "put", "post", "patch", "delete")
_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em }
code, pre { font: 13px ui-monospace, monospace }
pre { background: #f5f5f5; padding: .6em; overflow-x: auto }
section { border-top: 1px solid #ddd; margin-top: 1.2em }
table { border-collapse: collapse } td, th { border: 1px solid #ddd; padding: .2em .5em }
.method { font-weight: bold; text-transform: uppercase }
"""


def render_page(document: dict[str, Any], json_path: str) -> bytes:
    """One HTML page listing every operation, its parameters and body, and the schemas."""
    info = document.get("info", {})
    title = str(info.get("title", "API"))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        # An empty inline icon: otherwise the browser asks for /favicon.ico.
        '<link rel="icon" href="data:,">',
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f"<p>{_e(info.get('description', ''))}</p>",
        f'<p>The document itself: <a href="{_e(json_path)}">{_e(json_path)}</a></p>',
    ]
    operations = list(_operations(document))
    parts.append("<ul>")
    for path, method, operation in operations:
        anchor = _anchor(method, path)
        parts.append(
            f'<li><a href="#{anchor}"><span class="method">{_e(method)}</span> '
            f"<code>{_e(path)}</code></a> {_e(operation.get('summary', ''))}</li>"
        )
    parts.append("</ul>")
    for path, method, operation in operations:
        parts.append(_operation_html(path, method, operation))
    schemas = document.get("components", {}).get("schemas", {})
    if schemas:
        parts.append("<section><h2>Schemas</h2>")
        for name, schema in sorted(schemas.items()):
            parts.append(f'<h3 id="schema-{_e(name)}">{_e(name)}</h3><pre>{_json(schema)}</pre>')
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts).encode()


def _operations(document: dict[str, Any]) -> Any:
    for path, item in sorted(document.get("paths", {}).items()):
        for method in _METHODS:
            if method in item:
                yield path, method, item[method]


def _operation_html(path: str, method: str, operation: dict[str, Any]) -> str:
    parts = [
        f'<section id="{_anchor(method, path)}">',
        f'<h2><span class="method">{_e(method)}</span> <code>{_e(path)}</code></h2>',
        f"<p>{_e(operation.get('description') or operation.get('summary', ''))}</p>",
    ]
    parameters = operation.get("parameters") or []
    if parameters:
        parts.append("<table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>")
        for parameter in parameters:
            parts.append(
                f"<tr><td><code>{_e(parameter.get('name', ''))}</code></td>"
                f"<td>{_e(parameter.get('in', ''))}</td>"
                f"<td>{'yes' if parameter.get('required') else 'no'}</td>"
                f"<td><code>{_e(json.dumps(parameter.get('schema', {})))}</code></td></tr>"
            )
        parts.append("</table>")
    body = operation.get("requestBody")
    if body:
        required = "required" if body.get("required") else "optional"
        for media_type, content in body.get("content", {}).items():
            parts.append(f"<h3>Request body ({_e(media_type)}, {required})</h3>")
            parts.append(f"<pre>{_json(content.get('schema', {}))}</pre>")
    parts.append("</section>")
    return "\n".join(parts)


def _anchor(method: str, path: str) -> str:
    # Only letters, digits and '-', so the id needs no escaping.
    cleaned = "".join(c if c.isascii() and c.isalnum() else "-" for c in path)
    return f"{method}-{cleaned}"


def _json(value: Any) -> str:
    return _e(json.dumps(value, indent=2, sort_keys=True))


def _e(value: Any) -> str:
    return escape(str(value), quote=True)
