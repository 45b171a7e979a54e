"""What the user's evidence shows: ESCO skills with strength and quotes, and their groups.

A skill counts once per item (its best tag there). An item weighs 1.0 when it is a verified
credential, 0.75 for a reflection or saved story and 0.5 for an unverified credential, times
the tag's score; a skill's strength is its best item plus 0.15 for every further item, at
most 1. Only demonstrated skills count; wishes ("I want to learn ...") are not evidence.
O*NET tags count through their joined ESCO skill.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from tools.careers.models import Evidence
from tools.facts import Fact
from tools.strengths import activities_under, key

VERIFIED, REFLECTION, UNVERIFIED = 1.0, 0.75, 0.5
MORE_ITEMS = 0.15
RELATED = {3: 0.3, 2: 0.1}  # credit for a shown skill in the same group, by group depth


@dataclass(slots=True)
class ShownSkill:
    """One ESCO skill the user shows, how strongly, and the quotes that show it."""

    id: str
    label: str
    strength: float
    groups: tuple[str, ...] = ()
    evidence: list[Evidence] = field(default_factory=list)


def _item_weight(fact: Fact) -> float:
    if fact.kind != "credential":
        return REFLECTION
    return VERIFIED if fact.verified else UNVERIFIED


def _quote(fact: Fact, tag: dict[str, Any]) -> Evidence:
    return Evidence(fact_id=fact.id, item_id=fact.item_id, words=str(tag.get("evidence") or
                    fact.text), sentence=fact.text, date=fact.date, kind=fact.kind,
                    verified=fact.verified)


def shown_skills(facts: list[Fact]) -> dict[str, ShownSkill]:
    """The ESCO skills the user's facts demonstrate, keyed by URI.

    Args:
        facts: the user's facts (``tools.facts.facts_for``).

    Returns:
        URI -> shown skill, with up to three quotes (verified first, then newest).
    """
    best: dict[str, dict[str, tuple[float, Fact, dict[str, Any]]]] = defaultdict(dict)
    for f in facts:
        for t in f.skills:
            if t.get("polarity", "demonstrated") != "demonstrated":
                continue
            framework, uri = key(t)
            if framework != "esco":
                continue
            score = min(1.0, float(t.get("score") or 0.5))
            w = _item_weight(f) * (0.5 + 0.5 * score)
            if f.item_id not in best[uri] or w > best[uri][f.item_id][0]:
                best[uri][f.item_id] = (w, f, t)
    out = {}
    for uri, items in best.items():
        weights = sorted((w for w, _, _ in items.values()), reverse=True)
        strength = min(1.0, weights[0] + MORE_ITEMS * (len(weights) - 1))
        ranked = sorted(items.values(), key=lambda x: (x[1].verified, x[1].date, x[0]),
                        reverse=True)
        label = str(ranked[0][2].get("label", ""))
        if ranked[0][2].get("framework") != "esco":
            label = next((str(a.get("label")) for a in ranked[0][2].get("also", [])
                          if a.get("framework") == "esco"), label)
        out[uri] = ShownSkill(uri, label, round(strength, 4),
                              evidence=[_quote(f, t) for _, f, t in ranked[:3]])
    return out


def depth(code: str) -> int:
    """How deep a skill-group code sits: S4.5.0 and K0913 are 3, S4.5 and K091 are 2."""
    if code.startswith("S"):
        return code.count(".") + 1
    if code.startswith("K"):
        return len(code) - 2
    return 0


def shown_activities(facts: list[Fact]) -> dict[str, Evidence]:
    """O*NET detailed work activities the user's facts demonstrate: DWA id -> one quote."""
    out: dict[str, Evidence] = {}
    for f in sorted(facts, key=lambda f: (f.verified, f.date), reverse=True):
        for t in f.skills:
            if t.get("polarity", "demonstrated") != "demonstrated":
                continue
            # an activity shown alone, or kept under the ESCO skill it agrees with
            ids = [str(t["id"])] if t.get("framework") == "onet" else [
                str(a["id"]) for a in activities_under(t)]
            for activity in ids:
                if activity not in out:
                    out[activity] = _quote(f, t)
    return out


def parent(code: str) -> str | None:
    """The group above a skill-group code (S4.5.0 -> S4.5, K0913 -> K091), None at the top."""
    if code.startswith("S") and code.count(".") >= 2:
        return code.rsplit(".", 1)[0]
    if code.startswith("K") and len(code) >= 5:
        return code[:-1]
    return None


def group_strengths(shown: dict[str, ShownSkill]) -> dict[str, tuple[float, str]]:
    """Skill-group code -> (credit a required skill in it earns, the shown skill it comes from).

    Only occupational skill groups (S) and knowledge fields (K) count; transversal groups are
    too broad to say anything about a role.
    """
    out: dict[str, tuple[float, str]] = {}

    def offer(code: str, credit: float, label: str) -> None:
        if credit > out.get(code, (0.0, ""))[0]:
            out[code] = (credit, label)

    for s in shown.values():
        for code in s.groups:
            if depth(code) < 3:  # "K" alone (unclassified knowledge) would match everything
                continue
            offer(code, RELATED[3] * s.strength, s.label)
            up = parent(code)
            if up:
                offer(up, RELATED[2] * s.strength, s.label)
    return out
