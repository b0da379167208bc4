"""Toggl's HTTP conventions: JSON-string errors, bare JSON bodies, empty 401/405, id parsing."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

import msgspec
from litestar import Request, Response
from litestar.response.base import ASGIResponse

from punchclock.errors import INVALID_WORKSPACE_ID, BadRequest, Forbidden

JSON_MEDIA_TYPE = "application/json; charset=utf-8"
INVALID_JSON = "Invalid JSON input"

T = TypeVar("T")

INT64_MAX = 2**63 - 1
# Ids and numbers in paths and queries are ASCII digits only, as Go's strconv.ParseInt reads
# them: str.isdigit() also takes superscripts (U+00B9) that int() refuses (a 500), int() takes
# other scripts' digits (Arabic-Indic U+0663 is 3: the wrong entry), "1_000", " 5" and "+5".
ASCII_DIGITS = re.compile(r"[0-9]+", re.ASCII)

# Decimals (rates) go out as JSON numbers, as Toggl sends them.
_encoder = msgspec.json.Encoder(decimal_format="number")


def encode(value: Any) -> bytes:
    """JSON bytes for a wire value."""
    return _encoder.encode(value)


def json_response(value: Any, status: int = 200) -> Response[bytes]:
    """A bare JSON body (no envelope), as every Toggl v9 success is."""
    return Response(content=_encoder.encode(value), status_code=status, media_type=JSON_MEDIA_TYPE)


class BareResponse(Response[bytes]):
    """An empty response without a Content-Type header (Toggl's 401 and 405)."""

    def to_asgi_response(self, *args: Any, **kwargs: Any) -> ASGIResponse:
        """Drop the Content-Type Litestar always adds."""
        response = super().to_asgi_response(*args, **kwargs)
        del response.headers["content-type"]
        return response


def bare_response(status: int, headers: dict[str, str] | None = None) -> Response[bytes]:
    """Status only: no body, no Content-Type."""
    return BareResponse(content=b"", status_code=status, headers=headers)


def empty_ok() -> Response[bytes]:
    """200 with an empty body and a JSON content type (DELETE, /me/logged)."""
    return Response(content=b"", status_code=200, media_type=JSON_MEDIA_TYPE)


def error_response(message: str, status: int) -> Response[bytes]:
    """An error: the body is a JSON string literal, e.g. "Time entry already stopped"."""
    return Response(
        content=_encoder.encode(message), status_code=status, media_type=JSON_MEDIA_TYPE
    )


_GOT = re.compile(r"got `(\w+)`")
_PATH_KEY = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)(?:\[\d+\])*$")
_JSON_TYPES = {
    "str": "string",
    "int": "number",
    "float": "number",
    "bool": "bool",
    "null": "null",
    "array": "array",
    "object": "object",
}


def decode_body(body: bytes, type_: type[T]) -> T:
    """Decode a JSON body into a wire struct, with Toggl's error texts on failure."""
    if not body.strip():
        raise BadRequest(INVALID_JSON)
    if b"\\u0000" in body:
        # PostgreSQL cannot store NUL characters in text; refuse them on every engine alike.
        raise BadRequest(INVALID_JSON)
    try:
        return msgspec.json.decode(body, type=type_)
    except msgspec.ValidationError as error:
        raise BadRequest(_type_error_message(str(error), body)) from None
    except (msgspec.DecodeError, RecursionError):
        # RecursionError: nesting deeper than msgspec follows (e.g. 100k `[`); Toggl's Go
        # decoder also refuses such bodies with a 400.
        raise BadRequest(INVALID_JSON) from None


def _type_error_message(text: str, body: bytes) -> str:
    """`Unexpected "<field>" type <json type>, offset=<n>` (Toggl's Go decoder wording)."""
    got = _GOT.search(text)
    path = text.rsplit("- at `", 1)[-1].rstrip("`") if "- at `" in text else ""
    key = _PATH_KEY.search(path)
    if got is None or key is None:
        return INVALID_JSON
    field = key.group(1)
    json_type = _JSON_TYPES.get(got.group(1), got.group(1))
    return f'Unexpected "{field}" type {json_type}, offset={_offset_after(body, field)}'


def _offset_after(body: bytes, field: str) -> int:
    """Byte offset just past the value of the first `"field":` in the body (best effort)."""
    text = body.decode("utf-8", errors="replace")
    match = re.search(r'"' + re.escape(field) + r'"\s*:\s*', text)
    if match is None:
        return 0
    try:
        _, end = json.JSONDecoder().raw_decode(text, match.end())
    except (ValueError, RecursionError):
        return match.end()
    return len(text[:end].encode())


def workspace_id_from_path(raw: str) -> int:
    """The workspace id in a path; Toggl answers 403 "Missing or invalid workspace_id"."""
    value = _positive_int(raw)
    if value is None:
        raise Forbidden(INVALID_WORKSPACE_ID)
    return value


def id_from_path(raw: str, message: str, status: int = 400) -> int:
    """A positive int64 id from a path segment, or the given error."""
    value = _positive_int(raw)
    if value is None:
        raise BadRequest(message, status)
    return value


def ids_from_path(raw: str, message: str) -> list[int]:
    """Comma-separated ids (bulk paths)."""
    parts = [part for part in raw.split(",") if part.strip()]
    values = [_positive_int(part.strip()) for part in parts]
    if not values or any(value is None for value in values):
        raise BadRequest(message)
    return [value for value in values if value is not None]


def parse_ascii_int(raw: str, minimum: int = 0, maximum: int = INT64_MAX) -> int | None:
    """ASCII digits only (no sign, space or `_`) within [minimum, maximum], else None."""
    if ASCII_DIGITS.fullmatch(raw) is None:
        return None
    digits = raw.lstrip("0") or "0"
    # Longer than any int64: refuse before int(), which also raises past 4300 digits.
    if len(digits) > len(str(maximum)):
        return None
    value = int(digits)
    return value if minimum <= value <= maximum else None


def _positive_int(raw: str) -> int | None:
    return parse_ascii_int(raw, 1)


def query_flag(value: str | None, name: str) -> bool | None:
    """true/false/True/1/0 query values, None when absent; anything else is "Invalid <name>"."""
    if value is None or value == "":
        return None
    lowered = value.lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise BadRequest(f"Invalid {name}")


def query_bool(value: str | None, name: str) -> bool:
    """A query flag that is false when absent."""
    return query_flag(value, name) is True


# Name searches are LIKE patterns: escaped, a character takes at most 2 characters of 4 bytes,
# so this keeps every pattern within SQLite's 50000-byte LIKE limit (past it SQLite fails the
# statement, a 5xx). No name is longer than 255 characters, so nothing longer can match.
MAX_SEARCH_TEXT = 4096


def search_text(value: str | None, name: str) -> str | None:
    """A name-search query value (None when absent or empty); 400 "Invalid <name>" otherwise."""
    if not value:
        return None
    # NUL: no name holds one, and PostgreSQL cannot compare against it.
    if "\x00" in value or len(value) > MAX_SEARCH_TEXT:
        raise BadRequest(f"Invalid {name}")
    return value


async def reject_nul_in_query(request: Request[Any, Any, Any]) -> None:
    """400 for a NUL character in the query string (PostgreSQL cannot compare against one).

    Async on purpose: Litestar runs a synchronous before_request hook in a worker thread.
    """
    if b"%00" in request.scope["query_string"]:
        raise BadRequest("Invalid query parameter")
