"""Skills of the diary sentences nearest to what was written (a nearest-neighbour vote).

The hand-written diary sentences (``train_data/diary*``, training parts only) say in
first-person, everyday words what someone of 225 trades did, each with the ESCO skills a
person would accept. A sentence to tag is compared with all of them (query encoder vectors);
its nearest ``k`` vote for their skills, each weighted by ``exp((cos - best cos) / temperature)``
and normalised, so a concept's vote is the share of the close neighbours that show it (0..1).
The tagger adds ``exemplar_weight`` times the vote to the dense score (``TaggerConfig``).

Matching a label teaches the encoder what a skill is called; the neighbours say what people
mean by everyday words ("did the obs", "sat with a man who'd lost his wife"), which the label
space alone misses. Measured in docs/skills.md ("Nearest diary sentences").

The vectors ship in the repo (``data/exemplars.npz``, int8 per row with a scale; 9,107
sentences), built by ``python -m tools.skills.exemplars`` from the committed encoder and
training sentences; ``data/exemplars.json`` records both checksums, and the file is not used
when they no longer match (rebuild it after retraining the encoder).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tools.skills.diary import TRAIN_DATA, training_lines

log = logging.getLogger(__name__)
DATA = Path(__file__).parent / "data"
VECTORS = DATA / "exemplars.npz"
RECIPE = DATA / "exemplars.json"
# every diary round: the fourth (every label a person would accept) was not trained on, but
# its training part is a good neighbour; aside thirds are never in the bank
FOLDERS = ("diary", "diary_round2", "diary_round3", "diary_round4")
_lock = threading.Lock()


@dataclass
class Exemplars:
    """The bank: unit vectors (rows) and, per row, the ESCO skill ids its writer gave."""

    vectors: np.ndarray  # (rows, dim) float32, unit length
    skills: list[tuple[str, ...]]

    def columns(self, position: dict[str, int]) -> list[list[int]]:
        """Per bank row, the concept columns of its skills (ids not in ``position`` left out);
        the caller keeps it for its index (:meth:`Tagger.exemplar_votes`)."""
        return [[position[s] for s in row if s in position] for row in self.skills]

    def votes(self, queries: np.ndarray, columns: list[list[int]], size: int,
              k: int = 10, temperature: float = 0.05,
              sure: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
        """Per query row, each concept's share of the vote of its ``k`` nearest sentences.

        Args:
            queries: (n, dim) unit vectors of the texts (the query encoder's).
            columns: per bank row, its skills' concept columns (:meth:`columns`).
            size: the number of concept columns.
            k: neighbours per query.
            temperature: how fast a farther neighbour's weight falls.
            sure: (floor, full): the vote counts nothing when the nearest sentence's cosine
                is at most ``floor``, and fully from ``full`` (linear between; off when
                equal): far neighbours of a short, generic text say little.

        Returns:
            (n, size) float32 in 0..1.
        """
        out = np.zeros((len(queries), size), dtype=np.float32)
        if not len(queries) or not len(self.vectors):
            return out
        k = min(k, len(self.vectors))
        sims = queries @ self.vectors.T
        near = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for r in range(len(queries)):
            s = sims[r, near[r]]
            weights = np.exp((s - s.max()) / temperature)
            weights /= weights.sum()
            floor, full = sure
            if full > floor:
                weights *= min(max((s.max() - floor) / (full - floor), 0.0), 1.0)
            for row, w in zip(near[r], weights, strict=True):
                for c in columns[row]:
                    out[r, c] += w
        return out


def _digest(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def source_files(folders: Sequence[str] = FOLDERS) -> list[Path]:
    """The training files the bank is read from, in order."""
    return [p for name in folders for p in sorted((TRAIN_DATA / name).glob("*.jsonl"))]


def expected_checksums() -> dict[str, str]:
    """What a current bank was built from: the query encoder (the SHA-256 its recipe records,
    which loading the encoder checks against the file, so the 23 MB are hashed once) and the
    diary files."""
    from tools.skills.query_encoder import recipe

    return {"encoder_sha256": str(recipe().get("sha256", "")),
            "diary_sha256": _digest(source_files())}


def load_exemplars(path: Path = VECTORS, recipe: Path = RECIPE) -> Exemplars | None:
    """The committed bank, or None when absent or built from another encoder or data."""
    if not (path.exists() and recipe.exists()):
        return None
    meta = json.loads(recipe.read_text(encoding="utf-8"))
    if hashlib.sha256(path.read_bytes()).hexdigest() != meta.get("sha256"):
        log.warning("%s does not match its recipe's checksum; not used", path.name)
        return None
    current = expected_checksums()
    stale = [k for k, v in current.items() if meta.get(k) != v]
    if stale:
        log.warning("%s was built from another %s; rebuild it with python -m "
                    "tools.skills.exemplars", path.name, " and ".join(stale))
        return None
    with np.load(path) as z:
        vectors = z["vectors"].astype(np.float32) * z["scale"][:, None]
        ids, offsets = list(z["ids"]), z["offsets"]
    skills = [tuple(str(x) for x in ids[a:b]) for a, b in zip(offsets[:-1], offsets[1:],
                                                             strict=True)]
    return Exemplars(vectors, skills)


@functools.cache
def _default() -> Exemplars | None:
    return load_exemplars()


def get_exemplars() -> Exemplars | None:
    """The process-wide bank (None when not installed or out of date)."""
    with _lock:
        return _default()


def build(out: Path = VECTORS, recipe: Path = RECIPE) -> dict[str, object]:
    """Embed the training parts of the diary rounds with the query encoder and write the bank.

    Returns:
        The recipe written beside it.
    """
    from tools.skills.frameworks import load_frameworks
    from tools.skills.query_encoder import get_query_embedder

    encoder = get_query_embedder()
    if encoder is None:
        raise SystemExit("No query encoder installed (tools/skills/data/query_encoder.onnx).")
    by_label = {c.label: c.id for c in load_frameworks().concepts if c.framework == "esco"}
    lines = training_lines("train", FOLDERS)
    rows = [(x.text, tuple(by_label[lab] for lab in x.labels if lab in by_label))
            for x in lines]
    rows = [r for r in rows if r[1]]
    vectors = np.concatenate([encoder.embed([t for t, _ in rows[s : s + 512]])
                              for s in range(0, len(rows), 512)])
    scale = np.abs(vectors).max(axis=1) / 127.0
    quantised = np.round(vectors / scale[:, None]).astype(np.int8)
    ids = [i for _, skills in rows for i in skills]
    offsets = np.r_[0, np.cumsum([len(s) for _, s in rows])].astype(np.int32)
    with out.open("wb") as fh:
        np.savez_compressed(fh, vectors=quantised, scale=scale.astype(np.float32),
                            ids=np.array(ids), offsets=offsets)
    meta: dict[str, object] = {
        "recipe": "python -m tools.skills.exemplars",
        "folders": list(FOLDERS), "part": "train", "sentences": len(rows),
        "sha256": hashlib.sha256(out.read_bytes()).hexdigest(), **expected_checksums()}
    recipe.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    _default.cache_clear()
    return meta


if __name__ == "__main__":
    print(json.dumps(build(), indent=2))
