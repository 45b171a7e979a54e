"""Benchmarks, each measured side by side with the baseline in the same run.

Ours is :class:`agent.service.AgentService` (real graph, SQLite, Chroma); the baseline is
:mod:`evals.baseline` (plain ``create_agent`` + ``InMemoryStore``, same model and tools).
Measurements alternate between the two, so a noisy machine slows both alike and the
ratios hold. The bench store (synthetic memories) is built once under the data dir.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from evals.bench_report import chart, format_table, goals
from evals.bench_store import StoreSpec, build_chroma, embed_pool, fill_store, sentences
from evals.harness import machine, temp_home

SCRIPTS = [
    ["This week I fixed the printer for my team at work.",
     "I took it apart and found a jammed roller.",
     "Everyone could print again and I learned how the feeder works."],
    ["On Saturday I volunteered at the food bank and sorted the donations.",
     "I made a label system so tins are sorted by date.",
     "Now nothing expires on the shelf and the other volunteers use it too."],
    ["I presented our group project to the class on Thursday.",
     "I practised twice with a friend and cut the slides down to ten.",
     "The lecturer said it was the clearest talk of the day."],
]


@dataclass(frozen=True)
class BenchConfig:
    """Sizes of one benchmark run."""

    spec: StoreSpec
    cycles: int  # timed reflection conversations (3 turns each) per level and agent
    queries: int
    tag_sentences: int
    cold_runs: int


FULL = BenchConfig(StoreSpec((0, 1000, 10_000), 100_000, 1000, 8000), cycles=10, queries=200,
                   tag_sentences=512, cold_runs=3)
QUICK = BenchConfig(StoreSpec((0, 100, 1000), 2000, 20, 400), cycles=2, queries=20,
                    tag_sentences=64, cold_runs=1)


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of the values, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def stats(ms: list[float], cpu: list[float] | None = None) -> dict[str, float]:
    """p50, p95 and count of wall-clock latencies in milliseconds (and the median CPU ms of
    this process per call, which a busy machine disturbs less)."""
    out = {"p50": round(pct(ms, 50), 2), "p95": round(pct(ms, 95), 2), "n": len(ms)}
    if cpu:
        out["cpu_p50"] = round(pct(cpu, 50), 2)
        out["cpu_p95"] = round(pct(cpu, 95), 2)
    return out


class Timer:
    """Wall and CPU milliseconds of the calls made inside ``with timer:`` blocks."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> Timer:
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall.append((time.perf_counter() - self._w) * 1000)
        self.cpu.append((time.process_time() - self._c) * 1000)

    def stats(self, skip: int = 0) -> dict[str, float]:
        """Statistics of the calls after the first ``skip`` (warm-up)."""
        return stats(self.wall[skip:], self.cpu[skip:])


async def _turns(cfg: BenchConfig, users: dict[str, Any], store: Any) -> list[dict[str, Any]]:
    from agent.coach import OfflineCoach
    from agent.service import AgentService
    from evals.baseline import ask, build_baseline
    from tools.understanding.understand import forget_readings

    run = time.strftime("%Y%m%d%H%M%S")
    baseline = build_baseline(store)
    rows = []
    async with AgentService(model=OfflineCoach()) as service:
        for level, uid in users["turn"].items():
            ours, base = Timer(), Timer()
            saves = Timer()  # ours, the turn that saves (skill tagging + vector write)
            for c in range(cfg.cycles + 1):  # the first conversation warms up
                script, thread = SCRIPTS[c % len(SCRIPTS)], f"{run}-{level}-{c}"
                for msg in script:
                    forget_readings()  # each turn encodes its message, as a new one would
                    with ours:
                        reply = await service.handle(uid, msg, channel="bench",
                                                     conversation=thread)
                    if "reflection_saved" in reply.data and c:
                        saves.wall.append(ours.wall[-1])
                        saves.cpu.append(ours.cpu[-1])
                for msg in script:
                    with base:
                        await ask(baseline, uid, msg, thread)
            warm = len(SCRIPTS[0])
            rows.append({"memories": int(level), "ours": ours.stats(warm),
                         "baseline": base.stats(warm), "ours_save_turn": saves.stats()})
    _forget_reflections(users)
    return rows


