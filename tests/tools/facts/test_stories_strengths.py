"""STAR stories and strengths from the user's own words, cited, never invented."""

from __future__ import annotations

from datetime import date

from agent.capabilities.answers import save_story, story_for, story_turn, strengths_for
from memory.records import get_records
from tests.tools.facts.seed import seed
from tools import stories
from tools.facts import facts_for
from tools.strengths import blocks, strengths


def test_story_about_the_migration_cites_the_users_own_sentences() -> None:
    uid = seed()
    out = story_for(uid, stories.topic("write a story about the migration"))
    story = out.facts["story"]
    assert story["about"] == "the migration"
    assert story["sections"]["action"]
    assert "migra" in " ".join(li["text"] for lines in story["sections"].values()
                               for li in lines)
    own = {f.id: f.text for f in facts_for(uid)}
    for lines in story["sections"].values():
        for line in lines:
            assert own[line["fact_id"]] == line["text"]  # verbatim, cited
    assert out.facts["faithfulness"] == {"mode": "offline", "ok": True, "violations": []}
    assert "[1]" in out.reply and "Sources:" in out.reply


def test_missing_sections_are_questions_not_inventions() -> None:
    uid = seed()
    out = story_for(uid, "the slow report")
    missing = set(out.facts["story"]["missing"])
    assert "situation" in missing or "task" in missing
    assert "not stated yet" in out.facts["text"]
    for name in missing:
        assert f"**{name.capitalize()}:** not stated yet" in out.facts["text"]


def test_an_unrelated_topic_gives_no_story() -> None:
    uid = seed()
    out = story_for(uid, "my time as a deep sea diver")
    assert out.facts["story"]["item_ids"] == [] and "could not find" in out.reply


def test_edited_and_saved_story_becomes_evidence() -> None:
    uid = seed()
    story_turn(uid, "write a story about the migration")
    edited = story_turn(uid, "/story result: We finished two days early.")
    assert edited.kind == "story_edited"
    saved = story_turn(uid, "/story save")
    assert saved.kind == "story_saved"
    row = get_records().list_stories(uid)[-1]
    assert row["status"] == "saved" and row["sections"]["result"] == "We finished two days early."
    assert any(f.kind == "story" and f.text == "We finished two days early."
               for f in facts_for(uid))
    assert save_story(seed("ben")).kind == "story_missing"


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
    assert out.facts["faithfulness"]["ok"] and "verified credential" in out.reply
    assert "Growth areas" in out.reply and len(out.reply) < 3500
    nobody = strengths_for(get_records().ensure_user("cli", "local", "nobody"))
    assert nobody.facts["strengths"] == [] and "cannot name strengths yet" in nobody.reply


def test_strengths_never_rest_on_wishes_questions_or_other_peoples_actions() -> None:
    from tools.facts import Fact

    def fact(n: int, text: str, label: str, kind: str = "reflection",
             verified: bool = False) -> Fact:
        tag = {"framework": "esco", "id": f"skill/{label}", "label": label, "score": 0.8,
               "polarity": "demonstrated"}
        return Fact(id=f"ref_{n:04x}#1", item_id=f"ref_{n:04x}", kind=kind,  # type: ignore[arg-type]
                    date="2026-11-02", text=text, source="reflection", skills=[tag],
                    verified=verified)

    facts = [fact(1, "I don't think I delegate well.", "delegate activities"),
             fact(2, "How do I get better at budgeting?", "budgeting"),
             fact(3, "My supervisor ran the stock take with the new scanner.", "stock control"),
             fact(4, "I trained two new starters on the till this week.", "train employees"),
             fact(5, "Food Hygiene Level 2, issued by Kitchen Academy", "food safety",
                  kind="credential", verified=True)]
    result = strengths(facts, today=date(2026, 11, 10))
    labels = {s.label for s in result.strengths}
    assert labels == {"train employees", "food safety"}
    food = next(s for s in result.strengths if s.label == "food safety")
    assert food.evidence[0].verified is True


def test_story_lines_lose_chat_filler_but_keep_the_facts() -> None:
    from tools.facts import Fact

    text = ["ugh long week.", "honestly the fryer broke down at 6pm on Saturday lol",
            "I moved the chips to the oven and rang the engineer tho",
            "We served all 80 covers and nobody complained 😅"]
    facts = [Fact(id=f"ref_00ab#{n}", item_id="ref_00ab", kind="reflection",
                  date="2026-11-07", text=t, source="reflection") for n, t in
             enumerate(text, start=1)]
    story = stories.draft(facts, picked=["ref_00ab"])
    lines = {name: [li.text for li in got] for name, got in story.sections.items()}
    joined = " ".join(t for got in lines.values() for t in got)
    for filler in ("ugh", "lol", "tho", "honestly", "😅", "long week"):
        assert filler not in joined.lower()
    assert lines["situation"] == ["The fryer broke down at 6pm on Saturday."]
    assert "I moved the chips to the oven and rang the engineer." in lines["action"]
    assert "80 covers" in joined  # the facts stay
    assert "task" in story.missing  # asked for, never filled with another part


