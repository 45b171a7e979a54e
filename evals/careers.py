"""Careers eval: roles that fit and growth paths for personas, reported on the aside third.

Personas (``evals/data/careers/personas.jsonl``: trades, 4+ weeks of reflections each, some
credentials, the ESCO roles a careers adviser would name, a target in their own words) are
seeded through the real tagging path (``evals.profiles.seed_user``) into a temporary data
dir. Every third persona (line index 2, 5, 8, ...) is set aside: tuning looked only at the
others; the numbers that count are the aside ones. Per persona:

- **fit@10**: one of the adviser's roles is among the 10 roles shown; MRR of the first one;
- **growth path**: the target words resolve to the target occupation (after one question
  when ambiguous, answered with the label as a user would pick it) and the plan's first
  steps are essential skills of that occupation that the user does not show yet; the same
  for the whole question as the persona would ask it ("from the question");
- **never a reflection**: both questions, asked in chat through the real agent service,
  leave the user's saved and draft reflections unchanged;
- latency of a warm ``explore_roles`` call.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "careers" / "personas.jsonl"
TOP = 10


def load_personas() -> list[dict[str, Any]]:
    """The personas, each with ``aside`` set by the fixed rule (every third line)."""
    lines = [json.loads(x) for x in DATA.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [p | {"aside": i % 3 == 2} for i, p in enumerate(lines)]


def _roles(p: dict[str, Any]) -> dict[str, Any]:
    from tools.careers.explore import explore_roles

    started = time.perf_counter()
    result = explore_roles(p["uid"])
    ms = (time.perf_counter() - started) * 1000
    shown = [r.label for r in result.roles[:TOP]]
    ranks = [i for i, label in enumerate(shown, 1) if label in p["roles"]]
    return {"roles_shown": shown, "fit": bool(ranks), "rr": 1 / ranks[0] if ranks else 0.0,
            "ms": ms, "stretch": [r.label for r in result.roles if r.kind == "stretch"]}


def _plan(p: dict[str, Any], words: str) -> dict[str, Any]:
    from tools.careers.data import load
    from tools.careers.explore import plan_growth

    data = load()
    out = plan_growth(p["uid"], words)
    asked = out.plan is None and out.resolution.how == "ambiguous"
    if asked and p["target_label"] in [o["label"] for o in out.resolution.options]:
        out = plan_growth(p["uid"], p["target_label"])
    if out.plan is None:
        return {"resolved": None, "asked": asked, "useful": False, "steps": []}
    occ = next(o for o in data.occupations if o.id == out.plan.target.id)
    essential = {data.skills[i].id for i in occ.essential}
    first = out.plan.steps[:5]
    fitting = sum(s.id in essential and s.id not in {m.id for m in out.plan.have}
                  for s in first)
    useful = out.plan.target.label == p["target_label"] and bool(first) and fitting == len(first)
    return {"resolved": out.plan.target.label, "asked": asked, "useful": useful,
            "steps": [s.label for s in first]}


async def _not_stored(personas: list[dict[str, Any]]) -> None:
    from agent.coach import OfflineCoach
    from agent.service import AgentService
    from memory.records import get_records

    rec = get_records()
    async with AgentService(model=OfflineCoach()) as service:
        for p in personas:
            before = [len(rec.list_reflections(p["uid"], s)) for s in ("saved", "draft")]
            tools: list[str] = []
            for q in (p["explore_q"], p["plan_q"]):
                reply = await service.handle(p["uid"], q, conversation="careers-eval")
                tools += reply.tools
            after = [len(rec.list_reflections(p["uid"], s)) for s in ("saved", "draft")]
            p["chat_tools"] = tools
            p["not_stored"] = before == after and "reflect" not in tools


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    ms = sorted(r["ms"] for r in rows)
    return {"personas": n, "fit_at_10": sum(r["fit"] for r in rows),
            "mrr": round(statistics.mean(r["rr"] for r in rows), 3) if rows else 0.0,
            "growth_paths": sum(r["useful"] for r in rows),
            "growth_paths_from_question": sum(r["question_useful"] for r in rows),
            "not_stored": sum(r.get("not_stored", False) for r in rows),
            "explore_ms_p50": round(ms[n // 2], 1) if rows else 0.0,
            "explore_ms_max": round(ms[-1], 1) if rows else 0.0}


def run_careers_eval(limit: int | None = None, chat: bool = True) -> dict[str, Any]:
    """Seed the personas in a temporary data dir and measure both questions.

    Args:
        limit: only the first N personas (quick runs and tests).
        chat: also ask both questions through the agent service (never stored).

    Returns:
        A JSON-able report: per-persona rows and a summary for the tuning and aside parts.
    """
    from evals.harness import temp_home
    from evals.profiles import seed_user
    from tools.careers.explore import explore_roles

    with temp_home("careers"):
        personas = load_personas()[:limit]
        for p in personas:
            p["uid"] = seed_user(p)
        explore_roles(personas[0]["uid"])  # warm: data and embedder loaded once
        rows = []
        for p in personas:
            asked = _plan(p, p["plan_q"])
            rows.append({"name": p["name"], "aside": p["aside"], "roles": p["roles"],
                         "target": p["target_label"], **_roles(p), **_plan(p, p["target"]),
                         "question_resolved": asked["resolved"],
                         "question_useful": asked["useful"]})
        if chat:
            asyncio.run(_not_stored(personas))
            for r, p in zip(rows, personas, strict=True):
                r["not_stored"] = p["not_stored"]
                r["chat_tools"] = p["chat_tools"]
    return {"status": "ok", "split": "every third persona (line index % 3 == 2) aside",
            "aside": _summary([r for r in rows if r["aside"]]),
            "tuning": _summary([r for r in rows if not r["aside"]]), "rows": rows}


def format_table(report: dict[str, Any]) -> str:
    """The summary as a small table, aside part first."""
    keys = ["personas", "fit_at_10", "mrr", "growth_paths", "growth_paths_from_question",
            "not_stored", "explore_ms_p50", "explore_ms_max"]
    lines = [f"{'metric':<26}  {'aside':>8}  {'tuning':>8}"]
    lines += [f"{k:<26}  {report['aside'][k]!s:>8}  {report['tuning'][k]!s:>8}" for k in keys]
    for r in report["rows"]:
        mark = "aside" if r["aside"] else "tune"
        lines.append(f"[{mark}] {r['name']}: fit={r['fit']} top={r['roles_shown'][:3]} "
                     f"plan={r['resolved']} useful={r['useful']}")
    return "Careers eval (" + report["split"] + ")\n" + "\n".join(lines)


if __name__ == "__main__":
    print(format_table(run_careers_eval()))


def bench_explore(personas: int = 3, runs: int = 5) -> dict[str, Any]:
    """Warm ``explore_roles`` and ``plan_growth`` latency (ms p50 / p95) on seeded personas.

    Args:
        personas: how many personas to seed (the first ones, through the real tagger).
        runs: timed calls per persona and question.

    Returns:
        ``{"personas", "explore": {p50, p95}, "plan": {p50, p95}}``.
    """
    from evals.harness import temp_home
    from evals.profiles import seed_user
    from tools.careers.explore import explore_roles, plan_growth

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    times: dict[str, list[float]] = {"explore": [], "plan": []}
    with temp_home("careers-bench"):
        people = load_personas()[:personas]
        for p in people:
            p["uid"] = seed_user(p)
        explore_roles(people[0]["uid"])  # warm: data, embedder and label tables loaded once
        plan_growth(people[0]["uid"], people[0]["target"])
        for p in people:
            for _ in range(runs):
                began = time.perf_counter()
                explore_roles(p["uid"])
                times["explore"].append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                plan_growth(p["uid"], p["target"])
                times["plan"].append((time.perf_counter() - began) * 1000)
    return {"personas": len(people)} | {k: {"p50": pct(v, 0.5), "p95": pct(v, 0.95)}
                                         for k, v in times.items()}
