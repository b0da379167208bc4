"""Editing entries from the list: inline edit, a past entry typed in by hand, bulk actions."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from litestar import get, post

from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import BadRequest
from punchclock.time_entries.models import EntryChanges
from punchclock.time_entries.queries import TimeEntryQueries
from punchclock.time_entries.service import TimeEntryService
from punchclock.web import entry_groups
from punchclock.web.entry_form import edit_changes, manual_changes
from punchclock.web.errors import changed, is_htmx
from punchclock.web.forms import optional_id, required_id, tag_names
from punchclock.web.http_types import AnyRequest, AnyResponse
from punchclock.web.pages.timer import CREATED_WITH
from punchclock.web.session import Form, Viewer
from punchclock.web.state import web_state
from punchclock.web.timer_view import TimerView

NOTHING_SELECTED = "Select one or more entries first."
MAX_SELECTED = 200


@get("/entries/{entry_id:int}/edit", sync_to_thread=False)
def edit_form(request: AnyRequest, viewer: Viewer, uow: UnitOfWork, entry_id: int) -> AnyResponse:
    """The inline edit form of an entry (htmx swaps it in place of the row)."""
    state = web_state(request)
    view = TimerView(uow.conn, state.clock, viewer.user)
    row = view.rows([view.queries.get_own(viewer.user, entry_id)])[0]
    projects = view.project_choices(row.workspace_id)
    template = "partials/entry_edit.html" if is_htmx(request) else "entry_edit_page.html"
    return state.render.page(
        template,
        page="timer",
        viewer=viewer,
        entry=row,
        projects=projects,
        tasks=view.task_choices(projects),
        local=entry_groups.local_fields(row, view.zone),
    )


@get("/entries/{entry_id:int}/row", sync_to_thread=False)
def entry_row(request: AnyRequest, viewer: Viewer, uow: UnitOfWork, entry_id: int) -> AnyResponse:
    """An entry's row (Cancel in the inline edit)."""
    state = web_state(request)
    view = TimerView(uow.conn, state.clock, viewer.user)
    row = view.rows([view.queries.get_own(viewer.user, entry_id)])[0]
    return state.render.page("partials/entry.html", viewer=viewer, entry=row)


@post("/entries/{entry_id:int}", status_code=200, sync_to_thread=False)
def save_entry(
    request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork, entry_id: int
) -> AnyResponse:
    """Save an inline edit; htmx gets the row back (the page, if it moved to another day)."""
    state = web_state(request)
    view = TimerView(uow.conn, state.clock, viewer.user)
    before = view.queries.get_own(viewer.user, entry_id).entry
    changes = edit_changes(form, before, view.zone)
    service = TimeEntryService(uow.conn, state.clock)
    saved = service.update(viewer.user, before.workspace_id, entry_id, changes)
    if not is_htmx(request):
        return changed(request)
    old_day = entry_groups.local_date(before.start, view.zone)
    moved = entry_groups.local_date(saved.entry.start, view.zone) != old_day
    if moved or saved.entry.stop is None:
        # Another day's totals change, or the timer bar shows it: the page, not a row.
        return state.render.page("partials/empty.html", headers={"HX-Refresh": "true"})
    day, day_total, week, week_total = view.totals_around(saved.entry.start)
    return state.render.page(
        "partials/restored_entry.html",
        viewer=viewer,
        entry=view.rows([saved])[0],
        day=day,
        day_total=day_total,
        week=week,
        week_total=week_total,
    )


@post("/entries", status_code=200, sync_to_thread=False)
def add_entry(request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork) -> AnyResponse:
    """A past entry typed in by hand."""
    state = web_state(request)
    zone = ZoneInfo(viewer.user.timezone)
    today = entry_groups.local_date(state.clock.now_us() // 1_000_000, zone)
    changes = manual_changes(form, zone, today)
    changes.created_with = CREATED_WITH
    workspace_id = required_id(form.get("workspace_id"), "workspace")
    TimeEntryService(uow.conn, state.clock).create(viewer.user, workspace_id, changes)
    return changed(request)


@post("/entries/bulk", status_code=200, sync_to_thread=False)
def bulk(request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork) -> AnyResponse:
    """Delete the selected entries, or set their project or add tags (as the bulk PATCH does)."""
    state = web_state(request)
    ids = sorted({required_id(raw, "entry") for raw in form.all("ids")})
    if not ids:
        raise BadRequest(NOTHING_SELECTED)
    if len(ids) > MAX_SELECTED:
        raise BadRequest(f"Select at most {MAX_SELECTED} entries at once.")
    queries = TimeEntryQueries(uow.conn, state.clock)
    by_workspace: dict[int, list[int]] = {}
    for entry_id in ids:
        entry = queries.get_own(viewer.user, entry_id).entry
        by_workspace.setdefault(entry.workspace_id, []).append(entry_id)
    service = TimeEntryService(uow.conn, state.clock)
    action = form.get("action")
    if action == "delete":
        for workspace_id, entry_ids in by_workspace.items():
            for entry_id in entry_ids:
                service.delete(viewer.user, workspace_id, entry_id)
        return changed(request)
    if action == "project":
        changes = EntryChanges(project_id=optional_id(form.get("project_id")))
    elif action == "tags":
        changes = EntryChanges(tags=tag_names(form.get("tags")), tag_action="add")
    else:
        raise BadRequest("Choose what to do with the selected entries.")
    failures: list[str] = []
    for workspace_id, entry_ids in by_workspace.items():
        result = service.bulk_update(viewer.user, workspace_id, entry_ids, [changes])
        failures.extend(message for _, message in result.failure)
    if failures:
        # The others were changed: each entry stands alone, as in the bulk PATCH.
        raise BadRequest(f"{len(failures)} of {len(ids)} entries were not changed: {failures[0]}")
    return changed(request)


ROUTES = [edit_form, entry_row, save_entry, add_entry, bulk]
