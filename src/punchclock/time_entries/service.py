"""Time-entry writes with access checks: one running entry per user, auto-stop, tags, bulk edits."""

from __future__ import annotations

from typing import TypeVar

import msgspec
from msgspec import UNSET, UnsetType
from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.db.savepoints import BulkResult, each_on_its_own
from punchclock.errors import NO_ACCESS, BadRequest, Conflict, Forbidden, NotFound
from punchclock.tags.resolver import TagPlan, TagResolver, with_created
from punchclock.time_entries import rules
from punchclock.time_entries.decorator import EntryDecorator
from punchclock.time_entries.models import EntryChanges, EntryView, TimeEntry
from punchclock.time_entries.owner_stamps import OwnerStamps
from punchclock.time_entries.references import ReferenceChecker
from punchclock.time_entries.repository import TimeEntryRepository, encode_tag_ids
from punchclock.users.models import User
from punchclock.workspaces.models import Membership
from punchclock.workspaces.service import WorkspaceService

ENTRY_NOT_FOUND = "Time entry not found"
ALREADY_STOPPED = "Time entry already stopped"

T = TypeVar("T")


class TimeEntryService:
    """Every change a caller may make to time entries, access-checked (reads: queries.py)."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = TimeEntryRepository(conn)
        self.workspaces = WorkspaceService(conn, clock)
        self.tags = TagResolver(conn, clock)
        self.references = ReferenceChecker(conn)
        self.decorate = EntryDecorator(conn)
        self.stamps = OwnerStamps(self.repo)

    # ---- writes -----------------------------------------------------------------------------

    def create(self, user: User, workspace_id: int, changes: EntryChanges) -> EntryView:
        """A new entry; a new running entry stops the owner's current one.

        In order: the caller's membership, the rules that need no data, then the reads and
        checks of what the entry names (owner, project, task, tags, shares), and only then the
        lock and the writes, so a refused request has written nothing.
        """
        membership = self._member(user, workspace_id)
        rules.check_description(_given(changes.description))
        now = self.clock.now_us()
        start, stop = rules.resolve_create(changes, now)
        owner_id = self._owner_for(user, membership, changes)
        project_id, task_id, project_billable = self.references.check(
            workspace_id,
            _given(changes.project_id),
            _given(changes.task_id),
            user_id=user.id,
            is_admin=membership.is_admin,
        )
        tags = self._tag_plan(workspace_id, membership, changes)
        planned = rules.apply_tag_action([], tags.ordered, None)
        shares = self._share_targets(workspace_id, changes)
        # New entries on a billable project are billable unless told otherwise.
        billable = project_billable if changes.billable is UNSET else changes.billable
        # New names are created before the owner's lock, as they always were: a writer that
        # holds an owner's lock may itself wait on another's uncommitted tag (a bulk edit across
        # owners), so taking the lock first could deadlock on PostgreSQL.
        tag_ids = with_created(planned, self.tags.create_missing(tags, user.id))
        self.repo.lock_user(owner_id)
        running = None
        if stop is None:
            # Read after the lock, in one statement: both are the owner's latest state.
            latest, running = self.repo.latest_at_and_running(owner_id)
            self.stamps.known(owner_id, latest)
        at = self._next_at(owner_id)
        if running is not None:
            # Toggl stops the running entry at the server time of this request.
            self.repo.stop_entry(running, now // 1_000_000, at)
        entry_id = self.repo.insert(
            {
                "workspace_id": workspace_id,
                "user_id": owner_id,
                "project_id": project_id,
                "task_id": task_id,
                "billable": billable,
                "description": _given(changes.description),
                "start": start,
                "stop": stop,
                "tag_ids": encode_tag_ids(tag_ids),
                "created_with": _given(changes.created_with),
                "created_at": now,
                "at": at,
            }
        )
        if shares is not None:
            self.repo.replace_shares(entry_id, shares, now)
        # The stored row is exactly these values: no read-back (a round trip on PostgreSQL).
        entry = TimeEntry(
            entry_id,
            workspace_id,
            owner_id,
            project_id,
            task_id,
            billable,
            _given(changes.description),
            start,
            stop,
            tag_ids,
            at,
            None,
        )
        return self.decorate.views([entry])[0]

    def update(
        self, user: User, workspace_id: int, entry_id: int, changes: EntryChanges
    ) -> EntryView:
        """A partial update: only the given fields change."""
        membership = self._member(user, workspace_id)
        entry = self._writable(user, membership, workspace_id, entry_id)
        self._apply(user, membership, entry, changes)
        return self._view(entry_id)

    def bulk_update(
        self, user: User, workspace_id: int, entry_ids: list[int], operations: list[EntryChanges]
    ) -> BulkResult:
        """Apply the operations to each entry on its own: failures do not undo the others."""
        membership = self._member(user, workspace_id)

        def apply(entry_id: int) -> None:
            entry = self._writable(user, membership, workspace_id, entry_id)
            for changes in operations:
                entry = self._apply(user, membership, entry, changes)

        def undone() -> None:
            # Locks taken inside an undone savepoint are released with it, and the newest
            # `at` read under them may be gone too.
            self.repo.forget_locks()
            self.stamps.forget()

        return each_on_its_own(self.conn, rules.dedupe(entry_ids), apply, undone)

    def stop(self, user: User, workspace_id: int, entry_id: int) -> EntryView:
        """Stop a running entry now; 409 when it is already stopped."""
        membership = self._member(user, workspace_id)
        entry = self._writable(user, membership, workspace_id, entry_id)
        if entry.stop is not None:
            raise Conflict(ALREADY_STOPPED)
        # _writable read the entry under its owner's lock already.
        now_s = self.clock.now_us() // 1_000_000
        self.repo.update(
            entry.id, {"stop": max(now_s, entry.start), "at": self._next_at(entry.user_id)}
        )
        return self._view(entry_id)

    def delete(self, user: User, workspace_id: int, entry_id: int) -> None:
        """Soft-delete: the tombstone stays visible to `since` sync. Repeats succeed."""
        membership = self._member(user, workspace_id)
        entry = self.repo.get(entry_id)
        if entry is None:
            return
        if entry.workspace_id != workspace_id or not _may_edit(user, membership, entry):
            raise Forbidden(NO_ACCESS)
        if entry.server_deleted_at is not None:
            return
        self.repo.lock_user(entry.user_id)
        at = self._next_at(entry.user_id)
        self.repo.update(entry.id, {"server_deleted_at": at, "at": at})

    def restore(self, user: User, workspace_id: int, entry_id: int) -> EntryView:
        """Undo a delete: the entry is live again, with a new `at` so `since` pollers see it.

        A restored running entry stops the owner's current one, as starting a timer does.
        """
        membership = self._member(user, workspace_id)
        entry = self.repo.get(entry_id)
        if entry is not None and self.repo.lock_user(entry.user_id):
            entry = self.repo.get(entry_id)
        if entry is None or entry.workspace_id != workspace_id:
            raise NotFound(ENTRY_NOT_FOUND)
        if not _may_edit(user, membership, entry):
            raise Forbidden(NO_ACCESS)
        if entry.server_deleted_at is None:
            return self._view(entry_id)
        values: dict[str, object] = {"server_deleted_at": None}
        try:
            self.references.check(entry.workspace_id, entry.project_id, entry.task_id)
        except BadRequest:
            # Its project or task went in the meantime (deleted with its entries, say): the
            # entry comes back without them, as a project's deletion leaves entries it keeps.
            values.update(project_id=None, task_id=None)
        at = self._next_at(entry.user_id)
        if entry.stop is None:
            self.repo.stop_running(entry.user_id, self.clock.now_us() // 1_000_000, at)
        self.repo.update(entry.id, {**values, "at": at})
        return self._view(entry_id)

    # ---- internals --------------------------------------------------------------------------

    def _apply(
        self, user: User, membership: Membership, entry: TimeEntry, changes: EntryChanges
    ) -> TimeEntry:
        # The same order as `create`: rules that need no data, reads and checks, then writes.
        values: dict[str, object] = {}
        if changes.description is not UNSET:
            rules.check_description(changes.description)
            values["description"] = changes.description
        now = self.clock.now_us()
        start, stop = rules.resolve_update(entry.start, entry.stop, changes, now)
        if start != entry.start:
            values["start"] = start
        if stop != entry.stop:
            values["stop"] = stop
        if changes.billable is not UNSET:
            values["billable"] = changes.billable
        owner_id = entry.user_id
        if changes.user_id is not UNSET and changes.user_id != entry.user_id:
            owner_id = self._owner_for(user, membership, changes)
            values["user_id"] = owner_id
        if changes.project_id is not UNSET or changes.task_id is not UNSET:
            project_id = entry.project_id if changes.project_id is UNSET else changes.project_id
            task_id = entry.task_id if changes.task_id is UNSET else changes.task_id
            if changes.task_id is UNSET and project_id != entry.project_id:
                task_id = None  # a task belongs to its project; moving projects drops it
            project_id, task_id, _ = self.references.check(
                entry.workspace_id,
                project_id,
                task_id,
                user_id=user.id,
                is_admin=membership.is_admin,
            )
            values["project_id"] = project_id
            values["task_id"] = task_id
        tags = None
        planned: list[int | str] = list(entry.tag_ids)
        if changes.tags is not UNSET or changes.tag_ids is not UNSET:
            tags = self._tag_plan(entry.workspace_id, membership, changes)
            action = None if changes.tag_action is UNSET else changes.tag_action
            planned = rules.apply_tag_action(entry.tag_ids, tags.ordered, action)
        shares = self._share_targets(entry.workspace_id, changes)
        new_tag_ids = entry.tag_ids
        if tags is not None:
            # Before the (new) owner's lock, as in `create`.
            new_tag_ids = with_created(planned, self.tags.create_missing(tags, user.id))
            values["tag_ids"] = encode_tag_ids(new_tag_ids)
        self.repo.lock_user(owner_id)
        at = self._next_at(owner_id)
        starts_running = stop is None and (entry.stop is not None or owner_id != entry.user_id)
        if starts_running:
            # One running entry per user, always: restarting one stops any other.
            self.repo.stop_running(owner_id, now // 1_000_000, at)
        if shares is not None:
            self.repo.replace_shares(entry.id, shares, now)
        values["at"] = at
        self.repo.update(entry.id, values)
        # The stored row is now exactly the entry with these values: no need to read it back.
        fields = {name: value for name, value in values.items() if name != "tag_ids"}
        return msgspec.structs.replace(entry, tag_ids=new_tag_ids, **fields)

    def _tag_plan(
        self, workspace_id: int, membership: Membership, changes: EntryChanges
    ) -> TagPlan:
        return self.tags.plan(
            workspace_id,
            _given(changes.tags) or [],
            _given(changes.tag_ids) or [],
            is_admin=membership.is_admin,
        )

    def _member(self, user: User, workspace_id: int) -> Membership:
        return self.workspaces.require_member(user.id, workspace_id)

    def _owner_for(self, user: User, membership: Membership, changes: EntryChanges) -> int:
        """Whose entry this is: the caller, or (for workspace admins) another member."""
        if changes.user_id is UNSET or changes.user_id == user.id:
            return user.id
        if not membership.is_admin:
            raise Forbidden(NO_ACCESS)
        if not self.workspaces.is_member(changes.user_id, membership.workspace_id):
            raise BadRequest("User is not a member of this workspace")
        return changes.user_id

    def _writable(
        self, user: User, membership: Membership, workspace_id: int, entry_id: int
    ) -> TimeEntry:
        entry = self.repo.get(entry_id)
        if entry is not None and self.repo.lock_user(entry.user_id):
            # Read again under the owner's lock, so changes computed from this entry (tag
            # additions, the running state) cannot overwrite a concurrent writer's.
            entry = self.repo.get(entry_id)
        if entry is None or entry.server_deleted_at is not None:
            raise NotFound(ENTRY_NOT_FOUND)
        if entry.workspace_id != workspace_id:
            raise NotFound(ENTRY_NOT_FOUND)
        if not _may_edit(user, membership, entry):
            raise Forbidden(NO_ACCESS)
        return entry

    def _next_at(self, user_id: int) -> int:
        return self.stamps.next(user_id, self.clock.now_us())

    def _share_targets(self, workspace_id: int, changes: EntryChanges) -> list[int] | None:
        """Whom the entry is to be shared with (None: unchanged); 400 for non-members."""
        if changes.shared_with_user_ids is UNSET:
            return None
        members = set(self.workspaces.member_ids(workspace_id))
        wanted = rules.dedupe(changes.shared_with_user_ids)
        if any(uid not in members for uid in wanted):
            raise BadRequest("Cannot share time entry with users outside the workspace")
        return wanted

    def _view(self, entry_id: int) -> EntryView:
        entry = self.repo.get(entry_id)
        assert entry is not None
        return self.decorate.views([entry])[0]


def _may_edit(user: User, membership: Membership, entry: TimeEntry) -> bool:
    return entry.user_id == user.id or membership.is_admin


def _given(value: T | UnsetType) -> T | None:
    """None for UNSET, else the value."""
    return None if isinstance(value, UnsetType) else value
