"""Security for every page: response headers, and CSRF checks on every state-changing request."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from punchclock.errors import Forbidden
from punchclock.web.http_types import AnyRequest, AnyResponse

# No inline script or style anywhere: the pages load /static files only, and htmx is told not
# to inject its indicator style or evaluate attributes (templates/base.html).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
CSRF_REJECTED = "This form has expired or came from another site. Reload the page and try again."
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def security_headers_hook(response: AnyResponse) -> AnyResponse:
    """after_request hook: async, because Litestar runs a synchronous hook in a thread, and the
    request's unit of work is still open while the hook runs."""
    return add_security_headers(response)


def add_security_headers(response: AnyResponse) -> AnyResponse:
    """The headers every web response carries."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def from_this_site(request: AnyRequest) -> bool:
    """False when the browser says the request came from another site (Origin, Sec-Fetch-Site)."""
    origin = request.headers.get("origin")
    if origin is not None:
        return urlsplit(origin).netloc == request.headers.get("host", "")
    site = request.headers.get("sec-fetch-site")
    return site is None or site in ("same-origin", "none")


def check_csrf(request: AnyRequest, sent: str | None, expected: str) -> None:
    """403 unless a state-changing request is from this site and carries the expected token."""
    if request.method in SAFE_METHODS:
        return
    if not from_this_site(request):
        raise Forbidden(CSRF_REJECTED)
    if not sent or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise Forbidden(CSRF_REJECTED)
