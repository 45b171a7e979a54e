"""Export holds everything kept; forget leaves nothing behind in SQLite, Chroma or checkpoints."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from agent.service import AgentService
from channels.cli.main import build_app
from memory.records import get_records
from memory.vectors import get_vectors
from settings import get_settings
from tests.agent.helpers import new_user_says


async def _seed(service: AgentService, name: str) -> str:
    user = service.user_for("cli", "local", name, name)
    for msg in ["I organised the team's first hackathon this week",
                "We built three prototypes and one went to production",
                "I learned that I like bringing people together"]:
        await service.handle(user, msg, conversation="c1")
    await service.handle(user, "remind me on Sundays at 18:00 Europe/Berlin", conversation="c1")
    return user


async def test_export_has_everything_and_forget_removes_everything(service: AgentService) -> None:
    ana = await _seed(service, "ana")
    bob = await _seed(service, "bob")
    runner = CliRunner()
    out = runner.invoke(build_app(), ["memory", "export", "--user", "ana"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["user"]["id"] == ana
    assert len(data["reflections"]) == 1 and len(data["memories"]) == 1
    assert data["reminder"]["at_time"] == "18:00" and data["reminder"]["weekday"] == 6
    assert "hackathon" in data["memories"][0]["text"]
    assert await _thread_rows(ana) > 0
    await service.forget(ana)
    # Nothing of ana remains anywhere; bob is untouched.
    assert get_records().get_user(ana) is None
    assert get_records().find_user("cli", "local", "ana") is None
    assert get_vectors().count(ana) == 0
    assert await _thread_rows(ana) == 0
    assert _sqlite_mentions(ana) == []
    assert get_vectors().count(bob) == 1 and len(get_records().list_reflections(bob)) == 1


def test_cli_forget_asks_and_yes_skips_the_question() -> None:
    async def seed() -> None:
        async with AgentService() as service:
            await _seed(service, "cy")

    asyncio.run(seed())
    runner = CliRunner()
    refused = runner.invoke(build_app(), ["memory", "forget", "--user", "cy"], input="n\n")
    assert refused.exit_code == 1
    assert get_records().find_user("cli", "local", "cy") is not None
    done = runner.invoke(build_app(), ["memory", "forget", "--user", "cy", "--yes"])
    assert done.exit_code == 0, done.output
    assert get_records().find_user("cli", "local", "cy") is None
    missing = runner.invoke(build_app(), ["memory", "show", "--user", "cy"])
    assert missing.exit_code == 1 and "No passport" in missing.output


async def test_forget_in_chat_needs_the_exact_phrase(service: AgentService) -> None:
    di = await _seed(service, "di")
    ask = await service.handle(di, "forget me", conversation="c2")
    assert "yes, forget everything" in ask.text
    assert ask.buttons and ask.buttons[0].data == "yes, forget everything"
    nope = await service.handle(di, "yes", conversation="c2")
    assert get_records().get_user(di) is not None, nope.text
    # a bare "yes" is answered by the forget flow (it got "No pressure. Even something small
    # counts ..."): the exact words are asked for once more, and then they delete
    assert "exact words: yes, forget everything" in nope.text
    done = await service.handle(di, "yes, forget everything", conversation="c2")
    assert "deleted everything" in done.text
    assert get_records().get_user(di) is None and get_vectors().count(di) == 0
    assert await _thread_rows(di) == 0


async def test_no_to_forget_keeps_everything_and_says_so(service: AgentService) -> None:
    fa = await _seed(service, "fa")
    await service.handle(fa, "forget me", conversation="c4")
    kept = await service.handle(fa, "no", conversation="c4")
    assert "nothing is deleted" in kept.text and get_records().get_user(fa) is not None


async def test_export_in_chat_attaches_the_file(service: AgentService) -> None:
    ed = await _seed(service, "ed")
    reply = await service.handle(ed, "export my data", conversation="c3")
    assert reply.attachments and json.loads(reply.attachments[0].content)["user"]["id"] == ed


async def _thread_rows(user_id: str) -> int:
    path = get_settings().checkpoint_path
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM checkpoints WHERE thread_id LIKE ?",
                                (f"{user_id}:%",)).fetchone()[0])


def _sqlite_mentions(user_id: str) -> list[str]:
    path: Path = get_settings().sqlite_path
    found = []
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for col in cols:
                n = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE CAST({col} AS TEXT) LIKE ?",
                                 (f"%{user_id}%",)).fetchone()[0]
                if n:
                    found.append(f"{table}.{col}")
    return found


async def test_memory_show_prints_markup_in_reflections_as_written() -> None:
    async with AgentService() as service:
        user = await new_user_says(service, "fe", [
            "this week i fixed the [/bold] tag bug in our shop's invoice template",
            "the totals printed bold everywhere and customers were confused",
            "I learned to check the [red]preview[/red] before sending"])
    assert get_records().list_reflections(user)
    out = CliRunner().invoke(build_app(), ["memory", "show", "--user", "fe"])
    assert out.exit_code == 0, out.output
    assert "[/bold] tag bug" in out.output


def test_operator_acts_on_an_api_users_deletion_request() -> None:
    """API users have no terminal name: the operator lists users and forgets one by id."""
    from channels.http_api import key_owner

    rec = get_records()
    api_user = rec.ensure_user("http", "api", "ops-request-9", "Noor")
    rec.create_api_key(api_user, "tp_key-noor-0123456789")
    rec.save_reflection(api_user, {"status": "saved", "text": "i closed the quarter's books"})
    runner = CliRunner()
    listed = runner.invoke(build_app(), ["memory", "users"], terminal_width=200)
    assert listed.exit_code == 0 and api_user in listed.output
    assert "http:ops-request-9" in listed.output
    shown = runner.invoke(build_app(), ["memory", "show", "--user", api_user])
    assert shown.exit_code == 0 and "quarter's books" in shown.output
    done = runner.invoke(build_app(), ["memory", "forget", "--user", api_user, "--yes"])
    assert done.exit_code == 0, done.output
    assert rec.get_user(api_user) is None
    assert key_owner("Bearer tp_key-noor-0123456789", None) is None
    assert runner.invoke(build_app(), ["memory", "show", "--user", api_user]).exit_code == 1


async def test_asking_how_to_delete_is_answered_and_deletes_nothing(
        service: AgentService) -> None:
    """"how do i delete my data?" got "I may have missed what you meant" (and, mid-reflection,
    no answer at all); "can you delete my data" got the same. The first is told how, the
    second starts the forget flow, which asks for the exact words first."""
    gu = await _seed(service, "gu")
    await service.handle(gu, "this week I rebuilt the rota spreadsheet for the whole store",
                         conversation="c5")
    how = await service.handle(gu, "how do i delete my data?", conversation="c5")
    assert "forget me" in how.text and "delete the last one" in how.text
    assert get_records().get_user(gu) is not None
    ask = await service.handle(gu, "can you delete my data", conversation="c5")
    assert "yes, forget everything" in ask.text
    assert get_records().get_user(gu) is not None and get_vectors().count(gu) > 0
