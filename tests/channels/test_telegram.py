"""The real PTB Application against our fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from agent.accounts import issue_code
from agent.reply import Reply
from channels import reminders
from channels.http import create_app
from channels.reminders import zone
from channels.telegram import TelegramChannel
from evals.credential_signing import EdIssuer, ob3, png_with_itxt
from memory.records import get_records
from settings import get_settings
from tests.fakes.telegram_api import FakeBotAPI
from tests.waiting import eventually

ANA, BEN = 1001, 2002
AD = ("Team lead\nRequirements:\n- Experience organising workshops\n- Ability to work in "
      "teams\n- Skills in troubleshooting build systems")


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


async def reflect(api: FakeBotAPI, tg_id: int, lines: list[str]) -> None:
    for line in lines:
        n = len(api.calls)
        api.send_text(tg_id, line)
        await api.wait_for(lambda c: c.method == "sendMessage"
                           and str(c.params.get("chat_id")) == str(tg_id), after=n)


LINES = ["This week I organised a workshop for my team and fixed the build pipeline.",
         "The builds got twice as fast and the team was happy.",
         "I learned that asking early saves time."]


async def test_buttons_strengths_profile_export_and_forget(
        tg: tuple[FakeBotAPI, TelegramChannel]) -> None:
    api, _ = tg
    await reflect(api, ANA, LINES[:2])
    n = len(api.calls)
    api.send_text(ANA, LINES[2])
    saved = await api.wait_text(ANA, "saved", after=n)
    keyboard = saved.params["reply_markup"]["inline_keyboard"]
    assert keyboard[0][0]["callback_data"] == "reject 1"
    # the user rejects the last tag the real tagger (small test index) showed
    button = keyboard[-1][0]
    label = button["text"].split(". ", 1)[1]
    n = len(api.calls)
    api.press(ANA, api.as_message(saved), button["callback_data"])
    await api.wait_for(lambda c: c.method == "answerCallbackQuery", after=n)
    edit = await api.wait_for(lambda c: c.method == "editMessageText", after=n)
    assert "→" in edit.params["text"]
    done = await api.wait_text(ANA, "won't", after=n)
    rejected = re.search(r'removed "([^"]+)"', done.params["text"])
    assert rejected and rejected.group(1).startswith(label), done.params["text"]
    assert get_records().rejected_skills(user_of(api, ANA))
    n = len(api.calls)
    api.send_text(ANA, "/strengths")
    strengths = await api.wait_text(ANA, "strengths", after=n)
    assert "workshop" in strengths.params["text"]
    # bold survives as HTML, and the skill rejected with the button is gone
    assert "<b>" in strengths.params["text"]
    assert f"<b>{rejected.group(1)}</b>" not in strengths.params["text"]
    n = len(api.calls)
    api.send_text(ANA, f"/profile {AD}")
    prof = await api.wait_text(ANA, "profile for", after=n)
    assert "organised a workshop" in prof.params["text"]
    # the profile as a JSON Resume travels beside it as a file, the ad only in its meta
    cv = await api.wait_for(lambda c: c.method == "sendDocument" and
                            c.params.get("document_filename") == "resume.json", after=n)
    resume = json.loads(cv.files["document"])
    assert resume["skills"] and resume["meta"]["x-talentPassport"]["job"]["ad"] == AD.strip()
    assert AD.strip()[:40] not in json.dumps({k: v for k, v in resume.items() if k != "meta"})
    n = len(api.calls)
    api.send_text(ANA, "/export")
    doc = await api.wait_for(lambda c: c.method == "sendDocument" and
                             c.params.get("document_filename") == "passport-export.json",
                             after=n)
    assert json.loads(doc.files["document"])["reflections"][0]["text"] == "\n".join(LINES[:3])
    n = len(api.calls)
    api.send_text(ANA, "/forget")
    ask = await api.wait_text(ANA, "forget everything", after=n)
    assert get_records().get_user(user_of(api, ANA)) is not None
    n = len(api.calls)
    api.press(ANA, api.as_message(ask), ask.params["reply_markup"]["inline_keyboard"][0][0][
        "callback_data"])
    await api.wait_for(lambda c: c.method == "answerCallbackQuery", after=n)
    for _ in range(200):
        if get_records().find_user("telegram", str(api.bot_id), str(ANA)) is None:
            break
        await asyncio.sleep(0.05)
    assert get_records().find_user("telegram", str(api.bot_id), str(ANA)) is None


@pytest.mark.usefixtures("tagger")
async def test_document_import(tg: tuple[FakeBotAPI, TelegramChannel],
                               monkeypatch: pytest.MonkeyPatch, issuer: EdIssuer) -> None:
    api, _ = tg
    badge = png_with_itxt("openbadgecredential", json.dumps(issuer.sign(ob3(issuer.did))).encode())
    api.send_document(ANA, badge, "badge.png")
    await api.wait_text(ANA, "Shall I add it")
    assert any(c.method == "getFile" for c in api.calls)
    assert get_records().list_credentials(user_of(api, ANA)) == []
    n = len(api.calls)
    api.send_text(ANA, "yes")
    await api.wait_text(ANA, "Added", after=n)
    assert len(get_records().list_credentials(user_of(api, ANA))) == 1
    n = len(api.calls)
    api.send_document(ANA, b"hello", "notes.docx")
    await api.wait_text(ANA, "JSON, JWT, PNG or SVG", after=n)


async def test_reminder_fires_recalls_last_week_and_skips(
        tg: tuple[FakeBotAPI, TelegramChannel]) -> None:
    api, channel = tg
    n = len(api.calls)
    api.send_text(ANA, "/remind sunday 18:00 Europe/Berlin")
    await api.wait_text(ANA, "Sunday at 18:00", after=n)
    uid = user_of(api, ANA)
    rem = get_records().get_reminder(uid)
    assert rem and rem["channel"] == "telegram" and rem["target"] == str(ANA)
    assert channel.app.job_queue
    job = channel.app.job_queue.get_jobs_by_name(f"reminder:{uid}")[0]
    expected = reminders.next_fire(6, "18:00", "Europe/Berlin")
    assert job.next_t == expected and job.next_t.astimezone(zone("Europe/Berlin")).hour == 18
    last_week = datetime.now(UTC) - timedelta(days=7)
    get_records().save_reflection(uid, {
        "status": "saved", "text": "I mentored a new colleague on code reviews.",
        "created_at": last_week.isoformat(timespec="seconds"), "slots": {
            "next_step": "I will run a review workshop next."}})
    n = len(api.calls)
    channel.schedule(uid, when=datetime.now(UTC) + timedelta(seconds=0.3))
    sent = await api.wait_text(ANA, "Last week you said", after=n)
    assert "review workshop" in sent.params["text"]
    # The week is claimed before the send (one worker sends, issue 17), and the job puts
    # itself back at the regular time once the run is over.
    marked = (get_records().get_reminder(uid) or {})["last_sent_week"]
    assert marked == reminders.week_of(datetime.now(UTC), "Europe/Berlin")
    jq = channel.app.job_queue
    assert jq is not None
    assert await eventually(lambda: [j for j in jq.get_jobs_by_name(f"reminder:{uid}")
                                     if j.next_t == expected])
    # already sent this week (and a restart re-registers it): nothing more goes out
    assert channel.schedule_all() == 1
    channel.schedule(uid, when=datetime.now(UTC) + timedelta(seconds=0.2))
    assert await _ran_and_rescheduled(channel, uid, expected)
    assert len([t for t in api.texts(ANA) if "you said" in t]) == 1


async def _ran_and_rescheduled(channel: TelegramChannel, uid: str, expected: datetime) -> bool:
    """The event a due check waits for: the reminder job ran (it always re-registers itself
    for its regular time afterwards, see ``TelegramChannel._remind``)."""
    jobs = channel.app.job_queue.get_jobs_by_name  # type: ignore[union-attr]

    def regular() -> list[Any]:
        return [j for j in jobs(f"reminder:{uid}") if j.next_t == expected]

    assert not regular()  # the early job replaced it, so the wait below waits for the run
    return bool(await eventually(regular))


async def test_reminder_skipped_when_reflected_this_week(
        tg: tuple[FakeBotAPI, TelegramChannel]) -> None:
    api, channel = tg
    await reflect(api, BEN, ["/remind monday 09:00 UTC"])
    uid = user_of(api, BEN)
    get_records().save_reflection(uid, {"status": "saved", "text": "I shipped the release."})
    assert reminders.due_message(uid) is None
    n = len(api.calls)
    channel.schedule(uid, when=datetime.now(UTC) + timedelta(seconds=0.2))
    assert await _ran_and_rescheduled(channel, uid, reminders.next_fire(0, "09:00", "UTC"))
    assert api.sent(BEN)[n:] == [] and not [c for c in api.calls[n:]
                                             if c.method == "sendMessage"]


async def test_slow_user_does_not_block_others_and_dedupe(
        tg: tuple[FakeBotAPI, TelegramChannel], monkeypatch: pytest.MonkeyPatch) -> None:
    api, channel = tg
    original = channel.service.handle
    release = asyncio.Event()

    async def slow_for_ana(user_id: str, message: str | None = None, **kw: Any) -> Any:
        if message == "slow":
            await release.wait()
        return await original(user_id, message, **kw)

    monkeypatch.setattr(channel.service, "handle", slow_for_ana)
    api.send_text(ANA, "slow")
    api.send_text(BEN, "/help")
    await api.wait_text(BEN, "Here's what I can do")
    assert api.texts(ANA) == []
    release.set()
    await api.wait_for(lambda c: c.method == "sendMessage" and c.params["chat_id"] == ANA)
    judged: list[bool] = []  # the dedupe's verdicts on the repeated update, in order
    first_time = channel.seen.first

    def judging(key: object) -> bool:
        fresh = first_time(key)
        if str(key).endswith(":10000"):
            judged.append(fresh)
        return fresh

    monkeypatch.setattr(channel.seen, "first", judging)
    update = api.text_update(BEN, "/help")
    n = len(api.calls)
    api.update(update, update_id=10_000)
    api.update(update, update_id=10_000)
    await api.wait_text(BEN, "Here's what I can do", after=n)
    # The repeat was judged (and dropped before any handler ran) and the first was answered:
    # nothing more can come of either.
    assert await eventually(lambda: len(judged) == 2)
    assert judged == [True, False]
    assert len([t for t in api.texts(BEN)[1:] if "Here's what" in t]) == 1


async def test_link_joins_telegram_to_slack_account(
        tg: tuple[FakeBotAPI, TelegramChannel]) -> None:
    api, _ = tg
    rec = get_records()
    slack_user = rec.ensure_user("slack", "T1", "UANA", "Ana")
    code = issue_code(slack_user)
    n = len(api.calls)
    api.send_text(ANA, "/link WRONG-CODE")
    await api.wait_text(ANA, "unknown or has expired", after=n)
    n = len(api.calls)
    api.send_text(ANA, f"/link {code.lower()}")
    await api.wait_text(ANA, "Linked", after=n)
    assert rec.find_user("telegram", str(api.bot_id), str(ANA)) == slack_user
    n = len(api.calls)
    api.send_text(BEN, f"/link {code}")
    await api.wait_text(BEN, "unknown or has expired", after=n)
    assert rec.find_user("telegram", str(api.bot_id), str(BEN)) != slack_user


async def test_long_reply_is_chunked_and_escaped(tg: tuple[FakeBotAPI, TelegramChannel]) -> None:
    api, channel = tg
    text = ("<b>not a tag</b> & " * 300 + "\n\n") * 3
    await channel.send(ANA, Reply(text=text))
    chunks = api.texts(ANA)
    assert len(chunks) >= 3 and all(len(c) <= 4096 for c in chunks)
    assert all("<b>" not in c and "&lt;b&gt;" in c for c in chunks)
    assert {c.params["parse_mode"] for c in api.sent(ANA)} == {"HTML"}


async def test_webhook_in_fastapi_checks_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    async with FakeBotAPI() as api:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", api.token)
        monkeypatch.setenv("TELEGRAM_BASE_URL", api.url)
        monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "s3cret-token")
        monkeypatch.setenv("PASSPORT_PUBLIC_URL", "https://passport.example.org")
        get_settings.cache_clear()
        app = create_app()
        async with app.router.lifespan_context(app):
            hook = next(c for c in api.calls if c.method == "setWebhook")
            assert hook.params["url"] == "https://passport.example.org/telegram/webhook"
            assert hook.params["secret_token"] == "s3cret-token"
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
                body = api.text_update(ANA, "/strengths")
                body["update_id"] = 77
                missing = await c.post("/telegram/webhook", json=body)
                wrong = await c.post("/telegram/webhook", json=body, headers={
                    "X-Telegram-Bot-Api-Secret-Token": "guess"})
                assert (missing.status_code, wrong.status_code) == (401, 403)
                assert app.state.telegram.app.update_queue.empty()  # refused before queueing
                assert api.texts(ANA) == []
                assert get_records().find_user("telegram", str(api.bot_id), str(ANA)) is None
                ok = await c.post("/telegram/webhook", json=body, headers={
                    "X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
                assert ok.status_code == 200
                await api.wait_for(lambda c: c.method == "sendMessage"
                                   and c.params["chat_id"] == ANA)
                assert (await c.get("/health")).json()["channels"]["telegram"] is True


async def test_passport_telegram_command_polls(tmp_path: Any) -> None:
    """`passport telegram` as a real process, polling our fake Bot API."""
    import os
    import signal
    import sys
    from pathlib import Path

    passport = Path(sys.executable).parent / "passport"
    async with FakeBotAPI() as api:
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_BASE_URL": api.url,
               "PASSPORT_HOME": str(tmp_path / "home")}
        proc = await asyncio.create_subprocess_exec(
            str(passport), "telegram", env=env, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL)
        try:
            api.send_text(ANA, "/help")
            reply = await api.wait_text(ANA, "Here's what I can do", timeout=120)
            assert reply.params["parse_mode"] == "HTML"
            assert any(c.method == "deleteWebhook" for c in api.calls)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(proc.wait(), 30)
            except TimeoutError:
                proc.kill()
                await proc.wait()
