"""Strengths over time: skill clusters from the user's tagged facts, each with cited quotes.

A skill counts once per item (its best tag there). Its weight adds up over items, each
weighted by recency (half-life 90 days), verification (a verified credential counts 1.5,
an unverified one 0.7), the tag's score, and 0.6 for knowledge topics (a strength is
something done). The same skill in ESCO and O*NET is one skill;
a skill whose evidence is a subset of a stronger, similar skill's evidence, or exactly the
same sentences, is folded into it as "related" and named beside it. Growth areas (what the
user wants to build) are kept apart.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from memory.embeddings import get_embedder
from prompts import render
from tools.demonstrated import shows_own_action
from tools.facts import Fact, short
from tools.faithfulness import Segment

HALF_LIFE_DAYS = 90.0
FOLD_SIMILARITY = 0.45
KNOWLEDGE_WEIGHT = 0.6  # a strength is something done; bare knowledge topics count less


class Quote(BaseModel):
    """One cited piece of evidence: a verbatim quote with its date."""

    fact_id: str
    quote: str
    date: str
    kind: str
    verified: bool = False


class Strength(BaseModel):
    """A strength: a skill cluster, its weight and 1 to 3 cited quotes."""

    label: str
    skills: list[dict[str, str]] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    weight: float
    items: int
    evidence: list[Quote]


class StrengthsResult(BaseModel):
    """3 to 7 strengths when the evidence allows, and growth areas kept apart."""

    strengths: list[Strength] = Field(default_factory=list)
    growth: list[Strength] = Field(default_factory=list)
    enough: bool = True


def key(tag: dict[str, Any]) -> tuple[str, str]:
    """One identity for a skill across frameworks (ESCO when it has an ESCO side)."""
    if tag.get("framework") == "esco":
        return "esco", str(tag["id"])
    for other in tag.get("also", []):
        if other.get("framework") == "esco":
            return "esco", str(other["id"])
    return str(tag.get("framework")), str(tag.get("id"))


def activities_under(tag: dict[str, Any]) -> list[dict[str, Any]]:
    """The O*NET work activities kept under a tag (its ``also``), as the tagger lists an
    activity under the ESCO skill it agrees with (``tools.skills.tagging._agreeing``)."""
    return [a for a in tag.get("also", []) if a.get("framework") == "onet"]


def _recency(day: str, today: date) -> float:
    try:
        age = max(0, (today - date.fromisoformat(day[:10])).days)
    except ValueError:
        return 0.5
    return max(0.25, float(0.5 ** (age / HALF_LIFE_DAYS)))


def _verification(fact: Fact) -> float:
    if fact.kind != "credential":
        return 1.0
    return 1.5 if fact.verified else 0.7


def _clusters(facts: list[Fact], polarity: str, today: date) -> list[Strength]:
    best: dict[tuple[str, str], dict[str, tuple[float, Fact, dict[str, Any]]]] = defaultdict(dict)
    for f in facts:
        if polarity == "demonstrated" and not shows_own_action(f):
            continue  # wishes, questions, struggles and others' actions are never strengths
        for t in f.skills:
            if t.get("polarity", "demonstrated") != polarity:
                continue
            w = _recency(f.date, today) * _verification(f) * float(t.get("score", 0.5) or 0.5)
            if t.get("skill_type") == "knowledge":
                w *= KNOWLEDGE_WEIGHT
            k = key(t)
            if f.item_id not in best[k] or w > best[k][f.item_id][0]:
                best[k][f.item_id] = (w, f, t)
    out = []
    for k, per_item in best.items():
        ranked = sorted(per_item.values(), key=lambda x: (x[1].verified, x[1].date, x[0]),
                        reverse=True)
        top = max(per_item.values(), key=lambda x: x[0])[2]
        quotes = [Quote(fact_id=f.id, quote=short(f.text, 160), date=f.date, kind=f.kind,
                        verified=f.verified) for _, f, _ in ranked[:3]]
        out.append(Strength(
            label=str(top["label"]), weight=round(sum(x[0] for x in per_item.values()), 4),
            items=len(per_item), evidence=quotes,
            skills=[{"framework": k[0], "id": k[1]}]))
    out.sort(key=lambda s: (-s.weight, s.label))
    return _fold(out)


def _fold(ranked: list[Strength]) -> list[Strength]:
    """Fold a weaker skill into a stronger, similar one that rests on the same sentences."""
    if not ranked:
        return ranked
    vecs = get_embedder().embed([s.label for s in ranked])
    kept: list[int] = []
    for i, s in enumerate(ranked):
        facts = {q.fact_id for q in s.evidence}
        # a similar skill on the same sentences, or any skill on exactly the same ones
        # ("train employees" and "provide mentorship", both from "Took on my first apprentice")
        host = next((k for k in kept if facts <= (theirs := {q.fact_id for q in
                                                             ranked[k].evidence})
                     and (float(vecs[i] @ vecs[k]) >= FOLD_SIMILARITY or facts == theirs)),
                    None)
        if host is not None:
            ranked[host].related.append(s.label)
            ranked[host].skills += s.skills
        else:
            kept.append(i)
    return [ranked[k] for k in kept]


def strengths(facts: list[Fact], today: date | None = None, most: int = 7) -> StrengthsResult:
    """Aggregate the user's strengths and growth areas.

    Args:
        facts: the user's facts.
        today: the reference date for recency (today by default).
        most: the maximum number of strengths (7).

    Returns:
        Up to ``most`` strengths (``enough`` is False when fewer than 3 exist) and up to 3
        growth areas that are not already strengths.
    """
    today = today or date.today()
    found = _clusters(facts, "demonstrated", today)[:most]
    shown = {tuple(sk.values()) for s in found for sk in s.skills}
    growth: list[Strength] = []
    for g in _clusters(facts, "growth", today):
        same = next((h for h in growth if {q.fact_id for q in h.evidence} ==
                     {q.fact_id for q in g.evidence}), None)
        if same is not None:  # one wish, several labels: show it once
            same.related.append(g.label)
        elif not {tuple(sk.values()) for sk in g.skills} & shown:
            growth.append(g)
    growth = growth[:3]
    return StrengthsResult(strengths=found, growth=growth, enough=len(found) >= 3)


def _quote_segment(q: Quote) -> Segment:
    mark = ", " + (render("strengths_verified_credential") if q.verified else q.kind)
    return Segment(text=f"\u201c{q.quote}\u201d ({q.date}{mark})", cites=[q.fact_id])


def blocks(result: StrengthsResult) -> list[list[Segment]]:
    """The answer as lines of segments, for rendering and for the faithfulness check."""
    if not result.strengths:
        return [[Segment(text=render("strengths_none"), role="meta")]]
    out = [[Segment(text=render("strengths_heading"), role="heading")]]
    for i, s in enumerate(result.strengths, 1):
        cites = [q.fact_id for q in s.evidence]
        also = " " + render("strengths_also", labels="; ".join(s.related[:3])) if s.related else ""
        out.append([Segment(text=f"{i}. **{s.label}**{also}", cites=cites, quiet=True)])
        out += [[Segment(text="   -", role="meta"), _quote_segment(q)] for q in s.evidence]
    if not result.enough:
        out.append([Segment(text=render("strengths_not_enough"), role="meta")])
    if result.growth:
        out.append([Segment(text=render("strengths_growth"), role="heading")])
        for g in result.growth:
            q = g.evidence[0]
            out.append([Segment(text=f"- **{g.label}**:", cites=[q.fact_id], quiet=True),
                        _quote_segment(q)])
    return out
