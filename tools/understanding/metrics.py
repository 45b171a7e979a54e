"""Score an :class:`Understander` on labelled messages: the numbers the eval reports.

Intent accuracy counts the gate's ``distress`` as the intent of a distress message.
"Content" accuracy merges ``reflection`` and ``answer`` (both continue a reflection).
A non-reflection counts as "would be stored" when it is read confidently as content.

Each row is read in the dialog context it was written in (``Message.followup``: an answer
follows the coach's follow-up question); ``intent_accuracy_no_context`` is the same score
without that context (the head's own reflection/answer guess), and ``requests_mid_reflection``
reads every non-content row as if a follow-up were pending: a command sent in the middle of
a reflection must still be that command.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tools.understanding.corpus import Message
from tools.understanding.understand import CONTENT, Understander, Understanding, in_context


@dataclass
class Scores:
    """Counts and rates over one labelled set."""

    total: int = 0
    intent_right: int = 0
    no_context_right: int = 0
    mid_reflection: int = 0
    mid_reflection_right: int = 0
    content_right: int = 0
    unsure: int = 0
    distress_total: int = 0
    distress_caught: int = 0
    reflections: int = 0
    false_alarms: int = 0
    stored_non_reflections: int = 0
    lang_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    per_class: Counter[tuple[str, bool]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Rates rounded for a report, with the confusions that happened."""
        def rate(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0
        return {
            "messages": self.total, "intent_accuracy": rate(self.intent_right, self.total),
            "intent_accuracy_no_context": rate(self.no_context_right, self.total),
            "requests_mid_reflection": f"{self.mid_reflection_right}/{self.mid_reflection}",
            "content_merged_accuracy": rate(self.content_right, self.total),
            "unsure": self.unsure,
            "distress_recall": rate(self.distress_caught, self.distress_total),
            "distress_messages": self.distress_total,
            "false_alarm_rate": rate(self.false_alarms, self.reflections),
            "ordinary_reflections": self.reflections,
            "stored_non_reflections": self.stored_non_reflections,
            "language_accuracy": rate(self.lang_right, self.total),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "per_class": {k: f"{self.per_class[(k, True)]}/{self.per_class[(k, True)] + n}"
                          for k, n in sorted(self._wrong().items())},
        }


    def _wrong(self) -> dict[str, int]:
        """Misses per gold intent, with every gold intent seen (0 when none missed)."""
        return {k: self.per_class[(k, False)] for k, _ok in self.per_class}


def _merged(intent: str) -> str:
    return "content" if intent in CONTENT else intent


def add(scores: Scores, gold: Message, reading: Understanding) -> None:
    """Count one context-free ``reading`` of ``gold`` into ``scores``."""
    got = in_context(reading, gold.followup)
    scores.total += 1
    scores.per_class[(gold.intent, got.intent == gold.intent)] += 1
    scores.no_context_right += reading.intent == gold.intent
    if gold.intent not in CONTENT and gold.intent != "distress":
        scores.mid_reflection += 1
        scores.mid_reflection_right += in_context(reading, True).intent == gold.intent
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
        add(scores, row, understander.read(row.text))
    return scores
