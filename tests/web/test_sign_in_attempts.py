"""Password guesses are throttled before they are checked: on the web form, in parallel, and
on the API's Basic auth (users/authentication.py with sessions/attempts.py)."""

from __future__ import annotations

import asyncio
import base64
import re
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import httpx

from punchclock.app import create_app
from punchclock.clock import FrozenClock
from punchclock.config import Settings
from tests.conftest import Account

CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
T = TypeVar("T")


def run(scenario: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine on an event loop of its own thread (Playwright's sync API may hold the
    test thread's loop when browser tests ran first in this worker)."""

    async def main() -> T:
        return await scenario()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, main()).result()


def test_parallel_guesses_cannot_all_pass_the_count(
    settings: Settings, clock: FrozenClock, alice: Account
) -> None:
    app = create_app(settings, clock=clock)

    async def scenario() -> list[str]:
        transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 4000))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as web:
            found = CSRF.search((await web.get("/login")).text)
            assert found is not None
            fields = {"csrf_token": found[1], "email": alice.email, "password": "wrong"}
            answers = await asyncio.gather(*(web.post("/login", data=fields) for _ in range(20)))
            return [a.text for a in answers]

    try:
        pages = run(scenario)
    finally:
        app.state.db.dispose()
    checked = sum("Wrong email or password." in page for page in pages)
    waited = sum("Too many failed sign-ins" in page for page in pages)
    assert (checked, waited) == (5, 15)


def test_the_api_throttles_basic_auth_with_a_password(
    settings: Settings, clock: FrozenClock, alice: Account
) -> None:
    app = create_app(settings, clock=clock)

    def basic(password: str) -> dict[str, str]:
        raw = base64.b64encode(f"{alice.email}:{password}".encode()).decode()
        return {"Authorization": f"Basic {raw}"}

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app, client=("10.9.9.9", 4000))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as api:
            answers = [await api.get("/api/v9/me", headers=basic("wrong")) for _ in range(6)]
            answers.append(await api.get("/api/v9/me", headers=basic(alice.password)))
            clock.advance(2)
            answers.append(await api.get("/api/v9/me", headers=basic(alice.password)))
            # The token is no password: it never waits.
            answers.append(await api.get("/api/v9/me", headers=alice.headers))
            return answers

    try:
        answers = run(scenario)
    finally:
        app.state.db.dispose()
    assert [a.status_code for a in answers] == [403] * 5 + [429, 429, 200, 200]
    assert answers[5].json() == "Too many failed sign-ins. Try again in 1 second."
