"""Fixtures for channel tests. ``keyword_tagger`` (opt-in, used by the Telegram, Slack and HTTP
adapter tests): those tests exercise the adapters, not the skill tagger (tested in
tests/tools/skills), so a tiny keyword tagger stands in for the framework index, which is slow
to build per process. Rejections still go through the real ``tag_for_user`` filter."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from agent.service import AgentService
from channels.telegram import TelegramChannel
from memory.schemas import SkillTag
from memory.settings import get_settings
from tests.fakes.telegram_api import FakeBotAPI

KEYWORDS = {
    "workshop": ("esco:organise-workshops", "organise workshops"),
    "fixed": ("esco:troubleshoot", "troubleshoot"),
    "team": ("esco:work-in-teams", "work in teams"),
    "customer": ("esco:customer-service", "customer service"),
}


def keyword_tags(text: str, frameworks: Any = ("esco",), top: Any = None,
                 source_id: str | None = None, **_: Any) -> list[SkillTag]:
    """Skills found by keyword, with the exact evidence span."""
    out = []
    for word, (sid, label) in KEYWORDS.items():
        m = re.search(rf"\b{word}\w*", text, re.I)
        if m:
            out.append(SkillTag(framework="esco", id=sid, label=label, score=0.9,
                                evidence=m.group(), start=m.start(), end=m.end(),
                                source_id=source_id))
    return out


@pytest.fixture
def keyword_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the framework tagger by the keyword tagger for channel tests."""
    try:
        import agent.capabilities.skills as skills
        import tools.skills.tagging as tagging
    except ImportError:
        return
    monkeypatch.setattr(skills, "tag_text", keyword_tags)
    monkeypatch.setattr(tagging, "tag", keyword_tags)
    monkeypatch.setattr(tagging, "tag_many",
                        lambda texts, *a, **k: [keyword_tags(t) for t in texts])


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
