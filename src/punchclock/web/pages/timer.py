"""The home page: the timer and the entries under it; start, stop, continue, delete, undo."""

from __future__ import annotations

import contextlib

from litestar import get, post
from litestar.response import Redirect

from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import BadRequest, Conflict
from punchclock.time_entries.models import EntryChanges
from punchclock.time_entries.queries import TimeEntryQueries
from punchclock.time_entries.service import TimeEntryService
from punchclock.users.lookup import UserLookup
from punchclock.web.errors import changed, is_htmx
from punchclock.web.forms import optional_id, required_id, tag_names
from punchclock.web.http_types import AnyRequest, AnyResponse
from punchclock.web.pages.auth import sign_in_form
from punchclock.web.session import Form, Viewer
from punchclock.web.state import web_state
from punchclock.web.timer_view import TimerView

CREATED_WITH = "Punchclock web"


def timer_page(request: AnyRequest, viewer: Viewer, uow: UnitOfWork) -> AnyResponse:
    """The timer, the picker's choices and the newest week of entries."""
    state = web_state(request)
    view = TimerView(uow.conn, state.clock, viewer.user)
    workspace = view.workspace(viewer.workspace_id)
    page = view.week_before()
    return state.render.page(
        "timer.html",
        page="timer",
        viewer=viewer,
        workspace=workspace,
        running=view.running(),
        projects=view.project_choices(workspace.id),
        tags=view.tag_names(workspace.id),
        may_create_tags=view.may_create_tags(workspace),
        weeks=page.weeks,
        older_before=page.older_before,
        today=view.today,
        live_at=view.queries.latest_change(viewer.user),
    )


@get("/", sync_to_thread=False)
def home(request: AnyRequest, signed: Viewer | None, uow: UnitOfWork) -> AnyResponse:
    """The timer when signed in; else the sign-in form, or the first-run form on a new database."""
    if signed is not None:
        return timer_page(request, signed, uow)
    if not UserLookup(uow.conn).any_exists():
        return Redirect("/setup", status_code=303)
    return sign_in_form(request)


@get("/entries", sync_to_thread=False)
def older_entries(request: AnyRequest, viewer: Viewer, uow: UnitOfWork, before: int) -> AnyResponse:
    """The next older week of entries (htmx: appended in place of the button)."""
    if not 0 < before < 100_000_000_000:
        raise BadRequest("That week is out of range.")
    state = web_state(request)
    view = TimerView(uow.conn, state.clock, viewer.user)
    page = view.week_before(before)
    template = "partials/weeks.html" if is_htmx(request) else "timer_older.html"
    return state.render.page(
        template, page="timer", viewer=viewer, weeks=page.weeks, older_before=page.older_before
    )


@post("/timer/start", status_code=200, sync_to_thread=False)
def start(request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork) -> AnyResponse:
    """Start a timer now (a running one stops, as POST /time_entries does)."""
    state = web_state(request)
    description = form.get("description").strip()
    changes = EntryChanges(
        start=state.clock.now_us(),
        running=True,
        description=description or None,
        project_id=optional_id(form.get("project_id")),
        tags=tag_names(form.get("tags")),
        billable=form.get("billable") == "true",
        created_with=CREATED_WITH,
    )
    workspace_id = required_id(form.get("workspace_id"), "workspace")
    TimeEntryService(uow.conn, state.clock).create(viewer.user, workspace_id, changes)
    return changed(request)


@post("/timer/stop", status_code=200, sync_to_thread=False)
def stop(request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork) -> AnyResponse:
    """Stop the running entry (already stopped elsewhere: nothing to do)."""
    state = web_state(request)
    entry_id = required_id(form.get("entry_id"), "entry")
    workspace_id = required_id(form.get("workspace_id"), "workspace")
    # Conflict: stopped from another tab or client in the meantime; nothing left to do.
    with contextlib.suppress(Conflict):
        TimeEntryService(uow.conn, state.clock).stop(viewer.user, workspace_id, entry_id)
    return changed(request)


@post("/entries/{entry_id:int}/continue", status_code=200, sync_to_thread=False)
def continue_entry(
    request: AnyRequest,
    viewer: Viewer,
    form: Form,
    uow: UnitOfWork,
    entry_id: int,
) -> AnyResponse:
    """Start a new timer with the description, project, task, tags and billable of an entry."""
    del form
    state = web_state(request)
    entry = TimeEntryQueries(uow.conn, state.clock).get_own(viewer.user, entry_id).entry
    changes = EntryChanges(
        start=state.clock.now_us(),
        running=True,
        description=entry.description,
        project_id=entry.project_id,
        task_id=entry.task_id,
        tag_ids=entry.tag_ids,
        billable=entry.billable,
        created_with=CREATED_WITH,
    )
    TimeEntryService(uow.conn, state.clock).create(viewer.user, entry.workspace_id, changes)
    return changed(request)


@post("/entries/{entry_id:int}/delete", status_code=200, sync_to_thread=False)
def delete_entry(
    request: AnyRequest,
    viewer: Viewer,
    form: Form,
    uow: UnitOfWork,
    entry_id: int,
) -> AnyResponse:
    """Delete an entry; htmx gets the row back as "Deleted" with an Undo button."""
    return _delete_or_restore(request, viewer, form, uow, entry_id, restore=False)


@post("/entries/{entry_id:int}/restore", status_code=200, sync_to_thread=False)
def restore_entry(
    request: AnyRequest,
    viewer: Viewer,
    form: Form,
    uow: UnitOfWork,
    entry_id: int,
) -> AnyResponse:
    """Undo a delete."""
    return _delete_or_restore(request, viewer, form, uow, entry_id, restore=True)


def _delete_or_restore(
    request: AnyRequest,
    viewer: Viewer,
    form: Form,
    uow: UnitOfWork,
    entry_id: int,
    *,
    restore: bool,
) -> AnyResponse:
    state = web_state(request)
    workspace_id = required_id(form.get("workspace_id"), "workspace")
    service = TimeEntryService(uow.conn, state.clock)
    if restore:
        target = service.restore(viewer.user, workspace_id, entry_id)
    else:
        target = TimeEntryQueries(uow.conn, state.clock).get_own(viewer.user, entry_id)
        service.delete(viewer.user, workspace_id, entry_id)
    if not is_htmx(request):
        return changed(request)
    view = TimerView(uow.conn, state.clock, viewer.user)
    day, day_total, week, week_total = view.totals_around(target.entry.start)
    return state.render.page(
        "partials/restored_entry.html" if restore else "partials/deleted_entry.html",
        viewer=viewer,
        entry=view.rows([target])[0],
        day=day,
        day_total=day_total,
        week=week,
        week_total=week_total,
    )


ROUTES = [older_entries, start, stop, continue_entry, delete_entry, restore_entry]
PUBLIC_ROUTES = [home]
