"""Pure tag rules: names, and Toggl's messages for tags."""

from __future__ import annotations

from punchclock.names import checked_name

MAX_TAG_NAME_LENGTH = 255
NAME_BLANK = "tag name can't be blank"
NAME_TOO_LONG = "Tag name is too long"
# PostgreSQL text cannot hold NUL; SQLite could, but both engines must agree (Punchclock's text).
NAME_INVALID = "Invalid tag name"
ONLY_ADMINS = "Only organization or workspace administrators may manage tags in this workspace."
TAG_NOT_FOUND = "Tag was not found"
NOT_IN_WORKSPACE = "Some tag IDs do not belong to workspace."
NO_IDS = "At least one tag ID must be supplied."
# Toggl's limit for bulk requests. The other bulk endpoints check it as they parse the path;
# here it comes after the access check, as it always has (a non-manager gets 403 first).
MAX_BULK_IDS = 100
TOO_MANY_IDS = f"PATCH request is limited to {MAX_BULK_IDS} entries at once"


def name_taken(name: str) -> str:
    """Toggl's 400 for a second live tag of that name."""
    return f"a tag with the name '{name}' already exists"


def check_name(name: str | None) -> str:
    """The name as given; 400 with Toggl's text when blank, or when too long."""
    # Tags keep their spaces: TagResolver matches names exactly as given.
    return checked_name(
        name,
        MAX_TAG_NAME_LENGTH,
        blank=NAME_BLANK,
        too_long=NAME_TOO_LONG,
        invalid=NAME_INVALID,
        trim=False,
    )
