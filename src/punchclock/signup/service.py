"""Creating an account: the user, then their own organization and default workspace."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.errors import Forbidden
from punchclock.users.models import User
from punchclock.users.service import UserService
from punchclock.workspaces.organization_service import OrganizationService
from punchclock.workspaces.rules import MAX_NAME_LENGTH

# Accounts are used from Toggl clients, and the v9 layer reports every workspace as
# `premium: false`. Billable is a paid feature in Toggl, so clients such as togglcli refuse to
# save billable entries there: the first workspace starts with projects not billable by
# default (the database default is true). Workspaces created over v9 get the same default
# from `api/toggl_v9/schemas/workspaces.py`.
FIRST_WORKSPACE_SETTINGS = {"projects_billable_by_default": False}
FIRST_RUN_OVER = "This Punchclock already has accounts: sign in instead"


class SignupService:
    """Creates accounts ready to use: a user, their organization and their workspace."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.users = UserService(conn, clock)
        self.organizations = OrganizationService(conn, clock)

    def create_account(
        self,
        *,
        email: str,
        password: str,
        fullname: str,
        timezone: str = "UTC",
        workspace_name: str | None = None,
        api_token: str | None = None,
        password_hash: str | None = None,
    ) -> User:
        """A new user with their own organization and default workspace."""
        user = self.users.create_user(
            email=email,
            password=password,
            fullname=fullname,
            timezone=timezone,
            api_token=api_token,
            password_hash=password_hash,
        )
        # Toggl caps organization and workspace names at 140 characters.
        name = (workspace_name or f"{fullname}'s workspace")[:MAX_NAME_LENGTH]
        _, workspace_id = self.organizations.create_with_workspace(
            user.id, name, name, FIRST_WORKSPACE_SETTINGS
        )
        return self.users.set_default_workspace(user.id, workspace_id)

    def create_first_account(
        self, *, email: str, password: str, fullname: str, password_hash: str | None = None
    ) -> User:
        """The first account of a new database (it owns the first organization); 403 after."""
        # Two first-run forms sent at once must not both create an owner.
        self.users.lock_accounts()
        if self.users.any_exists():
            raise Forbidden(FIRST_RUN_OVER)
        return self.create_account(
            email=email, password=password, fullname=fullname, password_hash=password_hash
        )
