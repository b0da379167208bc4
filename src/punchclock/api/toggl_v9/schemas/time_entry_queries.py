"""Query-string rules of GET /me/time_entries (§4.8): exclusions and date parsing."""

from __future__ import annotations

from collections.abc import Mapping

from punchclock.api.http import parse_ascii_int
from punchclock.api.timestamps import parse_date_or_instant
from punchclock.errors import BadRequest
from punchclock.time_entries.models import ListQuery

# Unix seconds below this (year 5138) keep microseconds within int64.
MAX_SINCE = 10**11
_EXCLUSIVE = (
    ("since", "before"),
    ("since", "start_date"),
    ("since", "end_date"),
    ("before", "start_date"),
    ("before", "end_date"),
)


def list_query_from_params(params: Mapping[str, str], timezone: str) -> ListQuery:
    """A ListQuery from the raw parameters; dates without a time are midnight in `timezone`."""
    given = {
        name: value
        for name in ("since", "before", "start_date", "end_date")
        if (value := params.get(name))
    }
    for first, second in _EXCLUSIVE:
        if first in given and second in given:
            raise BadRequest(f"'{first}' and '{second}' can not be present simultaneously")
    if ("start_date" in given) != ("end_date" in given):
        raise BadRequest("'start_date' and 'end_date' must be used together")
    query = ListQuery()
    if "since" in given:
        # Plain Unix seconds only: int() would also take "1_000", " 5", "+5" or U+0663 (3).
        since = parse_ascii_int(given["since"], 0, MAX_SINCE - 1)
        if since is None:
            raise BadRequest("Invalid since")
        # Entries modified at or after that second (the repository compares strictly).
        query.since = since * 1_000_000 - 1
    for name in ("before", "start_date", "end_date"):
        if name in given:
            try:
                instant = parse_date_or_instant(given[name], timezone)
            except ValueError:
                raise BadRequest(f"Invalid {name}") from None
            if name == "before":
                query.before = instant
            elif name == "start_date":
                query.start = instant
            else:
                query.end = instant
    return query
