"""Query strings of the project lists: /workspaces/{wid}/projects and /me/projects[/paginated]."""

from __future__ import annotations

from collections.abc import Mapping

from punchclock.api.http import parse_ascii_int, query_flag, search_text
from punchclock.api.toggl_v9.schemas.projects import (
    MAX_PAGE,
    MAX_PER_PAGE,
    id_list,
    parse_active,
    positive_int,
)
from punchclock.errors import BadRequest
from punchclock.projects.models import (
    DEFAULT_PER_PAGE,
    SORT_FIELDS,
    MyProjectsQuery,
    ProjectQuery,
)

MAX_SINCE = 10**11
MY_PROJECTS_PER_PAGE = 201


def since_param(value: str | None) -> int | None:
    """Unix seconds as the first microsecond to include; 400 "Invalid since" otherwise."""
    if value is None or value == "":
        return None
    # Plain Unix seconds only: int() would also take "1_000", " 5", "+5" or U+0663 (3).
    seconds = parse_ascii_int(value, 0, MAX_SINCE - 1)
    if seconds is None:
        raise BadRequest("Invalid since")
    return seconds * 1_000_000


def project_query(params: Mapping[str, str]) -> ProjectQuery:
    """GET /workspaces/{wid}/projects; other Toggl filters (statuses, group_ids...) are ignored."""
    since = since_param(params.get("since"))
    client_ids = params.get("client_ids")
    user_ids = params.get("user_ids")
    sort_field = (params.get("sort_field") or "name").lower()
    if sort_field not in SORT_FIELDS:
        raise BadRequest("Invalid sort_field")
    name = search_text(params.get("name"), "name")
    sort_order = (params.get("sort_order") or "asc").lower()
    if sort_order not in ("asc", "desc"):
        raise BadRequest("Invalid sort_order")
    return ProjectQuery(
        # A `since` sync must also see projects that were archived, so it defaults to both.
        active=parse_active(params.get("active"), None if since is not None else True),
        name=name,
        client_ids=id_list(client_ids, "client_ids") if client_ids else None,
        since=since,
        billable=query_flag(params.get("billable"), "billable"),
        user_ids=id_list(user_ids, "user_ids") if user_ids else None,
        sort_field=sort_field,
        descending=sort_order == "desc",
        page=positive_int(params.get("page"), "page", 1, MAX_PAGE),
        per_page=positive_int(params.get("per_page"), "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
    )


def my_projects_query(params: Mapping[str, str], *, paginated: bool) -> MyProjectsQuery:
    """GET /me/projects (include_archived, since) and its paginated form."""
    since = since_param(params.get("since"))
    archived = query_flag(params.get("include_archived"), "include_archived")
    if archived is None:
        # As on the workspace list: a `since` sync also sees projects that were archived.
        archived = since is not None
    query = MyProjectsQuery(active=None if archived else True, since=since)
    if paginated:
        start = params.get("start_project_id")
        if start:
            query.start_id = positive_int(start, "start_project_id", 1, 2**63 - 1)
        query.limit = positive_int(
            params.get("per_page"), "per_page", MY_PROJECTS_PER_PAGE, MAX_PER_PAGE
        )
    return query
