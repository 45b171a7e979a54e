"""A fake Slack Web API on 127.0.0.1 (random port) recording every call.

The real ``AsyncWebClient`` talks to it when ``SLACK_API_URL`` is ``FakeSlackAPI.api_url``;
it also serves shared files (bearer token required) and the upload URLs of files_upload_v2.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"


@dataclass
class Call:
    """One Web API request."""

    method: str
    params: dict[str, Any]


class FakeSlackAPI:
    """``async with FakeSlackAPI() as api: ... api.api_url``."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.shared: dict[str, bytes] = {}
        self.uploads: dict[str, bytes] = {}
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.sockets: list[web.WebSocketResponse] = []
        self.acks: list[dict[str, Any]] = []

    @property
    def api_url(self) -> str:
        """The Web API base URL (``.../api/``)."""
        return f"{self.url}/api/"

    async def __aenter__(self) -> FakeSlackAPI:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{fid}", self._upload)
        app.router.add_get("/files/{name}", self._file)
        app.router.add_get("/ws", self._ws)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner:
            await self._runner.cleanup()

    def share(self, name: str, data: bytes) -> dict[str, Any]:
        """Make a file downloadable and return its Slack file object."""
        self.shared[name] = data
        return {"id": f"F{next(self._ids)}", "name": name, "size": len(data),
                "url_private_download": f"{self.url}/files/{name}"}

    def posts(self, channel: str | None = None) -> list[Call]:
        """chat.postMessage calls (to ``channel`` if given)."""
        return [c for c in self.calls if c.method == "chat.postMessage"
                and (channel is None or c.params.get("channel") == channel)]

    async def wait_post(self, channel: str, contains: str, after: int = 0,
                        timeout: float = 60.0) -> Call:
        """Wait for a message to ``channel`` containing ``contains`` (from call #after)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for c in self.calls[after:]:
                if (c.method == "chat.postMessage" and c.params.get("channel") == channel
                        and contains.lower() in str(c.params.get("text", "")).lower()):
                    return c
            await asyncio.sleep(0.02)
        seen = [(c.method, c.params.get("channel"), c.params.get("text")) for c in self.calls]
        raise AssertionError(f"no post containing {contains!r} after call {after}: {seen}")

    async def wait_call(self, method: str, after: int = 0, timeout: float = 60.0) -> Call:
        """Wait for a call of ``method``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for c in self.calls[after:]:
                if c.method == method:
                    return c
            await asyncio.sleep(0.02)
        raise AssertionError(f"no {method} call; calls: {[c.method for c in self.calls]}")

    async def push(self, envelope: dict[str, Any]) -> None:
        """Send a Socket Mode envelope to every connected client."""
        for ws in self.sockets:
            await ws.send_json(envelope)

    async def _ws(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1,
                            "connection_info": {"app_id": "A1"}})
        self.sockets.append(ws)
        async for msg in ws:
            if msg.type == web.WSMsgType.TEXT:
                self.acks.append(json.loads(msg.data))
        self.sockets.remove(ws)
        return ws

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["method"] == "apps.connections.open":
            if request.headers.get("Authorization") != f"Bearer {APP_TOKEN}":
                return web.json_response({"ok": False, "error": "invalid_auth"})
            return web.json_response({"ok": True, "url": self.url.replace("http", "ws") + "/ws"})
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params |= dict(await request.json())
        elif request.method == "POST":
            params |= {k: v for k, v in (await request.post()).items()}
        for key in ("blocks", "files", "view"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        self.calls.append(Call(method, params))
        return web.json_response({"ok": True, **self._result(method, params)})

    def _result(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"team_id": "T1", "user_id": "UBOT", "bot_id": "BBOT", "team": "Test",
                    "user": "passport", "url": "https://test.slack.com/"}
        if method == "users.info":
            user = str(params.get("user"))
            return {"user": {"id": user, "real_name": f"Real {user}",
                             "profile": {"display_name": f"Name{user}"}}}
        if method == "conversations.open":
            return {"channel": {"id": f"D{params.get('users')}"}}
        if method == "chat.postMessage":
            return {"channel": params.get("channel"), "ts": f"{time.time():.6f}"}
        if method == "files.getUploadURLExternal":
            fid = f"F{next(self._ids)}"
            return {"upload_url": f"{self.url}/upload/{fid}", "file_id": fid}
        if method == "files.completeUploadExternal":
            return {"files": [{"id": f["id"], "title": f.get("title")}
                              for f in params.get("files", [])]}
        if method == "files.info":
            return {"file": {"id": params.get("file"), "name": "x"}}
        return {}

    async def _upload(self, request: web.Request) -> web.Response:
        body = await request.read()
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            part = next(iter(form.values()))
            body = part.file.read() if isinstance(part, web.FileField) else str(part).encode()
        self.uploads[request.match_info["fid"]] = body
        return web.Response(text="OK - uploaded")

    async def _file(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return web.Response(status=403)
        data = self.shared.get(request.match_info["name"])
        return web.Response(body=data) if data is not None else web.Response(status=404)
