"""Two `passport serve` workers against one PostgreSQL and one `chroma run`, with Telegram
webhooks from our fake Bot API: an update delivered to both workers (a retry) is handled
once, and a user's turns never interleave across workers."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from memory.records import get_records, reset_records
from settings import get_settings
from tests.fakes.telegram_api import FakeBotAPI
from tests.servers import chroma_server, free_port, postgres_server

pytestmark = pytest.mark.postgres
SECRET = "two-workers-secret"
ANA = 3003


@pytest.fixture(scope="module")
def stores() -> Iterator[tuple[str, str]]:
    with postgres_server() as pg, chroma_server() as chroma:
        yield pg, chroma


async def _worker(env: dict[str, str], home: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    passport = Path(sys.executable).parent / "passport"
    proc = subprocess.Popen([str(passport), "serve", "--port", str(port)],
                            env={**env, "PASSPORT_HOME": str(home)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(timeout=5) as c:
        for _ in range(600):
            try:
                if (await c.get(f"{url}/health")).status_code == 200:
                    return proc, url
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    proc.kill()
    raise AssertionError("a worker did not start")


@pytest.fixture
async def two(stores: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
              ) -> AsyncIterator[tuple[FakeBotAPI, list[str]]]:
    pg, chroma = stores
    async with FakeBotAPI() as api:
        env = {**os.environ, "PASSPORT_RECORDS_URL": pg, "PASSPORT_CHECKPOINTS_URL": pg,
               "PASSPORT_CHROMA_URL": chroma, "TELEGRAM_BOT_TOKEN": api.token,
               "TELEGRAM_WEBHOOK_SECRET": SECRET, "TELEGRAM_BASE_URL": api.url,
               "PASSPORT_PUBLIC_URL": "https://passport.example.org"}
        for key in ("PASSPORT_RECORDS_URL", "PASSPORT_CHECKPOINTS_URL", "PASSPORT_CHROMA_URL"):
            monkeypatch.setenv(key, env[key])
        get_settings.cache_clear()
        reset_records()
        workers = [await _worker(env, tmp_path / f"w{i}") for i in range(2)]
        try:
            yield api, [url for _, url in workers]
        finally:
            for proc, _ in workers:
                proc.send_signal(signal.SIGINT)
            for proc, _ in workers:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
            reset_records()


async def _post_to(urls: list[str], update: dict[str, Any]) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with httpx.AsyncClient(timeout=30) as c:
        answers = await asyncio.gather(*(c.post(f"{u}/telegram/webhook", json=update,
                                                headers=headers) for u in urls))
    assert [a.status_code for a in answers] == [200] * len(urls)


async def _settle(api: FakeBotAPI, chat: int, seconds: float = 60.0) -> list[str]:
    """The texts sent to ``chat`` once no new one came for two seconds."""
    deadline, last, quiet_since = time.monotonic() + seconds, -1, time.monotonic()
    while time.monotonic() < deadline:
        now = len(api.texts(chat))
        if now != last:
            last, quiet_since = now, time.monotonic()
        elif now and time.monotonic() - quiet_since > 2.0:
            break
        await asyncio.sleep(0.1)
    return api.texts(chat)


async def test_a_retried_update_is_handled_once_and_turns_do_not_interleave(
        two: tuple[FakeBotAPI, list[str]]) -> None:
    api, urls = two
    start = {"update_id": 9001, **api.text_update(ANA, "/start")}
    await _post_to(urls, start)  # the same update reaches both workers
    greeted = await _settle(api, ANA)
    assert sum("What I keep" in t for t in greeted) == 1, greeted
    sentence = "This week I rewired the bakery's walk-in cooler with the night shift."
    await _post_to(urls, {"update_id": 9002, **api.text_update(ANA, sentence)})
    replies = await _settle(api, ANA)
    assert len(replies) == len(greeted) + 1, replies[len(greeted):]
    uid = get_records().find_user("telegram", str(api.bot_id), str(ANA))
    assert uid is not None
    draft = get_records().draft_reflection(uid)
    assert draft is not None and draft["text"].count("walk-in cooler") == 1, draft
    first, second = "It took two nights and a borrowed multimeter.", "Everyone kept their jobs."
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with httpx.AsyncClient(timeout=30) as c:
        await asyncio.gather(
            c.post(f"{urls[0]}/telegram/webhook", headers=headers,
                   json={"update_id": 9003, **api.text_update(ANA, first)}),
            c.post(f"{urls[1]}/telegram/webhook", headers=headers,
                   json={"update_id": 9004, **api.text_update(ANA, second)}))
    await _settle(api, ANA)
    rows = get_records().db.query("SELECT text, status FROM reflections WHERE user_id=?",
                                  (uid,))
    text = " ".join(r["text"] for r in rows)
    assert text.count("walk-in cooler") == 1 and text.count("multimeter") == 1, rows
    assert text.count("kept their jobs") == 1, rows
