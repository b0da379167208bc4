"""The web app's routers (public pages, signed-in pages, static files) and their dependencies."""

from __future__ import annotations

from litestar import Router
from litestar.config.compression import CompressionConfig
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.middleware.compression import CompressionMiddleware
from litestar.types import ExceptionHandlersMap

from punchclock.web.assets import Assets, static_file
from punchclock.web.pages import (
    auth,
    catalogue,
    entries,
    live,
    profile,
    projects,
    reports,
    team,
    timer,
    welcome,
)
from punchclock.web.security import security_headers_hook
from punchclock.web.session import (
    provide_form,
    provide_public_form,
    provide_signed,
    provide_viewer,
    provide_web_clock,
)

# Pages and static files go out gzipped (a week of entries is ~65 KB of HTML, ~12 KB gzipped);
# only the web routers pay for the middleware, not the API. The live stream must not be
# buffered by a compressor.
_GZIP = DefineMiddleware(
    CompressionMiddleware,
    config=CompressionConfig(
        backend="gzip", minimum_size=1024, gzip_compress_level=6, exclude="^/live"
    ),
)


def web_routers(assets: Assets, exception_handlers: ExceptionHandlersMap) -> list[Router]:
    """Routers for every page; `exception_handlers` render failures as HTML."""
    common = {
        "signed": Provide(provide_signed),
        "clock": Provide(provide_web_clock, sync_to_thread=False),
    }
    public = Router(
        path="/",
        route_handlers=[*auth.PUBLIC_ROUTES, *timer.PUBLIC_ROUTES, *welcome.PUBLIC_ROUTES],
        dependencies={**common, "form": Provide(provide_public_form)},
        after_request=security_headers_hook,
        exception_handlers=exception_handlers,
        middleware=[_GZIP],
        include_in_schema=False,
    )
    signed_in = Router(
        path="/",
        route_handlers=[
            *auth.SIGNED_IN_ROUTES,
            *timer.ROUTES,
            *entries.ROUTES,
            *live.ROUTES,
            *projects.ROUTES,
            *catalogue.ROUTES,
            *reports.ROUTES,
            *team.ROUTES,
            *profile.ROUTES,
        ],
        dependencies={
            **common,
            "viewer": Provide(provide_viewer),
            "form": Provide(provide_form),
        },
        after_request=security_headers_hook,
        exception_handlers=exception_handlers,
        middleware=[_GZIP],
        include_in_schema=False,
    )
    static = Router(
        path="/",
        route_handlers=[static_file],
        dependencies={"assets": Provide(lambda: assets, use_cache=True, sync_to_thread=False)},
        middleware=[_GZIP],
        include_in_schema=False,
    )
    return [public, signed_in, static]
