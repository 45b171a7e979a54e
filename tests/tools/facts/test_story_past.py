"""A story drafted from a week told in the present reads in the past tense in every output
(chat text, JSON, the stored draft, the saved story), while its citations quote the user's
own words verbatim (real records, facts, encoder and faithfulness check)."""

from __future__ import annotations

from typing import Any

from agent.capabilities.answers import story_for, story_turn
from memory.records import get_records
from tests.tools.facts.seed import save_weeks

WEEK = ("ugh the printer is broken again and nobody fixes it.\n"
        "so i call the supplier and sort a loan one lol.\n"
        "Had to redo the rota for 14 people because Dave is off sick.\n"
        "Next time I will ask for the loan printer on day one.")


def _no_tags(text: str, *tag: str) -> dict[str, Any]:
    raise AssertionError("no tags in this week")


def _user() -> str:
    uid = get_records().ensure_user("cli", "local", "zofia", "Zofia")
    save_weeks(uid, [("2026-11-16", WEEK, [])], _no_tags)
    return uid


def test_a_present_tense_week_becomes_a_past_tense_story_with_verbatim_citations() -> None:
    uid = _user()
    out = story_for(uid, "the broken printer")
    lines = {name: [li["text"] for li in got]
             for name, got in out.facts["story"]["sections"].items()}
    told = [t for got in lines.values() for t in got]
    assert "The printer was broken again and nobody fixed it." in told
    assert "I called the supplier and sorted a loan one." in told
    assert "I had to redo the rota for 14 people because Dave was off sick." in told
    assert lines["learning"] == [
        "Next time I will ask for the loan printer on day one."]  # a plan stays a plan
    for sentence in told:
        assert sentence in out.facts["text"] and sentence in out.reply  # chat and Markdown
    quoted = {c["text"] for c in out.facts["citations"]}
    assert "so i call the supplier and sort a loan one lol." in quoted  # the user's words
    assert not any("called the supplier" in q for q in quoted)
    assert out.facts["faithfulness"]["ok"] and not out.facts["faithfulness"]["violations"]
    stored = get_records().list_stories(uid)[-1]
    assert stored["status"] == "draft"
    assert "I called the supplier and sorted a loan one." in " ".join(stored["sections"].values())


def test_the_saved_story_keeps_the_past_tense_sentences() -> None:
    uid = _user()
    story_turn(uid, "write a story about the broken printer")
    assert story_turn(uid, "/story save").kind == "story_saved"
    row = get_records().list_stories(uid)[-1]
    assert row["status"] == "saved"
    assert "I called the supplier and sorted a loan one." in " ".join(row["sections"].values())
