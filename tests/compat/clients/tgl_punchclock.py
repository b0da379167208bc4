# tgl_punchclock.py  (recipe: shared/reference/real-clients.md §5.1, logic unmodified)
# usage: PUNCHCLOCK_URL=http://127.0.0.1:PORT TOGGL_API_TOKEN=… venvs/tgl-cli/bin/python \
#        tgl_punchclock.py start "x"
# tgl-cli assigns api_url inside TogglAPI.__init__, so the original constructor runs first
# and the wrapper overwrites the URL afterwards, without touching tgl's source.
import os
import sys
from typing import Any

import tgl.api  # type: ignore[import-untyped]

_init = tgl.api.TogglAPI.__init__


def _patched(self: Any, *a: Any, **kw: Any) -> None:
    _init(self, *a, **kw)
    self.api_url = os.environ["PUNCHCLOCK_URL"].rstrip("/") + "/api/v9"


tgl.api.TogglAPI.__init__ = _patched

from tgl.cli import main  # type: ignore[import-untyped]  # noqa: E402

sys.exit(main())
