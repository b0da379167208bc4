"""Member rules: who belongs to a workspace, in which role, and the last-admin guarantee."""

from __future__ import annotations

import msgspec
from msgspec import UNSET
from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.errors import BadRequest, NotFound, PunchclockError
from punchclock.users.service import UserService
from punchclock.workspaces import rules
from punchclock.workspaces.member_repository import MemberRepository
from punchclock.workspaces.models import (
    ORG_MEMBER,
    WORKSPACE_ADMIN,
    WORKSPACE_MEMBER,
    Member,
    MemberChanges,
    is_effective_admin,
)
from punchclock.workspaces.organization_repository import OrganizationRepository
from punchclock.workspaces.repository import WorkspaceRepository
from punchclock.workspaces.service import WorkspaceService

NO_SIGN_IN_LINK = "Only a member who has not set a password yet can get a sign-in link"


class MemberService:
    """Listing members (any member) and managing them (admins, or the CLI operator)."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.clock = clock
        self.repo = MemberRepository(conn)
        self.workspace_repo = WorkspaceRepository(conn)
        self.organizations = OrganizationRepository(conn)
        self.users = UserService(conn, clock)
        self.workspaces = WorkspaceService(conn, clock)

    def list_members(
        self, user_id: int, workspace_id: int, *, include_inactive: bool = True
    ) -> list[Member]:
        """Memberships, oldest first; rates and labor costs blanked where the caller may not see."""
        # Members do see each other's names and emails, as in Toggl's team view.
        access = self.workspaces.access(user_id, workspace_id)
        members = self.repo.members(workspace_id)
        if not include_inactive:
            members = [member for member in members if member.active]
        if access.is_admin:
            return members
        hide_rates = access.workspace.only_admins_see_billable_rates
        return [
            msgspec.structs.replace(
                member, labor_cost=None, rate=None if hide_rates else member.rate
            )
            for member in members
        ]

    def add_as(self, user_id: int, workspace_id: int, email: str | None, admin: bool) -> Member:
        """An admin adds an existing user to the workspace."""
        self.workspaces.require_admin(user_id, workspace_id, rules.ONLY_ADMINS_MEMBERS)
        return self.add(workspace_id, email, admin)

    def invite_as(
        self,
        user_id: int,
        workspace_id: int,
        email: str,
        admin: bool,
        *,
        fullname: str = "",
        timezone: str = "UTC",
    ) -> tuple[Member, bool]:
        """An admin adds anyone by email; an unknown address gets an account without a password
        (True: it did), to be claimed through a sign-in link (sessions/links.py)."""
        self.workspaces.require_admin(user_id, workspace_id, rules.ONLY_ADMINS_MEMBERS)
        if self.users.find_by_email(email) is not None:
            return self.add(workspace_id, email, admin), False
        name = fullname.strip() or email.strip().split("@", 1)[0]
        user = self.users.create_without_password(email=email, fullname=name, timezone=timezone)
        member = self.add(workspace_id, user.email, admin)
        self.users.set_default_workspace(user.id, workspace_id)
        return member, True

    def require_invitee(self, user_id: int, workspace_id: int, member_id: int) -> Member:
        """An active member an admin may hand a new sign-in link: one without a password who
        belongs to no other workspace (else the link would let this admin into theirs)."""
        self.workspaces.require_admin(user_id, workspace_id, rules.ONLY_ADMINS_MEMBERS)
        member = self._member_in(workspace_id, member_id)
        user = self.users.find_by_email(member.email)
        if not member.active or user is None or user.password_hash is not None:
            raise BadRequest(NO_SIGN_IN_LINK)
        if not self.may_sign_in_as(user_id, member.user_id):
            raise BadRequest(NO_SIGN_IN_LINK)
        return member

    def may_sign_in_as(self, admin_id: int, user_id: int) -> bool:
        """Whether an admin's sign-in link may sign this (passwordless) user in: only when the
        admin administers every workspace the user has ever been added to, active or not.

        Checked when a link is made and again when it is used: a link made by one admin must
        not open a workspace another admin added the same person to later (a takeover)."""
        ids = self.repo.workspace_ids_of_user(user_id)
        if not ids or not self.workspaces.ids_for_user(user_id):
            return False
        for workspace_id in ids:
            try:
                if not self.workspaces.access(admin_id, workspace_id).is_admin:
                    return False
            except PunchclockError:
                return False
        return True

    def add(self, workspace_id: int, email: str | None, admin: bool) -> Member:
        """Add (or reactivate) an existing user; they also join the workspace's organization."""
        workspace = self.workspace_repo.get_workspace(workspace_id)
        if workspace is None:
            raise NotFound(rules.WORKSPACE_NOT_FOUND)
        user = self.users.find_by_email(email)
        if user is None:
            raise BadRequest(rules.NO_SUCH_USER)
        role = WORKSPACE_ADMIN if admin else WORKSPACE_MEMBER
        now = self.clock.now_us()
        self.repo.lock_workspace(workspace_id)
        existing = self.repo.member_of_user(workspace_id, user.id)
        if existing is None:
            member_id = self.repo.insert_member(
                {
                    "workspace_id": workspace_id,
                    "user_id": user.id,
                    "role": role,
                    "active": True,
                    "created_at": now,
                    "at": now,
                }
            )
        elif existing.active:
            raise BadRequest(rules.ALREADY_MEMBER)
        else:
            member_id = existing.id
            self.repo.update_member(member_id, {"role": role, "active": True, "at": now})
        if self.organizations.organization_membership(workspace.organization_id, user.id) is None:
            self.organizations.add_organization_user(
                {
                    "organization_id": workspace.organization_id,
                    "user_id": user.id,
                    "role": ORG_MEMBER,
                    "created_at": now,
                }
            )
        return self._get(member_id)

    def update(
        self, user_id: int, workspace_id: int, member_id: int, changes: MemberChanges
    ) -> Member:
        """Change role, active state, rate or labor cost of one membership (admins only)."""
        self.workspaces.require_admin(user_id, workspace_id, rules.ONLY_ADMINS_MEMBERS)
        self.repo.lock_workspace(workspace_id)
        member = self._member_in(workspace_id, member_id)
        values: dict[str, object] = {}
        if changes.admin is not UNSET:
            values["role"] = WORKSPACE_ADMIN if changes.admin else WORKSPACE_MEMBER
        if changes.active is not UNSET:
            values["active"] = changes.active
        if changes.rate is not UNSET:
            values["rate"] = rules.money(changes.rate, rules.INVALID_RATE)
        if changes.labor_cost is not UNSET:
            values["labor_cost"] = rules.money(changes.labor_cost, rules.INVALID_LABOR_COST)
        role = str(values.get("role", member.role))
        self._keep_an_admin(member, role, bool(values.get("active", member.active)))
        values["at"] = self.clock.now_us()
        self.repo.update_member(member.id, values)
        return self._get(member.id)

    def remove(self, user_id: int, workspace_id: int, member_id: int) -> None:
        """Deactivate a membership: the user loses access, their entries stay (admins only)."""
        self.workspaces.require_admin(user_id, workspace_id, rules.ONLY_ADMINS_MEMBERS)
        self.repo.lock_workspace(workspace_id)
        member = self._member_in(workspace_id, member_id)
        if not member.active:
            return
        self._keep_an_admin(member, member.role, active=False)
        self.repo.update_member(member.id, {"active": False, "at": self.clock.now_us()})

    def _keep_an_admin(self, member: Member, role: str, active: bool) -> None:
        """400 when the change would leave the workspace without an active admin."""
        stays_admin = active and is_effective_admin(role, member.organization_role)
        if not (member.active and member.is_admin) or stays_admin:
            return
        others = self.repo.members(member.workspace_id)
        if not any(m.active and m.is_admin for m in others if m.id != member.id):
            raise BadRequest(rules.LAST_ADMIN)

    def _member_in(self, workspace_id: int, member_id: int) -> Member:
        member = self.repo.member(member_id)
        if member is None or member.workspace_id != workspace_id:
            raise NotFound(rules.MEMBER_NOT_FOUND)
        return member

    def _get(self, member_id: int) -> Member:
        member = self.repo.member(member_id)
        assert member is not None
        return member
