# togglcli_punchclock.py  (recipe: shared/reference/real-clients.md §2.1, logic unmodified)
# usage: PUNCHCLOCK_URL=http://127.0.0.1:PORT python togglcli_punchclock.py start "x"
# togglcli reads toggl.toggl.TOGGL_URL / REPORTS_URL on every request, so setting both
# module attributes before main() redirects it without touching its source.
import os
import sys

import toggl.toggl as T

base = os.environ["PUNCHCLOCK_URL"].rstrip("/")
T.TOGGL_URL = base + "/api/v9"
T.REPORTS_URL = base + "/reports/api/v2"
T.main(sys.argv[1:])
