"""Train the reflection-part head on CERED (English reflective-diary sentences).

CERED lives in ``../shared/evals/reflection/cered/en`` (Apache-2.0; see its MANIFEST):
train / val / test TSVs with a ``sentence`` and its type ``y``. The head is fitted on
train, its weight decay picked on val, and its accuracy reported on test. (Joining the
vector of the passage around the sentence, CERED's ``context``, scored lower on val:
0.68 against 0.71; see docs/understanding.md.)
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from tools.understanding import corpus
from tools.understanding.cache import encode_cached
from tools.understanding.head import Head, fit

L2_GRID = (1e-3, 1e-2, 3e-2, 1e-1)
# CERED's test split spells one label "Difficulties"; train and val say "Difficulty".
SPELLING = {"Difficulties": "Difficulty"}


def load_split(split: str) -> tuple[list[str], list[str]]:
    """Sentences and labels of one CERED split (``train``, ``val`` or ``test``)."""
    rows = _rows(split)
    return [r["sentence"] for r in rows], [SPELLING.get(r["y"], r["y"]) for r in rows]


def _rows(split: str) -> list[dict[str, str]]:
    with open(corpus.CERED / f"{split}.tsv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def accuracy(head: Head, x: np.ndarray, labels: list[str]) -> float:
    """Share of rows whose most probable label is the gold one."""
    guess = head.probabilities(x).argmax(axis=1)
    return float(np.mean([head.labels[int(g)] == y for g, y in zip(guess, labels, strict=True)]))


def train_parts(out: Path, encoder: str) -> dict[str, object]:
    """Fit the part head, save ``parts.npz`` in ``out`` and return its numbers.

    Args:
        out: the weights folder.
        encoder: the encoder name.

    Returns:
        Chosen weight decay, and val and test accuracy.
    """
    data = {s: load_split(s) for s in ("train", "val", "test")}
    vec = {s: encode_cached(data[s][0], encoder) for s in data}
    best: tuple[float, float, Head] | None = None
    for l2 in L2_GRID:
        head = fit(vec["train"], data["train"][1], l2=l2, steps=300,
                   class_weight=dict.fromkeys(set(data["train"][1]), 1.0))
        val = accuracy(head, vec["val"], data["val"][1])
        if best is None or val > best[0]:
            best = (val, l2, head)
    assert best is not None
    val, l2, head = best
    head.save(out / "parts.npz")
    test = accuracy(head, vec["test"], data["test"][1])
    return {"l2": l2, "val_accuracy": round(val, 4), "test_accuracy": round(test, 4),
            "train_sentences": len(data["train"][0])}
