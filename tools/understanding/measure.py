"""Measure one encoder for understanding: quality on the aside third, speed and memory.

``python -m tools.understanding.measure --encoder e5 --weights DIR`` loads the heads in
DIR (trained with ``train --encoder e5 --out DIR``) in a fresh process and prints JSON:
load time, resident memory, per-message latency on one thread and the aside scores.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

import numpy as np

from tools.understanding import corpus, metrics
from tools.understanding.understand import WEIGHTS, Understander


def latency_ms(understander: Understander, texts: list[str]) -> dict[str, float]:
    """Median and p95 milliseconds of one full understanding call per message."""
    times = []
    for text in texts:
        start = time.perf_counter()
        understander(text)
        times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(float(np.median(times)), 1),
            "p95_ms": round(float(np.percentile(times, 95)), 1)}


def main(argv: list[str] | None = None) -> None:
    """Print the measurement of one encoder as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", default="e5")
    parser.add_argument("--weights", type=Path, default=WEIGHTS)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    understander = Understander(args.weights, args.encoder)
    understander("warm up")
    load_s = time.perf_counter() - start
    _tune, aside = corpus.split(corpus.load(corpus.DEV_MESSAGES))
    scores = metrics.score(understander, aside)
    report = {"encoder": args.encoder, "load_s": round(load_s, 2),
              "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
              **latency_ms(understander, [r.text for r in aside]), **scores.as_dict()}
    if args.misses:
        report["misses"] = scores.misses
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
