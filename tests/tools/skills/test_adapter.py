"""The query-side adapter: loads from the committed file, checks its checksum, and moves
scores the same way every time (no training in tests)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tools.skills.adapter import (
    RECIPE,
    WEIGHTS,
    AdapterChecksumError,
    file_sha256,
    load_adapter,
)
from tools.skills.paraphrase import past
from tools.skills.tagger import Tagger
from tools.skills.tagging import text_scores


def test_committed_adapter_matches_its_recipe() -> None:
    recipe = json.loads(RECIPE.read_text())
    assert recipe["sha256"] == file_sha256(WEIGHTS)
    adapter = load_adapter()
    assert adapter is not None and adapter.matrix.shape == (384, 384)
    assert not np.allclose(adapter.matrix, np.eye(384))  # it was trained
    assert recipe["pairs"]["skillskape_train"] > 0 and recipe["seconds"] > 0


def test_a_changed_file_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "adapter.npz"
    shutil.copy(WEIGHTS, copy)
    recipe = json.loads(RECIPE.read_text())
    (tmp_path / "adapter.json").write_text(json.dumps({**recipe, "sha256": "0" * 64}))
    with pytest.raises(AdapterChecksumError):
        load_adapter(copy)
    assert load_adapter(tmp_path / "absent.npz") is None


def test_apply_keeps_unit_vectors_and_weight_zero_is_identity() -> None:
    adapter = load_adapter()
    assert adapter is not None
    rng = np.random.default_rng(3)
    x = rng.normal(size=(5, 384)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    assert adapter.apply(x, 0.0) is x
    moved = adapter.apply(x, 1.0)
    assert np.allclose(np.linalg.norm(moved, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(moved, x)
    assert np.array_equal(moved, adapter.apply(x, 1.0))


def test_adapter_changes_tagger_scores_deterministically(small_index_tagger: Tagger) -> None:
    """The adapter is the fallback when no fine-tuned query encoder is used."""
    texts = ["I reconciled the bank statements before month end.",
             "calmed down a customer whose parcel went missing"]
    shipped = replace(small_index_tagger.config, query_model=False)
    plain = Tagger(small_index_tagger.index, replace(shipped, adapter_weight=0.0))
    adapted = Tagger(small_index_tagger.index, replace(shipped, adapter_weight=1.0))
    before, _ = text_scores(texts, tagger=plain, fast=True)
    after, _ = text_scores(texts, tagger=adapted, fast=True)
    again, _ = text_scores(texts, tagger=adapted, fast=True)
    assert not np.allclose(before, after)
    assert np.array_equal(after, again)


@pytest.mark.parametrize(("verb", "expected"), [
    ("manage", "managed"), ("plan", "planned"), ("apply", "applied"), ("teach", "taught"),
    ("monitor", "monitored"), ("lead", "led")])
def test_paraphrase_past_tense(verb: str, expected: str) -> None:
    assert past(verb) == expected
