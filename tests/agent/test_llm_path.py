"""The LLM path: a scripted model drives the same graph and tools; vendor failures fall back.

The real ``ChatOpenAI`` client talks to a fake OpenAI-compatible server on 127.0.0.1, so the
request, the tool-call parsing and the error handling are the real ones.
"""

from __future__ import annotations

import json
import logging

import pytest
from langchain_core.messages import AIMessage

from agent.service import AgentService
from memory.records import get_records
from settings import get_settings
from tests.fakes.chat_model import ScriptedChatModel, tool_call
from tests.fakes.openai_server import FakeOpenAI, Step

STORY = "This week I mentored a junior developer through her first code review"


def _llm_env(monkeypatch: pytest.MonkeyPatch, url: str, timeout: float = 5.0) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-real")
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("PASSPORT_MODEL", "fake-model")
    monkeypatch.setenv("PASSPORT_LLM_TIMEOUT", str(timeout))
    get_settings.cache_clear()


async def test_scripted_model_drives_tool_calls_over_http(
        monkeypatch: pytest.MonkeyPatch) -> None:
    steps = [Step(tool_calls=[("reflect", {})]),
             Step(content="Thanks for sharing! How did the review turn out for her?")]
    with FakeOpenAI(steps) as server:
        _llm_env(monkeypatch, server.base_url)
        async with AgentService() as service:
            assert service.llm
            ana = service.user_for("cli", "local", "ana")
            reply = await service.handle(ana, STORY)
    assert reply.tools == ["reflect"] and not reply.fallback
    assert reply.text == "Thanks for sharing! How did the review turn out for her?"
    assert "offline mode" not in reply.text
    # The tool read the user's words verbatim, not a model paraphrase.
    draft = get_records().draft_reflection(ana)
    assert draft and draft["text"] == STORY
    # The model saw the tools, the state, and the tool's result.
    first, second = server.requests
    names = {t["function"]["name"] for t in first["tools"]}
    assert {"reflect", "recall", "forget_memory", "set_reminder"} <= names
    assert "<state>" in first["messages"][0]["content"]
    tool_msg = next(m for m in second["messages"] if m["role"] == "tool")
    assert json.loads(tool_msg["content"])["kind"] == "reflection_question"
    # No tool exposes a user id: identity never passes through the model.
    for t in first["tools"]:
        assert "user" not in json.dumps(t["function"]["parameters"]).lower()


async def test_vendor_error_falls_back_to_offline_coach(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    with FakeOpenAI([Step(status=500), Step(status=500), Step(status=500)]) as server:
        _llm_env(monkeypatch, server.base_url)
        async with AgentService() as service:
            bo = service.user_for("cli", "local", "bo")
            with caplog.at_level(logging.WARNING, logger="agent.middleware"):
                reply = await service.handle(bo, STORY)
    assert reply.fallback and reply.tools == ["reflect"]
    assert "mentored a junior developer" in reply.text  # the offline coach mirrors the user
    assert any("offline coach answers this turn" in r.message for r in caplog.records)
    assert get_records().draft_reflection(bo)


async def test_vendor_timeout_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeOpenAI([Step(delay_s=3, content="late"), Step(delay_s=3, content="late")]) as server:
        _llm_env(monkeypatch, server.base_url, timeout=0.5)
        async with AgentService() as service:
            cy = service.user_for("cli", "local", "cy")
            reply = await service.handle(cy, "help")
    assert reply.fallback and "what I can do" in reply.text


async def test_in_process_scripted_model_and_hostile_tool_arguments() -> None:
    # A model that tries to reject a skill for another user gets no such argument to fill.
    script = [tool_call("show_memory"), AIMessage(content="You have nothing saved yet.")]
    model = ScriptedChatModel(script=script)
    async with AgentService(model=model) as service:
        di = service.user_for("cli", "local", "di")
        reply = await service.handle(di, "what do you keep about me?")
    assert reply.tools == ["show_memory"]
    assert reply.data["memory_show"]["reflections"] == 0
    assert reply.text == "You have nothing saved yet."


async def test_distress_never_reaches_the_llm_and_gets_the_care_reply(
        monkeypatch: pytest.MonkeyPatch) -> None:
    steps = [Step(content="What did you learn from feeling that way?")] * 3
    with FakeOpenAI(steps) as server:
        _llm_env(monkeypatch, server.base_url)
        async with AgentService() as service:
            bo = service.user_for("cli", "local", "bo")
            first = await service.handle(bo, "Finished the shift. I just feel empty and "
                                             "pointless, like nobody would miss me")
            after = await service.handle(bo, "mm")
    assert server.requests == []
    for reply in (first, after):
        assert reply.tools == [] and "?" not in reply.text.split("\n\n")[0]
    assert "findahelpline.com" in first.text
    assert get_records().list_reflections(bo) == [] and get_records().draft_reflection(bo) is None


async def test_keeping_a_moment_told_after_care_never_reaches_the_llm(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The offer to keep a calm deed told after care, and its "yes", are the offline coach's:
    a model would coach ("What did you learn from that?")."""
    steps = [Step(content="What did you learn from feeling that way?")] * 4
    with FakeOpenAI(steps) as server:
        _llm_env(monkeypatch, server.base_url)
        async with AgentService() as service:
            bo = service.user_for("cli", "local", "bo")
            await service.handle(bo, "Finished the shift. I just feel empty and pointless, "
                                     "like nobody would miss me")
            offer = await service.handle(bo, "anyway i fitted two new fire doors at the "
                                             "school on friday")
            kept = await service.handle(bo, "yes")
    assert server.requests == []
    assert "keep it as a moment" in offer.text and kept.tools == ["keep_moment"]
    assert [r["text"] for r in get_records().list_reflections(bo)] == [
        "anyway i fitted two new fire doors at the school on friday"]
