"""SQL for clients."""

from __future__ import annotations

from sqlalchemy import Connection, select

from punchclock.db.schema import clients


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
