"""The tagger's query encoder: all-MiniLM-L6-v2 fine-tuned towards ESCO, int8 ONNX, in the repo.

Only the text being tagged is embedded by it; the framework index stays embedded by the
shipped model (:func:`memory.embeddings.get_tag_embedder`), whose preferred-label vectors were
the frozen targets of the training (``python -m tools.skills.finetune``; recipe, data and
checksum in ``query_encoder.json``). So nothing is rebuilt on a user's machine, and when the
file is absent the tagger falls back to the shipped model and the query-side adapter.

The committed model (23 MB, int8) was trained on two CPU cores in 20 minutes with the
hand-written first-person diary sentences of ``train_data/diary`` besides SkillSkape train and
ESCO alternative labels (docs/skills.md, "Diary training data"); it replaced the query-side
adapter, which stays the fallback (``TaggerConfig.query_model = False``). Rerunning the script
writes both files here.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from pathlib import Path

from memory.embeddings import Embedder, single_threaded_blas

DATA = Path(__file__).parent / "data"
MODEL = DATA / "query_encoder.onnx"
RECIPE = DATA / "query_encoder.json"
_lock = threading.Lock()


class QueryEncoderChecksumError(ValueError):
    """The model file does not match the checksum its recipe records."""


def recipe(path: Path = RECIPE) -> dict[str, object]:
    """The committed recipe (empty when no model is installed)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@functools.cache
def load_query_encoder(model: Path = MODEL, recipe_path: Path = RECIPE) -> Embedder | None:
    """A fine-tuned query encoder checked against its recipe's SHA-256 (None when absent).

    Raises:
        QueryEncoderChecksumError: the file was changed after training.
    """
    if not (model.exists() and recipe_path.exists()):
        return None
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    expected = recipe(recipe_path).get("sha256")
    if digest != expected:
        raise QueryEncoderChecksumError(
            f"{model.name} has SHA-256 {digest}, its recipe says {expected}")
    single_threaded_blas()
    return Embedder(model_path=model)


def get_query_embedder() -> Embedder | None:
    """The process-wide fine-tuned query encoder of the repo (None when absent).

    Raises:
        QueryEncoderChecksumError: the file was changed after training.
    """
    with _lock:
        return load_query_encoder()
