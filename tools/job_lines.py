"""The learned line-type decision for job ads: does a line name a skill or knowledge?

A sentence embedding (``memory.embeddings``) plus a few surface features go through a
logistic regression trained by ``scripts/train_job_lines.py`` on real postings; weights
and the threshold live in ``tools/data/job_lines.json``. Headings, benefits, metadata and
instruction-like lines are decided by rules in :mod:`tools.job_ads` before this runs.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from memory.embeddings import get_embedder

WEIGHTS = Path(__file__).parent / "data" / "job_lines.json"
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


@lru_cache(maxsize=1)
def _model() -> tuple[np.ndarray, float]:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return np.asarray(data["weights"], dtype=np.float32), float(data["threshold"])


def threshold() -> float:
    """The trained decision threshold (probability)."""
    return _model()[1]


def skill_scores(lines: list[str]) -> list[float]:
    """Probability that each line names a skill or knowledge a job needs.

    Args:
        lines: ad lines, verbatim.

    Returns:
        One probability per line, in order (empty for no lines).
    """
    if not lines:
        return []
    w, _ = _model()
    x = features(lines, get_embedder().embed(lines))
    return [float(p) for p in 1 / (1 + np.exp(-(x @ w[:-1] + w[-1])))]
