"""Whether a request's client has already hung up, so that its work can be skipped.

uvicorn stops reading a connection while one of its requests is being answered, so a client
that sends a request and closes its socket is noticed only when the answer is written: a burst
of such requests (issue 10, point 3) would be served, one by one, ahead of the clients that
wait. A zero-timeout poll of the socket tells at once, for about a microsecond's syscall: as
nginx does (its 499), a peer that has closed its sending side is taken as gone.
"""

from __future__ import annotations

import select

from litestar.types import Receive

# The peer closed (FIN), reset the connection (RST), or the socket failed. POLLRDHUP and poll()
# are Linux's (macOS has no POLLRDHUP): elsewhere only resets and failures are noticed, or none.
_GONE = getattr(select, "POLLRDHUP", 0) | select.POLLHUP | select.POLLERR
_CAN_POLL = hasattr(select, "poll")


def client_departed(receive: Receive) -> bool:
    """Whether the client of this request has closed its connection (False when unknown).

    uvicorn's `receive` is a method of its request cycle, which has a public `disconnected` flag
    and the connection's `transport`; under another server the answer is always False.
    """
    cycle = getattr(receive, "__self__", None)
    if cycle is None:
        return False
    if getattr(cycle, "disconnected", False) is True:
        return True
    transport = getattr(cycle, "transport", None)
    if transport is None or not _CAN_POLL:
        return False
    try:
        fd = transport.get_extra_info("socket").fileno()
        if fd < 0:
            return False
        poller = select.poll()
        poller.register(fd, _GONE)
        return bool(poller.poll(0))
    except (AttributeError, OSError, ValueError):
        return False


def drop_departed(receive: Receive) -> None:
    """Tell the server that this request's client is gone, and close the connection.

    Without the flag, uvicorn would take a request answered with nothing for an application
    bug: it logs an error and writes a 500 to the closed socket.
    """
    cycle = getattr(receive, "__self__", None)
    if cycle is None:
        return
    cycle.disconnected = True
    transport = getattr(cycle, "transport", None)
    if transport is not None:
        transport.close()


def answer_incomplete(receive: Receive) -> bool:
    """Whether the server saw the client leave before the whole answer was written."""
    cycle = getattr(receive, "__self__", None)
    return getattr(cycle, "disconnected", False) is True
