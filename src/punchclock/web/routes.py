"""The web app's routers (public pages, signed-in pages, static files) and their dependencies."""

from __future__ import annotations

from litestar import Router
from litestar.di import Provide
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
)
from punchclock.web.security import security_headers_hook
from punchclock.web.session import (
    provide_form,
    provide_public_form,
    provide_signed,
    provide_viewer,
    provide_web_clock,
)


def web_routers(assets: Assets, exception_handlers: ExceptionHandlersMap) -> list[Router]:
    """Routers for every page; `exception_handlers` render failures as HTML."""
    common = {
        "signed": Provide(provide_signed),
        "clock": Provide(provide_web_clock, sync_to_thread=False),
    }
    public = Router(
        path="/",
        route_handlers=[*auth.PUBLIC_ROUTES, *timer.PUBLIC_ROUTES],
        dependencies={**common, "form": Provide(provide_public_form)},
        after_request=security_headers_hook,
        exception_handlers=exception_handlers,
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
        include_in_schema=False,
    )
    static = Router(
        path="/",
        route_handlers=[static_file],
        dependencies={"assets": Provide(lambda: assets, use_cache=True, sync_to_thread=False)},
        include_in_schema=False,
    )
    return [public, signed_in, static]
