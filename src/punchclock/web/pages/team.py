"""The team page (admins): members and their roles and rates, adding people, settings."""

from __future__ import annotations

from dataclasses import dataclass

from litestar import get, post
from litestar.response import Redirect
from sqlalchemy import Connection

from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import Forbidden, NotFound
from punchclock.sessions.links import LINK_LIFETIME_SECONDS, WELCOME_PATH, SignInLinkService
from punchclock.web.forms import required_id
from punchclock.web.http_types import AnyRequest, AnyResponse
from punchclock.web.profile_view import origin
from punchclock.web.session import NO_WORKSPACE, Form, Viewer
from punchclock.web.state import web_state
from punchclock.web.team_view import (
    ADMINS_ONLY,
    ROUNDINGS,
    SETTING_SWITCHES,
    Refused,
    attempt,
    has_changes,
    member_changes,
    member_rows,
    settings_changes,
)
from punchclock.workspaces import rules
from punchclock.workspaces.member_service import MemberService
from punchclock.workspaces.models import Member, MemberChanges
from punchclock.workspaces.service import WorkspaceService


@dataclass(frozen=True)
class NewLink:
    """A sign-in link just made, shown once to the admin who passes it on."""

    member: Member
    url: str
    days: int


def _render(
    request: AnyRequest,
    viewer: Viewer,
    conn: Connection,
    workspace_id: int,
    *,
    error: str | None = None,
    link: NewLink | None = None,
    added: int | None = None,
    saved: bool = False,
) -> AnyResponse:
    state = web_state(request)
    workspaces = WorkspaceService(conn, state.clock)
    workspace = workspaces.require_admin(viewer.user.id, workspace_id, ADMINS_ONLY)
    members = MemberService(conn, state.clock).list_members(viewer.user.id, workspace_id)
    return state.render.page(
        "team.html",
        page="team",
        viewer=viewer,
        error=error,
        workspace=workspace,
        members=member_rows(conn, workspaces, viewer, members, workspace_id),
        added=next((m for m in members if m.id == added), None),
        link=link,
        saved=saved,
        switches=SETTING_SWITCHES,
        roundings=ROUNDINGS,
        rounding_minutes=rules.ROUNDING_MINUTES_VALUES,
    )


