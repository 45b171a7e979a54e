"""Replies a person would write, through the real service: whole-phrase mirrors, an easier
question after a one-word answer, and never the same question twice in a conversation."""

from __future__ import annotations

import pytest

from agent.service import AgentService
from evals.mirrors import mirror_problems
from memory.records import get_records
from settings import get_settings
from tests.agent.helpers import converse, questions
from tests.fakes.openai_server import FakeOpenAI, Step


async def test_one_word_answers_never_get_the_same_question_twice() -> None:
    async with AgentService() as service:
        vi = service.user_for("cli", "local", "vi")
        replies = await converse(service, vi, ["hey", "ok", "nothing", "idk", "meh", "k",
                                               "no", "hmm"])
    asked = [q for r in replies for q in questions(r)]
    assert len(asked) == len(set(asked)), asked
    texts = [r.text.split("\n\n")[0] for r in replies]
    assert len(texts) == len(set(texts)), texts  # no reply said twice
    assert get_records().list_reflections(vi) == []


async def test_a_terse_reflection_is_mirrored_whole_and_ok_gets_an_easier_question() -> None:
    async with AgentService() as service:
        wu = service.user_for("cli", "local", "wu")
        first, second, third = await converse(service, wu, [
            "replaced the clutch on the transit van, customer picked it up same day",
            "ok", "fine"])
    assert first.tools == ["reflect"]
    question = first.data["reflection_question"]["question"]
    assert question.split(" ", 2)[2].startswith("you replaced the clutch on the transit van")
    assert first.data["reflection_question"]["slot"] != "action"  # already told
    assert mirror_problems(question, ["replaced the clutch on the transit van, customer "
                                      "picked it up same day"]) == []
    easy = second.data["reflection_question"]
    assert "You said" not in easy["question"] and easy["slot"] != first.data[
        "reflection_question"]["slot"]
    assert set(questions(first)).isdisjoint(questions(second))
    assert "reflection_saved" in third.data
    saved = get_records().list_reflections(wu)
    assert [r["text"] for r in saved] == [
        "replaced the clutch on the transit van, customer picked it up same day"]
    assert [f.get("answer") for f in saved[0]["followups"]] == ["ok", "fine"]


async def test_the_offline_notice_comes_back_once_when_the_mode_changed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    async with AgentService() as offline:
        xu = offline.user_for("cli", "local", "xu")
        first, second = await converse(offline, xu, ["hello", "thanks"])
    assert "offline mode" in first.text and "offline mode" not in second.text
    with FakeOpenAI([Step(content="Good to see you. What happened this week?")]) as server:
        monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-real")
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("PASSPORT_MODEL", "fake-model")
        get_settings.cache_clear()
        async with AgentService() as llm:
            assert llm.llm
            written = (await converse(llm, xu, ["hello again"]))[0]
    assert "offline mode" not in written.text
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "PASSPORT_MODEL"):
        monkeypatch.delenv(var)
    get_settings.cache_clear()
    async with AgentService() as back:
        assert not back.llm
        again, after = await converse(back, xu, ["hi", "thanks"])
    assert "offline mode" in again.text  # the mode changed: said once more
    assert "offline mode" not in after.text


RICH = ("I led the night shift at the bakery. I trained two new bakers on the ovens. I "
        "planned the holiday rota in a spreadsheet. I negotiated a better flour price with the "
        "supplier. I wrote the food safety checklist. I coached a colleague on handling "
        "customer complaints. I gave a short talk to the whole team about hygiene.")


@pytest.mark.usefixtures("tagger")
async def test_reject_5_after_reject_4_hits_the_line_the_user_saw(service: AgentService) -> None:
    gu = service.user_for("cli", "local", "gu")
    saved = (await converse(service, gu, [RICH, "just save it"]))[-1]
    shown = [s["label"] for s in saved.data["reflection_saved"]["skills"]]
    assert len(shown) >= 5, shown
    fourth, fifth = await converse(service, gu, ["reject 4", "reject 5"])
    assert fourth.data["skill_rejected"]["skill"]["label"] == shown[3]
    assert fifth.data["skill_rejected"]["skill"]["label"] == shown[4]
    left = [s["label"] for s in get_records().list_reflections(gu)[0]["skills"]
            if s["polarity"] == "demonstrated"]
    assert left == [label for i, label in enumerate(shown) if i not in (3, 4)]


async def test_cancel_drops_the_open_draft_and_stores_nothing() -> None:
    async with AgentService() as service:
        jo = service.user_for("cli", "local", "jo")
        nothing = (await converse(service, jo, ["cancel"]))[0]
        asked, cancelled, after = await converse(service, jo, [
            "replaced the brake pads on a customer's van, took me forty minutes", "cancel",
            "show my memory"])
    assert nothing.tools == ["cancel_reflection"] and "nothing open" in nothing.text
    assert asked.tools == ["reflect"] and cancelled.tools == ["cancel_reflection"]
    assert "dropped that draft" in cancelled.text
    assert get_records().list_reflections(jo) == []
    assert get_records().draft_reflection(jo) is None
    assert "0 reflections" in after.text
