"""What users need from the domains above them, declared here so users import none of them."""

from __future__ import annotations

from typing import Protocol


class MembershipLookup(Protocol):
    """Answers whether a user belongs to a workspace (workspaces/ sits above users/)."""

    def is_member(self, user_id: int, workspace_id: int) -> bool:
        """True when the user is an active member of that live workspace."""
        ...
