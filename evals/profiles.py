"""Strengths, stories and tailored profiles eval: faithfulness, coverage, STAR, latency.

Frozen synthetic users (``evals/data/users/*.json``: several weeks of reflections and
verified credentials each) and job ads (``evals/data/jobs/*.txt``) are seeded into a
temporary PASSPORT_HOME; strengths, a story and one profile per listed job are produced
offline and in "LLM mode" with a scripted model that fabricates on every call. Reported:
faithfulness violations in what reaches the user (goal 0), fabrications the checker caught,
leaks of the fabricated facts, requirement coverage and expected covered/gap agreement,
STAR completeness, and latency p50/p95.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.job_ads_eval import all_failures as ad_failures
from evals.job_ads_eval import format_lines as ad_lines
from evals.job_ads_eval import job_ads_report
from evals.personas_eval import failures as persona_failures
from evals.personas_eval import load_personas, run_part
from evals.stories_eval import failures as story_failures
from evals.stories_eval import format_line as story_line
from evals.stories_eval import report as stories_report
from tools.export_check import Format

if TYPE_CHECKING:
    from agent.results import ToolResult

DATA = Path(__file__).parent / "data"
USERS = DATA / "users"
JOBS = DATA / "jobs"
LEAK_MARKERS = ("MIT", "Google", "10 years", "world-class")
COVERED_TARGET = 0.8


def load_users() -> list[dict[str, Any]]:
    """The frozen synthetic users, by file name."""
    return [json.loads(p.read_text(encoding="utf-8")) | {"file": p.name}
            for p in sorted(USERS.glob("*.json"))]


def seed_user(data: dict[str, Any], external_id: str | None = None) -> str:
    """Store one synthetic user: reflections (tagged by the real tagger) and credentials.

    Returns:
        The user id (a CLI identity named after the user).
    """
    from memory.records import get_records
    from tools.reflection import detect_slots
    from tools.skills.tagging import tag_many

    rec = get_records()
    uid = rec.ensure_user("cli", "local", external_id or data["name"], data["name"])
    texts = [r["text"] for r in data["reflections"]]
    for r, tags in zip(data["reflections"], tag_many(texts), strict=True):
        rows = [t.model_dump() for t in tags]
        rid = rec.save_reflection(uid, {"text": r["text"], "status": "saved",
                                        "created_at": f"{r['date']}T18:00:00+00:00",
                                        "slots": detect_slots(r["text"]), "skills": rows})
        rec.add_skill_tags(uid, "reflection", rid, rows)
    creds = data.get("credentials", [])
    bodies = [". ".join(x for x in (c["name"], c.get("description"), c.get("criteria")) if x)
              for c in creds]
    for c, tags in zip(creds, tag_many(bodies) if bodies else [], strict=True):
        achievement = {"name": c["name"], "description": c.get("description"),
                       "criteria": c.get("criteria"), "issuer_name": c.get("issuer"),
                       "issued_on": f"{c['issued_on']}T00:00:00Z",
                       "source_format": "synthetic", "achievement_type": "Certificate"}
        rows = [t.model_dump() for t in tags]
        cid = rec.add_credential(
            uid, fmt="synthetic", filename=None, raw=json.dumps(achievement).encode(),
            achievement=achievement, verdict=c.get("verdict", "valid"), reasons=[],
            verdicts={"proof": "valid", "dates": "ok", "status": "ok", "issuer": "known"},
            skills=rows)
        rec.add_skill_tags(uid, "credential", cid, rows)
    return uid


def _timed(times: list[float], fn: Callable[..., ToolResult], *args: Any,
           **kwargs: Any) -> dict[str, Any]:
    """Run one cited answer, note its time, and return its record (kind, facts, reply)."""
    began = time.perf_counter()
    out = fn(*args, **kwargs)
    times.append((time.perf_counter() - began) * 1000)
    return out.record()


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def _expectations(out: dict[str, Any], job: dict[str, Any]) -> tuple[int, int, int, int]:
    """(expected covered found, expected gaps honoured, false claims, not found).

    A requirement the parser never found is a miss, never an honoured gap.
    """
    matches = out.get("matches", [])

    def status(term: str) -> str | None:
        hit = [m["status"] for m in matches if term.lower() in m["requirement"].lower()]
        return hit[0] if hit else None

    covered = sum(status(t) in ("covered", "transferable") for t in job["expect_covered"])
    # A transferable match says "related, and why": honest, not a claim of the skill itself.
    gaps = sum(status(t) in ("gap", "transferable") for t in job["expect_gap"])
    false = sum(status(t) == "covered" for t in job["expect_gap"])
    missing = sum(status(t) is None for t in job["expect_covered"] + job["expect_gap"])
    return covered, gaps, false, missing


def _export_violations(out: dict[str, Any], ad: str, uid: str, name: str) -> int:
    """Violations of the export check over the Markdown, JSON and JSON Resume of a profile."""
    from tools.export_check import check_export
    from tools.facts import facts_for
    from tools.job_ads import parse

    facts, job = {f.id: f for f in facts_for(uid)}, parse(ad)
    json_out = {k: v for k, v in out.items() if k != "text"}
    exports: list[tuple[Any, Format]] = [(out.get("text", ""), "md"), (json_out, "json"),
                                         (out.get("json_resume", {}), "jsonresume")]
    return sum(len(check_export(content, fmt, facts, job, name).violations)
               for content, fmt in exports)


def _run_mode(users: list[dict[str, Any]], model_factory: Callable[[], Any] | None
              ) -> dict[str, Any]:
    from agent.capabilities.answers import profile_for, story_for, strengths_for
    from tools.facts import facts_for

    times: dict[str, list[float]] = {"strengths": [], "story": [], "profile": []}
    r: dict[str, Any] = {"outputs": 0, "violations": 0, "caught": 0, "fallbacks": 0,
                         "repaired": 0, "leaks": 0, "coverage": [], "expected_covered": 0,
                         "expected_covered_total": 0, "gaps_honoured": 0, "gaps_total": 0,
                         "false_claims": 0, "not_found": 0, "export_violations": 0,
                         "star": [], "action_present": 0, "stories": 0,
                         "strength_counts": [], "cited_strengths": 0, "per_user": []}
    for u in users:
        uid = u["uid"]
        model = model_factory() if model_factory else None
        outs = [("strengths", _timed(times["strengths"], strengths_for, uid, model=model)),
                ("story", _timed(times["story"], story_for, uid, u["story_about"],
                                 model=model, keep_draft=False))]
        for job in u["jobs"]:
            ad = (JOBS / job["file"]).read_text(encoding="utf-8")
            out = _timed(times["profile"], profile_for, uid, ad, model=model)
            outs.append(("profile", out))
            got, honoured, false, missing = _expectations(out, job)
            r["not_found"] += missing
            r["export_violations"] += _export_violations(out, ad, uid, u["name"])
            r["coverage"].append(out.get("coverage", 0.0))
            r["expected_covered"] += got
            r["expected_covered_total"] += len(job["expect_covered"])
            r["gaps_honoured"] += honoured
            r["gaps_total"] += len(job["expect_gap"])
            r["false_claims"] += false
        own = {f.id for f in facts_for(uid)}
        for kind, out in outs:
            info = out.get("faithfulness", {})
            r["outputs"] += 1
            r["violations"] += len(info.get("violations", [])) + sum(
                1 for c in out.get("sources", []) if c not in own)
            r["caught"] += len(info.get("llm_violations", []))
            r["fallbacks"] += bool(info.get("fallback"))
            r["repaired"] += bool(info.get("repaired"))
            r["leaks"] += sum(m in out.get("text", "") for m in LEAK_MARKERS)
            if kind == "story":
                story = out.get("story", {})
                r["stories"] += 1
                r["star"].append(story.get("completeness", 0.0))
                r["action_present"] += bool(story.get("sections", {}).get("action"))
            if kind == "strengths":
                found = out.get("strengths", [])
                r["strength_counts"].append(len(found))
                r["cited_strengths"] += sum(1 for s in found if 1 <= len(s["evidence"]) <= 3)
        r["per_user"].append({"user": u["file"], "strengths": r["strength_counts"][-1],
                              "star": r["star"][-1]})
    r["latency_ms"] = {k: {"p50": _pct(v, 0.5), "p95": _pct(v, 0.95)} for k, v in times.items()}
    r["coverage"] = round(statistics.mean(r["coverage"]), 3) if r["coverage"] else 0.0
    r["star"] = round(statistics.mean(r["star"]), 3) if r["star"] else 0.0
    return r


def run_profiles_eval(limit: int | None = None) -> dict[str, Any]:
    """Seed the frozen users in a temporary data dir and run both modes.

    Args:
        limit: only the first N users (quick runs and tests); all of them by default.

    Returns:
        A JSON-able report: ``{"users", "jobs", "offline": {...}, "llm_fabricating": {...}}``.
    """
    from evals.fabricating import FabricatingChatModel
    from evals.harness import temp_home

    with temp_home("eval"):
        users = load_users()[:limit]
        for u in users:
            u["uid"] = seed_user(u)
        report = {"users": len(users),
                  "jobs": len({j["file"] for u in users for j in u["jobs"]}),
                  "offline": _run_mode(users, None),
                  "llm_fabricating": _run_mode(users, FabricatingChatModel)}
    report["job_ads"] = job_ads_report()
    report["personas_aside"] = run_part(load_personas()[1])
    report["stories_aside"] = stories_report(1)
    report["failures"] = failures(report)
    report["status"] = "failed" if report["failures"] else "ok"
    return report


def failures(report: dict[str, Any]) -> list[str]:
    """Every target the report misses, in words; empty when all are met.

    Targets: no faithfulness violation or leak reaching the user, no false claim on a gap,
    every expected requirement found by the parser, at least 80% of the expected covered
    requirements covered, and the job-ad parsing targets (:mod:`evals.job_ads_eval`).
    """
    out = ad_failures(report["job_ads"])
    out += persona_failures(report["personas_aside"])
    out += story_failures(report["stories_aside"]) if "stories_aside" in report else []
    for mode in ("offline", "llm_fabricating"):
        r = report.get(mode)
        if not r:
            continue
        for name in ("violations", "leaks", "false_claims", "not_found", "export_violations"):
            if r[name]:
                out.append(f"{mode}: {name} {r[name]} (target 0)")
        share = r["expected_covered"] / max(r["expected_covered_total"], 1)
        if share < COVERED_TARGET:
            out.append(f"{mode}: expected covered {share:.2f} (target >= {COVERED_TARGET})")
    return out


def _latency(kind: str) -> Callable[[dict[str, Any]], str]:
    return lambda r: f"{r['latency_ms'][kind]['p50']}/{r['latency_ms'][kind]['p95']}"


def format_table(report: dict[str, Any]) -> str:
    """The report as a small plain-text table, one column per mode."""
    modes = [m for m in ("offline", "llm_fabricating") if m in report]
    rows: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
        ("outputs (strengths, stories, profiles)", lambda r: r["outputs"]),
        ("faithfulness violations reaching user", lambda r: r["violations"]),
        ("fabrications caught by the checker", lambda r: r["caught"]),
        ("fell back to offline text", lambda r: r["fallbacks"]),
        ("leaked fabricated facts", lambda r: r["leaks"]),
        ("must-have coverage (mean)", lambda r: r["coverage"]),
        ("expected covered found", lambda r: f"{r['expected_covered']}/"
                                             f"{r['expected_covered_total']}"),
        ("expected gaps not claimed as covered",
         lambda r: f"{r['gaps_honoured']}/{r['gaps_total']}"),
        ("false claims on gap requirements", lambda r: r["false_claims"]),
        ("expected requirements the parser missed", lambda r: r["not_found"]),
        ("export check violations (md, json, jsonresume)", lambda r: r["export_violations"]),
        ("STAR completeness (mean)", lambda r: r["star"]),
        ("stories with an Action", lambda r: f"{r['action_present']}/{r['stories']}"),
        ("strengths per user", lambda r: ",".join(map(str, r["strength_counts"]))),
        ("strengths with 1-3 cited quotes", lambda r: r["cited_strengths"]),
        *[(f"latency {k} p50/p95 ms", _latency(k)) for k in ("strengths", "story", "profile")],
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{'metric':<{width}}  " + "  ".join(f"{m:>16}" for m in modes)]
    for name, get in rows:
        lines.append(f"{name:<{width}}  " + "  ".join(f"{get(report[m])!s:>16}" for m in modes))
    head = f"Profiles eval: {report['users']} synthetic users, {report['jobs']} job ads\n"
    return head + "\n".join(lines) + "\n\n" + format_ads(report)


def format_ads(report: dict[str, Any]) -> str:
    """Job-ad parsing lines and the targets missed."""
    lines = ["Job-ad parsing:", *ad_lines(report["job_ads"])]
    p = report.get("personas_aside", {})
    if "skipped" not in p and p:
        lines.append(f"Personas on real postings (aside third: {p['personas']} personas, "
                     f"{p['jobs']} ads): must-cover requirements found {p['found']}/"
                     f"{p['must_cover']}, quoted {p['quoted']}/{p['must_cover']}, false gaps "
                     f"{p['false_gaps']}, real gaps named {p['gaps_named']}/{p['gaps']}, "
                     f"fabrications {p['fabrications']}")
    if report.get("stories_aside"):
        lines.append(story_line(report["stories_aside"]))
    fails = report.get("failures", [])
    lines.append("Targets: all met." if not fails else "Targets missed: " + "; ".join(fails))
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_table(run_profiles_eval()))
