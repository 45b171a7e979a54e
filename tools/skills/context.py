"""The writer's trade as a prior: their other reflections -> ESCO occupations -> skills.

A nurse's "did obs" and a cook's "ran the pass" are read in their trade's sense once the
coach knows the trade, as Tabiya Compass found (statement -> occupation -> skills). The
user's earlier reflections are embedded together; the ESCO occupations whose preferred labels
are nearest (``TaggerConfig.context_occupations`` of them) lend their essential skills
``context_prior`` and their optional skills half of it. Like the usage prior it orders
candidates and never makes a tag shown on its own (docs/skills.md, "The writer's trade").

Occupations and their skills come from the official ESCO download, derived by
``python -m tools.skills.prior`` into ``data/esco_occupations.tsv.gz`` (checksum in
``data/esco_prior.json``). The occupation labels are embedded once and cached beside the
framework index.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from memory.embeddings import get_tag_embedder, tag_model_fingerprint
from settings import get_settings
from tools.skills.prior import OCCUPATIONS, RECIPE, checked_lines, load_counts

log = logging.getLogger(__name__)
MIN_TEXTS = 2  # fewer earlier reflections than this say too little about a trade


@dataclass(frozen=True)
class Occupations:
    """ESCO occupations: labels, label vectors, and per occupation (skill URI, weight)."""

    labels: list[str]
    vectors: np.ndarray
    skills: list[list[tuple[str, float]]]


def _read(path: Path = OCCUPATIONS) -> tuple[list[str], list[list[tuple[str, float]]]]:
    recipe = json.loads(RECIPE.read_text(encoding="utf-8")).get("occupations", {})
    lines = checked_lines(path, recipe.get("sha256"))
    skills = list(load_counts())
    labels, linked = [], []
    for line in lines:
        label, must, may = line.split("\t")
        labels.append(label)
        linked.append([(skills[int(r)], 1.0) for r in must.split(",") if r]
                      + [(skills[int(r)], 0.5) for r in may.split(",") if r])
    return labels, linked


@functools.cache
def load_occupations(cache_dir: Path | None = None) -> Occupations | None:
    """The shipped occupations with their label vectors (embedded once, with the framework
    index by ``scripts/build-index``, and cached under the cache dir); None when the data is
    not installed."""
    if not OCCUPATIONS.exists():
        return None
    labels, linked = _read()
    digest = hashlib.sha256("\x1f".join(labels).encode()).hexdigest()[:16]
    root = (cache_dir or get_settings().cache_dir) / "skills-index"
    path = root / f"occupations-{digest}-{tag_model_fingerprint()}.npy"
    if path.exists():
        vectors = np.load(path)
    else:
        log.info("embedding %d ESCO occupation labels (once)", len(labels))
        vectors = np.asarray(get_tag_embedder().embed(labels), dtype=np.float32)
        root.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.stem + ".tmp.npy")
        np.save(tmp, vectors)
        tmp.replace(path)
    return Occupations(labels, vectors, linked)


def occupation_boost(position: dict[tuple[str, str], int], size: int, vector: np.ndarray,
                     top: int, weight: float) -> tuple[np.ndarray, list[str]]:
    """Per concept, the boost lent by the occupations nearest to a trade vector.

    Args:
        position: (framework, id) -> concept position in the index.
        size: number of concepts.
        vector: the writer's trade vector (:func:`trade_vector`).
        top: how many occupations lend their skills.
        weight: the boost of an essential skill (optional skills get half).

    Returns:
        The (size,) float32 boost and the labels of the occupations used, nearest first.
    """
    boost = np.zeros(size, dtype=np.float32)
    occupations = load_occupations()
    if occupations is None or not weight:
        return boost, []
    nearest = np.argsort(-(occupations.vectors @ vector))[:top]
    for o in nearest:
        for uri, share in occupations.skills[o]:
            c = position.get(("esco", uri))
            if c is not None:
                boost[c] = max(boost[c], weight * share)
    return boost, [occupations.labels[o] for o in nearest]


# digest of an earlier text -> its vector, least recent first: a new reflection embeds only
# what is new, and the cache never holds a user's words (a forgotten user's texts are gone)
_seen: OrderedDict[str, np.ndarray] = OrderedDict()
_seen_lock = threading.Lock()
SEEN = 4096


def _vectors(texts: list[str]) -> np.ndarray:
    keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
    with _seen_lock:
        known = {k: _seen[k] for k in keys if k in _seen}
    missing = list(dict.fromkeys((k, t) for k, t in zip(keys, texts, strict=True)
                                 if k not in known))
    if missing:  # embedded outside the lock: other threads keep reading the cache
        fresh = get_tag_embedder().embed([t for _, t in missing])
        known |= zip([k for k, _ in missing], np.asarray(fresh, dtype=np.float32), strict=True)
    with _seen_lock:
        for key in keys:
            _seen[key] = known[key]
            _seen.move_to_end(key)
        while len(_seen) > SEEN:
            _seen.popitem(last=False)
    return np.stack([known[k] for k in keys])


def trade_vector(texts: Sequence[str]) -> np.ndarray | None:
    """The mean embedding of a writer's earlier texts (None when there are too few); each
    text is embedded once per process."""
    texts = [t for t in texts if t.strip()]
    if len(texts) < MIN_TEXTS:
        return None
    mean = _vectors(texts).mean(axis=0)
    return np.asarray(mean / max(float(np.linalg.norm(mean)), 1e-12), dtype=np.float32)
