"""The page link from the chat channels: /passport in Telegram, `/passport page` and the
App Home in Slack; each link opens that person's own page, and nobody else's."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from agent.service import AgentService
from channels.http import create_app
from channels.telegram import TelegramChannel
from memory.records import get_records
from settings import get_settings
from tests.fakes import slack_sign as sk
from tests.fakes.slack_api import TOKEN, FakeSlackAPI
from tests.fakes.telegram_api import FakeBotAPI

LINK = re.compile(r"http://127\.0\.0\.1:8000(/p/[\w-]+\.[\w-]+)")


async def _open(path: str) -> str:
    transport = httpx.ASGITransport(app=create_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        r = await client.get(path)
    assert r.status_code == 200, r.text
    return r.text


async def test_telegram_passport_command_sends_a_private_link(
        tg: tuple[FakeBotAPI, TelegramChannel]) -> None:
    api, _ = tg
    api.send_text(1001, "/passport", name="Ana Tg")
    text = (await api.wait_text(1001, "passport page")).params["text"]
    api.send_text(2002, "/passport", name="Ben Tg")
    other = (await api.wait_text(2002, "passport page")).params["text"]
    match, match_ben = LINK.search(text), LINK.search(other)
    assert match and match_ben and match.group(1) != match_ben.group(1)
    page = await _open(match.group(1))
    assert "Ana Tg · Talent Passport" in page and "Ben Tg" not in page


async def test_slack_page_command_and_app_home_link(monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "test-signing-secret"
    async with FakeSlackAPI() as api:
        monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("SLACK_SIGNING_SECRET", secret)
        monkeypatch.setenv("SLACK_API_URL", api.api_url)
        get_settings.cache_clear()
        app = create_app(service=AgentService())
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
                async def post(body: str, ctype: str = "application/json") -> None:
                    r = await c.post("/slack/events", content=body,
                                     headers=sk.signed(secret, body, ctype))
                    assert r.status_code == 200

                await post(sk.command("UANA", "page"), "application/x-www-form-urlencoded")
                posted = await api.wait_post("DUANA", "passport page")
                n = len(api.calls)
                await post(sk.event({"type": "app_home_opened", "user": "UANA",
                                     "tab": "home", "channel": "DUANA"}))
                home = await api.wait_call("views.publish", after=n)
    uid = get_records().find_user("slack", "T1", "UANA")
    match = LINK.search(posted.params["text"])
    home_link = LINK.search(json.dumps(home.params["view"]))
    assert uid and match and home_link
    assert "Open your passport page" in json.dumps(home.params["view"])
    page = await _open(home_link.group(1))
    assert "Skills map" in page and "Create share link" in page
    assert "Skills map" in await _open(match.group(1))
    ana = get_records().get_user(uid)
    assert ana is not None and f"{ana['display_name']} · Talent Passport" in page
