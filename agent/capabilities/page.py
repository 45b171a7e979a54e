"""What the passport page shows, gathered for one user: skills map, timeline, strengths,
credentials, stories and reminder settings, every item carrying the fact ids of its evidence.

Read-only and deterministic: the facts come from ``tools.facts`` (one verbatim sentence
per fact, id ``<item_id>#<n>``), strengths from ``tools.strengths`` over the same facts (so
the facts are read once per page), the rest from the records. Nothing here sees another
user's rows: every read is keyed by ``user_id``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from agent import accounts
from memory.records import get_records
from tools import strengths as strengths_tool
from tools.facts import Fact, facts_for, open_citation, short
from tools.skills.frameworks import group_title

OTHER_GROUP = "Other skills"


def warm_up() -> None:
    """Load the embedding model (strengths fold similar skills with it) ahead of the first
    page."""
    from memory.embeddings import get_embedder

    get_embedder().embed(["warm up"])


@dataclass
class Skill:
    """One skill on the map: how many items show it, and whether a verified credential does."""

    label: str
    items: set[str] = field(default_factory=set)
    fact_ids: list[str] = field(default_factory=list)
    verified: bool = False


@dataclass
class Group:
    """A skill group, sized by the number of distinct items that evidence it."""

    name: str
    skills: list[Skill]

    @property
    def items(self) -> int:
        """Distinct evidence items across the group."""
        return len({i for s in self.skills for i in s.items})

    @property
    def verified(self) -> bool:
        """True when a verified credential evidences one of its skills."""
        return any(s.verified for s in self.skills)


@dataclass
class View:
    """Everything the private page shows."""

    name: str
    groups: list[Group]
    weeks: list[dict[str, Any]]
    strengths: list[dict[str, Any]]
    growth: list[dict[str, Any]]
    credentials: list[dict[str, Any]]
    stories: list[dict[str, Any]]
    reminder: dict[str, Any] | None
    counts: dict[str, int]
    careers: list[dict[str, Any]] = field(default_factory=list)


def _key(tag: dict[str, Any]) -> tuple[str, str]:
    return strengths_tool.key(tag)


def skill_groups(facts: list[Fact]) -> list[Group]:
    """Demonstrated skills grouped by their framework group, biggest group first."""
    skills: dict[tuple[str, str], Skill] = {}
    group_of: dict[tuple[str, str], str] = {}
    for f in facts:
        for t in f.skills:
            if t.get("polarity", "demonstrated") != "demonstrated":
                continue
            k = _key(t)
            s = skills.setdefault(k, Skill(label=str(t.get("label") or k[1])))
            group_of.setdefault(k, group_title(t.get("group")) or OTHER_GROUP)
            s.items.add(f.item_id)
            s.verified = s.verified or f.verified
            if f.id not in s.fact_ids:
                s.fact_ids.append(f.id)
    by_group: dict[str, list[Skill]] = defaultdict(list)
    for k, s in skills.items():
        by_group[group_of[k]].append(s)
    groups = [Group(name, sorted(ss, key=lambda s: (-len(s.items), s.label)))
              for name, ss in by_group.items()]
    return sorted(groups, key=lambda g: (-g.items, g.name == OTHER_GROUP, g.name))


def _unique(tags: list[tuple[dict[str, Any], str]]) -> list[dict[str, str]]:
    """One entry per skill label (the first sentence that shows it)."""
    seen: dict[str, str] = {}
    for t, fid in tags:
        seen.setdefault(str(t["label"]), fid)
    return [{"label": label, "fact_id": fid} for label, fid in seen.items()]


def timeline(facts: list[Fact], reflections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Growth moments (saved reflections) by ISO week, oldest first, with their skills and
    the credentials dated in that week."""
    by_item: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_item[f.item_id].append(f)
    weeks: dict[str, dict[str, Any]] = {}
    for r in reflections:
        mine = by_item.get(r["id"], [])
        if not mine:
            continue
        week = weeks.setdefault(r["week"], {"week": r["week"], "moments": [],
                                            "credentials": []})
        shown = [(t, f.id) for f in mine for t in f.skills
                 if t.get("polarity", "demonstrated") == "demonstrated"]
        growth = [(t, f.id) for f in mine for t in f.skills if t.get("polarity") == "growth"]
        week["moments"].append({
            "id": r["id"], "date": mine[0].date, "excerpt": short(str(r["text"]), 220),
            "fact_id": mine[0].id, "skills": _unique(shown), "growth": _unique(growth)})
    for f in facts:
        if f.kind == "credential" and f.id.endswith("#1") and f.date:
            try:
                wk = date.fromisoformat(f.date).strftime("%G-W%V")
            except ValueError:
                continue
            weeks.setdefault(wk, {"week": wk, "moments": [], "credentials": []})[
                "credentials"].append({"label": f.text, "fact_id": f.id,
                                       "verified": f.verified})
    return [weeks[k] for k in sorted(weeks)]


