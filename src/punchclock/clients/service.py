"""Client rules with access checks: listing, reading and creating a workspace's clients."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.clients import rules
from punchclock.clients.models import Client
from punchclock.clients.repository import ClientRepository
from punchclock.clock import Clock
from punchclock.errors import BadRequest, NotFound
from punchclock.users.models import User
from punchclock.workspaces.service import WorkspaceService

MAX_ID = 2**63 - 1


class ClientService:
    """Everything a workspace member may do with clients."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.clock = clock
        self.repo = ClientRepository(conn)
        self.workspaces = WorkspaceService(conn, clock)

    def find(
        self, user: User, workspace_id: int, archived: bool | None, name: str | None
    ) -> list[Client]:
        """The workspace's clients; `archived` None means both."""
        self.workspaces.require_member(user.id, workspace_id)
        return self.repo.list_in_workspace(workspace_id, archived, name)

    def get(self, user: User, workspace_id: int, client_id: int) -> Client:
        """One client of the workspace; 404 when unknown or elsewhere."""
        self.workspaces.require_member(user.id, workspace_id)
        client = self.repo.get(client_id) if client_id <= MAX_ID else None
        if client is None or client.workspace_id != workspace_id:
            raise NotFound(rules.client_not_found(client_id))
        return client

    def create(self, user: User, workspace_id: int, name: str | None, notes: str | None) -> Client:
        """A new client; names are unique among the workspace's live clients."""
        self.workspaces.require_member(user.id, workspace_id)
        cleaned = rules.clean_name(name)
        if self.repo.id_by_name(workspace_id, cleaned) is not None:
            raise BadRequest(rules.name_taken(cleaned))
        now = self.clock.now_us()
        client_id = self.repo.insert(
            {
                "workspace_id": workspace_id,
                "name": cleaned,
                "notes": notes or None,
                "archived": False,
                "creator_id": user.id,
                "created_at": now,
                "at": now,
            }
        )
        client = self.repo.get(client_id)
        assert client is not None
        return client

    def for_workspaces(self, workspace_ids: list[int]) -> list[Client]:
        """Live clients of workspaces the caller is already known to belong to."""
        return self.repo.list_in_workspaces(workspace_ids)
