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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from evals.bench_recall import recall, server_recall
from evals.bench_report import chart, format_table, goals
from evals.bench_store import StoreSpec, build_chroma, embed_pool, fill_store, sentences
from evals.bench_timing import Timer, stats
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


@contextmanager
def _bench_store(cfg: BenchConfig) -> Iterator[tuple[Path, dict[str, Any], Any, float]]:
    """The bench store (built once under the data dir) and the baseline's copy of it, with
    PASSPORT_HOME pointing there; yields the folder, the users, the baseline store and the
    seconds the set-up took."""
    from evals.baseline import make_store
    from memory.embeddings import get_embedder
    from settings import get_settings

    home = get_settings().home / "bench" / cfg.spec.key(get_embedder().fingerprint())
    home.mkdir(parents=True, exist_ok=True)
    with temp_home("bench", keep=home):
        texts, pool = embed_pool(cfg.spec.pool, cache=home / "pool.npy")
        built = time.perf_counter()
        users = build_chroma(cfg.spec, texts, pool, home)
        store = make_store(known=dict(zip(texts, pool, strict=True)))
        fill_store(store, cfg.spec, users, texts)
        yield home, users, store, time.perf_counter() - built


def _recalls(cfg: BenchConfig, home: Path, users: dict[str, Any], store: Any
             ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Recall on the embedded store, then on a Chroma server over the same files."""
    embedded = recall(cfg.queries, users, store, cfg.spec.recall_total)
    try:
        server = server_recall(cfg.queries, users, store, cfg.spec.recall_total, home)
    except RuntimeError as err:  # no `chroma` command, or it did not start
        server = {"error": str(err)}
    return embedded, server


def run_recall(quick: bool = False) -> dict[str, Any]:
    """Only the recall part (embedded and on a Chroma server), ours beside the baseline.

    Args:
        quick: small sizes (seconds) instead of 100,000 memories for 1,000 users.

    Returns:
        The JSON report: ``recall`` (embedded) and ``recall_server``.
    """
    cfg = QUICK if quick else FULL
    with _bench_store(cfg) as (home, users, store, setup_s):
        embedded, server = _recalls(cfg, home, users, store)
    return {"suite": "bench-recall", "quick": quick, "recall": embedded,
            "recall_server": server, "store_setup_s": round(setup_s, 1), "machine": machine()}


def run_bench(quick: bool = False, reports: Path | None = None) -> dict[str, Any]:
    """Run every benchmark side by side with the baseline.

    Args:
        quick: small sizes (seconds, for smoke tests) instead of the full run.
        reports: where to draw the turn-latency chart (no chart when None).

    Returns:
        The JSON report: turn latency per stored-memory level, recall (embedded and on a
        Chroma server), tagging, verification, cold start, peak RSS, and the goals with
        whether each is met.
    """
    cfg = QUICK if quick else FULL
    began = time.perf_counter()
    with _bench_store(cfg) as (home, users, store, setup_s):
        turns = asyncio.run(_turns(cfg, users, store))
        embedded, server = _recalls(cfg, home, users, store)
    report: dict[str, Any] = {
        "suite": "bench", "quick": quick, "config": asdict(cfg),
        "turn_latency": turns, "recall": embedded, "recall_server": server,
        "tagging": _tagging(cfg), "verification": _verification(),
        "careers": _careers(quick), "understanding": _understanding(),
        "cold_start": _cold_start(cfg),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "store_setup_s": round(setup_s, 1), "machine": machine(),
    }
    report["goals"] = goals(report)
    report["seconds"] = round(time.perf_counter() - began, 1)
    if reports is not None:
        report["chart"] = str(chart(report, reports / "turn_latency.png"))
    return report


__all__ = ["FULL", "QUICK", "format_table", "run_bench", "run_recall", "stats"]
