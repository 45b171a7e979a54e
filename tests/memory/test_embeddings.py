"""The two embedders: the packaged model (memory) and its activation-quantised twin (tagger)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

from memory import embeddings
from memory.embeddings import Embedder, get_embedder, get_tag_embedder, quantized_model_path
from settings import get_settings

SENTENCES = [
    "I calmed down an angry customer who was shouting about a late delivery.",
    "I mentored a junior developer through her first code review.",
    "We migrated our billing system to Kubernetes.",
    "Prepared the quarterly budget and presented it to the board.",
]
LABELS = ["handle customer complaints", "mentor individuals", "use Kubernetes",
          "prepare budgets", "play the violin", "operate a forklift"]


def test_quantized_model_is_derived_once_deterministically(tmp_path: Path) -> None:
    shared = quantized_model_path(get_settings().cache_dir)
    again = quantized_model_path(get_settings().cache_dir)
    assert again == shared and again.stat().st_mtime_ns == shared.stat().st_mtime_ns
    fresh = quantized_model_path(tmp_path)  # derived anew from the installed package
    assert fresh.name == shared.name
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (fresh, shared)]
    assert digest[0] == digest[1]
    assert list(fresh.parent.iterdir()) == [fresh]  # no temporary files left behind


def test_quantized_embeddings_agree_with_the_packaged_model() -> None:
    exact, fast = get_embedder(), get_tag_embedder()
    assert fast is not exact and fast.fingerprint() != exact.fingerprint()
    a, b = exact.embed(SENTENCES), fast.embed(SENTENCES)
    assert b.shape == (len(SENTENCES), embeddings.DIMENSION)
    np.testing.assert_allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-5)
    cosines = (a * b).sum(axis=1)
    assert cosines.min() > 0.85 and cosines.mean() > 0.9
    # the nearest label is the same under both models
    nearest = [(m.embed(SENTENCES) @ m.embed(LABELS).T).argmax(axis=1) for m in (exact, fast)]
    assert nearest[0].tolist() == nearest[1].tolist() == [0, 1, 2, 3]


def test_exact_switch_uses_the_packaged_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASSPORT_TAG_MODEL", "exact")
    assert get_tag_embedder() is get_embedder()
    exact_key = embeddings.tag_model_fingerprint()
    monkeypatch.delenv("PASSPORT_TAG_MODEL")
    assert embeddings.tag_model_fingerprint() != exact_key


def test_an_interrupted_derivation_leaves_nothing_half_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import onnxruntime.quantization as quantization

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(quantization, "quantize_dynamic", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        quantized_model_path(tmp_path)
    assert not any((tmp_path / "models").iterdir())
    monkeypatch.undo()
    good = quantized_model_path(tmp_path)
    assert Embedder(model_path=good).embed(["ok"]).shape == (1, embeddings.DIMENSION)
    shutil.rmtree(tmp_path / "models")


def test_a_text_embeds_the_same_whatever_else_is_in_the_call() -> None:
    fast = get_tag_embedder()  # quantised activations: scales must not mix texts
    alone = np.stack([fast.embed_one(s) for s in SENTENCES])
    together = fast.embed(SENTENCES + ["x " * 300])  # a long one beside them
    np.testing.assert_allclose(together[: len(SENTENCES)], alone, atol=1e-6)
    assert len(fast.tokens(["x " * 300])[0]) == embeddings.MAX_TOKENS
