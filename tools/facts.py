"""Facts: every saved reflection, credential and story split into atomic, citable facts.

A fact is one sentence of one item, kept verbatim, with its date, the item it came from and
the skill tags whose evidence lies inside it. Its id is ``<item_id>#<n>`` (n from 1), so a
citation always leads back to the exact words. Only verified credentials (overall verdict
``valid``) are marked verified. Everything derived (stories, strengths, profiles) cites facts.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from memory.records import get_records
from tools.skills.text import sentences

FactKind = Literal["reflection", "credential", "story", "introduction"]
_TABLE = {"ref": "reflections", "cred": "credentials", "sto": "stories"}


class Fact(BaseModel):
    """One verbatim sentence of one of the user's items."""

    id: str = Field(description="<item_id>#<n>")
    item_id: str
    kind: FactKind
    date: str = Field(description="ISO date of the item (issue date for credentials)")
    text: str = Field(description="verbatim sentence")
    skills: list[dict[str, Any]] = Field(default_factory=list)
    verified: bool = False
    slot: str | None = Field(default=None, description="STAR slot, for story facts")
    source: str = Field(default="", description="short human label of the item")

    def support(self) -> str:
        """Everything this fact lets a derived sentence say: text, date and skill labels."""
        labels = [s.get("label", "") for s in self.skills if s.get("polarity") != "negated"]
        labels += [a.get("label", "") for s in self.skills if s.get("polarity") != "negated"
                   for a in s.get("also", [])]
        return " ".join([self.text, self.date, self.source, *labels])


def _date(value: Any) -> str:
    if not value:
        return ""
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return str(value)[:10]


def _inside(tag: dict[str, Any], span: tuple[int, int]) -> bool:
    """Whether a tag belongs to this sentence: its evidence starts here, or starts earlier
    and ends here (the writer's answer to someone else's deed, "a drunk man shout at me ...
    I stay calm, ...", belongs to the sentence of the answer)."""
    start, end = int(tag.get("start", -1)), int(tag.get("end", -1))
    if start < span[0]:
        return span[0] < end <= span[1] + 1
    return start < span[1] and end <= span[1] + 1


def _keep(tag: dict[str, Any],
          rejected: frozenset[tuple[str, str]] | set[tuple[str, str]]) -> bool:
    return (tag.get("framework"), tag.get("id")) not in rejected and bool(tag.get("label"))


def reflection_facts(row: dict[str, Any],
                     rejected: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset()
                     ) -> list[Fact]:
    """Facts of one saved reflection: one per sentence, with the tags found in it."""
    text = str(row.get("text", ""))
    tags = [t for t in row.get("skills") or [] if _keep(t, rejected)]
    date = _date(row.get("created_at"))
    facts = []
    for n, span in enumerate(sentences(text), 1):
        facts.append(Fact(
            id=f"{row['id']}#{n}", item_id=row["id"], kind="reflection", date=date,
            text=text[span[0]:span[1]], skills=[t for t in tags if _inside(t, span)],
            source=f"reflection, week {row.get('week', '')}".strip(", ")))
    return facts


def credential_facts(row: dict[str, Any],
                     rejected: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset()
                     ) -> list[Fact]:
    """Facts of one credential: its name and issuer first, then description and criteria."""
    ach = row.get("achievement") or {}
    verified = row.get("verdict") == "valid"
    date = _date(ach.get("issued_on") or ach.get("valid_from") or row.get("created_at"))
    name = str(ach.get("name") or "Credential")
    issuer = ach.get("issuer_name")
    head = f"{name}, issued by {issuer}" if issuer else name
    source = f"credential{' (verified)' if verified else ''}: {name}"
    texts = [head]
    for field in ("description", "criteria"):
        body = str(ach.get(field) or "")
        texts += [body[a:b] for a, b in sentences(body)]
    tags = [t for t in row.get("skills") or [] if _keep(t, rejected)]
    facts = []
    for n, text in enumerate(texts, 1):
        if n == 1:  # issued alignments and tags of the name belong to the head fact
            mine = [t for t in tags if not t.get("evidence") or t.get("evidence") in name]
        else:
            mine = [t for t in tags if t.get("evidence") and t["evidence"] in text]
        facts.append(Fact(id=f"{row['id']}#{n}", item_id=row["id"], kind="credential",
                          date=date, text=text, skills=mine, verified=verified, source=source))
    return facts


