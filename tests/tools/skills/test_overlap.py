"""Word overlap: rare label words the writer used weigh most; the bonus orders candidates
but never makes a tag shown by itself."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tools.skills.overlap import WordOverlap
from tools.skills.tagger import Tagger
from tools.skills.tagging import _candidates, tag

from .helpers import small_tagger

LABELS = ["plaster surfaces", "clean surfaces", "clean rooms", "train employees", "Coach others"]


def test_rare_label_words_weigh_more_and_inflections_count() -> None:
    table = WordOverlap(LABELS, np.array([True, True, True, True, False]))
    got = table.of("Plastered two bedrooms and cleaned up after")
    plaster, clean_surfaces, clean_rooms, train, coach = got
    # "plaster" is rarer than "surface"; "clean" and "surface" are equally common
    assert plaster > clean_surfaces == pytest.approx(0.5)
    assert clean_rooms == pytest.approx(table.of("cleaned")[2])
    assert train == 0.0 and coach == 0.0  # not said; O*NET-like rows are left out
    assert table.of("I trained the new starters")[3] == pytest.approx(0.5, abs=0.2)
    assert table.of("train employees")[3] == pytest.approx(1.0)
    assert not table.of("").any()


def test_a_label_the_writer_named_in_other_words_moves_up() -> None:
    base = small_tagger()
    off = Tagger(base.index, replace(base.config, word_overlap=0.0))
    text = "set up a spreadsheet for the rota and used it every day to share shifts"
    sheets = base.position[("esco", next(c.id for c in base.index.data.concepts
                                         if c.label == "use spreadsheets software"))]
    bonus = base.overlap(text, (0, len(text)))
    assert bonus[sheets] > 0.02 and bonus[base.framework == "onet"].max() == 0.0
    ranked = [t.label for t in tag(text, ("esco",), top=10)]
    assert "use spreadsheets software" in ranked
    assert not off.overlap(text, (0, len(text))).any()


def test_the_overlap_alone_never_makes_a_tag_shown() -> None:
    base = small_tagger()
    mask = base.framework_mask("esco")
    c = int(np.flatnonzero(mask)[0])
    row = np.full(len(mask), -1.0, dtype=np.float32)
    ordering = np.zeros_like(row)
    ordering[c] = 0.1
    row[c] = base.config.threshold["esco"] + base.prior()[c] + 0.05
    assert _candidates(base, row, mask, None, ordering=ordering) == []
    assert _candidates(base, row, mask, None) == [c]
