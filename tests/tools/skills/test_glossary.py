"""The trade glossary: matching, offsets, expanded units, and the trade's sense winning."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from tools.skills.frameworks import load_frameworks, restrict
from tools.skills.glossary import (
    Glossary,
    Term,
    load_glossary,
    other_sense,
    read_terms,
    term_pattern,
)
from tools.skills.index import build_index
from tools.skills.tagger import Tagger
from tools.skills.tagging import tag, tag_many

from .helpers import CACHE

TERMS = [
    Term("obs", "monitor patient's vital signs", ("nursing",)),
    Term("NEWS", "early warning score", ("nursing",)),
    Term("PR", "pull request, conduct code review", ("software",)),
    Term("PR campaign", "public relations campaign", ("marketing",)),
    Term("tills", "operate cash register", ("retail",)),
    Term("cashed up", "count the cash at the end of a shift", ("retail",)),
    Term("prep", "prepare food ingredients", ("hospitality",)),
    Term("stand-up", "daily team meeting", ("software",)),
    Term("P&L", "profit and loss", ("finance",)),
    Term("patched", "fix a software defect", ("software",)),
    Term("sourcing", "find candidates", ("hr",)),
]


@pytest.fixture(scope="module")
def small() -> Glossary:
    return Glossary(TERMS)


def found(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    return [(text[h.start:h.end], h.term.term) for h in glossary.find(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("did obs on the whole bay", [("obs", "obs")]),
    ("Obs were fine", [("Obs", "obs")]),
    ("two jobs, obsessed with probs", []),  # whole words only
    ("NEWS of 5 so I escalated", [("NEWS", "NEWS")]),
    ("the news was on all night", []),  # capitals only match in capitals
    ("reviewed 3 PRs and one PR's tests", [("PRs", "PR"), ("PR's", "PR")]),
    ("a pr for the printer", []),
    ("planned the PR campaign", [("PR campaign", "PR campaign")]),  # the longest term wins
    ("on the till, then both tills", [("tills", "tills")]),
    ("Cashing up took ages; I cashed up twice", [("Cashing up", "cashed up"),
                                                 ("cashed up", "cashed up")]),
    ("prepped veg, prepping sauces, preps", [("prepped", "prep"), ("prepping", "prep"),
                                             ("preps", "prep")]),
    ("our stand-up and the standup", [("stand-up", "stand-up"), ("standup", "stand-up")]),
    ("I stand up for myself", []),
    ("checked the P&L", [("P&L", "P&L")]),
    ("patched the server, patching all day", [("patched", "patched"), ("patching", "patched")]),
    ("a red patch on his heel", []),  # a past-tense term names an activity, not the noun
    ("open-source tools, sourcing for two roles", [("sourcing", "sourcing")]),  # no stem
])
def test_matching(small: Glossary, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(small, text) == expected


def test_offsets_index_the_original_text(small: Glossary) -> None:
    text = "  Überstunden 😅: did OBS? no, jobs. obs on bed 4 and ran the  PR\u00a0campaign…"
    hits = small.find(text)
    assert [text[h.start:h.end] for h in hits] == ["OBS", "obs", "PR\u00a0campaign"]
    start = text.index("no,")
    assert small.find(text, start, start + 9) == []  # "jobs" is not "obs"
    assert [h.start for h in small.find(text, start)] == [text.index("obs on"),
                                                          text.index("PR")]


def test_expand_appends_or_replaces_within_the_unit(small: Glossary) -> None:
    text = "Long day. Cashed up both tills, then prep."
    span = (10, len(text))
    assert small.expand(text, span, "append") == (
        "Cashed up (count the cash at the end of a shift) both tills (operate cash register),"
        " then prep (prepare food ingredients).")
    assert small.expand(text, span, "replace") == (
        "count the cash at the end of a shift both operate cash register, then prepare food "
        "ingredients.")
    assert small.expand(text, (0, 9), "append") is None  # no term in "Long day."
    assert small.expand(text, span, "off") is None


def test_committed_glossary_covers_many_trades() -> None:
    terms = read_terms()
    assert len(terms) >= 300
    trades = {t for term in terms for t in term.trades} - {"all"}
    assert len(trades) >= 20
    glossary = load_glossary()
    for text, term in [("did obs", "obs"), ("reviewed 4 PRs", "PR"), ("cashed up", "cashed up"),
                       ("stepping through it with breakpoints", "breakpoint"),
                       ("sorted our docker setup", "docker"), ("did the recs", "did the recs"),
                       ("pushed back on the deadline", "push back"),
                       ("I need to learn to say no", "say no")]:
        assert term in [h.term.term for h in glossary.find(text)], text


def test_no_committed_term_is_another_form_of_an_earlier_one() -> None:
    seen: list[re.Pattern[str]] = []
    for term in read_terms():
        assert not any(p.fullmatch(term.term) for p in seen), term.term
        seen.append(re.compile(term_pattern(term.term)))


def test_malformed_or_repeated_rows_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "g.tsv"
    bad.write_text("term\texpansion\ttrades\nobs\tvital signs\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_terms(bad)
    bad.write_text("# made by hand\nobs\tvital signs\tnursing\nObs\tx\tnursing\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="listed twice"):
        read_terms(bad)


def test_other_sense_of_a_one_word_label(small: Glossary) -> None:
    text = "reviewed two PRs"
    hits = small.find(text)
    start = text.index("PRs")
    assert other_sense(hits, start, start + 2, "public relations")
    assert not other_sense(hits, start, start + 2, "conduct code review")  # shares "code"
    assert not other_sense(hits, 0, 8, "public relations")  # not inside the term


def test_expanded_units_keep_the_original_spans(small_index_tagger: Tagger) -> None:
    text = "Quiet morning. Cashed up both tills at close, float spot on."
    units = small_index_tagger._units(text, [(0, 14), (15, len(text))], 0)
    extra = [u for u in units if u.text is not None]
    assert extra, "the sentence with trade words gets an expanded unit"
    for unit in extra:
        assert unit.sentence == 1
        assert unit.text is not None and "operate cash register" in unit.text
        assert text[unit.span[0]:unit.span[1]] in (text[15:], "Cashed up both tills at close")


def test_expanded_sentence_ranks_the_trade_skill(tagger: Tagger) -> None:
    text = "Cashed up both tills at close and the float was spot on."
    ranked = [t.label for t in tag(text, ("esco",), top=5)]
    assert ranked[0] == "operate cash register"
    shown = tag(text, ("esco",))
    assert "operate cash register" in [t.label for t in shown]
    for t in shown:
        assert text[t.start:t.end] == t.evidence  # evidence is the user's own wording
    before = tagger.config
    tagger.config = replace(before, glossary="off")
    try:
        without = [t.label for t in tag(text, ("esco",), top=5)]
    finally:
        tagger.config = before
    assert "operate cash register" not in without[:1]


@pytest.fixture(scope="module")
def pr_tagger() -> Tagger:
    """A tiny real index: the skill "PR" spells, and the code-review sense."""
    data = load_frameworks()
    labels = {"public relations", "conduct ICT code review", "operate cash register",
              "use spreadsheets software", "plan shifts of employees"}
    keep = {(c.framework, c.id) for c in data.concepts
            if c.framework == "esco" and c.label in labels}
    return Tagger(build_index(restrict(data, keep), cache_dir=CACHE))


def test_a_trade_abbreviation_does_not_spell_another_trades_skill(pr_tagger: Tagger) -> None:
    text = "Reviewed the PR for the payments service before lunch"
    concepts = pr_tagger.index.data.concepts
    names = {concepts[c].label for c in pr_tagger.lexical(text, (0, len(text)))}
    assert "public relations" not in names
    shown = [t.label for t in tag_many([text], ("esco",), tagger=pr_tagger)[0]]
    assert "public relations" not in shown
    before = pr_tagger.config
    pr_tagger.config = replace(before, glossary="off")
    try:
        assert "public relations" in {concepts[c].label
                                      for c in pr_tagger.lexical(text, (0, len(text)))}
    finally:
        pr_tagger.config = before