def _new_link(request: AnyRequest, viewer: Viewer, conn: Connection, member: Member) -> NewLink:
    token = SignInLinkService(conn, web_state(request).clock).create(member.user_id, viewer.user.id)
    url = f"{origin(request)}{WELCOME_PATH}{token}"
    return NewLink(member, url, LINK_LIFETIME_SECONDS // 86_400)


@get("/team", sync_to_thread=False)
def team_page(
    request: AnyRequest,
    viewer: Viewer,
    uow: UnitOfWork,
    added: int | None = None,
    saved: str = "",
) -> AnyResponse:
    """The team of the viewer's workspace; plain members get a 403 page."""
    if viewer.workspace_id is None:
        message = NO_WORKSPACE
    else:
        try:
            conn, wid = uow.conn, viewer.workspace_id
            return _render(request, viewer, conn, wid, added=added, saved=saved == "settings")
        except Forbidden:
            message = ADMINS_ONLY
    render = web_state(request).render
    return render.page("error.html", status=403, page="team", viewer=viewer, message=message)


def _workspace_id(form: Form) -> int:
    return required_id(form.get("workspace_id"), "workspace")


@post("/team/members", status_code=200, sync_to_thread=False)
def add_member(request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork) -> AnyResponse:
    """Add someone by email; a person without an account gets a one-time sign-in link."""
    state = web_state(request)
    wid = _workspace_id(form)
    outcome = attempt(
        uow.conn,
        lambda: MemberService(uow.conn, state.clock).invite_as(
            viewer.user.id,
            wid,
            form.get("email"),
            form.get("role") == "admin",
            fullname=form.get("fullname"),
            timezone=viewer.user.timezone,
        ),
    )
    if isinstance(outcome, Refused):
        return _render(request, viewer, uow.conn, wid, error=outcome.message)
    member, created = outcome
    if created:
        # The token exists only in this answer: the page is rendered, not redirected to.
        link = _new_link(request, viewer, uow.conn, member)
        return _render(request, viewer, uow.conn, wid, link=link)
    return Redirect(f"/team?added={member.id}#member-{member.id}", status_code=303)


@post("/team/members/{member_id:int}", status_code=200, sync_to_thread=False)
def update_member(
    request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork, member_id: int
) -> AnyResponse:
    """Change a member's role, rate and labor cost."""
    state = web_state(request)
    wid = _workspace_id(form)
    service = MemberService(uow.conn, state.clock)

    def save() -> None:
        member = next(
            (m for m in service.list_members(viewer.user.id, wid) if m.id == member_id), None
        )
        if member is None:
            raise NotFound(rules.MEMBER_NOT_FOUND)
        changes = member_changes(form, member)
        if has_changes(changes):
            service.update(viewer.user.id, wid, member_id, changes)

    return _after(request, viewer, uow, wid, member_id, attempt(uow.conn, save))


def _after(
    request: AnyRequest,
    viewer: Viewer,
    uow: UnitOfWork,
    wid: int,
    member_id: int,
    outcome: object,
) -> AnyResponse:
    if isinstance(outcome, Refused):
        return _render(request, viewer, uow.conn, wid, error=outcome.message)
    workspaces = WorkspaceService(uow.conn, web_state(request).clock)
    try:
        still_admin = workspaces.access(viewer.user.id, wid).is_admin
    except Forbidden:
        still_admin = False
    # An admin who just gave up their own role or membership can no longer see the page.
    return Redirect(f"/team#member-{member_id}" if still_admin else "/", status_code=303)


@post("/team/members/{member_id:int}/deactivate", status_code=200, sync_to_thread=False)
def deactivate_member(
    request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork, member_id: int
) -> AnyResponse:
    """Deactivate a membership: the person loses access, their entries stay."""
    wid = _workspace_id(form)
    service = MemberService(uow.conn, web_state(request).clock)
    outcome = attempt(uow.conn, lambda: service.remove(viewer.user.id, wid, member_id))
    return _after(request, viewer, uow, wid, member_id, outcome)


@post("/team/members/{member_id:int}/activate", status_code=200, sync_to_thread=False)
def activate_member(
    request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork, member_id: int
) -> AnyResponse:
    """Give a deactivated member their access back."""
    wid = _workspace_id(form)
    service = MemberService(uow.conn, web_state(request).clock)
    changes = MemberChanges(active=True)
    outcome = attempt(uow.conn, lambda: service.update(viewer.user.id, wid, member_id, changes))
    return _after(request, viewer, uow, wid, member_id, outcome)


@post("/team/members/{member_id:int}/link", status_code=200, sync_to_thread=False)
def new_sign_in_link(
    request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork, member_id: int
) -> AnyResponse:
    """A fresh one-time link for a member who has not set a password (earlier ones end)."""
    wid = _workspace_id(form)
    service = MemberService(uow.conn, web_state(request).clock)
    outcome = attempt(uow.conn, lambda: service.require_invitee(viewer.user.id, wid, member_id))
    if isinstance(outcome, Refused):
        return _render(request, viewer, uow.conn, wid, error=outcome.message)
    link = _new_link(request, viewer, uow.conn, outcome)
    return _render(request, viewer, uow.conn, wid, link=link)


@post("/team/settings", status_code=200, sync_to_thread=False)
def save_settings(request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork) -> AnyResponse:
    """Change the workspace settings (the ones PUT /workspaces/{wid} takes)."""
    state = web_state(request)
    wid = _workspace_id(form)
    workspaces = WorkspaceService(uow.conn, state.clock)

    def save() -> None:
        workspace = workspaces.require_admin(viewer.user.id, wid, rules.ONLY_ADMINS_SETTINGS)
        changes = settings_changes(form, workspace)
        if has_changes(changes):
            workspaces.update_settings(viewer.user.id, wid, changes)

    outcome = attempt(uow.conn, save)
    if isinstance(outcome, Refused):
        return _render(request, viewer, uow.conn, wid, error=outcome.message)
    return Redirect("/team?saved=settings#settings", status_code=303)


ROUTES = [
    team_page,
    add_member,
    update_member,
    deactivate_member,
    activate_member,
    new_sign_in_link,
    save_settings,
]
