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
  the story asks for instead of filling.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tools.facts import Fact
from tools.stories import draft

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
    return {
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


def failures(report: dict[str, Any]) -> list[str]:
    """Targets the aside part misses, in words."""
    out = []
    for name, key in (("one_event", "one_event_share"), ("slot_accuracy", "slot_accuracy"),
                      ("missing_asked", "missing_asked_share")):
        if report[key] < TARGETS[name]:
            out.append(f"stories: {name} {report[key]} (target >= {TARGETS[name]})")
    return out
