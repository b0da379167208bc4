"""What outside this package holds tags, declared here so tags never import its holders."""

from __future__ import annotations

from typing import Protocol


class TagHolders(Protocol):
    """Things that carry workspace tags (time entries): told when tags are deleted."""

    def remove_tags(self, workspace_id: int, tag_ids: list[int], now: int) -> int:
        """Take the deleted tags off every live holder in the workspace; how many changed."""
        ...
