"""The evidence model: atomic facts with ids, dates, verbatim text and tags; citations open."""

from __future__ import annotations

from memory.records import get_records
from tests.tools.facts.seed import seed
from tools.facts import facts_for, open_citation


def test_reflections_split_into_verbatim_sentence_facts_with_their_tags() -> None:
    uid = seed()
    facts = facts_for(uid)
    first = [f for f in facts if f.kind == "reflection"][:3]
    assert [f.id.split("#")[1] for f in first] == ["1", "2", "3"]
    assert first[0].date == "2026-10-12"
    assert first[1].text == ("I wrote Python scripts to check every table and I led the "
                             "cutover on Sunday.")
    assert {t["label"] for t in first[1].skills} == {"use scripting programming", "lead a team"}
    assert first[2].skills == []
    row = get_records().list_reflections(uid)[0]
    for f in first:  # every fact is a verbatim slice of the saved reflection
        assert f.text in row["text"] and f.item_id == row["id"]


def test_only_valid_credentials_are_verified() -> None:
    uid = seed()
    heads = {f.text: f for f in facts_for(uid) if f.kind == "credential" and f.id.endswith("#1")}
    assert heads["PostgreSQL Administration Fundamentals, issued by Open Data Academy"].verified
    assert not heads["Team Leadership Workshop, issued by Open Data Academy"].verified


def test_forged_credentials_and_draft_stories_are_not_evidence() -> None:
    uid = seed()
    rec = get_records()
    rec.add_credential(uid, fmt="x", filename=None, raw=b"{}", verdict="invalid-signature",
                       reasons=[], verdicts={}, skills=[],
                       achievement={"name": "Forged PhD", "source_format": "x"})
    rec.save_story(uid, {"title": "t", "sections": {"action": "I did a draft thing."},
                         "status": "draft"})
    texts = " ".join(f.text for f in facts_for(uid))
    assert "Forged PhD" not in texts and "draft thing" not in texts
    rec.save_story(uid, {"title": "t", "sections": {"action": "I did a saved thing."},
                         "status": "saved"})
    story = [f for f in facts_for(uid) if f.kind == "story"]
    assert [(f.text, f.slot) for f in story] == [("I did a saved thing.", "action")]


def test_a_citation_opens_for_its_owner_only() -> None:
    ana, ben = seed("ana"), seed("ben")
    fact = facts_for(ana)[1]
    opened = open_citation(ana, fact.id)
    assert opened and opened["fact"]["text"] == fact.text and fact.text in opened["item_text"]
    assert open_citation(ben, fact.id) is None
    assert open_citation(ana, fact.id.split("#")[0] + "#99") is None
    assert open_citation(ana, "nonsense") is None
