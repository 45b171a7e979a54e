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
EXEMPLARS = Path(__file__).resolve().parent / "data" / "exemplars.jsonl"
CERED = ROOT.parent / "shared" / "evals" / "reflection" / "cered" / "en"


@dataclass(frozen=True)
class Message:
    """One labelled message: its text, intent, language and whether it shows distress."""

    text: str
    intent: str
    lang: str
    distress: bool


def load(path: Path) -> list[Message]:
    """Read a JSONL file of messages (fields ``text, intent, lang, distress``)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [Message(r["text"], r["intent"], r["lang"], bool(r["distress"])) for r in rows]


def is_aside(line_index: int) -> bool:
    """The fixed rule: every third line of a dev file (0-based index 2, 5, ...) is aside."""
    return line_index % 3 == 2


def split(rows: list[Message]) -> tuple[list[Message], list[Message]]:
    """Split dev rows into (tuning, aside) by :func:`is_aside`."""
    tune = [r for i, r in enumerate(rows) if not is_aside(i)]
    aside = [r for i, r in enumerate(rows) if is_aside(i)]
    return tune, aside
