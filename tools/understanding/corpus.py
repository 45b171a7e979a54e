"""The labelled messages behind the understanding heads, and the fixed dev split.

The dev set (``evals/data/understanding/messages.jsonl``) is split by line: every third
line (index 2, 5, 8, ...) is the aside set, used only to report numbers; the rest is the
tuning set. Training exemplars written apart from the dev set live in ``data/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV_MESSAGES = ROOT / "evals" / "data" / "understanding" / "messages.jsonl"
TRADE_PARTS = ROOT / "evals" / "data" / "understanding" / "parts_trades.jsonl"
# Hard negatives (dislikes, preferences, mild complaints) and more soft distress, split
# by the same every-third-line rule.
NOT_DISTRESS = ROOT / "evals" / "data" / "understanding" / "not_distress.jsonl"
DISTRESS_MORE = ROOT / "evals" / "data" / "understanding" / "distress_more.jsonl"
DEV_SETS = (DEV_MESSAGES, NOT_DISTRESS, DISTRESS_MORE)
EXEMPLARS = Path(__file__).resolve().parent / "data" / "exemplars.jsonl"
CERED = ROOT.parent / "shared" / "evals" / "reflection" / "cered" / "en"


@dataclass(frozen=True)
class Message:
    """One labelled message: its text, intent, language and whether it shows distress."""

    text: str
    intent: str
    lang: str
    distress: bool

    @property
    def followup(self) -> bool:
        """The dialog context the message was written in: an ``answer`` row replies to the
        coach's follow-up question; every other row was sent with no follow-up pending."""
        return self.intent == "answer"


def load(path: Path) -> list[Message]:
    """Read a JSONL file of messages (fields ``text, intent, lang, distress``)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [Message(r["text"], r["intent"], r["lang"], bool(r["distress"])) for r in rows]


def is_aside(line_index: int) -> bool:
    """The fixed rule: every third line of a dev file (0-based index 2, 5, ...) is aside."""
    return line_index % 3 == 2


def dev_tuning() -> list[Message]:
    """The tuning part of every dev set, in a fixed order (never an aside line)."""
    return [r for path in DEV_SETS for r in split(load(path))[0]]


def split(rows: list[Message]) -> tuple[list[Message], list[Message]]:
    """Split dev rows into (tuning, aside) by :func:`is_aside`."""
    tune = [r for i, r in enumerate(rows) if not is_aside(i)]
    aside = [r for i, r in enumerate(rows) if is_aside(i)]
    return tune, aside
