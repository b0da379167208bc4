"""Report rules: who may see which entries."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.errors import Forbidden
from punchclock.reports.models import DetailedQuery, DetailedRow
from punchclock.reports.repository import ReportRepository
from punchclock.users.models import User
from punchclock.workspaces.models import Workspace
from punchclock.workspaces.repository import WorkspaceRepository

WORKSPACE_NOT_ACCESSIBLE = "Workspace not found/accessible"


class ReportService:
    """Detailed reports, access-checked."""

    def __init__(self, conn: Connection) -> None:
        self.workspaces = WorkspaceRepository(conn)
        self.repo = ReportRepository(conn)

    def detailed(
        self, user: User, workspace_id: int, query: DetailedQuery
    ) -> tuple[Workspace, list[DetailedRow], bool]:
        """The page of rows, and whether another page follows."""
        membership = self.workspaces.membership(workspace_id, user.id)
        workspace = self.workspaces.get_workspace(workspace_id) if membership else None
        if membership is None or workspace is None:
            raise Forbidden(WORKSPACE_NOT_ACCESSIBLE)
        if not membership.is_admin:
            # Members see their own entries only, until team visibility settings exist.
            query.user_ids = [user.id]
        rows = self.repo.detailed(workspace_id, query, query.page_size + 1)
        has_more = len(rows) > query.page_size
        return workspace, rows[: query.page_size], has_more
