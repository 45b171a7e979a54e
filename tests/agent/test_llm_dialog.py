"""Dialog state with a real tool-calling LLM client: flows that wait for the user's answer.

The real ``ChatOpenAI`` client talks to the scripted OpenAI-compatible server on 127.0.0.1,
which sends back plain tool-calling messages only: nothing in them tells the graph what the
conversation waits for. The dialog state in the graph state (set from tool results) must.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from agent.service import AgentService
from evals.credential_signing import EdIssuer, ob3, png_with_itxt
from memory.records import get_records
from memory.vectors import get_vectors
from settings import get_settings
from tests.fakes.openai_server import FakeOpenAI, Step

FIRST = ("This week I led the night shift at the bakery, trained two new bakers on the "
         "ovens and planned the holiday rota in a spreadsheet")
SECOND = ("Sorted out our garage workshop: taught my nephew to weld, wrote the safety "
          "checklist and negotiated a better price for steel with the supplier")
PLAIN_KEYS = {"role", "content", "tool_calls", "tool_call_id", "name"}


def _llm(monkeypatch: pytest.MonkeyPatch, server: FakeOpenAI) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-real")
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("PASSPORT_MODEL", "fake-model")
    get_settings.cache_clear()


def _call(tool: str, args: dict[str, Any] | None = None, say: str = "Noted.") -> list[Step]:
    """One turn of a tool-calling model: call the tool, then answer in its own words."""
    return [Step(tool_calls=[(tool, args or {})]), Step(content=say)]


def _only_plain_messages(server: FakeOpenAI) -> None:
    """What the client sent holds the standard chat fields only (no private metadata)."""
    for body in server.requests:
        for message in body["messages"]:
            assert set(message) <= PLAIN_KEYS, message


async def test_forget_with_confirmation_completes(monkeypatch: pytest.MonkeyPatch) -> None:
    steps = [*_call("reflect"), *_call("reflect"),
             *_call("forget_memory", say="Sure? Type: yes, forget everything"),
             *_call("forget_memory", say="Everything is gone.")]
    with FakeOpenAI(steps) as server:
        _llm(monkeypatch, server)
        async with AgentService() as service:
            ana = service.user_for("telegram", "bot", "4711", "Ana")
            await service.handle(ana, FIRST, channel="telegram", conversation="c")
            saved = await service.handle(ana, "just save it", channel="telegram",
                                         conversation="c")
            assert "reflection_saved" in saved.data and get_vectors().count(ana) == 1
            ask = await service.handle(ana, "forget me", channel="telegram", conversation="c")
            assert ask.tools == ["forget_memory"] and "forget_confirm" in ask.data
            assert [b.data for b in ask.buttons] == ["yes, forget everything"]
            assert get_records().get_user(ana) is not None  # asking deletes nothing
            done = await service.handle(ana, "yes, forget everything", channel="telegram",
                                        conversation="c")
    assert done.tools == ["forget_memory"] and "forgotten" in done.data
    assert get_records().get_user(ana) is None
    assert get_vectors().count(ana) == 0
    assert not server.steps
    _only_plain_messages(server)


async def test_forget_phrase_without_asking_first_deletes_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The confirmation only counts as the answer to the question the coach asked.
    with FakeOpenAI(_call("forget_memory")) as server:
        _llm(monkeypatch, server)
        async with AgentService() as service:
            bo = service.user_for("cli", "local", "bo")
            reply = await service.handle(bo, "yes, forget everything")
    assert "forget_confirm" in reply.data and get_records().get_user(bo) is not None


@pytest.mark.usefixtures("tagger")
async def test_credential_import_with_confirmation(monkeypatch: pytest.MonkeyPatch,
                                                  issuer: EdIssuer) -> None:
    signed = json.dumps(issuer.sign(ob3(issuer.did))).encode()
    badge = png_with_itxt("openbadgecredential", signed)
    # The model passes no upload id on "yes": the pending upload comes from the dialog state.
    steps = [*_call("inspect_credential", say="It is genuine. Shall I add it?"),
             *_call("import_credential", say="Added to your passport.")]
    with FakeOpenAI(steps) as server:
        _llm(monkeypatch, server)
        async with AgentService() as service:
            cy = service.user_for("cli", "local", "cy")
            first = await service.handle(cy, "", file=(badge, "badge.png"), conversation="c")
            assert "credential_inspected" in first.data
            assert get_records().list_credentials(cy) == []
            second = await service.handle(cy, "yes", conversation="c")
    assert second.tools == ["import_credential"]
    assert second.data["credential_imported"]["added"] == ["Team Leadership"]
    stored = get_records().list_credentials(cy)
    assert len(stored) == 1 and stored[0]["verdict"] == "valid"
    _only_plain_messages(server)


def _labels(reply: Any) -> list[str]:
    return [s["label"] for s in reply.data["reflection_saved"]["skills"]]


@pytest.mark.usefixtures("tagger")
async def test_reject_numbers_refer_to_the_list_last_shown(
        monkeypatch: pytest.MonkeyPatch) -> None:
    steps = [*_call("reflect"), *_call("reflect"), *_call("reflect"), *_call("reflect"),
             *_call("reject_skill", {"which": "1"}), *_call("reject_skill", {"which": "2"})]
    with FakeOpenAI(steps) as server:
        _llm(monkeypatch, server)
        async with AgentService() as service:
            di = service.user_for("slack", "T1", "U9")
            await service.handle(di, FIRST, conversation="c")
            old = await service.handle(di, "that's all", conversation="c")
            await service.handle(di, SECOND, conversation="c")
            new = await service.handle(di, "that's all", conversation="c")
            shown = _labels(new)
            assert len(shown) >= 3 and shown != _labels(old)
            first = await service.handle(di, "reject 1", conversation="c")
            second = await service.handle(di, "reject 2", conversation="c")
    # "reject 2" after "reject 1" is still the 2nd line of the list the user is looking at.
    assert first.data["skill_rejected"]["skill"]["label"] == shown[0]
    assert second.data["skill_rejected"]["skill"]["label"] == shown[1]
    rid = new.data["reflection_saved"]["reflection_id"]
    latest = next(r for r in get_records().list_reflections(di) if r["id"] == rid)
    kept = [s["label"] for s in latest["skills"] if s["polarity"] == "demonstrated"]
    assert shown[0] not in kept and shown[1] not in kept and shown[2] in kept
    rejected = get_records().rejected_skills(di)
    assert {(s["framework"], s["id"]) for s in new.data["reflection_saved"]["skills"][:2]
            } <= rejected
    _only_plain_messages(server)


async def test_offline_coach_reads_the_same_dialog_state() -> None:
    # The same confirmation through the offline coach: the state path is shared.
    async with AgentService() as service:
        eve = service.user_for("cli", "local", "eve")
        ask = await service.handle(eve, "please forget me", conversation="c")
        state = await service.graph.aget_state(
            {"configurable": {"thread_id": _thread(eve)}})
        assert state.values["dialog"]["awaiting"] == "forget_confirm"
        assert all(not m.additional_kwargs for m in state.values["messages"])
        done = await service.handle(eve, "yes, forget everything", conversation="c")
    assert ask.tools == done.tools == ["forget_memory"]
    assert get_records().get_user(eve) is None


def _thread(user_id: str) -> str:
    from agent.checkpoints import thread_id

    return thread_id(user_id, "cli", "c")


@pytest.mark.usefixtures("tagger")
async def test_offline_coach_rejects_from_the_list_last_shown(service: AgentService) -> None:
    fe = service.user_for("telegram", "bot", "5150")
    await service.handle(fe, FIRST, conversation="c")
    await service.handle(fe, "that's all", conversation="c")
    await service.handle(fe, SECOND, conversation="c")
    new = await service.handle(fe, "that's all", conversation="c")
    shown = _labels(new)
    assert len(shown) >= 2
    assert [b.data for b in new.buttons][:2] == ["reject 1", "reject 2"]
    first = await service.handle(fe, "reject 1", conversation="c")
    second = await service.handle(fe, "reject 2", conversation="c")
    assert first.tools == second.tools == ["reject_skill"]
    assert [first.data["skill_rejected"]["skill"]["label"],
            second.data["skill_rejected"]["skill"]["label"]] == shown[:2]
