"""What outside this package points at clients, declared here so clients never import it.

Projects are above clients (a project names its client), so clients reach them only through
this protocol, which the projects package implements.
"""

from __future__ import annotations

from typing import Protocol


class ClientProjects(Protocol):
    """A client's projects: what deleting, archiving and restoring the client does to them."""

    def ids(self, client_id: int) -> set[int]:
        """The client's live projects."""
        ...

    def clashes_without_client(self, workspace_id: int, client_id: int) -> list[str]:
        """Names of the client's projects that a live client-less project already uses."""
        ...

    def detach(self, client_id: int, now: int) -> None:
        """The client's live projects lose their client."""
        ...

    def archive(self, client_id: int, now: int) -> list[int]:
        """Deactivate the client's active projects; their ids, ascending."""
        ...

    def restore(self, client_id: int, project_ids: list[int] | None, now: int) -> None:
        """Reactivate the client's archived projects: all of them, or only these."""
        ...