def credential_rows(user_id: str, ids: list[str] | None = None) -> list[dict[str, Any]]:
    """The user's credentials (or the picked ones) without raw bytes, with display fields."""
    out = []
    for row in get_records().list_credentials(user_id):
        if ids is not None and row["id"] not in ids:
            continue
        ach = row.get("achievement") or {}
        out.append({
            "id": row["id"], "name": str(ach.get("name") or "Credential"),
            "issuer": ach.get("issuer_name") or ach.get("issuer_id") or "",
            "issued": str(ach.get("issued_on") or ach.get("valid_from") or "")[:10],
            "valid_until": str(ach.get("valid_until") or "")[:10],
            "description": ach.get("description") or "", "verdict": row["verdict"],
            "verdicts": row.get("verdicts") or {}, "reasons": row.get("reasons") or [],
            "format": row["format"], "filename": row.get("filename") or "",
            "fact_id": f"{row['id']}#1",
            "skills": sorted({str(s.get("label")) for s in row.get("skills") or []
                              if s.get("label")})})
    return out


def story_rows(user_id: str, ids: list[str] | None = None) -> list[dict[str, Any]]:
    """The user's stories (or the picked ones), newest first."""
    rows = [r for r in get_records().list_stories(user_id) if ids is None or r["id"] in ids]
    return [{"id": r["id"], "title": r["title"], "status": r["status"],
             "date": str(r.get("updated_at") or r["created_at"])[:10],
             "sections": {k: v for k, v in (r.get("sections") or {}).items() if v},
             "citations": r.get("citations") or {}} for r in reversed(rows)]


def passport_view(user_id: str) -> View:
    """Everything the private page shows for this user.

    Args:
        user_id: whose passport.

    Returns:
        The page's data; empty sections when the user has nothing yet.
    """
    rec = get_records()
    facts = facts_for(user_id)
    reflections = rec.list_reflections(user_id)
    found = strengths_tool.strengths(facts)
    credentials = credential_rows(user_id)
    stories = story_rows(user_id)
    return View(
        name=display_name(user_id), groups=skill_groups(facts),
        weeks=timeline(facts, reflections),
        strengths=[s.model_dump() for s in found.strengths],
        growth=[g.model_dump() for g in found.growth], credentials=credentials,
        stories=stories, reminder=rec.get_reminder(user_id),
        counts={"reflections": len(reflections), "credentials": len(credentials),
                "stories": len(stories),
                "verified": sum(c["verdict"] == "valid" for c in credentials)},
        careers=_careers(user_id))


def _careers(user_id: str) -> list[dict[str, Any]]:
    """Roles that fit, for the "where you could go" section (empty if not installed)."""
    try:
        from tools.careers.explore import explore_roles
    except ImportError:
        return []
    return [r.model_dump() for r in explore_roles(user_id, ask=False).roles]


def citation(user_id: str, fact_id: str) -> dict[str, Any] | None:
    """One of this user's citations: the exact sentence, its date and the whole item."""
    return open_citation(user_id, fact_id)


def display_name(user_id: str) -> str:
    """The user's name as the page shows it (``You`` when unknown): the name they told the
    coach, else the platform's (:func:`agent.accounts.shown_name`)."""
    return accounts.shown_name(user_id) or "You"


def owns_item(user_id: str, table: str, item_id: str) -> bool:
    """True when the credential or story ``item_id`` is this user's."""
    return get_records().get_item(user_id, table, item_id) is not None


def credential_file(user_id: str, cred_id: str) -> dict[str, Any] | None:
    """One of the user's credentials with its raw bytes (for download), or None."""
    return get_records().get_item(user_id, "credentials", cred_id)


def picked_credentials(user_id: str, ids: set[str]) -> list[dict[str, Any]]:
    """The user's credentials among ``ids`` (raw bytes included), oldest first."""
    return [c for c in get_records().list_credentials(user_id) if c["id"] in ids]
