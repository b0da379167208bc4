"""The OpenAPI document at /schema/openapi.json and its browsable page at /schema."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.enums import OpenAPIMediaType
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import OpenAPIRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme

from punchclock.api.openapi_document import TogglDocument
from punchclock.api.openapi_page import render_page
from punchclock.config import Settings

TITLE = "Punchclock: Toggl Track API v9"
BASIC_AUTH = "basicAuth"


class DocumentJson(OpenAPIRenderPlugin):
    """GET /schema/openapi.json: Litestar's document, completed from the routes' `opt`."""

    def __init__(self, document: TogglDocument) -> None:
        super().__init__(path="/openapi.json", media_type=OpenAPIMediaType.OPENAPI_JSON)
        self.document = document

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        """The completed document as JSON."""
        return self.render_json(request, self.document.get(request.app, openapi_schema))


class DocumentPage(OpenAPIRenderPlugin):
    """GET /schema: a server-rendered page; nothing is loaded from another host."""

    def __init__(self, document: TogglDocument) -> None:
        super().__init__(path="/")
        self.document = document

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        """The completed document as one HTML page."""
        document = self.document.get(request.app, openapi_schema)
        return render_page(document, self.get_openapi_json_route(request))


def openapi_config(settings: Settings) -> OpenAPIConfig:
    """Litestar's generator, describing every Toggl path Punchclock serves."""
    del settings
    # Litestar builds the document on the first request to /schema, not at start-up.
    document = TogglDocument()
    return OpenAPIConfig(
        title=TITLE,
        version="9",
        path="/schema",
        description=(
            "Wire-compatible with Toggl Track API v9 and Reports API v3. Every operation takes "
            "HTTP Basic auth: `email:password` or `<api_token>:api_token`. Errors are a JSON "
            'string, e.g. "Invalid JSON input".'
        ),
        use_handler_docstrings=True,
        security=[{BASIC_AUTH: []}],
        components=Components(
            security_schemes={
                BASIC_AUTH: SecurityScheme(
                    type="http",
                    scheme="basic",
                    description="`email:password`, or `<api_token>:api_token`",
                )
            }
        ),
        render_plugins=[DocumentPage(document), DocumentJson(document)],
    )
