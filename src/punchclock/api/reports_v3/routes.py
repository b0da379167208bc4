"""Every Reports v3 route, for create_app."""

from __future__ import annotations

from litestar.handlers import HTTPRouteHandler

from punchclock.api.reports_v3 import detailed, summary, weekly

ROUTES: list[HTTPRouteHandler] = [*detailed.ROUTES, *summary.ROUTES, *weekly.ROUTES]
