"""What one turn costs the stores and the threads (the load profile's biggest parts):
one checkpoint write per turn, no store lease on the embedded default, and no thread hops for
LangSmith spans while tracing is off. The conversation itself stays the same."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from agent import checkpoints
from agent.graph import _inline_unless_tracing
from agent.service import AgentService
from memory.coordination import Coordination
from tests.agent.helpers import converse


def _checkpoints(home: Path, thread: str) -> int:
    with sqlite3.connect(home / "checkpoints.sqlite3") as conn:
        row = conn.execute("SELECT COUNT(*) FROM checkpoints WHERE thread_id=?",
                           (thread,)).fetchone()
    return int(row[0])


async def test_a_turn_writes_one_checkpoint_and_keeps_its_replies(
        service: AgentService, passport_home: Path) -> None:
    uid = service.user_for("cli", "local", "kemal", "Kemal")
    thread = checkpoints.thread_id(uid, "cli", "t1")
    first = await converse(service, uid, ["hi"])
    after_one = _checkpoints(passport_home, thread)
    replies = await converse(service, uid, [
        "this week i rewired the alarm panel at the depot with my foreman",
        "it passed the inspection first time",
        "i learned to label every cable before i cut anything"])
    assert after_one == 1
    assert _checkpoints(passport_home, thread) == 4  # one per turn, not one per step
    assert first[0].text and "reflection_question" in replies[0].data
    assert "reflection_saved" in replies[-1].data and replies[-1].tools == ["reflect"]


async def test_embedded_turns_take_no_store_lease(
        service: AgentService, monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[str] = []
    original = Coordination.try_lock

    def spy(self: Coordination, user_id: str) -> bool:
        taken.append(user_id)
        return original(self, user_id)

    monkeypatch.setattr(Coordination, "try_lock", spy)
    uid = service.user_for("cli", "local", "ines", "Ines")
    await converse(service, uid, ["hello", "what can you do?"])
    assert taken == []  # one process owns the embedded store (writer.lock)


def test_service_takes_the_store_lease_with_a_chroma_server(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASSPORT_CHROMA_URL", "http://127.0.0.1:9")
    from settings import get_settings

    get_settings.cache_clear()
    held = AgentService()._across_workers("usr_x")
    assert type(held).__name__ == "_AsyncGeneratorContextManager"


async def test_langsmith_span_set_up_runs_inline_unless_tracing() -> None:
    import contextvars

    import langsmith

    calls: list[str] = []

    async def default(ctx: contextvars.Context, func: Any, *args: Any) -> Any:
        calls.append("thread")
        return func(*args)

    here = threading.get_ident()
    ran_in = await _inline_unless_tracing(default, contextvars.copy_context(),
                                          threading.get_ident)
    assert ran_in == here and calls == []
    with langsmith.tracing_context(enabled=True):
        await _inline_unless_tracing(default, contextvars.copy_context(), threading.get_ident)
    assert calls == ["thread"]
