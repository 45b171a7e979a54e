"""Replies a person would write, through the real service: whole-phrase mirrors, an easier
question after a one-word answer, and never the same question twice in a conversation."""

from __future__ import annotations

from agent.service import AgentService
from evals.mirrors import mirror_problems
from memory.records import get_records
from tests.agent.helpers import converse, questions


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
