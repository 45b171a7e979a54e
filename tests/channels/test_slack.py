"""The real bolt ``AsyncApp`` through the FastAPI app, with correctly signed requests, talking
to our fake Slack Web API on 127.0.0.1."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from agent.service import AgentService
from channels.http import create_app
from evals.credential_signing import EdIssuer, ob3, png_with_itxt
from memory.records import get_records
from settings import get_settings
from tests.fakes import slack_sign as sk
from tests.fakes.slack_api import TOKEN, FakeSlackAPI
from tests.waiting import eventually

SECRET = "test-signing-secret"
ANA = "UANA"
AD = ("Team lead\nRequirements:\n- Experience organising workshops\n- Ability to work in "
      "teams\n- Skills in troubleshooting build systems")


class Slack:
    """The app under test, the fake Web API, and a client posting signed requests."""

    def __init__(self, app: FastAPI, api: FakeSlackAPI, client: httpx.AsyncClient) -> None:
        self.app, self.api, self.client = app, api, client

    async def post(self, body: str, ctype: str = "application/json",
                   **kw: object) -> httpx.Response:
        headers = sk.signed(SECRET, body, ctype, **kw)  # type: ignore[arg-type]
        return await self.client.post("/slack/events", content=body, headers=headers)

    async def dm(self, user: str, text: str, **kw: object) -> httpx.Response:
        return await self.post(sk.event(sk.dm(user, text, **kw)))  # type: ignore[arg-type]


@pytest.fixture
async def slack(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Slack]:
    async with FakeSlackAPI() as api:
        monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
        monkeypatch.setenv("SLACK_API_URL", api.api_url)
        get_settings.cache_clear()
        service = AgentService()
        app = create_app(service=service)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
                yield Slack(app, api, c)


def ana_id() -> str:
    uid = get_records().find_user("slack", "T1", ANA)
    assert uid is not None
    return uid


async def test_url_verification_and_forged_requests(slack: Slack) -> None:
    body = json.dumps({"token": "legacy", "type": "url_verification", "challenge": "c123"})
    ok = await slack.post(body)
    assert ok.status_code == 200 and "c123" in ok.text
    forged = sk.event(sk.dm(ANA, "This week I organised a workshop for my team."))
    bad = await slack.client.post("/slack/events", content=forged, headers={
        **sk.signed("wrong-secret", forged), "Content-Type": "application/json"})
    assert bad.status_code == 401
    missing = await slack.client.post("/slack/events", content=forged,
                                      headers={"Content-Type": "application/json"})
    assert missing.status_code == 401
    stale = await slack.post(forged, timestamp=int(time.time()) - 600)
    assert stale.status_code == 401
    assert slack.api.posts() == []
    assert get_records().find_user("slack", "T1", ANA) is None


async def test_reflection_in_dm_with_retry_deduped(slack: Slack) -> None:
    body = sk.event(sk.dm(ANA, "This week I organised a workshop for my team and fixed the "
                               "build pipeline."))
    started = time.monotonic()
    first = await slack.post(body)
    assert first.status_code == 200 and time.monotonic() - started < 3
    q = await slack.api.wait_post(f"D{ANA}", "workshop")
    assert "?" in q.params["text"]
    assert (await slack.post(body, retry=1)).status_code == 200
    assert (await slack.post(body)).status_code == 200
    n = len(slack.api.calls)
    await slack.dm(ANA, "The builds got twice as fast and the team was happy.")
    await slack.api.wait_post(f"D{ANA}", "?", after=n)
    n = len(slack.api.calls)
    await slack.dm(ANA, "I learned that asking early saves time.")
    saved = await slack.api.wait_post(f"D{ANA}", "saved", after=n)
    assert len(slack.api.posts(f"D{ANA}")) == 3, "the retried event must not get a reply"
    assert len(get_records().list_reflections(ana_id())) == 1
    buttons = [b for blk in saved.params["blocks"] if blk["type"] == "actions"
               for b in blk["elements"]]
    assert buttons and buttons[0]["value"].startswith("reject")
    n = len(slack.api.calls)
    press = await slack.post(sk.button(ANA, buttons[0]["value"], f"D{ANA}"),
                             "application/x-www-form-urlencoded")
    assert press.status_code == 200
    await slack.api.wait_post(f"D{ANA}", "won't", after=n)
    assert get_records().rejected_skills(ana_id())


async def test_slash_commands_strengths_profile_home_and_link(slack: Slack) -> None:
    for line in ("This week I organised a workshop for my team and fixed the build pipeline.",
                 "The builds got twice as fast and the team was happy.",
                 "I learned that asking early saves time."):
        n = len(slack.api.calls)
        await slack.dm(ANA, line)
        await slack.api.wait_post(f"D{ANA}", "", after=n)
    form = "application/x-www-form-urlencoded"
    n = len(slack.api.calls)
    ack = await slack.post(sk.command(ANA, "strengths"), form)
    assert ack.status_code == 200 and "direct messages" in ack.text
    strengths = await slack.api.wait_post(f"D{ANA}", "", after=n)
    assert "workshop" in strengths.params["text"].lower()
    n = len(slack.api.calls)
    await slack.post(sk.command(ANA, f"profile {AD}"), form)
    profile = await slack.api.wait_post(f"D{ANA}", "profile for", after=n)
    assert "organised a workshop" in profile.params["text"]
    n = len(slack.api.calls)
    await slack.post(sk.command(ANA, "remind sunday 18:00 Europe/Berlin"), form)
    await slack.api.wait_post(f"D{ANA}", "Sunday at 18:00", after=n)
    rem = get_records().get_reminder(ana_id())
    assert rem is not None and rem["channel"] == "slack" and rem["target"] == ANA
    n = len(slack.api.calls)
    await slack.post(sk.event({"type": "app_home_opened", "user": ANA, "tab": "home",
                               "channel": f"D{ANA}"}))
    home = await slack.api.wait_call("views.publish", after=n)
    text = json.dumps(home.params["view"])
    assert "1 reflection" in text and "Sundays at 18:00" in text
    n = len(slack.api.calls)
    await slack.post(sk.command(ANA, "link"), form)
    code = (await slack.api.wait_post(f"D{ANA}", "link code", after=n)).params["text"]
    assert "/link" in code
    n = len(slack.api.calls)
    await slack.post(sk.command(ANA, "export"), form)
    done = await slack.api.wait_call("files.completeUploadExternal", after=n)
    fid = done.params["files"][0]["id"]
    assert json.loads(slack.api.uploads[fid])["reflections"][0]["text"].startswith("This week")


@pytest.mark.usefixtures("tagger")
async def test_file_share_goes_to_import(slack: Slack, issuer: EdIssuer) -> None:
    signed = json.dumps(issuer.sign(ob3(issuer.did))).encode()
    badge = png_with_itxt("openbadgecredential", signed)
    await slack.dm(ANA, "", files=[slack.api.share("badge.png", badge)])
    await slack.api.wait_post(f"D{ANA}", "Shall I add it")
    assert get_records().list_credentials(ana_id()) == []
    n = len(slack.api.calls)
    await slack.dm(ANA, "yes")
    await slack.api.wait_post(f"D{ANA}", "Added", after=n)
    assert len(get_records().list_credentials(ana_id())) == 1
    n = len(slack.api.calls)
    await slack.dm(ANA, "", files=[{"name": "x.png", "size": 10,
                                    "url_private_download": "http://127.0.0.2/steal"}])
    await slack.api.wait_post(f"D{ANA}", "only read files shared in Slack", after=n)


async def test_mention_answers_privately_with_thread_pointer(slack: Slack) -> None:
    await slack.post(sk.event({"type": "app_mention", "user": ANA, "channel": "C1",
                               "text": "<@UBOT> help", "ts": "100.1"}))
    note = await slack.api.wait_post("C1", "direct messages")
    assert note.params["thread_ts"] == "100.1" and f"<@{ANA}>" in note.params["text"]
    await slack.api.wait_post(f"D{ANA}", "Here's what I can do")
    assert [p.params["channel"] for p in slack.api.posts()].count("C1") == 1


async def test_reminder_fires_in_dm(slack: Slack) -> None:
    from datetime import UTC, datetime, timedelta

    form = "application/x-www-form-urlencoded"
    await slack.post(sk.command(ANA, "remind friday 17:30 America/New_York"), form)
    await slack.api.wait_post(f"D{ANA}", "Friday at 17:30")
    uid = ana_id()
    channel = slack.app.state.slack
    assert uid in channel.scheduler.tasks
    get_records().save_reflection(uid, {
        "status": "saved", "text": "I mentored a new colleague.",
        "created_at": (datetime.now(UTC) - timedelta(days=7)).isoformat(timespec="seconds"),
        "slots": {"next_step": "I will pair with her on the next release."}})
    n = len(slack.api.calls)
    channel.scheduler.schedule(uid, when=datetime.now(UTC) + timedelta(seconds=0.2))
    sent = await slack.api.wait_post(f"D{ANA}", "Last week you said", after=n)
    assert "next release" in sent.params["text"]
    # The week is marked once the send has returned (never before).
    assert await eventually(lambda: (get_records().get_reminder(uid) or {})["last_sent_week"])


async def test_socket_mode_receives_events_and_acks(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from channels.slack import from_settings
    from tests.fakes.slack_api import APP_TOKEN

    async with FakeSlackAPI() as api:
        monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
        monkeypatch.setenv("SLACK_API_URL", api.api_url)
        monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
        get_settings.cache_clear()
        async with AgentService() as service:
            channel = from_settings(get_settings(), service, http=False)
            assert channel is not None
            task = asyncio.create_task(channel.run_socket_mode())
            try:
                for _ in range(600):
                    if api.sockets:
                        break
                    await asyncio.sleep(0.05)
                body = json.loads(sk.event(sk.dm(ANA, "/help")))
                await api.push({"envelope_id": "env-1", "type": "events_api",
                                "accepts_response_payload": False, "payload": body})
                await api.wait_post(f"D{ANA}", "Here's what I can do")
                assert {"envelope_id": "env-1"}.items() <= api.acks[0].items()
            finally:
                await channel.stop()
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
