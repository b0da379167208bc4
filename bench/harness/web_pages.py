"""The web app's benchmark: page render times one request at a time, page weight, live streams."""

from __future__ import annotations

import gzip
import re
import socket
import statistics
import time
from dataclasses import dataclass
from typing import Any

import httpx

CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


@dataclass
class Timing:
    """Latencies of one page, in milliseconds, sorted."""

    name: str
    ms: list[float]
    status: int
    size: int

    def pct(self, p: float) -> float:
        """The p-th percentile (nearest rank)."""
        index = min(len(self.ms) - 1, max(0, round(p / 100 * len(self.ms)) - 1))
        return self.ms[index]

    def line(self) -> str:
        """One printed line."""
        return (
            f"{self.name:<32} p50 {self.pct(50):6.1f}  p95 {self.pct(95):6.1f}  "
            f"p99 {self.pct(99):6.1f} ms  (status {self.status}, {self.size / 1024:.1f} KB)"
        )


def signed_in(base_url: str, email: str, password: str) -> httpx.Client:
    """A client holding a web session for this user."""
    client = httpx.Client(base_url=base_url, timeout=30)
    found = CSRF.search(client.get("/login").text)
    assert found, "no CSRF token on /login"
    answer = client.post(
        "/login", data={"csrf_token": found[1], "email": email, "password": password}
    )
    assert answer.status_code == 303, f"sign-in failed for {email}: {answer.status_code}"
    return client


def time_page(
    client: httpx.Client, name: str, path: str, requests: int, warmup: int = 10, **kw: Any
) -> Timing:
    """GET a page `requests` times in a row (after a warm-up) and keep each latency."""
    for _ in range(warmup):
        client.get(path, **kw)
    latencies = []
    answer = None
    for _ in range(requests):
        began = time.perf_counter()
        answer = client.get(path, **kw)
        latencies.append((time.perf_counter() - began) * 1000)
        assert answer.status_code == 200, f"{path}: {answer.status_code}"
    assert answer is not None
    return Timing(name, sorted(latencies), answer.status_code, len(answer.content))


def time_post(
    client: httpx.Client, name: str, path: str, body: dict[str, Any], requests: int, **kw: Any
) -> Timing:
    """POST a JSON body `requests` times in a row (after a short warm-up)."""
    for _ in range(3):
        client.post(path, json=body, **kw)
    latencies = []
    answer = None
    for _ in range(requests):
        began = time.perf_counter()
        answer = client.post(path, json=body, **kw)
        latencies.append((time.perf_counter() - began) * 1000)
        assert answer.status_code == 200, f"{path}: {answer.status_code}"
    assert answer is not None
    return Timing(name, sorted(latencies), answer.status_code, len(answer.content))


def page_weight(client: httpx.Client, path: str) -> tuple[int, int, int]:
    """(HTML bytes, assets bytes, everything gzipped) of a page and the static files it loads."""
    html = client.get(path).content
    assets = [client.get(url).content for url in sorted(set(ASSET.findall(html.decode())))]
    everything = [html, *assets]
    return len(html), sum(map(len, assets)), sum(len(gzip.compress(b)) for b in everything)


def open_streams(port: int, cookie: str, count: int) -> list[socket.socket]:
    """`count` open /live event streams of one session (raw sockets, read by nobody)."""
    streams = []
    request = (
        f"GET /live HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n"
        f"Cookie: pc_session={cookie}\r\n\r\n"
    ).encode()
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(request)
        streams.append(sock)
    for sock in streams:
        sock.settimeout(5)
        assert sock.recv(4096).startswith(b"HTTP/1.1 200"), "a stream was refused"
    return streams


def cpu_share(cpu_seconds: Any, seconds: float) -> float:
    """The server's CPU use over `seconds`, as a share of one core."""
    before = cpu_seconds()
    time.sleep(seconds)
    return (cpu_seconds() - before) / seconds


def median(values: list[float]) -> float:
    """The median of some values."""
    return statistics.median(values)
