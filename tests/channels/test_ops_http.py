"""Operating the HTTP server: what reaches the access log, request limits, degraded start."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
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
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="on", **kwargs)
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
def no_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("agent.capabilities.credentials._tagger", lambda: None)


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
