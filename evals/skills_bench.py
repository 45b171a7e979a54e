"""Skill tagger benchmark: index load time, sentences per second after warm-up, peak memory.

A benchmark, not a timed test. The raw embedder throughput on the same sentences is measured
beside it, so a number from a busy machine can be read against what the model alone did.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

LOAD_SNIPPET = (
    "import time; t=time.perf_counter();"
    "from tools.skills.index import build_index; i=build_index();"
    "print(i.load_seconds)"
)


def _sentences(n: int) -> list[str]:
    from evals.skills import available_sets

    pool = [t for g in available_sets() for t in g.texts]
    if not pool:
        pool = ["I calmed down an angry customer who was shouting about a late delivery."]
    return [pool[i % len(pool)] for i in range(n)]


def _mean_tokens(texts: list[str]) -> float:
    from memory.embeddings import get_embedder

    ids = get_embedder().tokens(texts)
    return round(sum(len(i) for i in ids) / max(len(texts), 1), 1)


def _best_rate(work: Callable[[], object], count: int, repeats: int) -> float:
    """Items per second of the fastest of ``repeats`` runs (other processes only slow one)."""
    best = 0.0
    for _ in range(repeats):
        began = time.perf_counter()
        work()
        best = max(best, count / (time.perf_counter() - began))
    return best


def run_skills_bench(n: int = 400, threads: int = 2, repeats: int = 2) -> dict[str, Any]:
    """Measure the tagger; see the module docstring.

    Args:
        n: sentences to tag (dev-set sentences, cycled).
        threads: reported only: the embedders run two texts at once, one core each.
        repeats: runs per mode; the best is reported (other processes only slow a run down).

    Returns:
        JSON-able numbers: index_load_s (fresh process, cached index), sentences_per_s per
        unit mode, embedder_sentences_per_s of the packaged model and of the tagger's
        quantised one, tokens per sentence, peak_rss_mb, and the load average.
    """
    import os

    from memory.embeddings import get_embedder, get_tag_embedder
    from tools.skills.tagging import get_tagger, tag_many

    load = subprocess.run([sys.executable, "-c", LOAD_SNIPPET], capture_output=True, text=True,
                          check=True)
    tagger = get_tagger()
    texts = _sentences(n)
    tag_many(texts[:32], tagger=tagger)  # warm-up
    embed_rate: dict[str, float] = {}
    for name, embedder in (("packaged", get_embedder()), ("tagger", get_tag_embedder())):
        embedder.embed(texts[:16])
        embed_rate[name] = _best_rate(partial(embedder.embed, texts), n, repeats)
    rates: dict[str, float] = {}
    saved = (tagger.config.use_clauses, tagger.config.use_phrases)
    for mode, flags in {"sentences": (False, False), "clauses": (True, False),
                        "clauses+phrases": (True, True)}.items():
        # fast=False: the batch default would swap in the whole-sentence twin for every mode
        tagger.config.use_clauses, tagger.config.use_phrases = flags
        rates[mode] = _best_rate(lambda: tag_many(texts, tagger=tagger, fast=False), n, repeats)
    tagger.config.use_clauses, tagger.config.use_phrases = saved
    # what `passport tag --lines` and batches use
    rates["batch default"] = _best_rate(lambda: tag_many(texts, tagger=tagger), n, repeats)
    per_set: dict[str, dict[str, float]] = {}
    from evals.skills import available_sets

    for group in available_sets():  # sentence length differs a lot between the sets
        sample = group.texts[:n]
        rate = _best_rate(partial(tag_many, sample, tagger=tagger, fast=True), len(sample),
                          repeats)
        per_set[group.name] = {"sentences": len(sample), "sentences_per_s": round(rate, 1),
                               "tokens_per_sentence": _mean_tokens(sample)}
    return {"sentences": n, "threads": threads,
            "index_load_s": float(load.stdout.strip().splitlines()[-1]),
            "sentences_per_s": rates, "embedder_sentences_per_s": embed_rate,
            "tokens_per_sentence": _mean_tokens(texts), "per_set": per_set,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "load_average": os.getloadavg()[0]}


if __name__ == "__main__":
    print(json.dumps(run_skills_bench(), indent=2))
