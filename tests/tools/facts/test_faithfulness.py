"""The faithfulness checker: citations required, nothing the cited facts do not contain."""

from __future__ import annotations

from tests.tools.facts.seed import seed
from tools.facts import facts_for
from tools.faithfulness import Segment, check_segments, check_text


def _facts() -> dict:
    return {f.id: f for f in facts_for(seed())}


def _rules(segments: list[Segment], facts: dict, **kw) -> list[str]:
    return sorted({f"{v.rule}:{v.detail}" for v in check_segments(segments, facts, **kw)
                   .violations})


def test_verbatim_cited_sentences_pass() -> None:
    facts = _facts()
    fact = next(f for f in facts.values() if "Python scripts" in f.text)
    seg = Segment(text=f"\u201c{fact.text}\u201d ({fact.date}, reflection)", cites=[fact.id])
    assert check_segments([seg], facts).ok
    label = Segment(text="1. **use scripting programming**", cites=[fact.id])
    assert check_segments([label], facts).ok


def test_fabrications_are_caught_even_with_a_citation() -> None:
    facts = _facts()
    fid = next(iter(facts))
    seg = Segment(text="You hold a PhD from MIT and spent 10 years at Google.", cites=[fid])
    rules = _rules([seg], facts)
    assert {"unsupported_title:PhD", "unsupported_name:MIT", "unsupported_number:10",
            "unsupported_name:Google"} <= set(rules)


def test_uncited_and_foreign_citations_fail() -> None:
    facts = _facts()
    assert _rules([Segment(text="You are a great leader.")], facts)[0].startswith("uncited")
    other = {f.id for f in facts_for(seed("ben"))}
    seg = Segment(text="I led the cutover.", cites=[sorted(other)[0]])
    assert any(r.startswith("unknown_citation") for r in _rules([seg], facts))


def test_skills_and_months_need_support() -> None:
    facts = _facts()
    fid = next(f.id for f in facts.values() if "Python scripts" in f.text)
    assert _rules([Segment(text="You used Kubernetes for this.", cites=[fid])], facts) == [
        "unsupported_skill:Kubernetes"]
    assert _rules([Segment(text="You led the cutover in March.", cites=[fid])], facts) == [
        "unsupported_date:March"]
    # "may" the verb is not a month; the fact's own date is fine.
    assert check_segments([Segment(text="You may have led the cutover (2026-10-12).",
                                   cites=[fid])], facts).ok
    assert _rules([Segment(text="Practise public speaking.", cites=[fid])], facts,
                  skill_terms=["public speaking"]) == ["unsupported_skill:public speaking"]


def test_gaps_may_name_the_ad_but_claims_may_not() -> None:
    facts = _facts()
    ad = "Requirements: 5+ years of Kubernetes"
    gap = Segment(text="**5+ years of Kubernetes**: not in your passport yet.", role="gap")
    assert check_segments([gap], facts, job_text=ad).ok
    fid = next(iter(facts))
    claim = Segment(text="You have 5+ years of Kubernetes.", cites=[fid])
    assert not check_segments([claim], facts, job_text=ad).ok
    question = Segment(text="Result: not stated yet. What changed?", role="question")
    assert check_segments([question], facts).ok


def test_free_text_markers_map_to_sources() -> None:
    facts = _facts()
    fid = next(f.id for f in facts.values() if "Python scripts" in f.text)
    good = "You wrote Python scripts to check every table [1]. Did it help?"
    assert check_text(good, [fid], facts).ok
    bad = "You wrote Python scripts at Google [1]. You are brilliant."
    rules = {v.rule for v in check_text(bad, [fid], facts).violations}
    assert rules == {"unsupported_name", "uncited"}


def test_a_failing_offline_sentence_is_dropped_not_shown() -> None:
    from agent.capabilities.answers import finish

    uid = seed("carla")
    facts = {f.id: f for f in facts_for(uid)}
    fid = next(iter(facts))
    blocks = [[Segment(text="Fine heading", role="heading")],
              [Segment(text=facts[fid].text, cites=[fid])],
              [Segment(text="You worked at Google.", cites=[fid])]]
    out = finish("strengths", uid, blocks, facts, {})
    assert "Google" not in out.facts["text"] and facts[fid].text in out.facts["text"]
    assert out.facts["faithfulness"]["ok"] and out.facts["faithfulness"]["dropped"]
