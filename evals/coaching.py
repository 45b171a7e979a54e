"""The coaching suite: scripted weekly-reflection conversations through the real agent.

Every conversation in ``evals/data/coaching/*.jsonl`` (one JSON object per line: ``id``,
``persona``, ``about``, ``turns`` of ``{"user": ..., "expect": {...}}``) is played turn by
turn through :class:`agent.service.AgentService` (real graph, real SQLite and Chroma in a
temporary data dir) and every reply is checked by :mod:`evals.checks`. The offline coach
answers unless ``llm=True``; an ICF-style rubric is scored by an LLM judge only when a
provider is configured (:mod:`evals.rubric`).

Expectations a turn may carry: ``distress`` (a crisis answer is required), ``asks_advice``
(advice is allowed), ``growth`` (phrases that must never be listed as strengths), ``kind``
(the tool result expected, e.g. ``reflection_saved``), ``new_session`` (start a new
conversation thread before this turn, as next week's chat would).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.checks import Check, Turn, as_dicts, run_checks
from evals.harness import temp_home
from evals.stored import stored_check

DATA = Path(__file__).parent / "data" / "coaching"


@dataclass
class Conversation:
    """One scripted conversation of the frozen set."""

    id: str
    persona: str
    about: str
    turns: list[dict[str, Any]]
    stored: int | None = None


def load_conversations(folder: Path = DATA) -> list[Conversation]:
    """Every conversation of the frozen set, in file and line order.

    Raises:
        ValueError: a line is not a valid conversation (says which file and line).
    """
    out: list[Conversation] = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                turns = [t if isinstance(t, dict) else {"user": t} for t in row["turns"]]
                out.append(Conversation(row["id"], row["persona"], row.get("about", ""), turns,
                                        row.get("stored")))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path.name} line {n} is not a valid conversation "
                                 f"({exc}).") from exc
    ids = [c.id for c in out]
    if len(ids) != len(set(ids)):
        raise ValueError("Two conversations share an id; every id must be unique.")
    return out


def _kind(data: dict[str, Any]) -> str | None:
    kinds = [k for k in data if k != "None"]
    return kinds[-1] if kinds else None


async def run_conversation(service: Any, conv: Conversation, offline: bool) -> dict[str, Any]:
    """Play one conversation through the service and check every reply.

    Args:
        service: a started :class:`AgentService`.
        conv: the scripted conversation.
        offline: the offline coach answers (the offline notice is expected once per user).

    Returns:
        The conversation's entry of the report, with every turn's reply and checks.
    """
    user_id = service.user_for("eval", "coaching", conv.id, conv.persona)
    session = 0
    history: list[Turn] = []
    turns: list[dict[str, Any]] = []
    latencies: list[float] = []
    for i, spec in enumerate(conv.turns):
        expect = dict(spec.get("expect", {}))
        if expect.get("new_session"):
            session, history = session + 1, []
        began = time.perf_counter()
        reply = await service.handle(user_id, spec["user"], channel="eval",
                                     conversation=f"{conv.id}-{session}",
                                     display_name=conv.persona.split(",")[0])
        latencies.append((time.perf_counter() - began) * 1000)
        turn = Turn(user=spec["user"], reply=reply.text, kind=_kind(reply.data),
                    data=reply.data, expect=expect)
        checks = run_checks(turn, history, offline=offline, first=i == 0)
        history.append(turn)
        turns.append({"turn": i + 1, "user": spec["user"], "reply": reply.text,
                      "kind": turn.kind, "tools": reply.tools, "expect": expect,
                      "checks": as_dicts(checks), "passed": all(c.passed for c in checks)})
    stored, texts = read_back(user_id, conv)
    failed = [f"turn {t['turn']}: {c['name']} ({c['detail']})" for t in turns
              for c in t["checks"] if not c["passed"]]
    failed += [f"after the conversation: {stored.name} ({stored.detail})"] if not stored.passed \
        else []
    return {"id": conv.id, "persona": conv.persona, "about": conv.about,
            "passed": not failed, "failures": failed, "turns": turns,
            "checks": as_dicts([stored]), "stored": texts,
            "ms_per_turn": round(sum(latencies) / max(len(latencies), 1), 1)}


def read_back(user_id: str, conv: Conversation) -> tuple[Check, list[str]]:
    """The ``stored_records`` check over what the user's passport holds after the talk, and
    the stored growth moments' words."""
    from memory.records import get_records

    records = get_records()
    rows = records.list_reflections(user_id) + records.list_reflections(user_id, "draft")
    check = stored_check(conv.turns, rows, records.user_skills(user_id), conv.stored)
    return check, [str(r["text"]) for r in rows]


async def run_all(conversations: list[Conversation], llm: bool = False) -> list[dict[str, Any]]:
    """Play every conversation through one service (one user per conversation)."""
    from agent.coach import OfflineCoach
    from agent.service import AgentService

    service = AgentService(model=None if llm else OfflineCoach())
    async with service:
        offline = not service.llm
        return [await run_conversation(service, c, offline) for c in conversations]


def run_coaching_eval(ids: list[str] | None = None, llm: bool = False,
                      judge: bool | None = None) -> dict[str, Any]:
    """Run the coaching suite in a temporary data dir.

    Args:
        ids: only these conversation ids (all by default).
        llm: let the configured LLM answer instead of the offline coach.
        judge: score the ICF-style rubric with the LLM judge (default: when configured).

    Returns:
        The report: ``conversations`` (one entry each, with per-turn checks), ``summary``
        (pass counts per check) and ``rubric`` (scores, or why it was skipped).
    """
    conversations = [c for c in load_conversations() if not ids or c.id in ids]
    if ids and not conversations:
        raise ValueError(f"No conversation has the id {ids[0]!r}.")
    began = time.perf_counter()
    with temp_home("coaching"):
        results = asyncio.run(run_all(conversations, llm=llm))
    from evals.rubric import score_rubric

    rubric = score_rubric(results, enabled=judge)
    return {"suite": "coaching", "mode": "llm" if llm else "offline",
            "seconds": round(time.perf_counter() - began, 1),
            "summary": summarise(results), "rubric": rubric, "conversations": results}


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Pass counts per check over every turn (and every conversation's read-back of what
    was stored), and conversations passed."""
    per: dict[str, list[int]] = {}
    for conv in results:
        for c in [c for turn in conv["turns"] for c in turn["checks"]] + conv.get("checks", []):
            ok_total = per.setdefault(c["name"], [0, 0])
            ok_total[0] += int(c["passed"])
            ok_total[1] += 1
    return {"conversations": len(results),
            "conversations_passed": sum(r["passed"] for r in results),
            "turns": sum(len(r["turns"]) for r in results),
            "checks": {k: {"passed": v[0], "total": v[1]} for k, v in sorted(per.items())}}


def format_table(report: dict[str, Any]) -> str:
    """The report as Markdown: pass counts per check, then any failures."""
    s = report["summary"]
    lines = [f"Coaching suite ({report['mode']}): {s['conversations_passed']}/"
             f"{s['conversations']} conversations passed, {s['turns']} turns.", "",
             "| check | passed | total |", "|---|---|---|"]
    lines += [f"| {k} | {v['passed']} | {v['total']} |" for k, v in s["checks"].items()]
    failures = [f"- {c['id']}: {f}" for c in report["conversations"] for f in c["failures"]]
    if failures:
        lines += ["", "Failures:", *failures]
    rubric = report.get("rubric", {})
    lines += ["", f"ICF rubric: {rubric.get('summary', rubric.get('status', 'skipped'))}"]
    return "\n".join(lines)