def test_what_others_did_after_the_deed_is_the_result_and_a_new_habit_the_learning() -> None:
    """A shop worker's "He calmed down and even said thanks when he left." was the story's
    Situation, and a caretaker's "We now check the lift contract has a 2 hour callout." an
    Action."""
    from tools.facts import Fact

    def placed(text: list[str]) -> dict[str, list[str]]:
        facts = [Fact(id=f"ref_00cd#{n}", item_id="ref_00cd", kind="reflection",
                      date="2026-11-07", text=t, source="reflection")
                 for n, t in enumerate(text, start=1)]
        story = stories.draft(facts, picked=["ref_00cd"])
        return {name: [li.text for li in got] for name, got in story.sections.items()}

    shop = placed(["On Saturday a man started shouting at the till because his refund was "
                   "refused.", "I took him to the side, listened to the whole story and "
                   "offered a store credit.", "He calmed down and even said thanks when he "
                   "left."])
    assert "He calmed down and even said thanks when he left." in shop["result"], shop
    lift = placed(["The lift broke on Monday with a resident stuck inside.",
                   "I rang the engineer and stayed on the intercom with her for 40 minutes.",
                   "We now check the lift contract has a 2 hour callout."])
    assert lift.get("learning") == ["We now check the lift contract has a 2 hour callout."], lift
    # another's "had to" is the scene, and a doubt about the deed is no part of the story
    vet = placed(["Owner came in crying because her cat had to be put to sleep, i sat with "
                  "her in the quiet room and explained what happens step by step",
                  "not sure i said the right things tho"])
    assert vet == {"situation": ["Owner came in crying because her cat had to be put to "
                                 "sleep."],
                   "action": ["I sat with her in the quiet room and explained what happens "
                              "step by step."]}, vet
    # what held despite the trouble is the result, even when a later line is an action
    shift = placed(["this week two pickers dont come so I move Adam from loading to picking "
                    "and we still finish wave before 4am",
                    "Adam was not happy but I explain why and he help"])
    assert shift["result"] == ["We still finish wave before 4am."], shift
    assert shift["action"][0] == "I moved Adam from loading to picking.", shift
    site = placed(["Client wanted the new website live by Friday for their sale.",
                   "I had to fix the checkout bug first.",
                   "I found the tax rounding issue and wrote a test for it.",
                   "Site went live thursday night and they sold 400 orders on Friday."])
    assert site.get("result") == [
        "Site went live thursday night and they sold 400 orders on Friday."], site


def test_skills_resting_on_the_same_sentences_are_one_strength_named_together() -> None:
    """An electrician's strengths listed "train employees" and "provide mentorship" as two
    strengths with the one quote "Took on my first apprentice, Kyle, 17."; they are one
    strength that names both, and the list has room for another."""
    from tools.facts import Fact

    def tag(label: str, uri: str) -> dict[str, object]:
        return {"framework": "esco", "id": uri, "label": label, "score": 0.8,
                "polarity": "demonstrated", "evidence": "x", "start": 0, "end": 1}

    apprentice = Fact(id="ref_1#1", item_id="ref_1", kind="reflection", date="2026-11-02",
                      text="Took on my first apprentice, Kyle, 17.",
                      skills=[tag("train employees", "e:train"),
                              tag("provide mentorship", "e:mentor")])
    rewire = Fact(id="ref_2#1", item_id="ref_2", kind="reflection", date="2026-11-09",
                  text="Rewired a 1930s terrace in Cardiff this week.",
                  skills=[tag("repair wiring", "e:wiring")])
    result = strengths([apprentice, rewire], today=date(2026, 11, 30))
    labels = [s.label for s in result.strengths]
    assert len(labels) == 2 and "repair wiring" in labels, labels
    both = next(s for s in result.strengths if s.label != "repair wiring")
    assert {both.label, *both.related} == {"train employees", "provide mentorship"}
    text = " ".join(seg.text for block in blocks(result) for seg in block)
    assert f"**{both.label}** (also: {both.related[0]})" in text
