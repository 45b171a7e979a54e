"""Encode many texts once: vectors cached on disk by encoder name and text hash.

Used by training and measurement only, never on a user's turn.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from tools.understanding.encoder import get_encoder


def cache_dir() -> Path:
    """The folder for cached vectors (``PASSPORT_UNDERSTANDING_CACHE`` or a temp folder)."""
    path = Path(os.environ.get("PASSPORT_UNDERSTANDING_CACHE", "/tmp/understanding/cache"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def encode_cached(texts: list[str], encoder: str, batch: int = 64) -> np.ndarray:
    """Embed ``texts`` with ``encoder``, reusing a cached array when the texts are the same.

    Args:
        texts: the texts, in order.
        encoder: an encoder name from ``encoder.get_encoder``.
        batch: texts per call to the encoder.

    Returns:
        A float32 array with one row per text.
    """
    key = hashlib.sha256("\x1e".join([encoder, *texts]).encode()).hexdigest()[:20]
    path = cache_dir() / f"{encoder}-{key}.npy"
    if path.exists():
        return np.load(path)
    model = get_encoder(encoder)
    rows = [model.encode(texts[i:i + batch]) for i in range(0, len(texts), batch)]
    out = np.concatenate(rows) if rows else np.zeros((0, 384), dtype=np.float32)
    np.save(path, out)
    return out
