# toggl_api_wrapper_scenario.py  (recipe: shared/reference/real-clients.md §4.4, logic unmodified)
# usage: TZ=UTC PUNCHCLOCK_URL=… TOGGL_API_TOKEN=… venvs/toggl-api-wrapper/bin/python \
#        toggl_api_wrapper_scenario.py
import os
from datetime import UTC, datetime, timedelta

from toggl_api.meta._base_endpoint import TogglEndpoint

# Read when each endpoint object is constructed, so it is set before any import uses it.
TogglEndpoint.BASE_ENDPOINT = os.environ["PUNCHCLOCK_URL"].rstrip("/") + "/api/v9/"  # needs "/"

from toggl_api import (  # noqa: E402
    ClientEndpoint,
    ProjectEndpoint,
    TagEndpoint,
    TrackerBody,
    TrackerEndpoint,
    UserEndpoint,
    WorkspaceEndpoint,
)
from toggl_api.config import generate_authentication  # noqa: E402

auth = generate_authentication()  # TOGGL_API_TOKEN (+ TOGGL_PASSWORD for email:password)
assert UserEndpoint.verify_authentication(auth)
me = UserEndpoint(auth).get_details()
wid = me["default_workspace_id"]
ws = WorkspaceEndpoint(0, auth)
assert [w.id for w in ws.collect(refresh=True)] == [wid]
assert ws.get(wid, refresh=True).id == wid  # type: ignore[union-attr]

tr = TrackerEndpoint(wid, auth)
t = tr.add(TrackerBody(description="Wrapper timer"))  # start=now, duration=-1
assert t.running()
cur = tr.current()
assert cur is not None and cur.id == t.id
stopped = tr.stop(t.id)
assert stopped is not None and stopped.stop is not None
assert tr.current() is None
assert tr.stop(t.id) is None  # 409 "Time entry already stopped" is swallowed

now = datetime.now(UTC)
window = tr.collect(
    start_date=now - timedelta(days=1), end_date=now + timedelta(days=1), refresh=True
)
assert t.id in [x.id for x in window]
assert t.id in [x.id for x in tr.collect(since=int(now.timestamp()) - 3600, refresh=True)]

e = tr.edit(t.id, TrackerBody(description="Wrapper renamed", tags=["dev", "docs"]))
assert e.name == "Wrapper renamed" and sorted(x.name for x in e.tags) == ["dev", "docs"]
e = tr.edit(t.id, TrackerBody(description="Wrapper renamed", tags=["docs"], tag_action="remove"))
assert [x.name for x in e.tags] == ["dev"]
assert tr.get(t.id, refresh=True).name == "Wrapper renamed"  # type: ignore[union-attr]
edits = tr.bulk_edit(t.id, body=TrackerBody(description="Bulk renamed"))
assert edits.successes == [t.id] and edits.failures == []

assert isinstance(ProjectEndpoint(wid, auth).collect(refresh=True), list)
assert {x.name for x in TagEndpoint(wid, auth).collect(refresh=True)} >= {"dev", "docs"}
assert isinstance(ClientEndpoint(wid, auth).collect(refresh=True), list)

tr.delete(t.id)
assert tr.get(t.id, refresh=True) is None  # 404 -> None
print("toggl-api-wrapper scenario OK")
