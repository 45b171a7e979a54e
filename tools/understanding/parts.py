"""Reflection parts: which kind of sentence each one is, and where it goes in the coach.

A softmax head trained on CERED (student-teacher diaries; see ``parts_data.py``) reads
each sentence as Experience, Feeling, Reflection, Difficulty, Belief, Intention,
Perspective, Learning or Other. The mapping below puts that into the coach's slots
(what happened, own action, result, feelings, learning, next step) and growth areas.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from tools.reflection import cues_in
from tools.understanding.encoder import get_encoder
from tools.understanding.head import Head
from tools.understanding.understand import WEIGHTS, verify_weights

# CERED type -> coach slot. Experience splits on whether the writer acted (see _slot).
SLOT = {"Feeling": "feelings", "Reflection": "result", "Perspective": "result",
        "Learning": "learning", "Belief": "learning", "Intention": "next_step"}
GROWTH = {"Difficulty": "difficulty", "Intention": "intention"}


@dataclass(frozen=True)
class Part:
    """One sentence, its CERED type, the coach slot and growth area it fills, and how sure."""

    sentence: str
    kind: str
    slot: str | None
    growth: str | None
    confidence: float


def _slot(kind: str, sentence: str) -> str | None:
    if kind == "Experience":
        return "action" if "action" in cues_in(sentence) else "situation"
    return SLOT.get(kind)


_head: Head | None = None
_lock = threading.Lock()


def _parts_head() -> Head:
    global _head
    with _lock:
        if _head is None:
            verify_weights()
            _head = Head.load(WEIGHTS / "parts.npz")
        return _head


def classify_parts(sentences: list[str]) -> list[Part]:
    """Classify each sentence of a reflection.

    Args:
        sentences: the user's sentences, verbatim (see ``tools.reflection.split_sentences``).

    Returns:
        One :class:`Part` per sentence, in order.
    """
    if not sentences:
        return []
    head = _parts_head()
    probs = head.probabilities(get_encoder().encode(sentences))
    out = []
    for sentence, row in zip(sentences, probs, strict=True):
        best = int(row.argmax())
        kind = head.labels[best]
        out.append(Part(sentence, kind, _slot(kind, sentence), GROWTH.get(kind),
                        float(row[best])))
    return out
