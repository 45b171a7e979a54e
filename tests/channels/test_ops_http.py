"""Operating the HTTP server: what reaches the access log, request limits, degraded start."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, MutableMapping
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from channels.http import create_app
from channels.page.links import page_token
from channels.page.shares import create_share
from tests.channels.page_seed import seed


class Lines(logging.Handler):
    """Every formatted access log line."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


async def _serve(app: FastAPI, **kwargs: Any) -> AsyncIterator[str]:
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="on",
                            timeout_graceful_shutdown=5, **kwargs)
    srv = uvicorn.Server(config)
    task = asyncio.create_task(srv.serve())
    while not srv.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        await task


@pytest.fixture
async def logged() -> AsyncIterator[tuple[str, Lines]]:
    """The app under uvicorn with its default logging config and access log on."""
    lines = Lines()
    async for url in _serve(create_app(), log_level="info", access_log=True):
        logging.getLogger("uvicorn.access").addHandler(lines)
        try:
            yield url, lines
        finally:
            logging.getLogger("uvicorn.access").removeHandler(lines)


@pytest.fixture(autouse=True)
def small_skill_tagger(tagger: object) -> None:
    """Credentials added in these tests are tagged by the real tagger on the small index."""


async def test_page_and_share_tokens_never_reach_the_access_log(
        logged: tuple[str, Lines]) -> None:
    url, lines = logged
    ana = seed("Ana", weeks=1)
    token, _ = page_token(ana["user_id"])
    share = create_share(ana["user_id"], [ana["good"]])["token"]
    async with httpx.AsyncClient(base_url=url, timeout=60) as c:
        assert (await c.get(f"/p/{token}")).status_code == 200
        assert (await c.get(f"/s/{share}")).status_code == 200
        assert (await c.get(f"/s/{share}/presentation.json")).status_code == 200
        assert (await c.get("/p/forged.token?x=1")).status_code == 404
    text = "\n".join(lines.lines)
    assert text.count("/p/[token]") == 2 and text.count("/s/[token]") == 2, text
    assert token not in text and share not in text and "forged.token" not in text


@pytest.fixture
async def quiet() -> AsyncIterator[str]:
    """The app under uvicorn, logging warnings only."""
    async for url in _serve(create_app(), log_level="warning"):
        yield url


async def _raw(url: str, head: str, body: bytes = b"") -> tuple[int, float]:
    """Send a request head (and some body) by hand; (status, seconds to the answer)."""
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    start = asyncio.get_running_loop().time()
    try:
        writer.write(head.encode() + b"\r\n" + body)
        await writer.drain()
        status = await asyncio.wait_for(reader.readline(), 20)
    finally:
        writer.close()
    took = asyncio.get_running_loop().time() - start
    return int(status.split()[1]), took


def _key(name: str) -> str:
    from memory.records import get_records

    rec = get_records()
    key = f"key-{name}-0123456789abcdef"
    rec.create_api_key(rec.ensure_user("http", "api", name, name), key)
    return key


async def test_no_key_is_refused_before_the_body_is_read(quiet: str) -> None:
    """A 400 MB body without a key: 401 at once, after only the first bytes were sent."""
    head = ("POST /v1/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {400 * 1024 * 1024}\r\n")
    status, took = await _raw(quiet, head, b'{"message": "')
    assert status == 401 and took < 5
    status, _ = await _raw(quiet, head.replace("Content-Length", "Authorization: Bearer nope\r\n"
                                                                 "Content-Length"), b"{")
    assert status == 401


async def test_body_limits_hold_while_reading(quiet: str) -> None:
    key = _key("limits")
    head = (f"POST /v1/chat HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {10 * 1024 * 1024}\r\n")
    status, took = await _raw(quiet, head, b"{")
    assert status == 413 and took < 5

    async with httpx.AsyncClient(base_url=quiet, timeout=60) as c:
        ok = await c.post("/v1/chat", json={"message": "hello"},
                          headers={"Authorization": f"Bearer {key}"})
        assert ok.status_code == 200
        assert (await c.get("/health")).status_code == 200


async def test_a_streamed_body_is_cut_off_at_the_limit() -> None:
    """No length declared (chunked): reading stops one chunk past the limit, 413."""
    app = create_app()
    key = _key("stream")
    pulled = 0
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"x" * (1024 * 1024), "more_body": pulled < 400}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v1/credentials/verify",
             "raw_path": b"/v1/credentials/verify", "query_string": b"", "root_path": "",
             "headers": [(b"authorization", f"Bearer {key}".encode())], "http_version": "1.1",
             "scheme": "http", "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1)}
    await app(scope, receive, send)
    assert sent[0]["status"] == 413
    assert pulled == 6  # 5 MB + 64 KB allowed: the sixth 1 MB chunk passes it


async def test_telegram_unreachable_at_start_degrades_then_recovers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Telegram's API refuses connections: REST and /health serve, /health says telegram is
    retrying; once the API answers, the background retry brings the channel up."""
    from settings import get_settings
    from tests.fakes.telegram_api import FakeBotAPI
    from tests.servers import free_port

    port = free_port()
    api = FakeBotAPI(port=port)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", api.token)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "s3cret-token")
    monkeypatch.setenv("TELEGRAM_BASE_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setattr("channels.supervisor.BACKOFF_S", 0.2)
    get_settings.cache_clear()
    key = _key("degraded")
    async for url in _serve(create_app(), log_level="warning"):
        async with httpx.AsyncClient(base_url=url, timeout=60) as c:
            health = (await c.get("/health")).json()
            assert health["status"] == "ok" and health["channels"]["telegram"] is True
            tg = health["channel_states"]["telegram"]
            assert tg["state"] == "retrying" and tg["attempts"] >= 1 and tg["error"]
            chat = await c.post("/v1/chat", json={"message": "hi"},
                                headers={"Authorization": f"Bearer {key}"})
            assert chat.status_code == 200
            async with api:
                for _ in range(200):
                    state = (await c.get("/health")).json()["channel_states"]["telegram"]
                    if state["state"] == "up":
                        break
                    await asyncio.sleep(0.1)
                assert state["state"] == "up" and state["error"] is None, state
                assert any(call.method == "setWebhook" for call in api.calls)
