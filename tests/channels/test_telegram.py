"""The real PTB Application against our fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from agent.service import AgentService
from channels.telegram import TelegramChannel
from memory.records import get_records
from memory.settings import get_settings
from tests.fakes.telegram_api import FakeBotAPI

ANA, BEN = 1001, 2002


@pytest.fixture
async def tg(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[FakeBotAPI, TelegramChannel]]:
    async with FakeBotAPI() as api:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", api.token)
        monkeypatch.setenv("TELEGRAM_BASE_URL", api.url)
        get_settings.cache_clear()
        service = AgentService(get_settings())
        channel = TelegramChannel(get_settings(), service, webhook=False)
        await channel.start()
        try:
            yield api, channel
        finally:
            await channel.stop()
            await service.close()


def user_of(api: FakeBotAPI, tg_id: int) -> str:
    uid = get_records().find_user("telegram", str(api.bot_id), str(tg_id))
    assert uid is not None
    return uid


async def test_full_weekly_reflection(tg: tuple[FakeBotAPI, TelegramChannel]) -> None:
    api, _ = tg
    api.send_text(ANA, "/start")
    await api.wait_text(ANA, "What I keep")
    await api.wait_text(ANA, "week")
    n = len(api.calls)
    api.send_text(ANA, "This week I organised a workshop for my team and fixed the build "
                       "pipeline at work.")
    q1 = await api.wait_text(ANA, "organised a workshop", after=n)
    assert "?" in q1.params["text"]
    n = len(api.calls)
    api.send_text(ANA, "The builds got twice as fast and the team was happy.")
    await api.wait_text(ANA, "?", after=n)
    n = len(api.calls)
    api.send_text(ANA, "I learned that asking early saves time.")
    saved = await api.wait_text(ANA, "saved", after=n)
    rows = get_records().list_reflections(user_of(api, ANA))
    assert len(rows) == 1 and "workshop" in rows[0]["text"]
    assert saved.params.get("parse_mode") == "HTML"
