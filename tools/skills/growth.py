"""Growth sentences read by meaning: a struggle, a mistake or a wish said without a cue word.

The polarity rules (:mod:`tools.skills.polarity`) know the words of a wish or a struggle
("want to", "struggled", "not confident"). People also write "group bookings are my
nightmare, I mess up the allotments every single time" or "spread adhesive too thick and the
tiles slid down the wall, had to redo them": no cue word, and yet a growth area, not a
strength. A two-class head over the sentence's embedding (the shipped MiniLM) reads such
sentences; a mention the rules call demonstrated becomes growth when the head is sure.

Trained by ``python -m tools.skills.train_growth`` on the hand-written diary sentences
(``train_data/diary``, all but each third line); its threshold keeps the did lines of the
training part read as growth at most ``MAX_FALSE`` in cross-validation. Weights, threshold and
SHA-256 in ``data/growth_head.npz`` / ``growth_head.json``.

Sentences are embedded in one batch per call and remembered by their SHA-256 (never by their
words, so the process keeps nothing a user wrote).
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from memory.embeddings import get_tag_embedder
from tools.understanding.head import Head

DATA = Path(__file__).parent / "data"
WEIGHTS = DATA / "growth_head.npz"
RECIPE = DATA / "growth_head.json"
REMEMBERED = 4096  # sentences whose reading is kept (by digest)

_lock = threading.Lock()
_seen: OrderedDict[bytes, bool] = OrderedDict()


class GrowthHeadChecksumError(ValueError):
    """The head's file does not match the checksum its recipe records."""


@functools.cache
def load_growth_head(path: Path = WEIGHTS) -> tuple[Head, float] | None:
    """The committed head and its threshold (None when absent).

    Raises:
        GrowthHeadChecksumError: the file was changed after training.
    """
    if not path.exists():
        return None
    recipe = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if recipe.get("sha256") != digest:
        raise GrowthHeadChecksumError(
            f"{path.name} does not match the SHA-256 in its recipe; retrain it with "
            "python -m tools.skills.train_growth.")
    return Head.load(path), float(recipe["threshold"])


def growth_probabilities(vectors: np.ndarray, head: Head) -> np.ndarray:
    """P(growth) of each embedded sentence."""
    return head.probabilities(vectors)[:, head.labels.index("growth")]


def reads_as_growth(sentences: Sequence[str]) -> list[bool]:
    """Whether each sentence reads as a growth area (all False without a head).

    Args:
        sentences: whole sentences.

    Returns:
        One flag per sentence.
    """
    loaded = load_growth_head()
    if loaded is None or not sentences:
        return [False] * len(sentences)
    head, threshold = loaded
    keys = [hashlib.sha256(s.encode("utf-8")).digest() for s in sentences]
    with _lock:
        known = {k: _seen[k] for k in keys if k in _seen}
    # each new sentence once, in text order (the batch is the same whatever the call order)
    todo = sorted({(s, k) for s, k in zip(sentences, keys, strict=True) if k not in known})
    if todo:
        flags = growth_probabilities(get_tag_embedder().embed([s for s, _ in todo]),
                                     head) >= threshold
        with _lock:
            for (_, key), flag in zip(todo, flags, strict=True):
                known[key] = _seen[key] = bool(flag)
                if len(_seen) > REMEMBERED:
                    _seen.popitem(last=False)
    return [known[k] for k in keys]
