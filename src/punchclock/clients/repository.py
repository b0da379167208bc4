"""SQL for clients."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select

from punchclock.clients.models import Client
from punchclock.db.schema import clients

_COLUMNS = [clients.c[name] for name in Client.__struct_fields__]
_BY_NAME = (clients.c.name, clients.c.id)


class ClientRepository:
    """Reads and writes clients on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def names(self, client_ids: list[int]) -> dict[int, str]:
        """Names of the given clients."""
        if not client_ids:
            return {}
        rows = self.conn.execute(
            select(clients.c.id, clients.c.name).where(clients.c.id.in_(client_ids))
        )
        return {row[0]: row[1] for row in rows}

    def get(self, client_id: int) -> Client | None:
        """A live client by id, in any workspace (callers check the workspace)."""
        row = self.conn.execute(
            select(*_COLUMNS).where(
                clients.c.id == client_id, clients.c.server_deleted_at.is_(None)
            )
        ).first()
        return Client(*row) if row else None

    def list_in_workspace(
        self, workspace_id: int, archived: bool | None, name: str | None
    ) -> list[Client]:
        """Live clients by name; `archived` None means both, `name` a case-insensitive part."""
        conditions: list[Any] = [
            clients.c.workspace_id == workspace_id,
            clients.c.server_deleted_at.is_(None),
        ]
        if archived is not None:
            conditions.append(clients.c.archived.is_(archived))
        if name:
            conditions.append(clients.c.name.icontains(name, autoescape=True))
        rows = self.conn.execute(select(*_COLUMNS).where(*conditions).order_by(*_BY_NAME)).all()
        return [Client(*row) for row in rows]

    def list_in_workspaces(self, workspace_ids: list[int]) -> list[Client]:
        """Live clients of several workspaces, by workspace then name."""
        if not workspace_ids:
            return []
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(clients.c.workspace_id.in_(workspace_ids), clients.c.server_deleted_at.is_(None))
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
