"""The tagger on a small index: exact evidence, polarity, the ESCO/O*NET join, --top, batch."""

from __future__ import annotations

import pytest

from tools.skills.tagger import Tagger
from tools.skills.tagging import tag, tag_many

DONE = "I led a team of five to migrate our billing system to Kubernetes"


def test_done_sentence_gives_esco_and_onet_with_exact_offsets(tagger: Tagger) -> None:
    done = "I led a team of five and coached them through the migration"
    tags = tag(done)
    assert tags, "expected skills"
    frameworks = {t.framework for t in tags} | {a["framework"] for t in tags for a in t.also}
    assert {"esco", "onet"} <= frameworks
    for t in tags:
        assert done[t.start:t.end] == t.evidence
        assert t.polarity == "demonstrated"
    assert [t.score for t in tags] == sorted((t.score for t in tags), reverse=True)


@pytest.mark.parametrize("text", [
    "   I calmed down an angry customer.  ",
    "\n\nÜberraschung: I mentored a junior 😊 and I fixed the printer…",
    "Ich I wrote Python scripts; then I trained two new cashiers on the till.",
])
def test_offsets_are_exact_with_unicode_and_whitespace(tagger: Tagger, text: str) -> None:
    for t in tag(text, top=8):
        assert text[t.start:t.end] == t.evidence
        assert t.evidence == t.evidence.strip() and t.evidence


def test_polarity_on_tags(tagger: Tagger) -> None:
    growth = tag("I want to get better at presenting reports to my team.", ("esco",), top=3)
    assert growth and all(t.polarity == "growth" for t in growth)
    negated = tag("I didn't use spreadsheets software this week.", ("esco",), top=3)
    assert negated and all(t.polarity == "negated" for t in negated)


def test_join_shows_one_skill_with_both_codes(tagger: Tagger) -> None:
    tags = tag("I handled customer complaints all day and resolved their problems.")
    joined = [t for t in tags if t.also]
    assert joined, [t.label for t in tags]
    keys = {(t.framework, t.id) for t in tags}
    for t in joined:
        other = t.also[0]
        assert other["framework"] != t.framework
        assert (other["framework"], other["id"]) not in keys


def test_top_returns_k_candidates_even_below_threshold(tagger: Tagger) -> None:
    text = "The weather was nice."
    assert len(tag(text, top=5)) == 5
    assert len(tag(text, ("onet",), top=3)) == 3
    assert all(t.framework == "onet" for t in tag(text, ("onet",), top=3))


def test_batch_equals_single(tagger: Tagger) -> None:
    texts = [DONE, "", "I mentored a junior colleague.", "I didn't use Excel."]
    batch = tag_many(texts)
    assert batch[1] == []
    for text, tags in zip(texts, batch, strict=True):
        assert [(t.id, t.start) for t in tags] == [(t.id, t.start) for t in tag(text)]


def test_unknown_framework_is_a_clear_error(tagger: Tagger) -> None:
    with pytest.raises(ValueError, match="Unknown framework"):
        tag("x", ("lightcast",))


def test_fast_mode_scores_whole_sentences(tagger: Tagger) -> None:
    text = "I calmed down an angry customer, and then I fixed the printer. I mentored a junior."
    for t in tag_many([text], fast=True)[0]:
        assert text[t.start:t.end] == t.evidence
        assert t.evidence in {"I calmed down an angry customer, and then I fixed the printer.",
                              "I mentored a junior."} or t.end - t.start < 40


def test_evidence_prefers_the_clause_that_shows_the_skill(tagger: Tagger) -> None:
    text = "I calmed down an angry customer, but I didn't use spreadsheets software."
    tags = {t.label: t for t in tag(text, ("esco",), top=10)}
    sheet = tags.get("use spreadsheets software")
    assert sheet is not None and "angry" not in sheet.evidence
    assert sheet.polarity == "negated"


def test_a_long_text_is_scored_in_windows_with_the_same_tags(
        tagger: Tagger, monkeypatch: pytest.MonkeyPatch) -> None:
    import tools.skills.tagging as tagging

    text = " ".join([DONE + ".", "I mentored a junior colleague.", "I didn't use Excel.",
                     "I want to get better at public speaking.", "We baked bread."] * 3)
    whole = [(t.id, t.start, t.end, t.polarity, t.score) for t in tag(text)]
    sizes: list[int] = []
    real = Tagger.score_texts

    def spy(self: Tagger, texts: list[str], spans: list | None = None) -> tuple:
        sizes.append(sum(len(s) for s in spans or []))
        return real(self, texts, spans)

    monkeypatch.setattr(tagging, "WINDOW", 4)
    monkeypatch.setattr(Tagger, "score_texts", spy)
    windowed = [(t.id, t.start, t.end, t.polarity, t.score) for t in tag(text)]
    assert windowed == whole
    assert sizes and max(sizes) <= 4 and sum(sizes) == 15
    # several texts share windows and each keeps its own tags
    many = tag_many([text, "I mentored a junior colleague.", ""] , fast=False)
    assert [(t.id, t.start) for t in many[0]] == [(t[0], t[1]) for t in whole]
    assert [t.id for t in many[1]] == [t.id for t in tag("I mentored a junior colleague.")]
    assert many[2] == []


def test_a_text_over_the_limit_is_a_clear_error(
        tagger: Tagger, monkeypatch: pytest.MonkeyPatch) -> None:
    import tools.skills.tagging as tagging

    monkeypatch.setattr(tagging, "MAX_TEXT_CHARS", 50)
    with pytest.raises(tagging.TextTooLong, match="too long to tag"):
        tag_many(["short", "x" * 51])
    assert tag("I mentored a junior colleague.")  # under the limit: fine


@pytest.mark.parametrize(("text", "evidence", "want"), [
    ("i want to get my electrical ticket so i can do the wiring myself", "i can do the wiring "
     "myself", "growth"),
    ("would like to do my level 3 so I can give more complex meds", "give more complex meds",
     "growth"),
    ("I fixed the wiring so we can open the shop on Monday", "I fixed the wiring",
     "demonstrated"),
    ("I rewired the kitchen so we can open on Monday", "we can open on Monday", "demonstrated"),
])
def test_what_a_wish_is_for_is_not_done_yet(text: str, evidence: str, want: str) -> None:
    from tools.skills.polarity import polarity

    start = text.index(evidence)
    span = (start, start + len(evidence))
    assert polarity(text, span, span, (0, len(text))) == want
