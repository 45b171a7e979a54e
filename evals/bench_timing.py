"""Timing helpers of the benchmarks: percentiles, and wall and CPU time per call."""

from __future__ import annotations

import time


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of the values, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def stats(ms: list[float], cpu: list[float] | None = None) -> dict[str, float]:
    """p50, p95 and count of wall-clock latencies in milliseconds (and the CPU ms p50 / p95 of
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


__all__ = ["Timer", "pct", "stats"]
