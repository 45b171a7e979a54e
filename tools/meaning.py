"""Matching by meaning: a requirement the user's own words show, in other words.

Runs after the skill and term match of :mod:`tools.profile`, on what is still a gap. A
requirement is **covered** when one of the user's done sentences is close in meaning
(sentence embeddings) *and* they share a concept (the same framework skill, or a content
word such as "escalated" / "escalation"); **transferable** when the meaning is close
without a shared concept, and the reason names what both are about in plain words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from memory.embeddings import get_embedder
from tools.facts import Fact
from tools.faithfulness import TECH
from tools.skills.text import content_lemmas

COVER_MIN = 0.15  # similarity (sentence or its whole item) needed with a shared concept
NEAR_MIN = 0.5  # similarity alone: transferable, never covered
_GENERIC_WORDS = ("experience experienced ability able skill skills good strong excellent "
                  "knowledge work working team year years role high level great proven "
                  "understanding demonstrate demonstrated environment candidate both also "
                  "well make made take taken first time week lot part use used using help "
                  "keep best within across new way thing things day days")
GENERIC = frozenset(_GENERIC_WORDS.split(" "))


_NAME = re.compile(r"(?<![\w.<])[A-Za-z][A-Za-z0-9+#.]*[A-Za-z0-9+#](?![\w>])")


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
    gaps = [i for i, m in enumerate(matches) if m.status == "gap"
            or (m.status == "transferable" and not m.term)]
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


def _named(requirement: str, fact: Fact) -> str | None:
    """A tool the requirement names (a known technical term, an acronym, a CamelCase or
    versioned name) that the fact does not mention: "Vue" in "components with the Vue
    framework"."""
    for word in _NAME.findall(requirement):
        technical = word.lower() in TECH or (word.isupper() and 2 <= len(word) <= 5) or \
            any(c.isdigit() or c in "+#" for c in word) or any(c.isupper() for c in word[1:])
        if technical and word.lower() not in fact.text.lower():
            return word
    return None


def _upgrade(m: Any, req_tags: Sequence[dict[str, Any]], done: Sequence[Fact],
             score: list[float]) -> None:
    """Cover (shared concept and close) or transfer (close) one gap, best sentences first."""
    ranked = sorted(range(len(done)), key=lambda k: -score[k])
    shown = [(j, c) for j in ranked if score[j] >= COVER_MIN
             and (c := shared_concept(req_tags, m.requirement, done[j]))]
    if shown and not _named(m.requirement, done[shown[0][0]]):
        cites = [done[j].id for j, _ in shown[:2]]
        m.status, m.cites, m.via, m.next_step = "covered", cites, shown[0][1], None
        m.why = f"your own words show {shown[0][1]}"
    elif shown and m.status == "gap":
        m.status, m.cites, m.via, m.next_step = "transferable", [done[shown[0][0]].id], \
            shown[0][1], None
        m.why = (f"you show {shown[0][1]}, though not the tool or topic this asks for "
                 "by name")
    elif ranked and score[ranked[0]] >= NEAR_MIN and m.status == "gap":
        m.status, m.cites, m.next_step = "transferable", [done[ranked[0]].id], None
        m.why = "what you did is close in meaning to this, though not the same thing"
