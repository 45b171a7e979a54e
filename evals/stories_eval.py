"""STAR stories from messy, multi-event chat reflections: one event, the right slots.

Dev set: ``evals/data/stories/reflections.json`` (written for this project): each sentence
has a gold STAR slot and the event it belongs to; a story is asked about one event. Fixed
split: every third reflection (index 2, 5, 8, ...) is aside and reported on; the rest is
for tuning. Measured on a part:
- ``found``: topics for which a story was drafted at all (the topic is close enough);
- ``one_event``: stories that quote no sentence of another event;
- ``slot_accuracy``: the event's sentences with a gold slot that land in that slot;
- ``wrong_fills``: story lines in a slot that is not theirs (another event's sentence, a
  feeling, or a situation under Result);
- ``missing_asked``: the parts the event does not tell (of situation, action, result) that
  the story asks for instead of filling;
- ``lines_kept``: story lines that keep every fact of the sentence they cite (see
  :func:`evals.story_tense.facts_kept`), and ``lines_retold``: lines the past-tense rewriter
  changed.

The tense of story sentences is scored on its own dev set by :mod:`evals.story_tense`
(``tense`` in the report of :func:`report`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals import story_tense
from tools.facts import Fact
from tools.stories import draft
from tools.story_text import clean

DATA = Path(__file__).parent / "data" / "stories" / "reflections.json"
TARGETS = {"one_event": 0.9, "slot_accuracy": 0.7, "missing_asked": 1.0}
ASKED = ("situation", "action", "result")


def load_parts() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(tuning, aside) reflections: every third is aside."""
    rows = json.loads(DATA.read_text(encoding="utf-8"))["reflections"]
    return ([r for i, r in enumerate(rows) if i % 3 != 2],
            [r for i, r in enumerate(rows) if i % 3 == 2])


def facts_of(n: int, row: dict[str, Any]) -> list[Fact]:
    """The reflection's sentences as the user's facts, one per sentence."""
    return [Fact(id=f"ref_{n}#{i}", item_id=f"ref_{n}", kind="reflection",
                 date="2026-10-05", text=s[0], source="reflection")
            for i, s in enumerate(row["sentences"], start=1)]


def _score(n: int, row: dict[str, Any]) -> dict[str, int]:
    gold = {f"ref_{n}#{i}": (s[1], s[2]) for i, s in enumerate(row["sentences"], start=1)}
    story = draft(facts_of(n, row), about=row["about"])
    placed = {line.fact_id: name for name, lines in story.sections.items() for line in lines}
    target = row["event"]
    mine = {fid: slot for fid, (slot, event) in gold.items() if event == target and slot != "-"}
    told = set(mine.values())
    texts = {f"ref_{n}#{i}": clean(s[0]) for i, s in enumerate(row["sentences"], start=1)}
    lines = [line for lines in story.sections.values() for line in lines]
    by_fact: dict[str, list[str]] = {}  # a sentence told as scene and deed is judged whole
    for li in lines:
        by_fact.setdefault(li.fact_id, []).append(li.text)
    return {
        "lines": len(lines),
        "lines_kept": sum(len(parts) * story_tense.facts_kept(texts[f], " ".join(parts))
                          for f, parts in by_fact.items()),
        "lines_retold": sum(texts[li.fact_id] != li.text for li in lines),
        "stories": 1,
        "found": bool(story.item_ids),
        "one_event": bool(placed) and all(gold[f][1] in (0, target) for f in placed),
        "slots": len(mine),
        "slots_right": sum(placed.get(f) == slot for f, slot in mine.items()),
        "wrong_fills": sum(gold[f][1] != target or gold[f][0] != s for f, s in placed.items()),
        "missing": sum(s not in told for s in ASKED),
        "missing_asked": sum(s not in told and s in story.missing for s in ASKED),
    }


def run_part(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Draft a story for each reflection of a part; sums and shares."""
    total: dict[str, int] = {}
    for n, row in enumerate(rows):
        for key, value in _score(n, row).items():
            total[key] = total.get(key, 0) + int(value)
    return {**total,
            "one_event_share": round(total["one_event"] / max(total["stories"], 1), 3),
            "slot_accuracy": round(total["slots_right"] / max(total["slots"], 1), 3),
            "missing_asked_share": round(total["missing_asked"] / max(total["missing"], 1), 3)}


def report(part: int = 1) -> dict[str, Any]:
    """Stories and story tense on one part of both dev sets (0: tuning, 1: aside)."""
    return {**run_part(load_parts()[part]),
            "tense": story_tense.run_part(story_tense.load_parts()[part])}


def format_line(st: dict[str, Any]) -> str:
    """The stories part of a report in one line."""
    line = (f"Stories from messy chat reflections (aside third: {st['stories']}): found "
            f"{st['found']}, one event {st['one_event']}/{st['stories']}, STAR slots right "
            f"{st['slots_right']}/{st['slots']}, lines in a wrong slot {st['wrong_fills']}, "
            f"missing parts asked {st['missing_asked']}/{st['missing']}, lines keeping their "
            f"facts {st['lines_kept']}/{st['lines']} ({st['lines_retold']} retold)")
    if "tense" in st:
        t = st["tense"]
        line += (f"\nStory sentences in the first person and the past tense (aside third: "
                 f"{t['sentences']}): right {t['past_right']}, partly {t['partly']}, left as "
                 f"written {t['left_as_is']}, wrong rewrites {t['wrong_rewrites']}, facts kept "
                 f"{t['facts_kept']}/{t['sentences']}")
    return line


def failures(report: dict[str, Any]) -> list[str]:
    """Targets the aside part misses, in words."""
    out = story_tense.failures(report["tense"]) if "tense" in report else []
    if report["lines_kept"] < report["lines"]:
        out.append(f"stories: {report['lines'] - report['lines_kept']} lines lost a fact")
    for name, key in (("one_event", "one_event_share"), ("slot_accuracy", "slot_accuracy"),
                      ("missing_asked", "missing_asked_share")):
        if report[key] < TARGETS[name]:
            out.append(f"stories: {name} {report[key]} (target >= {TARGETS[name]})")
    return out
