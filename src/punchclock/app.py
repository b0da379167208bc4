"""create_app(settings): the one place that wires Punchclock together."""

from __future__ import annotations

import logging

from litestar import Litestar, Router
from litestar.di import Provide
from litestar.types import ExceptionHandlersMap

from punchclock.api.auth import provide_user
from punchclock.api.dependencies import provide_clock, provide_uow
from punchclock.api.errors import EXCEPTION_HANDLERS
from punchclock.api.http import reject_nul_in_query
from punchclock.api.openapi import openapi_config
from punchclock.api.reports_v3.routes import ROUTES as REPORTS_V3_ROUTES
from punchclock.api.toggl_v9 import (
    catalogue,
    me,
    organizations,
    time_entries,
    workspace_users,
    workspaces,
)
from punchclock.clock import Clock, SystemClock
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.operations import Operations
from punchclock.sessions.attempts import DatabaseSignInAttempts
from punchclock.users.authentication import Authenticator
from punchclock.users.passwords import CredentialCache
from punchclock.web.assets import Assets
from punchclock.web.errors import WEB_EXCEPTION_HANDLERS, error_page
from punchclock.web.routes import web_routers
from punchclock.web.state import WebState
from punchclock.web.templates import Renderer, build_environment


def create_app(settings: Settings, *, clock: Clock | None = None) -> Litestar:
    """A ready ASGI app for these settings (the database must already be migrated)."""
    # nonblocking: the server's statements run on its event loop, so they never wait inside
    # SQLite's busy handler (db/engine.py).
    db = Database(settings, nonblocking=True)
    cache = CredentialCache(settings.credential_cache_size, settings.credential_cache_seconds)
    toggl_v9 = Router(
        path="/api/v9",
        route_handlers=[
            *me.ROUTES,
            *workspaces.ROUTES,
            *organizations.ROUTES,
            *workspace_users.ROUTES,
            *time_entries.ROUTES,
            *catalogue.ROUTES,
        ],
    )
    reports_v3 = Router(
        path="/reports/api/v3", route_handlers=REPORTS_V3_ROUTES, opt={"read_only": True}
    )
    # /healthz, /readyz and /metrics, outside the Toggl routers and without their auth.
    operations = Operations(settings, db)
    # The web app renders every failure the API maps as an HTML page instead.
    assets = Assets()
    web_errors: ExceptionHandlersMap = {kind: error_page for kind in EXCEPTION_HANDLERS}
    web_errors.update(WEB_EXCEPTION_HANDLERS)
    app = Litestar(
        route_handlers=[
            toggl_v9,
            reports_v3,
            *operations.route_handlers,
            *web_routers(assets, web_errors),
        ],
        dependencies={
            # Resolved as a chain, user -> clock -> uow: the unit of work comes last, so no
            # dependency can fail after its transaction opened (dependencies.py).
            "user": Provide(provide_user),
            "clock": Provide(provide_clock, sync_to_thread=False),
            "uow": Provide(provide_uow),
        },
        exception_handlers=EXCEPTION_HANDLERS,
        before_request=reject_nul_in_query,
        request_max_body_size=settings.max_body_bytes,
        on_shutdown=[db.dispose],
        openapi_config=openapi_config(settings),
        logging_config=None,
    )
    # Request metrics and the access log: one ASGI layer around the whole app.
    operations.install(app)
    app.state.settings = settings
    app.state.db = db
    app.state.clock = clock or SystemClock()
    # Password sign-ins (API Basic auth and the web form alike) are throttled per account and
    # address in the database, so every worker and machine counts the same failures.
    app.state.authenticator = Authenticator(db, cache, DatabaseSignInAttempts(db, app.state.clock))
    app.state.web = WebState(
        settings,
        db,
        app.state.clock,
        app.state.authenticator,
        assets,
        Renderer(build_environment(assets)),
    )
    logging.getLogger("punchclock").setLevel(settings.log_level.upper())
    return app
