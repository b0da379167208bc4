"""What a timer's picker offers (ProjectService.trackable), and tracked time from the index."""

from __future__ import annotations

from collections.abc import Callable

from punchclock.clock import FrozenClock
from punchclock.composition import project_editor, project_service
from punchclock.db.engine import Database
from punchclock.projects.models import MyProjectsQuery, ProjectDraft
from tests.conftest import Account
from tests.services.support import join_workspace, user_of
from tests.services.test_project_services import new_entry, new_project


def test_the_picker_offers_active_projects_the_caller_may_track_on(
    database: Database,
    clock: FrozenClock,
    alice: Account,
    make_account: Callable[..., Account],
) -> None:
    owner = user_of(database, alice)
    wid = alice.workspace_id
    open_id = new_project(database, clock, owner, name="Open", is_private=False)
    new_project(database, clock, owner, name="Secret", is_private=True)
    archived = new_project(database, clock, owner, name="Old", is_private=False)
    with database.transaction(write=True) as conn:
        project_editor(conn, clock).update(owner, wid, archived, ProjectDraft(active=False))
    bob = make_account()
    join_workspace(database, wid, bob.id)
    with database.transaction(write=False) as conn:
        service = project_service(conn, clock)
        mine = sorted(p.name for p in service.trackable(owner, wid))
        his = [p.id for p in service.trackable(user_of(database, bob), wid)]
    assert mine == ["Open", "Secret"]
    assert his == [open_id]


def test_tracked_time_counts_stopped_live_entries_of_each_project(
    database: Database, clock: FrozenClock, alice: Account
) -> None:
    owner = user_of(database, alice)
    wid = alice.workspace_id
    first = new_project(database, clock, owner, name="First", is_private=False)
    second = new_project(database, clock, owner, name="Second", is_private=False)
    new_entry(database, alice.id, wid, project_id=first, start=100, stop=700)
    new_entry(database, alice.id, wid, project_id=first, start=1000, stop=1060)
    new_entry(database, alice.id, wid, project_id=first, start=2000, stop=None)  # running
    new_entry(database, alice.id, wid, project_id=first, start=3000, stop=9000, server_deleted_at=1)
    new_entry(database, alice.id, wid, project_id=second, start=0, stop=5)
    with database.transaction(write=False) as conn:
        views = project_service(conn, clock).list_for_user(owner, MyProjectsQuery())
    assert {v.project.name: v.actual_seconds for v in views} == {"First": 660, "Second": 5}
