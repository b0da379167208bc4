"""Jinja2 templates, autoescaped, with the filters the pages use."""

from __future__ import annotations

from typing import Any

import jinja2
from litestar import Response

from punchclock.web.assets import Assets
from punchclock.web.formats import hms


def build_environment(assets: Assets) -> jinja2.Environment:
    """The template environment: every template escapes what it prints."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("punchclock.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["hms"] = hms
    env.globals["asset"] = assets.url
    return env


_LAYOUT_DEFAULTS: dict[str, Any] = {"viewer": None, "error": None, "page": "", "csrf": ""}


class Renderer:
    """Renders a template to an HTML response."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env

    def page(
        self, name: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
    ) -> Response[str]:
        """An HTML response from a template."""
        # Every page's layout asks for these; a page that has none of them says nothing.
        html = self.env.get_template(name).render({**_LAYOUT_DEFAULTS, **context})
        return Response(
            html,
            status_code=status,
            media_type="text/html; charset=utf-8",
            headers=headers or {},
        )
