"""Matching by meaning: a requirement the user's own words show, in other words.

Runs after the skill and term match of :mod:`tools.profile`, on what is still a gap. A
requirement is **covered** when one of the user's done sentences is close in meaning
(sentence embeddings) *and* they share a concept (the same framework skill, or a content
word such as "escalated" / "escalation"); **transferable** when the meaning is close
without a shared concept, and the reason names what both are about in plain words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from memory.embeddings import get_embedder
from tools.evidence import Fact
from tools.skills.text import content_lemmas

COVER_MIN = 0.15  # similarity (sentence or its whole item) needed with a shared concept
NEAR_MIN = 0.5  # similarity alone: transferable, never covered
_GENERIC_WORDS = ("experience experienced ability able skill skills good strong excellent "
                  "knowledge work working team year years role high level great proven "
                  "understanding demonstrate demonstrated environment candidate")
GENERIC = frozenset(_GENERIC_WORDS.split(" "))


def _key(tag: dict[str, Any]) -> tuple[str, str]:
    return str(tag.get("framework", "")), str(tag.get("id", ""))


def shared_concept(req_tags: Sequence[dict[str, Any]], requirement: str, fact: Fact
                   ) -> str | None:
    """What a requirement and a fact are both about: a shared skill label or content word."""
    mine = {_key(t): str(t.get("label", "")) for t in fact.skills
            if t.get("polarity", "demonstrated") == "demonstrated"}
    for tag in req_tags:
        if _key(tag) in mine:
            return mine[_key(tag)]
    words = [w for w in content_lemmas(fact.text) if len(w) >= 4 and w not in GENERIC]
    for w in content_lemmas(requirement):
        if len(w) < 4 or w in GENERIC:
            continue
        for v in words:
            if v.startswith(w) or w.startswith(v) or v[:6] == w[:6]:
                return v
    return None


def by_meaning(matches: Sequence[Any], req_tags: Sequence[Sequence[dict[str, Any]]],
               done: Sequence[Fact]) -> None:
    """Upgrade gaps that the user's own sentences show (in place).

    Args:
        matches: ``tools.profile.Match`` objects, in order.
        req_tags: the framework skills found in each requirement, same order.
        done: the user's facts that show something done.
    """
    gaps = [i for i, m in enumerate(matches) if m.status == "gap"]
    if not gaps or not done:
        return
    embed = get_embedder().embed
    items: dict[str, list[int]] = {}
    for j, f in enumerate(done):
        items.setdefault(f.item_id, []).append(j)
    whole = {i: " ".join(done[j].text for j in js) for i, js in items.items()}
    req_vecs = embed([matches[i].requirement for i in gaps])
    sims = np.asarray(req_vecs @ embed([f.text for f in done]).T)
    item_ids = list(whole)
    item_sims = np.asarray(req_vecs @ embed([whole[i] for i in item_ids]).T)
    for row, i in enumerate(gaps):
        by_item = dict(zip(item_ids, item_sims[row].tolist(), strict=True))
        score = [max(float(sims[row, j]), by_item[f.item_id]) for j, f in enumerate(done)]
        _upgrade(matches[i], req_tags[i], done, score)


def _upgrade(m: Any, req_tags: Sequence[dict[str, Any]], done: Sequence[Fact],
             score: list[float]) -> None:
    """Cover (shared concept and close) or transfer (close) one gap, best sentence first."""
    for j in sorted(range(len(done)), key=lambda k: -score[k])[:5]:
        fact = done[j]
        concept = shared_concept(req_tags, m.requirement, fact)
        if concept and score[j] >= COVER_MIN:
            m.status, m.cites, m.via, m.next_step = "covered", [fact.id], concept, None
            m.why = f"your own words show {concept}"
            return
        if score[j] >= NEAR_MIN and m.status == "gap":
            m.status, m.cites, m.via, m.next_step = "transferable", [fact.id], concept, None
            m.why = "what you did is close in meaning to this, though not the same thing"
