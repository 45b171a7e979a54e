"""Train the job-ad line classifier: does a line of an ad name a skill or knowledge?

Data: the tuning part of the SkillSpan dev postings (``evals/skillspan_ads.py``: every third
posting is set aside and never seen here). A line is positive when it carries a skill or
knowledge span. Features are the project's sentence embeddings; the model is a logistic
regression (numpy, L2, class-balanced), written with its threshold to
``tools/data/job_lines.json``. The threshold is chosen by 3-fold cross-validation over
tuning postings: the highest one that keeps at least 97% of skill-bearing lines.

Run: ``nice -n 10 .venv/bin/python scripts/train_job_lines.py`` (about a minute on 2 cores;
embeddings are cached under /tmp/profiles/).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evals.skillspan_ads import DEV, Posting, load_postings, split  # noqa: E402
from memory.embeddings import get_embedder  # noqa: E402
from tools.job_lines import features  # noqa: E402

OUT = ROOT / "tools" / "data" / "job_lines.json"
CACHE = Path("/tmp/profiles")
RECALL = 0.97


def _xy(posts: list[Posting]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lines = [line for p in posts for line in p.lines]
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    cached = CACHE / f"job_lines_{digest}.npy"
    if cached.exists():
        vecs = np.load(cached)
    else:
        vecs = get_embedder().embed(lines)
        CACHE.mkdir(parents=True, exist_ok=True)
        np.save(cached, vecs)
    x = features(lines, vecs)
    y = np.array([s for p in posts for s in p.skill], dtype=np.float32)
    group = np.array([i for i, p in enumerate(posts) for _ in p.lines])
    return x, y, group


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 600) -> np.ndarray:
    """Class-balanced logistic regression by gradient descent; returns weights (bias last)."""
    xb = np.hstack([x, np.ones((len(x), 1), dtype=np.float32)])
    pos = max(float(y.mean()), 1e-6)
    weight = np.where(y > 0, 0.5 / pos, 0.5 / (1 - pos))
    w = np.zeros(xb.shape[1], dtype=np.float64)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = xb.T @ ((p - y) * weight) / len(y) + l2 * w
        w -= 2.0 * grad
    return w


def score(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Probability that each line is skill-bearing."""
    return np.asarray(1 / (1 + np.exp(-(x @ w[:-1] + w[-1]))))


def main() -> None:
    """Cross-validate a threshold on the tuning postings, then fit on all of them."""
    tuning, _aside = split(load_postings())
    if not tuning:
        raise SystemExit(f"{DEV} is missing; nothing to train on.")
    x, y, group = _xy(tuning)
    probs = np.zeros(len(y))
    for fold in range(3):
        test = group % 3 == fold
        probs[test] = score(fit(x[~test], y[~test]), x[test])
    grid = np.linspace(0.05, 0.95, 91)
    kept = [t for t in grid if (probs[y > 0] >= t).mean() >= RECALL]
    threshold = float(max(kept)) if kept else 0.05
    w = fit(x, y)
    keep_rate = float((probs[y == 0] >= threshold).mean())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "about": "job-ad line classifier (scripts/train_job_lines.py); tuning postings only",
        "source": "SkillSpan dev.json, sha256 " + hashlib.sha256(DEV.read_bytes()).hexdigest(),
        "split": "every third posting aside (index % 3 == 2)",
        "lines": len(y), "threshold": round(threshold, 3),
        "cv_recall": round(float((probs[y > 0] >= threshold).mean()), 3),
        "cv_other_kept": round(keep_rate, 3),
        "weights": [round(float(v), 5) for v in w],
    }) + "\n", encoding="utf-8")
    print(f"threshold {threshold:.2f}, cv recall "
          f"{(probs[y > 0] >= threshold).mean():.3f}, other lines kept {keep_rate:.3f}")


if __name__ == "__main__":
    main()
