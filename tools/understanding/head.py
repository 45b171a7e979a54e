"""A small softmax classifier over sentence vectors: training, saving, loading, scoring.

Multinomial logistic regression with L2 on standardised features (the mean and spread
are folded into the saved weights), fitted by full-batch gradient descent with a fixed
number of steps, so training is deterministic. Pure numpy at run time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Head:
    """Weights of one trained softmax head and the labels of its columns."""

    labels: tuple[str, ...]
    weights: np.ndarray  # (dim, classes)
    bias: np.ndarray  # (classes,)
    temperature: float = 1.0

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Class probabilities for each row of ``vectors`` (rows x classes)."""
        logits = (np.atleast_2d(vectors) @ self.weights + self.bias) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        out: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return out

    def save(self, path: Path, **extra: np.ndarray) -> str:
        """Write the head (and any extra arrays) as ``.npz``; return its SHA-256."""
        arrays = {"labels": np.array(self.labels), "weights": self.weights.astype(np.float32),
                  "bias": self.bias.astype(np.float32),
                  "temperature": np.array(self.temperature, dtype=np.float32), **extra}
        np.savez(path, **arrays)  # type: ignore[arg-type]  # numpy stubs mistype **kwds
        return hashlib.sha256(path.read_bytes()).hexdigest()

    @classmethod
    def load(cls, path: Path) -> Head:
        """Read a head written by :meth:`save`."""
        with np.load(path, allow_pickle=False) as data:
            return cls(tuple(str(x) for x in data["labels"]), data["weights"].copy(),
                       data["bias"].copy(), float(data["temperature"]))


def fit(vectors: np.ndarray, labels: list[str], *, l2: float = 1e-3, steps: int = 300,
        rate: float = 0.5, class_weight: dict[str, float] | None = None) -> Head:
    """Fit a softmax head.

    Args:
        vectors: training rows (n x dim), L2-normalised.
        labels: the label of each row.
        l2: weight decay.
        steps: gradient steps (full batch).
        rate: learning rate.
        class_weight: optional per-label weight of a row's loss (default: balanced).

    Returns:
        The fitted head.
    """
    names = tuple(sorted(set(labels)))
    index = {name: i for i, name in enumerate(names)}
    y = np.array([index[label] for label in labels])
    mean = vectors.mean(axis=0)
    spread = vectors.std(axis=0) + 1e-6
    x = (vectors.astype(np.float64) - mean) / spread
    counts = np.bincount(y, minlength=len(names)).astype(np.float64)
    if class_weight is None:
        row_w = (len(y) / (len(names) * counts))[y]
    else:
        row_w = np.array([class_weight.get(names[k], 1.0) for k in y])
    row_w = row_w / row_w.sum()
    onehot = np.eye(len(names))[y]
    w = np.zeros((x.shape[1], len(names)))
    b = np.zeros(len(names))
    for _ in range(steps):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) * row_w[:, None]
        w -= rate * (x.T @ grad + l2 * w)
        b -= rate * grad.sum(axis=0)
    # Fold the standardisation in: (v - mean) / spread @ w + b == v @ w' + b'.
    folded = w / spread[:, None]
    return Head(names, folded.astype(np.float32), (b - mean @ folded).astype(np.float32))
