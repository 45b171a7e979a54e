"""`passport bench --load N`: N concurrent users through the real HTTP server (uvicorn on
127.0.0.1, the embedded store), each sending three chat turns (a turn that saves a
reflection is counted apart) and asking for strengths. Reports errors, throughput and
p50/p95 per turn kind.

A benchmark, not a timed test: the numbers depend on the machine and are reported, never
asserted. This part measures from outside only; where the time of one turn goes is what the
in-process turn-latency part of `passport bench` breaks down.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from typing import Any

from evals.bench import stats
from evals.harness import temp_home

# What people wrote in week one: many trades, moods and spellings (three turns each).
OPENERS = [
    "this week i finaly fixed the walk-in fridge at the restaurant, took me 2 nights",
    "Ich habe diese Woche die neue Kasse im Laden eingerichtet, with my colleague Mert",
    "had to calm down a patient's family on night shift, they were scared and shouting",
    "we poured the foundation for the garage extension before the rain came",
    "I taught my first yoga class for seniors, I was very nervous honestly",
    "rewrote the invoice macro in excel so the accountant stops doing it by hand",
    "drove the school bus route alone for the first time, 43 kids, no incidents",
    "organised the warehouse stock count, we found 300 missing pallets in the system",
]
FOLLOWUPS = ["it worked in the end and my boss noticed", "people were happier after, I think",
             "it saved us like 4 hours every week", "nobody got hurt and we were on time"]
LESSONS = ["I learned to ask for help earlier", "next time i'll write the steps down first",
           "i learned patience, mostly", "I learned that explaining slowly works better"]
# Added to each message by user number, so no two users send the same text (a turn's
# understanding is memoised by text: repeated texts would hide the encoder's cost).
TAILS = ["", ", to be honest", " (long week)", " lol", ", on tuesday", " again", " finally",
         " - my second try", ", with a lot of coffee", " at the new site", " in the rain",
         " while my kid was sick", " before the audit", ", in german mostly"]


def messages(n: int) -> list[str]:
    """User ``n``'s three chat messages (each distinct from other users' for n < 56)."""
    first, then = TAILS[n // len(OPENERS) % len(TAILS)], TAILS[n // 4 % len(TAILS)]
    return [OPENERS[n % len(OPENERS)] + first, FOLLOWUPS[n % len(FOLLOWUPS)] + then,
            LESSONS[(n + 1) % len(LESSONS)] + then]


KINDS = ("chat", "saving turn", "strengths")
SOLO = 5  # users measured one request at a time first, for CPU per turn kind


async def _user(client: Any, key: str, n: int, times: dict[str, list[float]],
                errors: list[str], cpu: dict[str, list[float]] | None = None) -> None:
    """One user's three chat turns and a strengths request; ``cpu`` (only meaningful when
    nothing else runs) collects this process's CPU ms per request, server and client."""
    headers = {"Authorization": f"Bearer {key}"}
    requests = [("post", "/v1/chat", text) for text in messages(n)]
    for method, path, text in [*requests, ("get", "/v1/strengths", None)]:
        start, began_cpu = time.perf_counter(), time.process_time()
        if method == "post":
            r = await client.post(path, json={"message": text}, headers=headers)
        else:
            r = await client.get(path, headers=headers)
        took, used = (time.perf_counter() - start) * 1000, (time.process_time() - began_cpu)
        if r.status_code != 200:
            errors.append(f"{path}: HTTP {r.status_code}")
        saved = r.status_code == 200 and "reflection_saved" in r.json().get("data", {})
        kind = "strengths" if method == "get" else "saving turn" if saved else "chat"
        times[kind].append(took)
        if cpu is not None:
            cpu[kind].append(used * 1000)


async def _drive(users: int) -> dict[str, Any]:
    import httpx
    import uvicorn

    from channels.http import create_app
    from memory.records import get_records

    rec = get_records()
    keys, ids = [], []
    for n in range(users + SOLO):
        key = "tp_load_" + secrets.token_urlsafe(16)
        ids.append(rec.ensure_user("http", "api", f"load-{n}", f"Load {n}"))
        rec.create_api_key(ids[-1], key)
        keys.append(key)
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=0,
                                           log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    solo: dict[str, list[float]] = {k: [] for k in KINDS}
    cpu: dict[str, list[float]] = {k: [] for k in KINDS}
    errors: list[str] = []
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=300) as c:
            for n in range(users, users + SOLO):  # alone first: CPU per turn kind
                await _user(c, keys[n], n, solo, errors, cpu)
            load_before, began_cpu = os.getloadavg()[0], time.process_time()
            began = time.perf_counter()
            await asyncio.gather(*(_user(c, keys[n], n, times, errors)
                                   for n in range(users)))
            wall, used = time.perf_counter() - began, time.process_time() - began_cpu
    finally:
        server.should_exit = True
        await task
    requests = sum(len(v) for v in times.values())
    saved = sum(len(rec.list_reflections(uid)) for uid in ids[:users])
    return {"users": users, "requests": requests, "errors": len(errors),
            "reflections_saved": saved,
            "error_samples": errors[:5], "seconds": round(wall, 2),
            "requests_per_s": round(requests / wall, 2),
            "latency_ms": {kind: stats(ms) for kind, ms in times.items()},
            "cpu_s": round(used, 2), "cpu_ms_per_request": round(used * 1000 / requests, 1),
            "alone": {"users": SOLO, "latency_ms": {k: stats(v, cpu[k]) for k, v in solo.items()}},
            # other processes on the machine: the 1-minute load average at the start and end
            "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)]}


def run_load(users: int = 50) -> dict[str, Any]:
    """Drive ``users`` concurrent users through a fresh server on a temporary data dir.

    Args:
        users: how many people chat at once.

    Returns:
        The JSON report: errors, throughput, and p50/p95 per turn kind.
    """
    with temp_home("load"):
        report = asyncio.run(_drive(users))
    return {"suite": "bench-load", **report}


def format_load(report: dict[str, Any]) -> str:
    """A plain-text table of a load report."""
    lines = [f"{report['users']} concurrent users, {report['requests']} requests in "
             f"{report['seconds']} s: {report['requests_per_s']} requests/s, "
             f"{report['errors']} errors",
             f"{'turn kind':<14}{'p50 ms':>10}{'p95 ms':>10}{'n':>6}"]
    for kind, s in report["latency_ms"].items():
        lines.append(f"{kind:<14}{s['p50']:>10}{s['p95']:>10}{s['n']:>6}")
    if "alone" in report:
        lines.append(f"one user at a time ({report['alone']['users']} users): CPU ms of this "
                     "process (server and client) per request")
        for kind, s in report["alone"]["latency_ms"].items():
            lines.append(f"{kind:<14}{'cpu p50':>10}{s.get('cpu_p50', float('nan')):>10}"
                         f"{s['n']:>6}")
        lines.append(f"under load: {report['cpu_ms_per_request']} CPU ms per request; load "
                     f"average {report['load_average'][0]} -> {report['load_average'][1]} "
                     f"({os.cpu_count()} cores)")
    return "\n".join(lines)


__all__ = ["format_load", "run_load"]