def _forget_reflections(users: dict[str, Any]) -> None:
    """Remove the reflections the turn benchmark saved, so the cached store stays as built."""
    from memory.records import get_records
    from memory.vectors import get_vectors

    records = get_records()
    for uid in users["turn"].values():
        for status in ("saved", "draft"):
            for r in records.list_reflections(uid, status=status):
                get_vectors().delete(uid, source_id=r["id"])
                records.delete_item(uid, "reflections", r["id"])


def _recall(cfg: BenchConfig, users: dict[str, Any], store: Any) -> dict[str, Any]:
    from evals.baseline import namespace
    from memory.vectors import get_vectors

    vectors, recall_users = get_vectors(), users["recall"]
    ours, base = Timer(), Timer()
    for i, query in enumerate(sentences(cfg.queries + 5, seed=99)):
        uid = recall_users[(i * 37) % len(recall_users)]
        with ours:
            found = vectors.search(uid, query, k=5)
        with base:
            store.search(namespace(uid), query=query, limit=5)
        if any(m.user_id != uid for m in found):
            raise RuntimeError("Recall returned another user's memory; the bench stops here.")
    return {"memories": cfg.spec.recall_total, "users": len(recall_users),
            "ours": ours.stats(5), "baseline": base.stats(5)}


def _tagging(cfg: BenchConfig) -> dict[str, Any]:
    import numpy as np

    from memory.embeddings import get_tag_embedder
    from tools.skills.tagging import get_tagger, tag_many

    texts = sentences(cfg.tag_sentences, seed=3)
    tagger = get_tagger()
    tag_many(texts[:8])
    labels = tagger.index.vectors["label"]
    began = time.perf_counter()
    tag_many(texts)  # the default for a batch
    ours = len(texts) / (time.perf_counter() - began)
    began = time.perf_counter()
    sims = get_tag_embedder().embed(texts) @ labels.T
    np.argpartition(-sims, 5, axis=1)[:, :5]
    base = len(texts) / (time.perf_counter() - began)
    out = {"sentences": len(texts), "ours_per_s": round(ours, 1), "baseline_per_s":
           round(base, 1), "baseline":
           "embedding nearest label (same embedder), no lexical/task evidence"}
    if "fast" in inspect.signature(tag_many).parameters:  # the accurate mode a turn uses
        began = time.perf_counter()
        tag_many(texts, fast=False)
        out["ours_accurate_per_s"] = round(len(texts) / (time.perf_counter() - began), 1)
    return out


def _careers(quick: bool) -> dict[str, Any]:
    from evals.careers import bench_explore

    return bench_explore(personas=1 if quick else 3, runs=2 if quick else 5)


def _understanding() -> dict[str, Any]:
    """Per-message latency of understanding (encoder, distress gate, intent) on one thread,
    over the aside third of the understanding dev set."""
    from tools.understanding import corpus
    from tools.understanding.understand import Understander

    understander = Understander()
    _tune, aside = corpus.split(corpus.load(corpus.DEV_MESSAGES))
    understander(aside[0].text)  # warm-up
    timer = Timer()
    for row in aside:
        with timer:
            understander(row.text)
    return {"messages": len(aside), **timer.stats()}


def _verification() -> dict[str, Any]:
    from evals.credentials import generated_cases
    from tools.credentials.verify import verify_bytes

    cases = generated_cases()
    ms: list[float] = []
    for case in cases:
        verify_bytes(case.data, case.name, fetcher=case.fetcher)
        runs = []
        for _ in range(3):
            began = time.perf_counter()
            verify_bytes(case.data, case.name, fetcher=case.fetcher)
            runs.append((time.perf_counter() - began) * 1000)
        ms.append(statistics.median(runs))
    return {"credentials": len(cases), "ours": stats(ms)}


# Runs a module as __main__ and reports its own peak RSS (VmHWM) on stderr at exit: the
# rusage of a child spawned from a big process would include the parent's pages.
WRAP = ("import atexit, runpy, sys\n"
        "def hwm():\n"
        "    try:\n"
        "        kb = [x for x in open('/proc/self/status') if x.startswith('VmHWM')][0]\n"
        "        sys.stderr.write('VMHWM ' + kb.split()[1] + '\\n')\n"
        "    except (OSError, IndexError):\n"
        "        pass\n"
        "atexit.register(hwm)\n"
        "sys.argv = sys.argv[1:]\n"
        "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n")


