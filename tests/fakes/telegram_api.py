"""A fake Telegram Bot API server on 127.0.0.1 (random port) that records every call.

It speaks the real wire format python-telegram-bot uses (form or multipart bodies, JSON
replies), so the real ``Application`` runs against it unchanged: point ``TELEGRAM_BASE_URL``
at :attr:`FakeBotAPI.url`. Tests push user updates (messages, documents, button presses) and
read what the bot sent back.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

JSON_KEYS = {"chat_id", "message_id", "offset", "timeout", "limit", "reply_markup",
             "allowed_updates", "commands", "show_alert", "drop_pending_updates"}


@dataclass
class Call:
    """One Bot API request the bot made."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)


class FakeBotAPI:
    """The fake server: ``async with FakeBotAPI() as api: ... api.url``."""

    def __init__(self, token: str = "123456:TEST-token", port: int = 0) -> None:
        self.token = token
        self.port = port
        self.bot_id = int(token.split(":")[0])
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.files: dict[str, tuple[bytes, str]] = {}
        self._ids = itertools.count(1)
        self._new = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def __aenter__(self) -> FakeBotAPI:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner:
            await self._runner.cleanup()

    # -- what users do ----------------------------------------------------------------------
    def _user(self, user_id: int, name: str) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": name}

    def _message(self, user_id: int, name: str, **body: Any) -> dict[str, Any]:
        return {"message_id": next(self._ids), "date": int(time.time()),
                "chat": {"id": user_id, "type": "private", "first_name": name},
                "from": self._user(user_id, name), **body}

    def update(self, body: dict[str, Any], update_id: int | None = None) -> dict[str, Any]:
        """Queue a raw update for getUpdates (and return it, e.g. to post to a webhook)."""
        update = {"update_id": update_id if update_id is not None else next(self._ids), **body}
        self.updates.append(update)
        asyncio.get_event_loop().create_task(self._notify())
        return update

    async def _notify(self) -> None:
        async with self._new:
            self._new.notify_all()

    def text_update(self, user_id: int, text: str, name: str = "Ana") -> dict[str, Any]:
        """An update for a private text message (commands carry their entity)."""
        body: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            body["entities"] = [{"type": "bot_command", "offset": 0,
                                 "length": len(text.split()[0])}]
        return {"message": self._message(user_id, name, **body)}

    def send_text(self, user_id: int, text: str, name: str = "Ana") -> dict[str, Any]:
        """The user sends a text message."""
        return self.update(self.text_update(user_id, text, name))

    def send_document(self, user_id: int, data: bytes, filename: str, caption: str = "",
                      name: str = "Ana") -> dict[str, Any]:
        """The user sends a file (stored so getFile and the download work)."""
        file_id = f"file{next(self._ids)}"
        self.files[file_id] = (data, f"documents/{filename}")
        doc = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": filename,
               "file_size": len(data)}
        body: dict[str, Any] = {"document": doc}
        if caption:
            body["caption"] = caption
        return self.update({"message": self._message(user_id, name, **body)})

    def press(self, user_id: int, message: dict[str, Any], data: str,
              name: str = "Ana") -> dict[str, Any]:
        """The user presses an inline button of a message the bot sent."""
        return self.update({"callback_query": {
            "id": f"cb{next(self._ids)}", "from": self._user(user_id, name),
            "chat_instance": "ci", "data": data, "message": message}})

    # -- what the bot did -----------------------------------------------------------------
    def sent(self, chat_id: int, method: str = "sendMessage") -> list[Call]:
        """Calls of ``method`` addressed to ``chat_id``, in order."""
        return [c for c in self.calls if c.method == method
                and str(c.params.get("chat_id")) == str(chat_id)]

    def texts(self, chat_id: int) -> list[str]:
        """Texts the bot sent to ``chat_id``."""
        return [str(c.params.get("text", "")) for c in self.sent(chat_id)]

    async def wait_for(self, predicate: Any, timeout: float = 60.0, after: int = 0) -> Call:
        """Wait until a call recorded at index >= ``after`` matches ``predicate(call)``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for call in self.calls[after:]:
                if predicate(call):
                    return call
            await asyncio.sleep(0.02)
        raise AssertionError(f"no matching call within {timeout}s; calls: "
                             f"{[(c.method, c.params.get('text', '')) for c in self.calls]}")

    async def wait_text(self, chat_id: int, contains: str, timeout: float = 60.0,
                        after: int = 0) -> Call:
        """Wait for a sendMessage to ``chat_id`` containing ``contains`` (from call #after)."""
        def match(c: Call) -> bool:
            return (c.method == "sendMessage" and str(c.params.get("chat_id")) == str(chat_id)
                    and contains.lower() in str(c.params.get("text", "")).lower())
        return await self.wait_for(match, timeout, after)

    def as_message(self, call: Call) -> dict[str, Any]:
        """The Message object the bot's sendMessage produced (for pressing its buttons)."""
        return call.params["_result"]  # type: ignore[no-any-return]

    # -- the server ---------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        if request.content_type == "application/json":
            return dict(await request.json()), files
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = value.file.read()
                params.setdefault(f"{key}_filename", value.filename)
            elif key in JSON_KEYS:
                try:
                    params[key] = json.loads(value)
                except json.JSONDecodeError:
                    params[key] = value
            else:
                params[key] = value
        return params, files

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401,
                                      "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params, files = await self._params(request)
        call = Call(method, params, files)
        if method != "getUpdates":
            self.calls.append(call)
        result = await self._result(method, params, files)
        params["_result"] = result
        return web.json_response({"ok": True, "result": result})

    async def _result(self, method: str, params: dict[str, Any],
                      files: dict[str, bytes]) -> Any:
        bot = {"id": self.bot_id, "is_bot": True, "first_name": "Passport",
               "username": "passport_test_bot"}
        if method == "getMe":
            return {**bot, "can_join_groups": False, "can_read_all_group_messages": False,
                    "supports_inline_queries": False}
        if method == "getUpdates":
            return await self._get_updates(params)
        if method in ("sendMessage", "editMessageText", "sendDocument"):
            chat = {"id": int(params.get("chat_id") or 0), "type": "private"}
            msg: dict[str, Any] = {"message_id": params.get("message_id") or next(self._ids),
                                   "date": int(time.time()), "chat": chat, "from": bot}
            if "text" in params:
                msg["text"] = params["text"]
            if isinstance(params.get("reply_markup"), dict):
                msg["reply_markup"] = params["reply_markup"]
            if method == "sendDocument":
                fid = f"file{next(self._ids)}"
                data = files.get("document", b"")
                self.files[fid] = (data, f"documents/{params.get('document_filename')}")
                msg["document"] = {"file_id": fid, "file_unique_id": f"u{fid}",
                                   "file_name": params.get("document_filename"),
                                   "file_size": len(data)}
            return msg
        if method == "getFile":
            data, path = self.files[str(params["file_id"])]
            return {"file_id": params["file_id"], "file_unique_id": f"u{params['file_id']}",
                    "file_size": len(data), "file_path": path}
        return True

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.5)
        while True:
            pending = [u for u in self.updates if u["update_id"] >= offset]
            if pending or time.monotonic() >= deadline:
                return pending
            async with self._new:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._new.wait(), deadline - time.monotonic())

    async def _file(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        for data, file_path in self.files.values():
            if file_path == path:
                return web.Response(body=data)
        return web.Response(status=404)
