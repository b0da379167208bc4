# toggl_python_scenario.py  (recipe: shared/reference/real-clients.md §3.4, logic unmodified)
# usage: PUNCHCLOCK_URL=… TOGGL_API_TOKEN=… venvs/toggl-python/bin/python toggl_python_scenario.py
import os
from datetime import UTC, datetime, timedelta

import toggl_python.entities.report_time_entry as R
from toggl_python.auth import TokenAuth
from toggl_python.entities.user import CurrentUser
from toggl_python.entities.workspace import Workspace
from toggl_python.schemas.base import BulkEditOperation

URL = os.environ["PUNCHCLOCK_URL"].rstrip("/")
BASE = URL + "/api/v9"
R.REPORT_ROOT_URL = URL + "/reports/api/v3/workspace"

auth = TokenAuth(token=os.environ["TOGGL_API_TOKEN"])
me_api = CurrentUser(auth=auth, base_url=BASE)
ws_api = Workspace(auth=auth, base_url=BASE)

assert me_api.logged()
me = me_api.me()
wid = me.default_workspace_id
assert me_api.me(with_related_data=True).workspaces[0].id == wid
assert [w.id for w in ws_api.list()] == [wid] and ws_api.get(wid).id == wid
proj = ws_api.create_project(workspace_id=wid, name="Website")
assert proj.id in [p.id for p in ws_api.get_projects(workspace_id=wid)]

now = datetime.now(UTC)
te = ws_api.create_time_entry(
    wid,
    start_datetime=now,
    created_with="punchclock-acceptance",
    description="Probe timer",
    duration=-1,
    project_id=proj.id,
    tags=["dev"],
)
assert te.stop is None and te.duration < 0 and te.tags == ["dev"] and len(te.tag_ids) == 1
cur = me_api.get_current_time_entry()
assert cur is not None and cur.id == te.id
stopped = ws_api.stop_time_entry(wid, te.id)
assert stopped.stop is not None and stopped.duration >= 0
assert me_api.get_current_time_entry() is None

day = now - timedelta(days=1)
listed = me_api.get_time_entries(start_date=day, end_date=now + timedelta(days=1))
assert te.id in [e.id for e in listed]
with_meta = me_api.get_time_entries(meta=True)
assert with_meta[0].user_name

upd = ws_api.update_time_entry(wid, te.id, description="Probe renamed")
assert upd.description == "Probe renamed"
assert me_api.get_time_entry(te.id).description == "Probe renamed"
res = ws_api.bulk_edit_time_entries(
    wid, [te.id], [BulkEditOperation(operation="replace", field_name="billable", field_value=True)]
)
assert res.success == [te.id] and res.failure == []

rows = R.ReportTimeEntry(auth=auth).search(
    workspace_id=wid, start_date=day.date(), end_date=(now + timedelta(days=1)).date()
)
assert any(r.time_entries[0].id == te.id for r in rows)

assert ws_api.delete_time_entry(wid, te.id)
assert te.id not in [e.id for e in me_api.get_time_entries()]
print("toggl-python scenario OK")