def story_facts(row: dict[str, Any]) -> list[Fact]:
    """Facts of one saved story: the user-approved sentences of each section."""
    if row.get("status") != "saved":
        return []
    facts: list[Fact] = []
    date = _date(row.get("updated_at") or row.get("created_at"))
    for slot, body in (row.get("sections") or {}).items():
        for a, b in sentences(str(body or "")):
            facts.append(Fact(id=f"{row['id']}#{len(facts) + 1}", item_id=row["id"],
                              kind="story", date=date, text=str(body)[a:b], slot=slot,
                              source=f"story: {row.get('title', '')}"))
    return facts


INTRODUCTION = "intro"  # the item id of the introduction's words (one per user)


def introduction_facts(user_id: str) -> list[Fact]:
    """The words of the person's introduction that tell the work they do or did ("I was
    assistant manager in a supermarket for 7 years"), as one fact: their own evidence of
    experience for a tailored profile. Kept with the career preferences, so forget removes
    it; no skills are tagged on it and it is no strength (it tells a job, not a deed)."""
    from tools.careers.explore import get_prefs

    prefs = get_prefs(user_id)
    if not prefs.work_said:
        return []
    return [Fact(id=f"{INTRODUCTION}#1", item_id=INTRODUCTION, kind="introduction",
                 date=prefs.work_said_on or "", text=prefs.work_said,
                 source="your introduction")]


def facts_for(user_id: str) -> list[Fact]:
    """All facts of one user, oldest item first (reflections, credentials, saved stories)."""
    rec = get_records()
    rejected = rec.rejected_skills(user_id)
    facts: list[Fact] = []
    for row in rec.list_reflections(user_id):
        facts += reflection_facts(row, rejected)
    for row in rec.list_credentials(user_id):
        if row.get("verdict") in ("invalid", "invalid-signature"):
            continue
        facts += credential_facts(row, rejected)
    for row in rec.list_stories(user_id):
        facts += story_facts(row)
    return facts


def open_citation(user_id: str, fact_id: str) -> dict[str, Any] | None:
    """Open one citation of this user: the fact and the full item it came from.

    Args:
        user_id: whose passport; another user's fact id gives None.
        fact_id: ``<item_id>#<n>``.

    Returns:
        ``{"fact": ..., "item_text": ..., "kind": ...}`` or None when there is no such fact.
    """
    item_id, _, number = fact_id.partition("#")
    table = _TABLE.get(item_id.split("_", 1)[0])
    if not table or not re.fullmatch(r"\d+", number):
        return None
    row = get_records().get_item(user_id, table, item_id)
    if row is None:
        return None
    rejected = get_records().rejected_skills(user_id)
    if table == "reflections":
        facts, body = reflection_facts(row, rejected), row.get("text", "")
    elif table == "credentials":
        facts = credential_facts(row, rejected)
        body = "\n".join(f.text for f in facts)
    else:
        facts = story_facts(row)
        body = "\n".join(f"{k}: {v}" for k, v in (row.get("sections") or {}).items())
    fact = next((f for f in facts if f.id == fact_id), None)
    if fact is None:
        return None
    return {"fact": fact.model_dump(), "kind": fact.kind, "item_text": body}


def short(text: str, limit: int = 180) -> str:
    """A verbatim prefix of ``text`` cut at a word boundary (never adds words)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def source_line(n: int, fact: Fact) -> str:
    """One line of a numbered source list: ``[n] date, source (fact id)``."""
    return f"[{n}] {fact.date}, {fact.source} ({fact.id})"


def render(blocks: list[list[Any]], facts: dict[str, Fact], sources_title: str = "Sources"
           ) -> tuple[str, list[str]]:
    """Render blocks of segments as chat text with ``[n]`` markers and a source list.

    Args:
        blocks: lines, each a list of segments (``text``, ``cites``) joined by spaces.
        facts: the user's facts by id.
        sources_title: the heading of the numbered list.

    Returns:
        The text, and the fact ids in citation-number order (``[n]`` is ``ids[n-1]``).
    """
    order: list[str] = []
    lines = []
    for block in blocks:
        parts = []
        for seg in block:
            marks = []
            for cid in seg.cites:
                if cid not in order:
                    order.append(cid)
                marks.append(str(order.index(cid) + 1))
            quiet = getattr(seg, "quiet", False)
            parts.append(seg.text + (f" [{', '.join(marks)}]" if marks and not quiet else ""))
        lines.append(" ".join(parts))
    body = "\n".join(lines)
    if order:
        body += f"\n\n{sources_title}:\n" + "\n".join(
            source_line(i, facts[cid]) for i, cid in enumerate(order, 1) if cid in facts)
    return body, order
