# toggl_python_extra_checks.py  ("Extra checks" of shared/reference/real-clients.md §3.4)
# usage: PUNCHCLOCK_URL=… venvs/toggl-python/bin/python toggl_python_extra_checks.py
# 1. email/password Basic auth is accepted by GET /me (strict pydantic model parse);
# 2. a well-formed but unknown token makes GET /me/logged fail with the body text
#    "Incorrect username and/or password" (toggl-python raises BadRequest for any 4xx).
import os

from toggl_python.auth import BasicAuth, TokenAuth
from toggl_python.entities.user import CurrentUser
from toggl_python.exceptions import BadRequest

BASE = os.environ["PUNCHCLOCK_URL"].rstrip("/") + "/api/v9"

me = CurrentUser(
    auth=BasicAuth(username="alice@example.com", password="secret-pass"), base_url=BASE
).me()
assert me.email == "alice@example.com", me

try:
    CurrentUser(auth=TokenAuth(token="f" * 32), base_url=BASE).logged()
except BadRequest as exc:
    assert "Incorrect username and/or password" in str(exc), repr(exc)
else:
    raise AssertionError("logged() with an unknown token did not raise BadRequest")
print("toggl-python extra checks OK")
