"""The command-line interface other tools depend on (`punchclock user create`, `db upgrade`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from punchclock.cli.main import cli
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.users.passwords import verify_password
from punchclock.users.repository import UserRepository
from punchclock.workspaces.repository import WorkspaceRepository


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def _create(runner: CliRunner, url: str, *extra: str) -> tuple[int, str]:
    result = runner.invoke(
        cli,
        [
            "user",
            "create",
            "--email",
            "bob@example.com",
            "--password",
            "hunter22",
            "--database-url",
            url,
            *extra,
        ],
    )
    return result.exit_code, result.output


class TestUserCreate:
    def test_prints_the_token_last_and_stores_a_working_account(self, url: str) -> None:
        code, output = _create(
            CliRunner(),
            url,
            "--fullname",
            "Bob B",
            "--timezone",
            "Europe/Berlin",
            "--workspace-name",
            "Bob WS",
        )
        assert code == 0, output
        token = output.strip().splitlines()[-1]
        assert re.fullmatch(r"[0-9a-f]{32}", token)
        db = Database(Settings(database_url=url))
        with db.transaction(write=False) as conn:
            user = UserRepository(conn).get_by_token(token)
            assert user is not None and user.email == "bob@example.com"
            assert user.fullname == "Bob B" and user.timezone == "Europe/Berlin"
            assert user.password_hash and verify_password(user.password_hash, "hunter22")
            ((workspace, role),) = WorkspaceRepository(conn).workspaces_of_user(user.id)
            assert (workspace.name, role, workspace.id) == (
                "Bob WS",
                "admin",
                user.default_workspace_id,
            )
            # Toggl clients see `premium: false` and refuse billable entries (togglcli).
            assert workspace.projects_billable_by_default is False
        db.dispose()

    def test_keeps_a_given_api_token(self, url: str) -> None:
        code, output = _create(CliRunner(), url, "--api-token", "0123456789abcdef0123456789abcdef")
        assert code == 0
        assert output.strip().splitlines()[-1] == "0123456789abcdef0123456789abcdef"

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            (["--api-token", "XYZ"], "API token must be 32 lowercase hexadecimal characters"),
            (["--timezone", "Mars/Olympus"], "Invalid timezone"),
        ],
    )
    def test_rejects_bad_values(self, url: str, extra: list[str], message: str) -> None:
        code, output = _create(CliRunner(), url, *extra)
        assert code != 0 and message in output

    def test_duplicate_email_fails_with_a_clear_message(self, url: str) -> None:
        runner = CliRunner()
        assert _create(runner, url)[0] == 0
        code, output = _create(runner, url)
        assert code != 0
        assert "user with this email already exists" in output

    def test_short_password_is_refused(self, url: str) -> None:
        result = CliRunner().invoke(
            cli,
            [
                "user",
                "create",
                "--email",
                "c@example.com",
                "--password",
                "123",
                "--database-url",
                url,
            ],
        )
        assert result.exit_code != 0 and "at least 6 characters" in result.output


class TestSettingsFromEnvironment:
    def test_bad_database_url_fails_fast(self) -> None:
        result = CliRunner().invoke(
            cli, ["db", "upgrade"], env={"PUNCHCLOCK_DATABASE_URL": "mysql://x"}
        )
        assert result.exit_code != 0
        assert "PUNCHCLOCK_DATABASE_URL must be a sqlite:/// or postgresql:// URL" in result.output

    def test_bad_port_fails_fast(self, url: str) -> None:
        result = CliRunner().invoke(
            cli, ["serve", "--database-url", url], env={"PUNCHCLOCK_PORT": "http"}
        )
        assert result.exit_code != 0 and "PUNCHCLOCK_PORT must be an integer" in result.output

    def test_db_upgrade_creates_the_schema(self, url: str) -> None:
        result = CliRunner().invoke(cli, ["db", "upgrade", "--database-url", url])
        assert result.exit_code == 0 and "up to date" in result.output
