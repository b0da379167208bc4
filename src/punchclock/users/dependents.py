"""What users need from the domains above them, declared here so users import none of them."""

from __future__ import annotations

from typing import Protocol


class MembershipLookup(Protocol):
    """Answers whether a user belongs to a workspace (workspaces/ sits above users/)."""

    def is_member(self, user_id: int, workspace_id: int) -> bool:
        """True when the user is an active member of that live workspace."""
        ...


class SignInAttempts(Protocol):
    """Counts password sign-ins per account and address (sessions/ implements it, above users/).

    `begin` is called before a password is checked and counts the attempt as failed at once,
    so requests sent in parallel cannot all pass a read of the count; `succeeded` takes a right
    password's attempt back.
    """

    async def begin(self, email: str, address: str) -> int:
        """0 when the password may be checked now (the attempt is counted), else seconds to wait."""
        ...

    async def succeeded(self, email: str, address: str) -> None:
        """The password was right: clear the account's failures and uncount this attempt."""
        ...
