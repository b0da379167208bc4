"""`punchclock workspace add-member`: the operator's way to put an existing user in a workspace."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result

from punchclock.cli.main import cli
from punchclock.db.engine import Database
from punchclock.workspaces.member_repository import MemberRepository
from punchclock.workspaces.organization_repository import OrganizationRepository
from punchclock.workspaces.repository import WorkspaceRepository
from tests.conftest import Account


def add_member(database_url: str, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["workspace", "add-member", "--database-url", database_url, *args]
    )


def members(database: Database, workspace_id: int) -> dict[int, tuple[str, bool]]:
    with database.transaction(write=False) as conn:
        found = MemberRepository(conn).members(workspace_id)
    return {m.user_id: (m.role, m.active) for m in found}


class TestAddMember:
    @pytest.mark.parametrize(("flag", "role"), [([], "member"), (["--admin"], "admin")])
    def test_adds_an_existing_user(
        self,
        database_url: str,
        database: Database,
        alice: Account,
        make_account: Callable[..., Account],
        flag: list[str],
        role: str,
    ) -> None:
        bob = make_account(email="bob@example.com")
        result = add_member(
            database_url,
            "--workspace-id",
            str(alice.workspace_id),
            "--email",
            "Bob@Example.com",
            *flag,
        )
        assert result.exit_code == 0, result.output
        assert result.output.strip() == (
            f"added bob@example.com (id {bob.id}) to workspace {alice.workspace_id} as {role}"
        )
        stored = "admin" if role == "admin" else "user"
        assert members(database, alice.workspace_id)[bob.id] == (stored, True)
        with database.transaction(write=False) as conn:
            workspace = WorkspaceRepository(conn).get_workspace(alice.workspace_id)
            assert workspace is not None
            org_role = OrganizationRepository(conn).organization_membership(
                workspace.organization_id, bob.id
            )
        assert org_role is not None and org_role.role == "member"

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--email", "nobody@example.com"], "No user with this email exists"),
            (["--email", "not an email"], "Invalid email"),
            (["--email", "alice@example.com"], "User is already a member of this workspace"),
        ],
    )
    def test_refusals_change_nothing(
        self,
        database_url: str,
        database: Database,
        alice: Account,
        args: list[str],
        message: str,
    ) -> None:
        before = members(database, alice.workspace_id)
        result = add_member(database_url, "--workspace-id", str(alice.workspace_id), *args)
        assert result.exit_code != 0
        assert f"Error: {message}" in result.output
        assert members(database, alice.workspace_id) == before

    def test_unknown_workspace(self, database_url: str, alice: Account) -> None:
        result = add_member(database_url, "--workspace-id", "999999", "--email", alice.email)
        assert result.exit_code != 0 and "Error: Workspace not found" in result.output

    @pytest.mark.parametrize("bad", ["abc", "0", "-1", "99999999999999999999"])
    def test_bad_workspace_id(self, database_url: str, bad: str) -> None:
        result = add_member(database_url, "--workspace-id", bad, "--email", "a@example.com")
        assert result.exit_code == 2 and "--workspace-id" in result.output

    def test_options_are_required(self, database_url: str) -> None:
        result = add_member(database_url, "--email", "a@example.com")
        assert result.exit_code == 2 and "--workspace-id" in result.output
