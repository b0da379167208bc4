"""uvicorn's httptools protocol with deadlines for reading a request (slow clients, issue 10).

uvicorn bounds only the idle time between keep-alive requests: a client that opens a
connection and then sends its headers or body a byte at a time (slowloris) holds the
connection, and its slot in every proxy in front, for as long as it likes. This protocol gives
each request `header_timeout` seconds from its first byte (or from the connection's opening)
to finish its headers, and `body_timeout` seconds after them to finish its body; a client that
misses a deadline is answered 408 in Toggl's error shape (a JSON string) and disconnected.
Reading a body never holds a database transaction (Litestar reads it before resolving the
unit of work), so a slow body costs other requests nothing but a socket.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

_TIMEOUT_BODY = b'"Request Timeout"'
REQUEST_TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"content-type: application/json; charset=utf-8\r\n"
    b"content-length: " + str(len(_TIMEOUT_BODY)).encode() + b"\r\n"
    b"connection: close\r\n"
    b"\r\n" + _TIMEOUT_BODY
)


class DeadlineHttpToolsProtocol(HttpToolsProtocol):
    """HttpToolsProtocol plus header and body deadlines; built by `protocol_factory`."""

    def __init__(
        self, *args: Any, header_timeout: float = 10.0, body_timeout: float = 30.0, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout
        self.body_timeout = body_timeout
        self._deadline: asyncio.TimerHandle | None = None
        self._bytes_seen = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # A connection that never sends a byte is closed too (uvicorn keeps it forever).
        self._arm(self.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._bytes_seen = True
        super().data_received(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._deadline is None:
            self._arm(self.header_timeout)  # the next request on a keep-alive connection

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()
        # The body, if any, follows; on_message_complete disarms this at once when there is none.
        self._arm(self.body_timeout)

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._deadline_passed)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _deadline_passed(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        cycle = self.cycle
        response_started = cycle is not None and cycle.response_started
        # Say why only to a client that sent something and has no response under way; the
        # app, if it is waiting for the body, sees a disconnect and stops.
        if self._bytes_seen and not response_started:
            self.transport.write(REQUEST_TIMEOUT_RESPONSE)
        self.transport.close()


def protocol_factory(header_timeout: float, body_timeout: float) -> Any:
    """A picklable protocol class for uvicorn's `http=` (worker processes unpickle it)."""
    return _Factory(header_timeout, body_timeout)


class _Factory:
    def __init__(self, header_timeout: float, body_timeout: float) -> None:
        self.header_timeout = header_timeout
        self.body_timeout = body_timeout

    def __call__(self, *args: Any, **kwargs: Any) -> DeadlineHttpToolsProtocol:
        return DeadlineHttpToolsProtocol(
            *args, header_timeout=self.header_timeout, body_timeout=self.body_timeout, **kwargs
        )
