# toggl_api_wrapper_extra_checks.py  ("Extra checks" of shared/reference/real-clients.md §4.4)
# usage: TZ=UTC PUNCHCLOCK_URL=… TOGGL_API_TOKEN=alice@example.com TOGGL_PASSWORD=secret-pass \
#        venvs/toggl-api-wrapper/bin/python toggl_api_wrapper_extra_checks.py
# 1. email/password from the environment: verify_authentication is True (GET /me/logged 200);
# 2. an unknown token: verify_authentication is False, which it returns only on a 403
#    (any other status raises, so this also fails when the server answers 401).
import os

import httpx
from toggl_api.meta._base_endpoint import TogglEndpoint

TogglEndpoint.BASE_ENDPOINT = os.environ["PUNCHCLOCK_URL"].rstrip("/") + "/api/v9/"  # needs "/"

from toggl_api import UserEndpoint  # noqa: E402
from toggl_api.config import generate_authentication  # noqa: E402

auth = generate_authentication()
assert isinstance(auth, httpx.BasicAuth), auth
assert os.environ.get("TOGGL_PASSWORD"), "run this with email:password credentials"
assert UserEndpoint.verify_authentication(auth) is True
assert UserEndpoint(auth).get_details()["email"] == os.environ["TOGGL_API_TOKEN"]

assert UserEndpoint.verify_authentication(httpx.BasicAuth("f" * 32, "api_token")) is False
print("toggl-api-wrapper extra checks OK")
