"""SQL for clients."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, or_, select, update

from punchclock.clients.models import Client
from punchclock.db import driver_sql
from punchclock.db.row_locks import for_share
from punchclock.db.savepoints import unless_duplicate
from punchclock.db.schema import clients

_COLUMNS = [clients.c[name] for name in Client.__struct_fields__]
_BY_NAME = (clients.c.name, clients.c.id)


class ClientRepository:
    """Reads and writes clients on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def names(self, client_ids: list[int]) -> dict[int, str]:
        """Names of the given clients."""
        return driver_sql.names_by_id(self.conn, "clients", client_ids)

    def get(self, client_id: int) -> Client | None:
        """A live client by id, in any workspace (callers check the workspace).

        In a PostgreSQL write transaction the row is share-locked, so a concurrent delete waits
        for a writer that is about to file a project under this client (and vice versa).
        """
        statement = select(*_COLUMNS).where(
            clients.c.id == client_id, clients.c.server_deleted_at.is_(None)
        )
        row = self.conn.execute(for_share(self.conn, statement)).first()
        return Client(*row) if row else None

    def list_in_workspace(
        self, workspace_id: int, archived: bool | None, name: str | None, since: int | None = None
    ) -> list[Client]:
        """Clients by name; `archived` None means both, `name` a case-insensitive part.

        With `since` (Unix microseconds) only clients changed from then on, tombstones included
        whatever `archived` asks for, so a syncing caller learns of deletions.
        """
        conditions: list[Any] = [clients.c.workspace_id == workspace_id]
        if name:
            conditions.append(clients.c.name.icontains(name, autoescape=True))
        status = clients.c.archived.is_(archived) if archived is not None else None
        if since is None:
            conditions.append(clients.c.server_deleted_at.is_(None))
            if status is not None:
                conditions.append(status)
        else:
            conditions.append(clients.c.at >= since)
            if status is not None:
                conditions.append(or_(clients.c.server_deleted_at.is_not(None), status))
        rows = self.conn.execute(select(*_COLUMNS).where(*conditions).order_by(*_BY_NAME)).all()
        return [Client(*row) for row in rows]

    def list_in_workspaces(
        self, workspace_ids: list[int], since: int | None = None
    ) -> list[Client]:
        """Clients of several workspaces by workspace then name: live ones, or with `since`
        those changed from then on (tombstones included)."""
        if not workspace_ids:
            return []
        changed = clients.c.server_deleted_at.is_(None) if since is None else clients.c.at >= since
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(clients.c.workspace_id.in_(workspace_ids), changed)
            .order_by(clients.c.workspace_id, *_BY_NAME)
        ).all()
        return [Client(*row) for row in rows]

    def id_by_name(self, workspace_id: int, name: str) -> int | None:
        """The live client of the workspace with exactly this name."""
        row = self.conn.execute(
            select(clients.c.id).where(
                clients.c.workspace_id == workspace_id,
                clients.c.name == name,
                clients.c.server_deleted_at.is_(None),
            )
        ).first()
        return int(row[0]) if row else None

    def insert(self, values: dict[str, Any]) -> int:
        """Create a client and return its id."""
        result = self.conn.execute(insert(clients).values(**values).returning(clients.c.id))
        return int(result.scalar_one())

    def update(self, client_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one client."""
        self.conn.execute(update(clients).where(clients.c.id == client_id).values(**values))

    def update_unique(self, client_id: int, values: dict[str, Any]) -> bool:
        """`update`, or False when a live client already has the new name (a lost race)."""

        def write() -> bool:
            self.update(client_id, values)
            return True

        return unless_duplicate(self.conn, write) is True
