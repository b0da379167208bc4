"""The floor's ASGI app: routing, Basic token auth, and the minimal work of each endpoint."""

from __future__ import annotations

import base64
import datetime as dt
import time
from typing import Any
from urllib.parse import unquote

from floorapp.wire import (
    CREATE_DECODER,
    DEFAULT_IMAGE_URL,
    ENCODER,
    PATCH_DECODER,
    BulkOut,
    MeOut,
    entry_out,
    format_micros,
    local_midnight,
    tag_ids_of,
)

JSON = b"application/json; charset=utf-8"


class HTTPError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Floor:
    def __init__(self, driver: Any) -> None:
        self.db = driver

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        kind = scope["type"]
        if kind == "lifespan":
            await self._lifespan(receive, send)
            return
        if kind != "http":
            return
        try:
            status, body = await self._dispatch(scope, receive)
        except HTTPError as error:
            status, body = error.status, ENCODER.encode(error.message)
        headers = [(b"content-type", JSON), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.db.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.db.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _dispatch(self, scope: dict[str, Any], receive: Any) -> tuple[int, bytes]:
        method = scope["method"]
        path = scope["path"]
        if not path.startswith("/api/v9/"):
            raise HTTPError(404, "Not found")
        rest = path[8:]
        if method == "GET":
            if rest == "me/time_entries":
                return await self.list(scope)
            if rest == "me/time_entries/current":
                return await self.current(scope)
            if rest == "me":
                return await self.me(scope)
        parts = rest.split("/")
        if len(parts) >= 3 and parts[0] == "workspaces" and parts[2] == "time_entries":
            if method == "POST" and len(parts) == 3:
                return await self.create(scope, int(parts[1]), await _body(receive))
            if method == "PATCH" and len(parts) == 4:
                return await self.bulk(scope, parts[3], await _body(receive))
        raise HTTPError(404, "Not found")

    async def _user(self, scope: dict[str, Any]) -> Any:
        for name, value in scope["headers"]:
            if name == b"authorization":
                scheme, _, encoded = value.partition(b" ")
                if scheme.lower() != b"basic":
                    break
                token, _, password = base64.b64decode(encoded).decode().partition(":")
                if password != "api_token":
                    break
                user = await self.db.user(token)
                if user is None:
                    break
                return user
        raise HTTPError(403, "Incorrect username and/or password")

    async def list(self, scope: dict[str, Any]) -> tuple[int, bytes]:
        user = await self._user(scope)
        params = dict(
            pair.split("=", 1) for pair in scope["query_string"].decode().split("&") if "=" in pair
        )
        zone = user[4]
        start = local_midnight(unquote(params["start_date"]), zone)
        end = local_midnight(unquote(params["end_date"]), zone)
        rows = await self.db.entries(user[0], start, end)
        names = await self.db.tag_names(tag_ids_of(rows))
        return 200, ENCODER.encode([entry_out(row, names) for row in rows])

    async def current(self, scope: dict[str, Any]) -> tuple[int, bytes]:
        user = await self._user(scope)
        row = await self.db.running(user[0])
        if row is None:
            return 200, b"null"
        names = await self.db.tag_names(tag_ids_of([row]))
        return 200, ENCODER.encode(entry_out(row, names))

    async def me(self, scope: dict[str, Any]) -> tuple[int, bytes]:
        u = await self._user(scope)
        return 200, ENCODER.encode(
            MeOut(
                id=u[0],
                api_token=u[1],
                email=u[2],
                fullname=u[3],
                timezone=u[4],
                toggl_accounts_id=u[5],
                default_workspace_id=u[6],
                beginning_of_week=u[7],
                image_url=u[8] or DEFAULT_IMAGE_URL,
                created_at=format_micros(u[9]),
                updated_at=format_micros(u[10]),
                openid_email=None,
                openid_enabled=False,
                country_id=u[11],
                has_password=u[12] is not None,
                at=format_micros(u[13]),
                intercom_hash=None,
                authorization_updated_at=format_micros(u[14]),
            )
        )

    async def create(self, scope: dict[str, Any], wid: int, body: bytes) -> tuple[int, bytes]:
        user = await self._user(scope)
        payload = CREATE_DECODER.decode(body)
        now_us = time.time_ns() // 1000
        now_s = now_us // 1_000_000
        start = now_s
        if payload.start:
            start = int(dt.datetime.fromisoformat(payload.start).timestamp())
        running = payload.duration is None or payload.duration < 0
        stop = None if running else start + (payload.duration or 0)
        tags = ",".join(str(t) for t in payload.tag_ids)
        new_id = await self.db.create(
            (now_s, now_us, user[0]),
            (
                wid,
                user[0],
                payload.project_id,
                payload.task_id,
                payload.billable,
                payload.description,
                start,
                stop,
                tags,
                payload.created_with,
                now_us,
                now_us,
            ),
        )
        row = (
            new_id,
            wid,
            user[0],
            payload.project_id,
            payload.task_id,
            payload.billable,
            payload.description,
            start,
            stop,
            tags,
            now_us,
            None,
        )
        names = await self.db.tag_names(sorted(set(payload.tag_ids)))
        return 200, ENCODER.encode(entry_out(row, names))

    async def bulk(self, scope: dict[str, Any], raw_ids: str, body: bytes) -> tuple[int, bytes]:
        user = await self._user(scope)
        ids = [int(part) for part in raw_ids.split(",") if part]
        description = ""
        for op in PATCH_DECODER.decode(body):
            if op.path == "/description":
                description = str(op.value)
        done = await self.db.bulk(user[0], ids, description, time.time_ns() // 1000)
        return 200, ENCODER.encode(BulkOut(success=done, failure=[]))


async def _body(receive: Any) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)
