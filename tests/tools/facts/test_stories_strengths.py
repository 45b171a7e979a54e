"""STAR stories and strengths from the user's own words, cited, never invented."""

from __future__ import annotations

from datetime import date

from agent.capabilities.answers import save_story, story_for, story_turn, strengths_for
from memory.records import get_records
from tests.tools.facts.seed import seed
from tools import stories
from tools.facts import facts_for
from tools.strengths import strengths


def test_story_about_the_migration_cites_the_users_own_sentences() -> None:
    uid = seed()
    out = story_for(uid, stories.topic("write a story about the migration"))
    story = out["story"]
    assert story["about"] == "the migration"
    assert story["sections"]["action"]
    assert "migra" in " ".join(li["text"] for lines in story["sections"].values()
                               for li in lines)
    own = {f.id: f.text for f in facts_for(uid)}
    for lines in story["sections"].values():
        for line in lines:
            assert own[line["fact_id"]] == line["text"]  # verbatim, cited
    assert out["faithfulness"] == {"mode": "offline", "ok": True, "violations": []}
    assert "[1]" in out["reply"] and "Sources:" in out["reply"]


def test_missing_sections_are_questions_not_inventions() -> None:
    uid = seed()
    out = story_for(uid, "the slow report")
    missing = set(out["story"]["missing"])
    assert "situation" in missing or "task" in missing
    assert "not stated yet" in out["text"]
    for name in missing:
        assert f"**{name.capitalize()}:** not stated yet" in out["text"]


def test_an_unrelated_topic_gives_no_story() -> None:
    uid = seed()
    out = story_for(uid, "my time as a deep sea diver")
    assert out["story"]["item_ids"] == [] and "could not find" in out["reply"]


def test_edited_and_saved_story_becomes_evidence() -> None:
    uid = seed()
    story_turn(uid, "write a story about the migration")
    edited = story_turn(uid, "/story result: We finished two days early.")
    assert edited["kind"] == "story_edited"
    saved = story_turn(uid, "/story save")
    assert saved["kind"] == "story_saved"
    row = get_records().list_stories(uid)[-1]
    assert row["status"] == "saved" and row["sections"]["result"] == "We finished two days early."
    assert any(f.kind == "story" and f.text == "We finished two days early."
               for f in facts_for(uid))
    assert save_story(seed("ben"))["kind"] == "story_missing"


def test_strengths_are_cited_weighted_and_growth_is_apart() -> None:
    uid = seed()
    result = strengths(facts_for(uid), today=date(2026, 11, 20))
    assert 3 <= len(result.strengths) <= 7 and result.enough
    labels = [s.label for s in result.strengths]
    assert labels[0] in ("database migration", "lead a team")  # verified / repeated first
    assert "public speaking" not in labels
    assert [g.label for g in result.growth] == ["public speaking"]
    for s in result.strengths:
        assert 1 <= len(s.evidence) <= 3
    migration = next(s for s in result.strengths if s.label == "database migration")
    assert migration.evidence[0].verified  # the verified credential leads its evidence


def test_recency_weighs_newer_evidence_more() -> None:
    uid = seed()
    facts = facts_for(uid)
    soon = {s.label: s.weight for s in strengths(facts, today=date(2026, 11, 3)).strengths}
    late = {s.label: s.weight for s in strengths(facts, today=date(2027, 6, 1)).strengths}
    assert late["database migration"] < soon["database migration"]


def test_strengths_reply_marks_verified_and_has_no_violations() -> None:
    uid = seed()
    out = strengths_for(uid)
    assert out["faithfulness"]["ok"] and "verified credential" in out["reply"]
    assert "Growth areas" in out["reply"] and len(out["reply"]) < 3500
    nobody = strengths_for(get_records().ensure_user("cli", "local", "nobody"))
    assert nobody["strengths"] == [] and "cannot name strengths yet" in nobody["reply"]
