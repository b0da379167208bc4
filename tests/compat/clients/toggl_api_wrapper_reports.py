# toggl_api_wrapper_reports.py  (Reports v3 through toggl-api-wrapper's own report classes)
# usage: TZ=UTC PUNCHCLOCK_URL=… TOGGL_API_TOKEN=… venvs/toggl-api-wrapper/bin/python \
#        toggl_api_wrapper_reports.py
# The library always sends empty id lists (`"project_ids": []`, …) meaning "no filter",
# pages the detailed report with first_id + first_row_number from X-Next-ID /
# X-Next-Row-Number, and reads the summary, weekly, totals and CSV exports as Toggl's.
import csv
import io
import os
from datetime import date

import httpx
from toggl_api.meta._base_endpoint import TogglEndpoint

ROOT = os.environ["PUNCHCLOCK_URL"].rstrip("/")
TogglEndpoint.BASE_ENDPOINT = ROOT + "/api/v9/"  # needs "/"

from toggl_api.config import generate_authentication  # noqa: E402
from toggl_api.reports import (  # noqa: E402
    DetailedReportEndpoint,
    PaginationOptions,
    ReportBody,
    ReportEndpoint,
    SummaryReportEndpoint,
    WeeklyReportEndpoint,
)

ReportEndpoint.BASE_ENDPOINT = ROOT + "/reports/api/v3/"

auth = generate_authentication()
api = httpx.Client(base_url=ROOT + "/api/v9", auth=auth)
wid = api.get("/me").json()["default_workspace_id"]

# Five stopped entries in the week of Monday 2026-11-02 (UTC user), one outside it.
durations = {2: 3600, 3: 1800, 4: 900, 5: 600, 6: 5400}
created = []
for day, seconds in durations.items():
    body = {
        "start": f"2026-11-{day:02d}T09:00:00Z",
        "duration": seconds,
        "description": f"Report {day}",
        "created_with": "compat",
        "workspace_id": wid,
    }
    response = api.post(f"/workspaces/{wid}/time_entries", json=body)
    assert response.status_code == 200, response.text
    created.append(response.json()["id"])
outside = api.post(
    f"/workspaces/{wid}/time_entries",
    json={"start": "2026-11-12T09:00:00Z", "duration": 60, "created_with": "compat"},
)
assert outside.status_code == 200, outside.text
week = ReportBody(start_date=date(2026, 11, 2), end_date=date(2026, 11, 8))
total = sum(durations.values())

# Detailed, two rows per page, following the library's own pagination.
detailed = DetailedReportEndpoint(wid, auth)
seen: list[int] = []
page = detailed.search_time_entries(week, PaginationOptions(page_size=2))
pages = 1
while True:
    seen += [item["id"] for row in page.result for item in row["time_entries"]]
    if not page.next_id:
        break
    page = detailed.search_time_entries(week, page.next_options(page_size=2))
    pages += 1
assert sorted(seen) == sorted(created) and len(seen) == len(set(seen)), (seen, created)
assert pages == 3, pages

totals = detailed.totals_report(week)
assert totals["seconds"] == total, totals

summary = SummaryReportEndpoint(wid, auth).search_time_entries(week)
sub_groups = [sub for group in summary["groups"] for sub in group["sub_groups"]]  # type: ignore[index]
assert sum(sub["seconds"] for sub in sub_groups) == total, summary
assert sorted(i for sub in sub_groups for i in sub["ids"]) == sorted(created), summary

weekly = WeeklyReportEndpoint(wid, auth).search_time_entries(week)
assert [sum(row["seconds"]) for row in weekly] == [total], weekly
assert weekly[0]["seconds"][:5] == list(durations.values()), weekly

exported = detailed.export_report(week, "csv").result
assert exported.startswith("\ufeff".encode()), exported[:20]
lines = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
assert lines[0][:3] == ["User", "Email", "Client"] and len(lines) == 1 + len(created), lines
weekly_csv = WeeklyReportEndpoint(wid, auth).export_report(week, "csv")
assert weekly_csv.decode("utf-8-sig").splitlines()[0].endswith("2026-11-08,Total"), weekly_csv
print("toggl-api-wrapper reports OK")
