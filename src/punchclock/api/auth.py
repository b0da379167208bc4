"""Basic-auth parsing for the Toggl API (401 when missing, 403 when wrong)."""

from __future__ import annotations

import base64
import binascii

from litestar import Request

from punchclock.errors import AuthenticationMissing
from punchclock.users.authentication import Authenticator
from punchclock.users.models import User

# Where the access log finds who made a request (an ASGI scope extension key).
USER_ID_SCOPE_KEY = "punchclock_user_id"


def basic_credentials(header: str | None) -> tuple[str, str]:
    """(username, password) from a Basic header; AuthenticationMissing if absent or undecodable."""
    if not header:
        raise AuthenticationMissing
    scheme, _, encoded = header.strip().partition(" ")
    if scheme.lower() != "basic" or not encoded:
        raise AuthenticationMissing
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise AuthenticationMissing from None
    username, sep, password = decoded.partition(":")
    if not sep or not username:
        raise AuthenticationMissing
    return username, password


async def provide_user(request: Request) -> User:  # type: ignore[type-arg]
    """The authenticated caller (a Litestar dependency; it opens no transaction)."""
    username, password = basic_credentials(request.headers.get("authorization"))
    authenticator: Authenticator = request.app.state.authenticator
    address = request.client.host if request.client else ""
    user = await authenticator.authenticate(username, password, address)
    request.scope[USER_ID_SCOPE_KEY] = user.id  # type: ignore[literal-required]
    return user
