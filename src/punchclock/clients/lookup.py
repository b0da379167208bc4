"""What other domains may ask about clients (entry lists show their names)."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.clients.repository import ClientRepository


class ClientLookup:
    """Read-only answers about clients, without access checks (callers hold theirs)."""

    def __init__(self, conn: Connection) -> None:
        self.repo = ClientRepository(conn)

    def names(self, client_ids: list[int]) -> dict[int, str]:
        """Names of the given clients, deleted ones included."""
        return self.repo.names(client_ids) if client_ids else {}
