"""Client rules with access checks: a workspace's clients, read by members, managed by admins."""

from __future__ import annotations

from msgspec import UnsetType
from sqlalchemy import Connection

from punchclock.clients import rules
from punchclock.clients.dependents import ClientProjects
from punchclock.clients.models import Client, ClientChanges
from punchclock.clients.repository import ClientRepository
from punchclock.clock import Clock
from punchclock.db.bigint import storable_id
from punchclock.errors import BadRequest, Forbidden, NotFound
from punchclock.stamps import next_at
from punchclock.users.models import User
from punchclock.workspaces.service import WorkspaceService


class ClientService:
    """Everything a workspace member may do with clients."""

    def __init__(self, conn: Connection, clock: Clock, projects: ClientProjects) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = ClientRepository(conn)
        self.workspaces = WorkspaceService(conn, clock)
        self.projects = projects

    # ---- reads ------------------------------------------------------------------------------

    def find(
        self,
        user: User,
        workspace_id: int,
        archived: bool | None,
        name: str | None,
        since: int | None = None,
    ) -> list[Client]:
        """The workspace's clients; `archived` None means both, `since` adds tombstones."""
        self.workspaces.require_member(user.id, workspace_id)
        return self.repo.list_in_workspace(workspace_id, archived, name, since)

    def get(self, user: User, workspace_id: int, client_id: int) -> Client:
        """One client of the workspace; 404 when unknown or elsewhere."""
        self.workspaces.require_member(user.id, workspace_id)
        return self._live(workspace_id, client_id, rules.client_not_found(client_id))

    def for_user(self, user: User, since: int | None) -> list[Client]:
        """Clients of all the caller's workspaces (GET /me/clients)."""
        workspace_ids = self.workspaces.ids_for_user(user.id)
        return self.repo.list_in_workspaces(workspace_ids, since)

    def for_workspaces(self, workspace_ids: list[int]) -> list[Client]:
        """Live clients of workspaces the caller is already known to belong to."""
        return self.repo.list_in_workspaces(workspace_ids)

    def is_live_in(self, workspace_id: int, client_id: int) -> bool:
        """Whether the id is a live client of the workspace (share-locked for writers)."""
        client = self.repo.get(client_id) if storable_id(client_id) else None
        return client is not None and client.workspace_id == workspace_id

    def named(self, user: User, workspace_id: int, name: str) -> int:
        """The id of the workspace's live client of that name, created when missing."""
        existing = self.repo.id_by_name(workspace_id, name)
        if existing is not None:
            return existing
        return self.create(user, workspace_id, name, None).id

    # ---- writes -----------------------------------------------------------------------------

    def create(self, user: User, workspace_id: int, name: str | None, notes: str | None) -> Client:
        """A new client; names are unique among the workspace's live clients."""
        self.workspaces.require_member(user.id, workspace_id)
        cleaned = rules.clean_name(name)
        notes = rules.clean_notes(notes)
        if self.repo.id_by_name(workspace_id, cleaned) is not None:
            raise BadRequest(rules.name_taken(cleaned))
        now = self.clock.now_us()
        client_id = self.repo.insert(
            {
                "workspace_id": workspace_id,
                "name": cleaned,
                "notes": notes,
                "archived": False,
                "creator_id": user.id,
                "created_at": now,
                "at": now,
            }
        )
        return self._reread(client_id)

    def update(
        self, user: User, workspace_id: int, client_id: int, changes: ClientChanges
    ) -> Client:
        """Rename a client or change its notes (admins only)."""
        self._require_admin(user, workspace_id)
        client = self._live(workspace_id, client_id, rules.NOT_IN_WORKSPACE)
        values: dict[str, object] = {}
        if not isinstance(changes.name, UnsetType):
            name = rules.clean_name(changes.name)
            if name != client.name:
                if self.repo.id_by_name(workspace_id, name) is not None:
                    raise BadRequest(rules.name_taken(name))
                values["name"] = name
        if not isinstance(changes.notes, UnsetType):
            notes = rules.clean_notes(changes.notes)
            if notes != client.notes:
                values["notes"] = notes
        if values:
            values["at"] = next_at(client.at, self.clock.now_us())
            if not self.repo.update_unique(client.id, values):
                raise BadRequest(rules.name_taken(str(values["name"])))
        return self._reread(client.id)

    def delete(self, user: User, workspace_id: int, client_id: int) -> int:
        """Soft-delete a client (admins only); its projects lose their client."""
        self._require_admin(user, workspace_id)
        client = self._live(workspace_id, client_id, rules.client_not_found(client_id))
        if clashes := self.projects.clashes_without_client(workspace_id, client.id):
            raise BadRequest(rules.project_name_clash(clashes[0]))
        now = self.clock.now_us()
        at = next_at(client.at, now)
        self.repo.update(client.id, {"server_deleted_at": at, "at": at})
        self.projects.detach(client.id, now)
        return client.id

    def archive(self, user: User, workspace_id: int, client_id: int) -> list[int]:
        """Archive a client and its active projects (admins only); the projects' ids."""
        self._require_admin(user, workspace_id)
        client = self._live(workspace_id, client_id, rules.client_not_found(client_id))
        now = self.clock.now_us()
        if not client.archived:
            self.repo.update(client.id, {"archived": True, "at": next_at(client.at, now)})
        return self.projects.archive(client.id, now)

    def restore(
        self,
        user: User,
        workspace_id: int,
        client_id: int,
        project_ids: list[int],
        restore_all_projects: bool,
    ) -> Client:
        """Un-archive a client, with all or the given archived projects (admins only)."""
        self._require_admin(user, workspace_id)
        client = self._live(workspace_id, client_id, rules.client_not_found(client_id))
        if not restore_all_projects and project_ids:
            own = self.projects.ids(client.id)
            if unknown := [pid for pid in project_ids if pid not in own]:
                raise BadRequest(rules.project_not_of_client(unknown[0], client.id))
        now = self.clock.now_us()
        if client.archived:
            self.repo.update(client.id, {"archived": False, "at": next_at(client.at, now)})
        self.projects.restore(client.id, None if restore_all_projects else project_ids, now)
        return self._reread(client.id)

    # ---- internals --------------------------------------------------------------------------

    def _require_admin(self, user: User, workspace_id: int) -> None:
        membership = self.workspaces.require_member(user.id, workspace_id)
        if not membership.is_admin:
            raise Forbidden(rules.FORBIDDEN)

    def _live(self, workspace_id: int, client_id: int, missing: str) -> Client:
        client = self.repo.get(client_id) if storable_id(client_id) else None
        if client is None or client.workspace_id != workspace_id:
            raise NotFound(missing)
        return client

    def _reread(self, client_id: int) -> Client:
        client = self.repo.get(client_id)
        assert client is not None
        return client
