"""What the coach shows: tag quality on our first-person and word-sense trap sets.

Both sets live in ``evals/data/skills/`` (JSON lines: ``text``, ``trade``, ``kind``, ``accept``,
``wrong``). ``kind`` is ``did`` (something the writer did), ``growth`` (a wish, struggle or
avoidance), ``negated``, ``question`` or ``other`` (someone else's action). ``accept`` holds the
ESCO preferred labels a person would accept, ``wrong`` the wrong-sense labels that must not
appear. Every third line (0-based index 2, 5, 8, ...) is set aside: tune on ``part="tune"``,
report on ``part="aside"``.

The diary sets (``tools/skills/train_data/diary*``, the tagger's training data, labelled with
the skill each line shows) are measured on their aside third, which no training step reads.

A tag is *shown* when its polarity is ``demonstrated`` (a strength) or ``growth`` (a growth
area); the agent never shows negated tags (``agent/capabilities/reflection.py``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

DATA = Path(__file__).parent / "data" / "skills"
FIRST_PERSON = DATA / "first_person.jsonl"
# written later by two writers who never saw our code, training data or other sets: 16
# personas, 4 weeks each, every label a person would accept and the wrong senses to avoid
STRANGERS = (DATA / "first_person_2a.jsonl", DATA / "first_person_2b.jsonl")
TRAPS = DATA / "word_sense_traps.jsonl"
# the first-person sets: (name, files); each file is split on its own
FIRST_PERSON_SETS = (("first-person", (FIRST_PERSON,)), ("first-person 2 (strangers)", STRANGERS))
Part = Literal["tune", "aside", "all"]
SHOWN = ("demonstrated", "growth")
NOT_MINE = ("negated", "question", "other")


@dataclass(frozen=True)
class Line:
    """One dev sentence with what a person would accept and what must not appear."""

    text: str
    trade: str
    kind: str
    accept: frozenset[str]
    wrong: frozenset[str]


def is_aside(index: int) -> bool:
    """The fixed split rule: every third line (0-based 2, 5, 8, ...) is set aside."""
    return index % 3 == 2


def load_lines(path: Path, part: Part = "aside") -> list[Line]:
    """The lines of one set, or of one part of it.

    Args:
        path: a JSON-lines file of ``evals/data/skills``.
        part: ``tune`` (two thirds), ``aside`` (the third we report on) or ``all``.

    Returns:
        The lines in file order.
    """
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    # a line that turned out nearly the same as a training line (``train_overlap``, word
    # Jaccard above 0.4) is left out after the split, so the split itself never moves
    return [Line(r["text"], r["trade"], r["kind"], frozenset(r["accept"]),
                 frozenset(r.get("wrong", [])))
            for i, r in enumerate(rows)
            if (part == "all" or is_aside(i) == (part == "aside")) and not r.get("train_overlap")]


def load_set(paths: Sequence[Path], part: Part = "aside") -> list[Line]:
    """The lines of one part of a set made of several files (each split on its own); empty
    when none is present."""
    return [x for p in paths if p.exists() for x in load_lines(p, part)]


def load_diary() -> list[Line]:
    """The aside third of the diary training folders (:mod:`tools.skills.diary`), as lines
    whose accepted labels are the ones the writer gave (no wrong senses recorded)."""
    from tools.skills.diary import training_lines

    return [Line(x.text, x.trade, x.kind, frozenset(x.labels), frozenset())
            for x in training_lines("aside")]


def _shown(tags: Sequence[Any]) -> list[Any]:
    return [t for t in tags if t.framework == "esco" and t.polarity in SHOWN]


def _correct_line(line: Line, shown: list[Any]) -> bool:
    want = "growth" if line.kind == "growth" else "demonstrated"
    return any(t.label in line.accept and t.polarity == want for t in shown)


def shown_metrics(lines: Sequence[Line], tags: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """Quality of the shown ESCO tags, line by line.

    Args:
        lines: the gold lines.
        tags: per line, the tagger's tags (``SkillTag``; thresholded, not ``--top``).

    Returns:
        ``shown``: shown tags; ``precision``: percent of them a person would accept;
        ``correct_lines`` / ``reflection_lines``: did/growth lines with an accepted tag of the
        right polarity shown, and ``correct_line_rate``; ``silent_lines``: did lines showing
        nothing; ``wrong_sense``: lines showing a wrong-sense label; ``growth_flagged`` /
        ``growth_lines`` and ``growth_flag_rate``: growth lines with a growth tag shown;
        ``false_strengths``: growth, negated, question and other-person lines showing a
        strength (a demonstrated tag).
    """
    out: dict[str, Any] = {"lines": len(lines), "shown": 0, "accepted": 0, "correct_lines": 0,
           "reflection_lines": 0, "silent_lines": 0, "wrong_sense": 0, "growth_lines": 0,
           "growth_flagged": 0, "false_strengths": 0}
    for line, line_tags in zip(lines, tags, strict=True):
        shown = _shown(line_tags)
        out["shown"] += len(shown)
        out["accepted"] += sum(t.label in line.accept for t in shown)
        out["wrong_sense"] += any(t.label in line.wrong for t in shown)
        if line.kind in ("did", "growth"):
            out["reflection_lines"] += 1
            out["correct_lines"] += _correct_line(line, shown)
        out["silent_lines"] += line.kind == "did" and not shown
        if line.kind == "growth":
            out["growth_lines"] += 1
            out["growth_flagged"] += any(t.polarity == "growth" for t in shown)
        if line.kind in ("growth", *NOT_MINE):
            out["false_strengths"] += any(t.polarity == "demonstrated" for t in shown)

    def pct(a: str, b: str) -> float:
        return 100.0 * out[a] / out[b] if out[b] else 0.0

    out["precision"] = pct("accepted", "shown")
    out["correct_line_rate"] = pct("correct_lines", "reflection_lines")
    out["growth_flag_rate"] = pct("growth_flagged", "growth_lines")
    return out


def ranking_lines(lines: Sequence[Line]) -> tuple[list[str], list[set[str]]]:
    """Texts and gold labels for ranking: the did and growth lines (what the person did or
    wants to grow in is the skill to rank first)."""
    kept = [x for x in lines if x.kind in ("did", "growth") and x.accept]
    return [x.text for x in kept], [set(x.accept) for x in kept]


def trade_contexts(lines: Sequence[Line]) -> list[list[str]]:
    """Per line, what the coach would know of the writer (the writer's-trade prior,
    ``tools/skills/context``), as the reflection flow passes it: the job they said they do,
    weighing as two texts, and other lines of their trade in the same part (their other
    weeks)."""
    from agent.capabilities.skills import writer_context

    return [writer_context(x.trade, [o.text for o in lines if o.trade == x.trade and o is not x])
            for x in lines]


def zero_shot_scores(texts: Sequence[str], tagger: Any) -> tuple[np.ndarray, list[int]]:
    """The zero-shot baseline: cosine between the whole sentence (the tagger's embedder, no
    adapter) and each ESCO preferred label.

    Returns:
        The matrix (texts, ESCO concepts) and the concept positions it covers.
    """
    from memory.embeddings import get_tag_embedder

    cols = [int(i) for i in np.flatnonzero(tagger.framework == "esco")]
    vectors = get_tag_embedder().embed(list(texts))
    preferred = tagger.index.vectors["label"][tagger.index.preferred_rows[cols]]
    return np.asarray(vectors @ preferred.T), cols


def run_shown(tagger: Any, part: Part = "aside") -> list[dict[str, Any]]:
    """Shown-tag quality on the first-person and trap sets (accurate mode, as a reflection
    is tagged).

    Args:
        tagger: the tagger to measure.
        part: which part of the sets.

    Returns:
        One row per set: ``set``, ``part`` and the :func:`shown_metrics` fields.
    """
    from tools.skills.tagging import tag_many

    rows = []
    for name, paths in (*FIRST_PERSON_SETS, ("word-sense traps", (TRAPS,))):
        lines = load_set(paths, part)
        if not lines:
            continue
        tags = tag_many([x.text for x in lines], ("esco",), tagger=tagger, fast=False)
        rows.append({"set": name, "part": part, **shown_metrics(lines, tags)})
        if paths != (TRAPS,):  # again, knowing the writer's trade from their other lines
            tags = [tag_many([x.text], ("esco",), tagger=tagger, fast=False, context=c)[0]
                    for x, c in zip(lines, trade_contexts(lines), strict=True)]
            rows.append({"set": name + " + trade", "part": part, **shown_metrics(lines, tags)})
    diary = load_diary()
    if diary:
        tags = tag_many([x.text for x in diary], ("esco",), tagger=tagger, fast=False)
        rows.append({"set": "diary (training data)", "part": "aside",
                     **shown_metrics(diary, tags)})
    return rows


SHOWN_COLUMNS = [("set", "set"), ("part", "part"), ("lines", "lines"), ("shown", "shown"),
                 ("precision", "shown precision"), ("correct_lines", "lines w/ correct tag"),
                 ("reflection_lines", "of"), ("silent_lines", "silent did lines"),
                 ("wrong_sense", "wrong-sense lines"), ("growth_flagged", "growth flagged"),
                 ("growth_lines", "of"), ("false_strengths", "false strengths")]


def format_shown(rows: Sequence[dict[str, Any]]) -> str:
    """The shown-tag rows as a Markdown table."""
    lines = ["| " + " | ".join(h for _, h in SHOWN_COLUMNS) + " |",
             "|" + "---|" * len(SHOWN_COLUMNS)]
    for row in rows:
        lines.append("| " + " | ".join(f"{row[k]:.1f}" if isinstance(row[k], float)
                                       else str(row[k]) for k, _ in SHOWN_COLUMNS) + " |")
    return "\n".join(lines)
