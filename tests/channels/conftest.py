"""Fixtures for channel tests. The channels run on the real agent, stores and skill tagger
(its index is built once by `make test` into the shared cache dir and loads in under a
second); only Telegram and Slack themselves are fakes on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from agent.service import AgentService
from channels.telegram import TelegramChannel
from settings import get_settings
from tests.fakes.telegram_api import FakeBotAPI


@pytest.fixture
async def tg(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[FakeBotAPI, TelegramChannel]]:
    """The real PTB channel (polling) against the fake Bot API on 127.0.0.1, with a fresh
    agent service; stopped and closed after the test."""
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
