"""Encode many texts once: vectors cached on disk per encoder, one row per distinct text.

Used by training and measurement only, never on a user's turn. The store is a pair of
files per encoder (``{encoder}-store.npy`` and ``{encoder}-store.json``, the texts' SHA-256
in row order); adding a text to a data file encodes only that text.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from tools.understanding.encoder import get_encoder


def cache_dir() -> Path:
    """The folder for cached vectors (``PASSPORT_UNDERSTANDING_CACHE`` or a temp folder)."""
    path = Path(os.environ.get("PASSPORT_UNDERSTANDING_CACHE", "/tmp/understanding/cache"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def encode_cached(texts: list[str], encoder: str, batch: int = 64) -> np.ndarray:
    """Embed ``texts`` with ``encoder``, encoding only texts the store has not seen.

    Args:
        texts: the texts, in order.
        encoder: an encoder name from ``encoder.get_encoder``.
        batch: texts per call to the encoder.

    Returns:
        A float32 array with one row per text.
    """
    rows_path = cache_dir() / f"{encoder}-store.npy"
    keys_path = cache_dir() / f"{encoder}-store.json"
    keys: list[str] = []
    store = np.zeros((0, 384), dtype=np.float32)
    if rows_path.exists() and keys_path.exists():
        keys = json.loads(keys_path.read_text(encoding="utf-8"))
        store = np.load(rows_path)
    where = {k: i for i, k in enumerate(keys)}
    missing = list(dict.fromkeys(t for t in texts if _key(t) not in where))
    if missing:
        model = get_encoder(encoder)
        new = np.concatenate([model.encode(missing[i:i + batch])
                              for i in range(0, len(missing), batch)])
        store = np.concatenate([store, new.astype(np.float32)]) if len(store) else new
        keys += [_key(t) for t in missing]
        where = {k: i for i, k in enumerate(keys)}
        np.save(rows_path, store)
        keys_path.write_text(json.dumps(keys), encoding="utf-8")
    if not texts:
        return np.zeros((0, store.shape[1] if store.ndim == 2 else 384), dtype=np.float32)
    return store[[where[_key(t)] for t in texts]].astype(np.float32)
