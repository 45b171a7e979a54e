"""A query-side linear adapter: sentence embeddings moved towards ESCO's wording.

The framework index (labels, descriptions, tasks) is embedded as it is; only the embeddings
of the text being tagged pass through a 384 x 384 matrix, trained by
``python -m tools.skills.train_adapter`` (recipe and checksum in ``adapter.json``). The index
never needs a rebuild. ``weight`` blends the identity and the trained matrix:
``q' = normalise(q @ ((1 - weight) I + weight W))``.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"
WEIGHTS = DATA / "adapter.npz"
RECIPE = DATA / "adapter.json"


class AdapterChecksumError(ValueError):
    """The adapter file does not match the checksum its recipe records."""


@dataclass(frozen=True)
class Adapter:
    """A trained query-side matrix (``dim x dim``)."""

    matrix: np.ndarray
    sha256: str

    def apply(self, vectors: np.ndarray, weight: float = 1.0) -> np.ndarray:
        """Adapt unit-normalised embeddings and normalise them again.

        Args:
            vectors: (n, dim) embeddings.
            weight: 0 keeps them as they are, 1 applies the trained matrix fully.

        Returns:
            (n, dim) float32 unit vectors.
        """
        if weight == 0.0 or not len(vectors):
            return vectors
        # in float64, so that a row's result does not depend on how many rows come with it
        # (BLAS kernels differ by batch size; the float32 rounding hides the difference)
        x = vectors.astype(np.float64)
        out = (1.0 - weight) * x + weight * (x @ self.matrix.astype(np.float64))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.asarray(out / np.maximum(norms, 1e-12), dtype=np.float32)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save_adapter(matrix: np.ndarray, recipe: dict[str, object], path: Path = WEIGHTS) -> str:
    """Write the matrix (float32, compressed) and its recipe with the file's checksum.

    Returns:
        The SHA-256 of the written weights file.
    """
    np.savez_compressed(path, matrix=np.asarray(matrix, dtype=np.float32))
    digest = file_sha256(path)
    path.with_suffix(".json").write_text(
        json.dumps({**recipe, "file": path.name, "sha256": digest}, indent=2) + "\n",
        encoding="utf-8")
    return digest


@functools.cache
def load_adapter(path: Path = WEIGHTS) -> Adapter | None:
    """The committed adapter, checked against its recipe's SHA-256 (None when absent).

    Raises:
        AdapterChecksumError: the file was changed after training.
    """
    if not path.exists():
        return None
    digest = file_sha256(path)
    recipe = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    if recipe.get("sha256") != digest:
        raise AdapterChecksumError(
            f"{path.name} does not match the SHA-256 in {path.with_suffix('.json').name}; "
            "retrain it with python -m tools.skills.train_adapter.")
    with np.load(path) as stored:
        matrix = np.asarray(stored["matrix"], dtype=np.float32)
    return Adapter(matrix, digest)
