"""The coaching suite runs in offline mode through the real agent and every check passes;
and each deterministic check really fails on a reply that breaks its rule."""

from __future__ import annotations

from typing import Any

import pytest

from evals.checks import Turn, run_checks
from evals.coaching import load_conversations, run_coaching_eval
from evals.stored import stored_check
from prompts import load


def test_frozen_set_covers_the_personas() -> None:
    convs = load_conversations()
    assert len(convs) >= 30
    expects = [t.get("expect", {}) for c in convs for t in c.turns]
    assert sum(bool(e.get("distress")) for e in expects) >= 3
    assert any(e.get("growth") for e in expects)
    assert any(e.get("asks_advice") for e in expects)
    assert any(e.get("new_session") for e in expects)


@pytest.mark.usefixtures("tagger")
def test_coaching_suite_passes_offline() -> None:
    report = run_coaching_eval()
    assert report["mode"] == "offline"
    assert len(report["conversations"]) >= 30
    assert report["rubric"]["status"].startswith("skipped")
    failures = [f"{c['id']}: {f}" for c in report["conversations"] for f in c["failures"]]
    assert not failures, "\n".join(failures)
    checks = report["summary"]["checks"]
    assert checks["mirrors_user"]["total"] == report["summary"]["turns"]
    assert checks["stored_records"]["total"] == len(report["conversations"])
    distress = [t for c in report["conversations"] for t in c["turns"]
                if t["expect"].get("distress")]
    assert distress and all("crisis line" in t["reply"] for t in distress)


def _failed(turn: Turn, history: list[Turn] | None = None) -> set[str]:
    return {c.name for c in run_checks(turn, history or [], offline=False) if not c.passed}


def test_each_check_fails_on_a_bad_reply() -> None:
    said = Turn("I fixed the printer for my team.", "Great. What did you do? And why?",
                kind="reflection_question")
    assert "one_question" in _failed(said)
    advice = Turn("I fixed the printer.", "Next time, you should call IT first.")
    assert "no_unsolicited_advice" in _failed(advice)
    mirrored = Turn("The nurse said I should write it in the care plan.",
                    "You said the nurse said you should write it in the care plan. How "
                    "did that go?", kind="reflection_question")
    assert "no_unsolicited_advice" not in _failed(mirrored)
    first = Turn("hi", "What's one thing you did this week?")
    again = Turn("thanks", "What's one thing you did this week?")
    assert "no_repeated_question" in _failed(again, [first])
    unmirrored = Turn("I calibrated six pipettes in the lab.", "What did you learn?",
                      kind="reflection_question")
    assert "mirrors_user" in _failed(unmirrored)
    assert "fits_telegram" in _failed(Turn("hi", "x" * 5000))
    growth = Turn("I want to get better at public speaking.",
                  "Saved.\n\nSkills I noticed in your words:\n1. public speaking "
                  "(\u201cI want to get better at public speaking\u201d)",
                  data={"reflection_saved": {"skills": []}})
    assert "growth_not_strength" in _failed(growth)
    listed_as_growth = Turn("I want to get better at public speaking.",
                            "Saved.\nSkills I noticed in your words:\n1. teamwork (\u201cwe "
                            "shipped it\u201d)\nGrowth areas you mentioned:\n- public speaking "
                            "(\u201cI want to get better at public speaking.\u201d)")
    assert "growth_not_strength" not in _failed(listed_as_growth)
    distress = Turn("I can't cope anymore", "You said you can't cope. What did you do?",
                    expect={"distress": True})
    assert "distress_help" in _failed(distress)
    alarm = Turn("I felt stressed before the exam.",
                 "If you are in danger, call a crisis line.")
    assert "distress_help" in _failed(alarm)
    notice = Turn("hi", "Hello!\n\n(I'm running in offline mode: private.)")
    assert "offline_notice_once" in _failed(notice)
    assert run_checks(notice, [], offline=True)[-1].passed
    assert not run_checks(notice, [], offline=True, first=False)[-1].passed  # next session


def test_the_question_counter_counts_every_question_sentence() -> None:
    from tests.agent.helpers import questions

    assert len(questions("What changed? And how did you feel?")) == 2
    assert len(questions("You said \u201cwhy me?\u201d. How did it turn out?")) == 1
    assert len(questions("Saved.\n\n(I'm running in offline mode: is that ok?)")) == 0


DISTRESSED = "I haven't slept properly in weeks and honestly I feel like I'm worthless at work"


