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


async def _user(client: Any, key: str, n: int, times: dict[str, list[float]],
                errors: list[str]) -> None:
    headers = {"Authorization": f"Bearer {key}"}
    for text in messages(n):
        start = time.perf_counter()
        r = await client.post("/v1/chat", json={"message": text}, headers=headers)
        took = (time.perf_counter() - start) * 1000
        if r.status_code != 200:
            errors.append(f"chat: HTTP {r.status_code}")
        saved = r.status_code == 200 and "reflection_saved" in r.json().get("data", {})
        times["saving turn" if saved else "chat"].append(took)
    start = time.perf_counter()
    r = await client.get("/v1/strengths", headers=headers)
    times["strengths"].append((time.perf_counter() - start) * 1000)
    if r.status_code != 200:
        errors.append(f"strengths: HTTP {r.status_code}")


async def _drive(users: int) -> dict[str, Any]:
    import httpx
    import uvicorn

    from channels.http import create_app
    from memory.records import get_records

    rec = get_records()
    keys, ids = [], []
    for n in range(users):
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
    times: dict[str, list[float]] = {"chat": [], "saving turn": [], "strengths": []}
    errors: list[str] = []
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=300) as c:
            began = time.perf_counter()
            await asyncio.gather(*(_user(c, k, n, times, errors) for n, k in enumerate(keys)))
            wall = time.perf_counter() - began
    finally:
        server.should_exit = True
        await task
    requests = sum(len(v) for v in times.values())
    saved = sum(len(rec.list_reflections(uid)) for uid in ids)
    return {"users": users, "requests": requests, "errors": len(errors),
            "reflections_saved": saved,
            "error_samples": errors[:5], "seconds": round(wall, 2),
            "requests_per_s": round(requests / wall, 2),
            "latency_ms": {kind: stats(ms) for kind, ms in times.items()}}


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
    return "\n".join(lines)


__all__ = ["format_load", "run_load"]
