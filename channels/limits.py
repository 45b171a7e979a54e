"""Request limits before any work: the API key is checked before the body is read, and a
body is counted while it is read, so nobody can make the server hold a huge upload.

A pure ASGI middleware, outermost in the app: an unauthenticated ``/v1`` request is answered
401 without reading a byte of its body; a declared ``Content-Length`` over the route's limit
is answered 413 at once; a body that grows past the limit while streaming (chunked, or a
lying length) is cut off with 413.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from agent.service import MAX_UPLOAD_BYTES

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_PATHS = ("/v1/files", "/v1/credentials/verify", "/v1/credentials/import")
UPLOAD_LIMIT = MAX_UPLOAD_BYTES + 64 * 1024  # one file plus room for the request around it
WEBHOOK_LIMIT = 1024 * 1024  # Telegram updates and Slack events are small JSON documents
JSON_LIMIT = 256 * 1024  # a chat message is at most 20,000 characters


class BodyTooLarge(Exception):
    """The body passed its limit while it was being read."""


def body_limit(path: str) -> int:
    """The most bytes a request body to ``path`` may have."""
    if path in UPLOAD_PATHS:
        return UPLOAD_LIMIT
    if path.startswith(("/telegram/", "/slack/")):
        return WEBHOOK_LIMIT
    return JSON_LIMIT


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or []:
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


async def _answer(send: Send, status: int, detail: str,
                  extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


class RequestLimits:
    """The middleware; ``authorised(headers)`` says whether a ``/v1`` request may proceed."""

    def __init__(self, app: ASGIApp, authorised: Callable[[str | None, str | None], bool],
                 unauthorised: str) -> None:
        self.app = app
        self.authorised = authorised
        self.unauthorised = unauthorised

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check, then pass the request on with a counting ``receive``."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        if path.startswith("/v1/") and not await asyncio.to_thread(
                self.authorised, _header(scope, b"authorization"),
                _header(scope, b"x-api-key")):
            await _answer(send, 401, self.unauthorised, [(b"www-authenticate", b"Bearer")])
            return
        limit = body_limit(path)
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _answer(send, 413, f"The request body is larger than {limit:,} bytes.")
            return
        started = False
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if not started:
                await _answer(send, 413, f"The request body is larger than {limit:,} bytes.")
