"""The learned line decisions for job ads: does a line name a skill, and what kind is it?

Two heads over one sentence embedding (``memory.embeddings``) per line:
- a logistic regression (plus a few surface features) that says whether a line names a
  skill or knowledge, trained by ``scripts/train_job_lines.py``
  (``tools/data/job_lines.json``);
- a softmax line-kind head (``keep``, ``company``, ``benefit``, ``application``) that sets
  aside company, benefit and application text in any wording, trained by
  ``scripts/train_job_line_kinds.py`` (``tools/data/job_line_kinds.npz``).
Both were trained on the tuning part of real postings only. Headings, metadata shapes and
instruction-like lines are decided by rules in :mod:`tools.job_ads` before this runs.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from memory.embeddings import get_embedder
from tools.understanding.head import Head

WEIGHTS = Path(__file__).parent / "data" / "job_lines.json"
KINDS_WEIGHTS = Path(__file__).parent / "data" / "job_line_kinds.npz"
KINDS = ("application", "benefit", "company", "keep")
_VERB_START = re.compile(r"^(?:you(?:'ll| will)|we(?:'re| are) looking|must|should|"
                         r"experience|knowledge|ability|proven|strong|good|excellent|"
                         r"familiar|understanding|degree)\b", re.I)


def features(lines: list[str], vecs: np.ndarray) -> np.ndarray:
    """Embedding plus surface features: length, a requirement-like opening, a placeholder."""
    extra = np.array([[min(len(line.split()), 40) / 40,
                       float(bool(_VERB_START.search(line))),
                       float(line.count("<") / max(len(line.split()), 1))]
                      for line in lines], dtype=np.float32).reshape(len(lines), 3)
    return np.hstack([np.asarray(vecs, dtype=np.float32), extra])


_WE = re.compile(r"\b(?:we|our|us|ours|we're|we've)\b", re.I)
_YOU = re.compile(r"\b(?:you|your|you'll|you're|you've)\b", re.I)
_NEEDS = re.compile(r"\b(?:experience|knowledge|skills?|ability|able|degree|proficien\w*|"
                    r"familiar\w*|must|required|essential)\b", re.I)


def kind_features(lines: list[str], vecs: np.ndarray) -> np.ndarray:
    """Embedding plus who a line speaks of: the firm ("we", "our", a name placeholder),
    the reader ("you"), and whether it names a need ("experience", "must")."""
    extra = []
    for line in lines:
        words = max(len(line.split()), 1)
        extra.append([5 * len(_WE.findall(line)) / words, 5 * len(_YOU.findall(line)) / words,
                      3 * line.count("<ORGANIZATION>") / words, float(bool(_NEEDS.search(line))),
                      min(words, 40) / 40])
    return np.hstack([np.asarray(vecs, dtype=np.float32),
                      np.array(extra, dtype=np.float32).reshape(len(lines), 5)])


@lru_cache(maxsize=1)
def _model() -> tuple[np.ndarray, float]:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return np.asarray(data["weights"], dtype=np.float32), float(data["threshold"])


def threshold() -> float:
    """The trained decision threshold (probability)."""
    return _model()[1]


@lru_cache(maxsize=1)
def _kinds_model() -> tuple[Head, float]:
    head = Head.load(KINDS_WEIGHTS)
    with np.load(KINDS_WEIGHTS, allow_pickle=False) as data:
        return head, float(data["threshold"])


def embed_lines(lines: list[str]) -> np.ndarray:
    """One sentence embedding per line (rows), for :func:`skill_scores` and :func:`kinds`."""
    return np.asarray(get_embedder().embed(lines)) if lines else np.zeros((0, 384))


def skill_scores(lines: list[str], vecs: np.ndarray | None = None) -> list[float]:
    """Probability that each line names a skill or knowledge a job needs.

    Args:
        lines: ad lines, verbatim.
        vecs: their embeddings (:func:`embed_lines`), computed when not given.

    Returns:
        One probability per line, in order (empty for no lines).
    """
    if not lines:
        return []
    w, _ = _model()
    x = features(lines, embed_lines(lines) if vecs is None else vecs)
    return [float(p) for p in 1 / (1 + np.exp(-(x @ w[:-1] + w[-1])))]


def kinds(lines: list[str], vecs: np.ndarray) -> list[str]:
    """The kind of each line: ``keep`` (a requirement or duty), or the reason to set it
    aside (``company``, ``benefit``, ``application``) when the head is sure enough.

    Args:
        lines: the ad's lines, verbatim.
        vecs: their embeddings (:func:`embed_lines`).

    Returns:
        One kind per line, in order.
    """
    if not lines:
        return []
    head, keep_min = _kinds_model()
    probs = head.probabilities(kind_features(lines, vecs))
    keep = head.labels.index("keep")
    out: list[str] = []
    for row in probs:
        if row[keep] >= keep_min:
            out.append("keep")
        else:
            others = [k for k in range(len(row)) if k != keep]
            out.append(head.labels[max(others, key=lambda k: float(row[k]))])
    return out
