"""Skill tagging for the agent and the CLI: tag texts, respect rejections, manage frameworks.

A thin facade over ``tools.skills``: channels call this, never the tools directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from memory.schemas import SkillTag
from tools.careers.models import job_sentence

CONTEXT_REFLECTIONS = 10  # earlier reflections that say what the writer's trade is
FRAMEWORK_CHOICES = {"esco": ("esco",), "onet": ("onet",), "all": ("esco", "onet")}


def frameworks_for(name: str) -> tuple[str, ...]:
    """Frameworks named by a CLI choice (esco, onet or all)."""
    try:
        return FRAMEWORK_CHOICES[name.lower()]
    except KeyError:
        raise ValueError(f"Unknown framework {name!r}; use esco, onet or all.") from None


def tag_text(text: str, frameworks: Sequence[str] = ("esco", "onet"),
             top: int | None = None, source_id: str | None = None,
             fast: bool = False, context: Sequence[str] | None = None) -> list[SkillTag]:
    """Skills in one text, ranked by score (``top``: the K best even below the threshold;
    ``context``: the same writer's earlier texts, whose trade orders the candidates)."""
    from agent.lanes import heavy
    from tools.skills.tagging import tag

    with heavy():
        return tag(text, frameworks, top=top, source_id=source_id, fast=fast, context=context)


def tag_lines(lines: Iterable[str], frameworks: Sequence[str] = ("esco", "onet"),
              top: int | None = None, batch: int = 256,
              fast: bool = True) -> Iterator[list[SkillTag]]:
    """Tag one text per line, batching for speed; yields one list per line, in order.

    ``fast`` (the default here) scores whole sentences only; see docs/skills.md. A line
    longer than the tagger takes raises ``TextTooLong`` naming it, after the lines before it
    were yielded.
    """
    from tools.skills.tagging import MAX_TEXT_CHARS, TextTooLong, tag_many

    chunk: list[str] = []
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_TEXT_CHARS + 2:
            if chunk:
                yield from tag_many(chunk, frameworks, top=top, fast=fast)
            raise TextTooLong(f"Line {number} is too long to tag ({len(line):,} characters); "
                              f"the tagger takes up to {MAX_TEXT_CHARS:,} per line.")
        chunk.append(line.rstrip("\r\n"))
        if len(chunk) >= batch:
            yield from tag_many(chunk, frameworks, top=top, fast=fast)
            chunk = []
    if chunk:
        yield from tag_many(chunk, frameworks, top=top, fast=fast)


def _rejected(tag: SkillTag, rejected: set[tuple[str, str]]) -> bool:
    keys = {(tag.framework, tag.id)} | {(a["framework"], a["id"]) for a in tag.also}
    return bool(keys & rejected)


def tag_for_user(user_id: str, text: str, source_id: str | None = None,
                 frameworks: Sequence[str] = ("esco", "onet"),
                 top: int | None = None) -> list[SkillTag]:
    """Skills in a user's text, without the skills this user rejected before; the trade of
    their latest earlier reflections (``CONTEXT_REFLECTIONS``) and the job they said they do
    order the candidates (``top``: the K best candidates, less the rejected ones)."""
    from memory.records import get_records

    records = get_records()
    rejected = records.rejected_skills(user_id)
    earlier = [r["text"] for r in records.list_reflections(user_id) if r["id"] != source_id]
    context = writer_context(records.career_prefs(user_id).get("job"), earlier)
    return [t for t in tag_text(text, frameworks, top=top, source_id=source_id,
                                context=context)
            if not _rejected(t, rejected)]


def writer_context(job: str | None, earlier: Sequence[str]) -> list[str]:
    """What says a writer's trade: the job they said they do (weighing as much as two
    reflections of it), then their latest ``CONTEXT_REFLECTIONS`` earlier texts."""
    said = [job_sentence(job)] * 2 if job else []
    return said + list(earlier)[-CONTEXT_REFLECTIONS:]


def user_skills(user_id: str) -> list[dict[str, Any]]:
    """Every skill tag in the user's passport, each with the id of the item it came from."""
    from memory.records import get_records

    return [r["tag"] | {"source_id": r["source_id"]} for r in get_records().user_skills(user_id)]


def reject_skill(user_id: str, framework: str, skill_id: str) -> None:
    """Remember that the user rejected this skill (and its counterpart in the other framework)."""
    from memory.records import get_records
    from tools.skills.tagging import get_tagger

    records = get_records()
    records.reject_skill(user_id, framework, skill_id)
    tagger = get_tagger()
    pos = tagger.position.get((framework, skill_id))
    for partner in tagger.join.get(pos, []) if pos is not None else []:
        other = tagger.index.data.concepts[partner]
        records.reject_skill(user_id, other.framework, other.id)


def list_frameworks() -> list[dict[str, Any]]:
    """What is installed: name, origin (built-in or imported), counts, version, attribution."""
    from tools.skills.importers import installed

    return installed()


def import_framework(path: Path | str) -> dict[str, Any]:
    """Import an official ESCO CSV download or O*NET database files; the tagger reloads."""
    from tools.skills.frameworks import _load
    from tools.skills.importers import import_path
    from tools.skills.tagging import set_tagger

    result = import_path(Path(path))
    _load.cache_clear()
    set_tagger(None)
    return result
