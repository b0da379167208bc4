"""uvicorn's httptools protocol with deadlines for reading a request (slow clients, issue 10).

uvicorn bounds only the idle time between keep-alive requests: a client that opens a
connection and then sends its headers or body a byte at a time (slowloris) holds the
connection, and its slot in every proxy in front, for as long as it likes. This protocol gives
each request `header_timeout` seconds from its first byte (or from the connection's opening)
to finish its headers, and `body_timeout` seconds after them to finish its body; a client that
misses a deadline is answered 408 in Toggl's error shape (a JSON string) and disconnected.
Reading a body never holds a database transaction (Litestar reads it before resolving the
unit of work), so a slow body costs other requests nothing but a socket.

A header deadline starts with any byte that arrives between requests, not only with a request
line: llhttp skips the CR/LF that may precede a request without starting one, while uvicorn
cancels its keep-alive timer on any byte, so a client that sent `\r\n` every few seconds
after a response once held its connection with no deadline at all. A 408 is never written
while an earlier response on the connection is still to come (pipelining): the client would
take it for that response; such a connection is only closed.
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
        self._reading_body = False  # between a request's headers and the end of its body

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # A connection that never sends a byte is closed too (uvicorn keeps it forever).
        self._arm(self.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._bytes_seen = True
        if self._deadline is None and self._between_requests():
            # uvicorn has just cancelled its keep-alive timer; bytes that start no request
            # (CR/LF) must not leave the connection without any deadline.
            self._arm(self.header_timeout)
        super().data_received(data)

    def on_message_begin(self) -> None:
        self._reading_body = False
        super().on_message_begin()
        if self._deadline is None:
            self._arm(self.header_timeout)  # the next request on a keep-alive connection

    def on_headers_complete(self) -> None:
        self._disarm()
        self._reading_body = True
        super().on_headers_complete()
        if self.pipeline:
            # Queued behind a request still being answered, with reading paused: its body
            # cannot arrive yet, so its deadline starts when its turn comes.
            return
        # The body, if any, follows; on_message_complete disarms this at once when there is none.
        self._arm(self.body_timeout)

    def on_response_complete(self) -> None:
        queued = bool(self.pipeline)
        super().on_response_complete()
        cycle = self.cycle
        if queued and not self.transport.is_closing() and cycle is not None and cycle.more_body:
            # The queued request whose body is still incomplete has just started.
            self._arm(self.body_timeout)

    def on_message_complete(self) -> None:
        self._disarm()
        self._reading_body = False
        super().on_message_complete()

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._deadline_passed)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _between_requests(self) -> bool:
        cycle = self.cycle
        return cycle is None or cycle.response_complete

    def _may_answer(self) -> bool:
        """Whether a 408 would be read as the answer to the request that timed out."""
        if not self._bytes_seen or self.pipeline:
            return False
        cycle = self.cycle
        if cycle is None:
            return True  # the connection's first request was late
        if self._reading_body:
            # A late body: self.cycle is its request. The app may have answered it already
            # without reading the body (413); then the connection is only closed.
            return not cycle.response_started
        # Late headers: answer unless the previous request is still being answered.
        return cycle.response_complete

    def _deadline_passed(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        # Say why only to a client that sent something and has no response under way; the
        # app, if it is waiting for the body, sees a disconnect and stops.
        if self._may_answer():
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
