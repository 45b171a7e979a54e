"""A hand-tagged passport for fast evidence tests (no skill index needed).

Four weeks of reflections with skill tags whose evidence spans are real slices of the text,
one verified and one unverifiable credential. All of it is synthetic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from memory.records import get_records

WEEKS: list[tuple[str, str, list[tuple[str, ...]]]] = [
    ("2026-10-12", "This week at work we had to migrate the customer database to Postgres.\n"
                   "I wrote Python scripts to check every table and I led the cutover on "
                   "Sunday.\nI learned that rehearsing the cutover twice makes it calm.",
     [("database migration", "migrate the customer database"),
      ("use scripting programming", "wrote Python scripts"), ("lead a team", "I led the cutover")]),
    ("2026-10-19", "I paired with a new colleague and explained how our SQL queries work.\n"
                   "She fixed her first bug on Thursday.",
     [("mentor individuals", "paired with a new colleague"), ("SQL", "SQL queries")]),
    ("2026-10-26", "I profiled the slow report queries and added two indexes.\nThe report now "
                   "loads in four seconds.\nI want to get better at public speaking.",
     [("optimise database performance", "profiled the slow report queries"),
      ("public speaking", "get better at public speaking", "growth")]),
    ("2026-11-02", "I wrote the runbook for the migration and presented it to the support "
                   "team.\nThey now handle the first checks themselves.",
     [("write technical documentation", "wrote the runbook"),
      ("lead a team", "presented it to the support team")]),
]


def _tag(text: str, label: str, evidence: str, polarity: str = "demonstrated") -> dict[str, Any]:
    start = text.index(evidence)
    sid = f"http://data.europa.eu/esco/skill/{label.replace(' ', '-')}"
    return {"framework": "esco", "id": sid,
            "label": label, "score": 0.7, "evidence": evidence, "start": start,
            "end": start + len(evidence), "polarity": polarity, "also": []}


def save_weeks(uid: str, weeks: Any, make_tag: Callable[..., dict[str, Any]]) -> None:
    """Save one reflection per (day, text, tags) row of ``weeks``, with its skill tags."""
    rec = get_records()
    for day, text, tags in weeks:
        rows = [make_tag(text, *t) for t in tags]
        rid = rec.save_reflection(uid, {"text": text, "status": "saved", "skills": rows,
                                        "created_at": f"{day}T18:00:00+00:00"})
        rec.add_skill_tags(uid, "reflection", rid, rows)


def seed(name: str = "ana") -> str:
    """Create the user and their items; returns the user id."""
    rec = get_records()
    uid = rec.ensure_user("cli", "local", name, name.capitalize())
    save_weeks(uid, WEEKS, _tag)
    for name_, verdict in (("PostgreSQL Administration Fundamentals", "valid"),
                           ("Team Leadership Workshop", "unverifiable-offline")):
        rec.add_credential(
            uid, fmt="synthetic", filename=None, raw=b"{}", verdict=verdict, reasons=[],
            verdicts={}, achievement={
                "name": name_, "issuer_name": "Open Data Academy",
                "issued_on": "2026-06-30T00:00:00Z", "source_format": "synthetic",
                "description": "The learner planned and ran a database migration."},
            skills=[{"framework": "esco", "id": "http://data.europa.eu/esco/skill/database-"
                     "migration", "label": "database migration", "score": 0.9, "evidence": "",
                     "start": 0, "end": 0, "polarity": "demonstrated", "also": []}])
    return uid