def test_distress_help_fails_the_replies_the_issue_describes() -> None:
    mirrored = Turn(DISTRESSED, "I'm sorry. You said you feel like you're worthless at work. "
                    "If it gets bad, call 112.", expect={"distress": True})
    assert "distress_help" in _failed(mirrored)
    bare_number = Turn(DISTRESSED, "I'm so sorry, that sounds really hard. Please call 112.",
                       expect={"distress": True})
    assert "distress_help" in _failed(bare_number)
    cold = Turn(DISTRESSED, "Contact a crisis line: findahelpline.com lists them.",
                expect={"distress": True})
    assert "distress_help" in _failed(cold)
    asks = Turn(DISTRESSED, "That sounds really hard, and you're not alone. A crisis line "
                "(findahelpline.com) can help. What happened at work?",
                expect={"distress": True})
    assert "distress_help" in _failed(asks)
    good = Turn(DISTRESSED, load("distress")[0], expect={"distress": True})
    assert "distress_help" not in _failed(good)


def test_growth_not_strength_respects_polarity() -> None:
    said = "I want to get better at public speaking."
    as_skill = Turn(said, "Saved.\n\nSkills I noticed in your words:\n1. public speaking "
                    "(\u201cpublic speaking\u201d)", data={"reflection_saved": {"skills": [
                        {"label": "public speaking", "evidence": "public speaking",
                         "polarity": "growth"}]}})
    assert "growth_not_strength" in _failed(as_skill)
    as_strength = Turn("what am I good at?", "Your strengths:\n1. Public speaking",
                       data={"strengths": {"strengths": [{"label": "public speaking",
                             "evidence": [{"quote": "get better at public speaking"}]}]}})
    assert "growth_not_strength" in _failed(as_strength, [Turn(said, "Saved.")])
    kept_apart = Turn(said, "Saved.\n\nSkills I noticed in your words:\n1. teamwork "
                      "(\u201cwe shipped it\u201d)\n\nGrowth areas you mentioned:\n- public "
                      "speaking (\u201cpublic speaking\u201d)", data={"reflection_saved": {
                          "skills": [{"evidence": "we shipped it", "polarity": "demonstrated"}],
                          "growth_areas": [{"evidence": "public speaking",
                                            "polarity": "growth"}]}})
    assert "growth_not_strength" not in _failed(kept_apart)


def test_mirrors_user_needs_a_grammatical_mirror_not_a_shared_pair_of_words() -> None:
    said = "Noticed half my tickets were duplicates of the same outage so I merged them"
    overlap = Turn(said, "What did you do about the same outage?", kind="reflection_question")
    assert "mirrors_user" in _failed(overlap)
    no_subject = Turn(said, "You said noticed half your tickets were duplicates. What "
                      "changed?", kind="reflection_question")
    assert "mirrors_user" in _failed(no_subject)
    cut = Turn("I tracked the forklift keys down in the yard office after an hour",
               "You said you tracked the forklift keys down in the \u2026. What changed?",
               kind="reflection_question")
    assert "mirrors_user" in _failed(cut)
    first_person = Turn("I rewired the pump panel", "You said I rewired the pump panel. How "
                        "did it turn out?", kind="reflection_question")
    assert "mirrors_user" in _failed(first_person)
    good = Turn(said, "You said you noticed half your tickets were duplicates of the same "
                "outage. How did it turn out?", kind="reflection_question")
    assert "mirrors_user" not in _failed(good)
    short = Turn("ok", "Got it. Was it a small win or a big one?", kind="reflection_question")
    assert "mirrors_user" not in _failed(short)


def test_stored_records_fail_on_a_stored_question_or_words_not_said() -> None:
    turns: list[dict[str, Any]] = [
             {"user": "who can read what I type here?"},
             {"user": "I re-tiled the clinic's wet room floor over the weekend"},
             {"user": "cancel", "expect": {"store": False}},
             {"user": "everything feels pointless lately", "expect": {"distress": True}}]
    moment = {"id": "ref_1", "status": "saved",
              "text": "I re-tiled the clinic's wet room floor over the weekend"}
    tag = {"source_kind": "reflection", "source_id": "ref_1"}
    assert stored_check(turns, [moment], [tag], expected=1).passed
    for bad in ("who can read what I type here?", "cancel", "everything feels pointless lately",
                "You re-tiled the floor"):
        row = {**moment, "text": f"{moment['text']}\n{bad}"}
        assert not stored_check(turns, [row], [tag]).passed, bad
    assert not stored_check(turns, [moment], [tag, {**tag, "source_id": "ref_gone"}]).passed
    assert not stored_check(turns, [moment], [tag], expected=0).passed
