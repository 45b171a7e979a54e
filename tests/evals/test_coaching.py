"""The coaching suite runs in offline mode through the real agent and every check passes;
and each deterministic check really fails on a reply that breaks its rule."""

from __future__ import annotations

import pytest

from evals.checks import Turn, run_checks
from evals.coaching import load_conversations, run_coaching_eval


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
