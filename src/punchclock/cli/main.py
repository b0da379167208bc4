"""`punchclock serve | db upgrade | user create | workspace add-member`: the command-line door."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from punchclock.config import Settings, SettingsError

if TYPE_CHECKING:
    from sqlalchemy import Connection

T = TypeVar("T")


def _settings(**overrides: Any) -> Settings:
    try:
        return Settings.from_env().with_overrides(**overrides)
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


def _in_transaction(database_url: str | None, work: Callable[[Connection], T]) -> T:
    """Migrate, then run `work` in one write transaction; a domain error is a CLI error."""
    # Imported here: `punchclock --help` should not load the database stack.
    from punchclock.db.engine import Database
    from punchclock.db.migrate import upgrade
    from punchclock.errors import PunchclockError

    settings = _settings(database_url=database_url)
    upgrade(settings.database_url)
    database = Database(settings)
    try:
        with database.transaction(write=True) as conn:
            return work(conn)
    except PunchclockError as error:
        raise click.ClickException(error.message) from None
    finally:
        database.dispose()


_database_option = click.option(
    "--database-url",
    default=None,
    help="sqlite:///path or postgresql://... (env PUNCHCLOCK_DATABASE_URL; "
    "default sqlite:///punchclock.db).",
)


@click.group()
def cli() -> None:
    """Punchclock: a self-hosted time tracker that speaks the Toggl Track API v9."""


@cli.command()
@click.option("--host", default=None, help="Address to listen on (env PUNCHCLOCK_HOST).")
@click.option("--port", type=int, default=None, help="Port to listen on (env PUNCHCLOCK_PORT).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes sharing the database.",
)
@_database_option
def serve(host: str | None, port: int | None, workers: int, database_url: str | None) -> None:
    """Apply migrations and serve the API."""
    from punchclock.server import serve as run_server

    run_server(_settings(host=host, port=port, database_url=database_url), workers=workers)


@cli.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@_database_option
def db_upgrade(database_url: str | None) -> None:
    """Apply all migrations."""
    from punchclock.db.migrate import upgrade

    settings = _settings(database_url=database_url)
    upgrade(settings.database_url)
    click.echo("database is up to date")


@cli.group()
def user() -> None:
    """User accounts."""


@user.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--fullname", default=None, help="Defaults to the part of the email before @.")
@click.option("--timezone", default="UTC", show_default=True, help="IANA timezone name.")
@click.option("--workspace-name", default=None, help='Defaults to "<fullname>\'s workspace".')
@click.option(
    "--api-token",
    default=None,
    help="Keep an existing 32-hex API token (e.g. your Toggl one), so clients need no change.",
)
@_database_option
def user_create(
    email: str,
    password: str,
    fullname: str | None,
    timezone: str,
    workspace_name: str | None,
    api_token: str | None,
    database_url: str | None,
) -> None:
    """Create a user with an organization and a default workspace; print the API token."""
    from punchclock.clock import SystemClock
    from punchclock.signup.service import SignupService

    created = _in_transaction(
        database_url,
        lambda conn: SignupService(conn, SystemClock()).create_account(
            email=email,
            password=password,
            fullname=fullname or email.split("@", 1)[0],
            timezone=timezone,
            workspace_name=workspace_name,
            api_token=api_token,
        ),
    )
    click.echo(
        f"created user {created.email} (id {created.id}), workspace {created.default_workspace_id}"
    )
    click.echo(created.api_token)


@cli.group()
def workspace() -> None:
    """Workspace membership."""


@workspace.command("add-member")
@click.option("--workspace-id", type=click.IntRange(1, 2**63 - 1), required=True)
@click.option("--email", required=True, help="An existing user's email.")
@click.option("--admin", is_flag=True, help="Make them a workspace admin (default: member).")
@_database_option
def workspace_add_member(
    workspace_id: int, email: str, admin: bool, database_url: str | None
) -> None:
    """Add an existing user to a workspace (and to its organization)."""
    from punchclock.clock import SystemClock
    from punchclock.workspaces.member_service import MemberService

    member = _in_transaction(
        database_url,
        lambda conn: MemberService(conn, SystemClock()).add(workspace_id, email, admin),
    )
    role = "admin" if member.is_admin else "member"
    click.echo(f"added {member.email} (id {member.user_id}) to workspace {workspace_id} as {role}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="punchclock")


if __name__ == "__main__":
    main()
