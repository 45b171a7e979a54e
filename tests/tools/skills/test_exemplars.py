"""The nearest diary sentences' vote (``tools/skills/exemplars.py``): the committed bank is the
one the committed encoder and diary files give, a vote is the share of the close neighbours,
an out-of-date bank is not used, and in the tagger the vote lifts the skill everyday words
mean without widening the evidence."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import tools.skills.exemplars as ex
from tools.skills.diary import training_lines
from tools.skills.tagger import Tagger
from tools.skills.tagging import tag_many


def _unit(*xs: float) -> np.ndarray:
    v = np.asarray(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_the_committed_bank_is_current_and_holds_only_training_parts() -> None:
    meta = json.loads(ex.RECIPE.read_text())
    assert meta["sha256"] == hashlib.sha256(ex.VECTORS.read_bytes()).hexdigest()
    # rebuilt after any change of the encoder or of the diary files
    assert {k: meta[k] for k in ("encoder_sha256", "diary_sha256")} == ex.expected_checksums()
    bank = ex.load_exemplars()
    assert bank is not None and len(bank.vectors) == meta["sentences"] > 5000
    assert np.allclose(np.linalg.norm(bank.vectors, axis=1), 1.0, atol=0.02)
    # no aside line is a neighbour: the aside thirds are what the diary eval reports on
    aside = {x.text for x in training_lines("aside", ex.FOLDERS)}
    train = [x for x in training_lines("train", ex.FOLDERS)]
    assert len(bank.vectors) <= len(train) and not aside & {x.text for x in train}


def test_a_vote_is_the_share_of_the_close_neighbours() -> None:
    bank = ex.Exemplars(np.stack([_unit(1, 0, 0), _unit(1, 0.05, 0), _unit(0, 1, 0)]),
                        [("a",), ("a", "b"), ("c",)])
    position = {"a": 0, "b": 1, "c": 2}
    votes = bank.votes(np.stack([_unit(1, 0.02, 0), _unit(0, 1, 0.01)]),
                       bank.columns(position), 4, k=2, temperature=0.05)
    # the first query's two neighbours both show "a", one also "b"; "c" is not near
    assert votes[0, 0] == pytest.approx(1.0) and 0.3 < votes[0, 1] < 0.7
    assert votes[0, 2] == 0.0 and votes[0, 3] == 0.0
    # the second query's nearest is "c": a far second neighbour weighs almost nothing
    assert votes[1, 2] > 0.99 and votes[1, 0] < 0.01
    # an id the index does not hold is skipped
    assert not bank.votes(np.stack([_unit(0, 1, 0)]), bank.columns({"a": 0}), 1, k=1).any()


def test_a_bank_from_another_encoder_is_not_used(tmp_path: Path) -> None:
    vectors = tmp_path / "exemplars.npz"
    vectors.write_bytes(ex.VECTORS.read_bytes())
    meta = json.loads(ex.RECIPE.read_text())
    recipe = tmp_path / "exemplars.json"
    recipe.write_text(json.dumps({**meta, "encoder_sha256": "0" * 64}))
    assert ex.load_exemplars(vectors, recipe) is None
    recipe.write_text(json.dumps(meta))
    assert ex.load_exemplars(vectors, recipe) is not None
    vectors.write_bytes(vectors.read_bytes()[:-10] + b"0" * 10)  # damaged
    assert ex.load_exemplars(vectors, recipe) is None


def test_the_vote_lifts_what_everyday_words_mean_and_keeps_the_evidence(
        small_index_tagger: Tagger) -> None:
    on = small_index_tagger
    off = Tagger(on.index, replace(on.config, exemplar_weight=0.0))
    text = "she had a fall in the bathroom, I checked her for injuries and called 111"
    voted, plain = (tag_many([text], ("esco",), tagger=t, fast=False)[0] for t in (on, off))
    first_aid = [t for t in voted if t.label == "provide first aid"]
    assert first_aid and "provide first aid" not in {t.label for t in plain}
    assert first_aid[0].polarity == "demonstrated"
    assert text[first_aid[0].start:first_aid[0].end] == first_aid[0].evidence
    # ranking scores hold the vote too
    ranked = [t.label for t in tag_many([text], ("esco",), top=5, tagger=on)[0]]
    assert "provide first aid" in ranked
