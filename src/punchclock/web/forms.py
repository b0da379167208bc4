"""Reading form fields into what the services take (a bad value is a 400 with a clear message)."""

from __future__ import annotations

from punchclock.db.bigint import storable_id
from punchclock.errors import BadRequest

MAX_TAGS = 50


def optional_id(raw: str) -> int | None:
    """An id from a select or hidden field; "" means none."""
    raw = raw.strip()
    if not raw:
        return None
    # ASCII digits only (str.isdigit() accepts "²", which int() refuses, and "٣", which it
    # reads as 3), within BIGINT.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18 or not storable_id(int(raw)):
        raise BadRequest("That choice is not valid any more. Reload the page and try again.")
    return int(raw)


def required_id(raw: str, what: str) -> int:
    """An id the form must carry."""
    value = optional_id(raw)
    if value is None:
        raise BadRequest(f"The form did not say which {what}. Reload the page and try again.")
    return value


def tag_names(raw: str) -> list[str]:
    """Tag names typed as "a, b, c": trimmed, blanks and repeats dropped, order kept."""
    names: list[str] = []
    for part in raw.split(","):
        name = part.strip()
        if name and name not in names:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise BadRequest(f"An entry can have at most {MAX_TAGS} tags.")
    return names
