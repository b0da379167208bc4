"""What the web front door shares across requests: templates, assets, the database, settings."""

from __future__ import annotations

from dataclasses import dataclass

from punchclock.clock import Clock
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.users.authentication import Authenticator
from punchclock.web.assets import Assets
from punchclock.web.http_types import AnyRequest
from punchclock.web.templates import Renderer


@dataclass(frozen=True)
class WebState:
    """Built once by create_app; handlers reach it through `web_state(request)`."""

    settings: Settings
    db: Database
    clock: Clock
    authenticator: Authenticator
    assets: Assets
    render: Renderer

    @property
    def session_seconds(self) -> int:
        """How long a sign-in lasts."""
        return self.settings.web_session_hours * 3600


def web_state(request: AnyRequest) -> WebState:
    """The web front door's shared state."""
    state: WebState = request.app.state.web
    return state