def _cold(cmd: list[str], cache: Path) -> tuple[float, float, float]:
    """Seconds from spawn to the first line of the reply, the child's CPU seconds, and its
    peak RSS in MB."""
    with tempfile.TemporaryDirectory(prefix="passport-cold-") as home:
        env = {**os.environ, "PASSPORT_HOME": home, "PASSPORT_CACHE_DIR": str(cache)}
        began = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", WRAP, *cmd], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        assert proc.stdin and proc.stdout
        proc.stdin.write(b"hi\n")
        proc.stdin.close()
        first = proc.stdout.readline()
        seconds = time.perf_counter() - began
        proc.stdout.read()
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if not first.strip() or proc.returncode:
            raise RuntimeError(f"{' '.join(cmd)} gave no reply (exit {proc.returncode}).")
        hwm = [line.split()[1] for line in err.splitlines() if line.startswith("VMHWM ")]
        rss = int(hwm[-1]) / 1024 if hwm else float("nan")
        return seconds, usage.ru_utime + usage.ru_stime, rss


def _cold_start(cfg: BenchConfig) -> dict[str, Any]:
    from settings import get_settings

    cache = get_settings().cache_dir
    ours_cmd = ["channels.cli.main", "chat", "--user", "cold"]  # what `passport` runs
    base_cmd = ["evals.baseline"]
    ours, base = [], []
    for _ in range(cfg.cold_runs):
        ours.append(_cold(ours_cmd, cache))
        base.append(_cold(base_cmd, cache))

    def med(runs: list[tuple[float, float, float]], i: int) -> float:
        return round(statistics.median(r[i] for r in runs), 2)

    return {"runs": cfg.cold_runs, "ours_s": med(ours, 0), "baseline_s": med(base, 0),
            "ours_cpu_s": med(ours, 1), "baseline_cpu_s": med(base, 1),
            "ours_rss_mb": round(max(r[2] for r in ours), 1),
            "baseline_rss_mb": round(max(r[2] for r in base), 1)}


def run_bench(quick: bool = False, reports: Path | None = None) -> dict[str, Any]:
    """Run every benchmark side by side with the baseline.

    Args:
        quick: small sizes (seconds, for smoke tests) instead of the full run.
        reports: where to draw the turn-latency chart (no chart when None).

    Returns:
        The JSON report: turn latency per stored-memory level, recall, tagging,
        verification, cold start, peak RSS, and the goals with whether each is met.
    """
    from evals.baseline import make_store
    from memory.embeddings import get_embedder
    from settings import get_settings

    cfg = QUICK if quick else FULL
    began = time.perf_counter()
    home = get_settings().home / "bench" / cfg.spec.key(get_embedder().fingerprint())
    home.mkdir(parents=True, exist_ok=True)
    with temp_home("bench", keep=home):
        texts, pool = embed_pool(cfg.spec.pool)
        built = time.perf_counter()
        users = build_chroma(cfg.spec, texts, pool, home)
        store = make_store(known=dict(zip(texts, pool, strict=True)))
        fill_store(store, cfg.spec, users, texts)
        setup_s = time.perf_counter() - built
        turns = asyncio.run(_turns(cfg, users, store))
        recall = _recall(cfg, users, store)
    report: dict[str, Any] = {
        "suite": "bench", "quick": quick, "config": asdict(cfg),
        "turn_latency": turns, "recall": recall, "tagging": _tagging(cfg),
        "verification": _verification(), "careers": _careers(quick),
        "understanding": _understanding(), "cold_start": _cold_start(cfg),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "store_setup_s": round(setup_s, 1), "machine": machine(),
    }
    report["goals"] = goals(report)
    report["seconds"] = round(time.perf_counter() - began, 1)
    if reports is not None:
        report["chart"] = str(chart(report, reports / "turn_latency.png"))
    return report


__all__ = ["FULL", "QUICK", "format_table", "run_bench"]
