"""Reflection parts from the committed CERED-trained head, mapped to the coach's slots."""

from __future__ import annotations

import hashlib
import json

from tests.conftest import shared_path
from tools.understanding import corpus, parts_data
from tools.understanding.parts import GROWTH, SLOT, _slot, classify_parts
from tools.understanding.understand import WEIGHTS, verify_weights


def test_clear_sentences_from_other_trades_land_in_the_coach_slots() -> None:
    # Learning and Intention are rare in CERED (68 and 95 of 6,096) and the head seldom
    # picks them (docs/understanding.md); feelings and difficulties it reads well.
    parts = classify_parts([
        "I felt really proud when the boiler fired up first time.",
        "I still find it hard to say no when customers add extra jobs.",
    ])
    assert [p.kind for p in parts] == ["Feeling", "Difficulty"]
    assert [p.slot for p in parts] == ["feelings", None]
    assert [p.growth for p in parts] == [None, "difficulty"]
    assert all(0 < p.confidence <= 1 for p in parts)


def test_trade_sentences_keep_at_least_the_measured_agreement() -> None:
    rows = [json.loads(line) for line in corpus.TRADE_PARTS.read_text().splitlines()]
    kinds = [p.kind for p in classify_parts([r["text"] for r in rows])]
    right = sum(k == r["label"] for k, r in zip(kinds, rows, strict=True))
    assert len(rows) >= 40 and right / len(rows) >= 0.5  # measured 0.52 (25/48)


def test_cered_test_accuracy_when_shared_data_is_there() -> None:
    shared_path("evals", "reflection", "cered", "en", "test.tsv")
    texts, labels = parts_data.load_split("test")
    kinds = [p.kind for p in classify_parts(texts)]
    assert "Difficulties" not in labels  # the test split's spelling is read as "Difficulty"
    # measured 0.637 (216/339); 0.617 before the label spelling and the wider decay grid
    assert sum(k == y for k, y in zip(kinds, labels, strict=True)) / len(labels) >= 0.63


def test_the_part_head_is_the_committed_one() -> None:
    digest = hashlib.sha256((WEIGHTS / "parts.npz").read_bytes()).hexdigest()
    assert verify_weights()["parts.npz"] == digest
    manifest = json.loads((WEIGHTS / "MANIFEST.json").read_text())
    assert manifest["parts"]["test_accuracy"] >= 0.63


def test_experience_is_an_action_only_when_the_writer_acted() -> None:
    assert _slot("Experience", "I rewired the whole fuse board on Tuesday.") == "action"
    assert _slot("Experience", "On Tuesday the power went out in the building.") == "situation"
    assert _slot("Intention", "Next week I'll ask for the drawings earlier.") == "next_step"
    assert GROWTH["Intention"] == "intention"


def test_every_label_has_a_place_and_no_input_gives_no_parts() -> None:
    assert set(SLOT) | set(GROWTH) | {"Experience", "Other"} == {
        "Experience", "Feeling", "Reflection", "Difficulty", "Belief", "Intention",
        "Perspective", "Learning", "Other"}
    assert classify_parts([]) == []
