"""Score an :class:`Understander` on labelled messages: the numbers the eval reports.

Intent accuracy counts the gate's ``distress`` as the intent of a distress message.
"Content" accuracy merges ``reflection`` and ``answer`` (both continue a reflection).
A non-reflection counts as "would be stored" when it is read confidently as content.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tools.understanding.corpus import Message
from tools.understanding.understand import CONTENT, Understander, Understanding


@dataclass
class Scores:
    """Counts and rates over one labelled set."""

    total: int = 0
    intent_right: int = 0
    content_right: int = 0
    unsure: int = 0
    distress_total: int = 0
    distress_caught: int = 0
    reflections: int = 0
    false_alarms: int = 0
    stored_non_reflections: int = 0
    lang_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Rates rounded for a report, with the confusions that happened."""
        def rate(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0
        return {
            "messages": self.total, "intent_accuracy": rate(self.intent_right, self.total),
            "content_merged_accuracy": rate(self.content_right, self.total),
            "unsure": self.unsure,
            "distress_recall": rate(self.distress_caught, self.distress_total),
            "distress_messages": self.distress_total,
            "false_alarm_rate": rate(self.false_alarms, self.reflections),
            "ordinary_reflections": self.reflections,
            "stored_non_reflections": self.stored_non_reflections,
            "language_accuracy": rate(self.lang_right, self.total),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
        }


def _merged(intent: str) -> str:
    return "content" if intent in CONTENT else intent


def add(scores: Scores, gold: Message, got: Understanding) -> None:
    """Count one decision into ``scores``."""
    scores.total += 1
    scores.intent_right += got.intent == gold.intent
    scores.content_right += _merged(got.intent) == _merged(gold.intent)
    scores.unsure += not got.confident
    scores.lang_right += got.lang == gold.lang
    if got.intent != gold.intent:
        scores.confusion[(gold.intent, got.intent)] += 1
        scores.misses.append(f"{gold.intent}->{got.intent}: {gold.text[:70]}")
    if gold.distress:
        scores.distress_total += 1
        scores.distress_caught += got.distress.flagged
    if gold.intent == "reflection":
        scores.reflections += 1
        scores.false_alarms += got.distress.flagged
    if gold.intent not in CONTENT and got.intent in CONTENT and got.confident:
        scores.stored_non_reflections += 1


def score(understander: Understander, rows: list[Message]) -> Scores:
    """Run ``understander`` on every row and count the results."""
    scores = Scores()
    for row in rows:
        add(scores, row, understander(row.text))
    return scores
