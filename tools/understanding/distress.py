"""The distress gate: explicit crisis words as a rule, soft wording by a learned head.

The head scores the whole message and each of its sentences, and the highest score
counts, so one sentence of pain inside an ordinary reflection is not averaged away.
Levels: ``crisis`` (a rule matched), ``concern`` (the head's score reached its tuned
threshold) or ``none``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from tools.understanding.head import Head

CRISIS = re.compile(
    r"\b(?:kill(?:ing)? (?:myself|me)|suicid\w*|end(?:ing)? (?:it all|my life|things)|"
    r"(?:want|wanna|going) to die|self[- ]?harm\w*|hurt(?:ing)? myself|cutting (?:myself|again)"
    r"|been cutting|no reason to live|goodbye letters?|overdos\w*|"
    r"(?:took|taken|take|taking) (?:extra|more|all (?:of )?my|too many) (?:of my )?"
    r"(?:pills|tablets|meds)|better off without me|"
    r"better off if i (?:wasn'?t|was not|weren'?t) (?:around|here)|"
    r"(?:don'?t|do not) want to (?:be here|wake up|live)|not wak(?:e|ing) up|"
    r"(?:being|been|am|was|get|getting) (?:abused|beaten)|abusive (?:partner|relationship|"
    r"boss|parent|husband|wife|boyfriend|girlfriend)|(?:is|was|gets|got) (?:abusive|violent) "
    r"(?:to|towards|with) me|(?:don'?t|do not) feel safe at home|"
    r"me quiero (?:morir|matar)|quiero morir(?:me)?|quitarme la vida|"
    r"je veux mourir|me suicider|en finir|"
    r"ich will sterben|mich umbringen|nicht mehr leben)\b", re.I)
# Explicit words of distress short of a crisis: a rule too, on top of the head.
SOFT = re.compile(
    r"\b(?:hopeless|can'?t cope|not coping|panic attacks?|i'?m not (?:ok|okay)|"
    r"self[- ]medicat\w*|drink(?:ing)? to (?:cope|forget|sleep)|"
    r"breaking down|falling apart|no puedo más|je n'en peux plus|ich kann nicht mehr)\b"
    r"|\bcan'?t (?:stop crying|go on|take it anymore)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+|\s+(?:but|though|however|aber|pero|mais)\s+",
                       re.I)
LEVELS = ("none", "concern", "crisis")


@dataclass(frozen=True)
class Distress:
    """How much distress a message shows, and the sentence that showed it most."""

    level: str
    score: float
    sentence: str

    @property
    def flagged(self) -> bool:
        """True when the message needs care before anything else."""
        return self.level != "none"


def sentences(text: str) -> list[str]:
    """Split a message into the pieces the head scores on their own (three words or more)."""
    parts = [p.strip() for p in _SENTENCE.split(text)]
    return [p for p in parts if len(p.split()) >= 3]


def rule_level(text: str) -> str | None:
    """``crisis`` or ``concern`` when explicit words match, else None."""
    if CRISIS.search(text):
        return "crisis"
    return "concern" if SOFT.search(text) else None


def assess(text: str, whole: np.ndarray, pieces: list[str], piece_vectors: np.ndarray,
           head: Head, threshold: float) -> Distress:
    """Decide the distress level of one message.

    Args:
        text: the message.
        whole: the message's vector.
        pieces: its sentences (see :func:`sentences`), possibly empty.
        piece_vectors: one vector per piece.
        head: the binary head (labels ``calm``, ``distress``).
        threshold: the tuned probability at which ``concern`` starts.

    Returns:
        The assessment; a crisis rule match wins whatever the head says.
    """
    column = head.labels.index("distress")
    rows = np.vstack([whole[None, :], piece_vectors]) if len(pieces) else whole[None, :]
    scores = head.probabilities(rows)[:, column]
    best = int(np.argmax(scores))
    sentence = text if best == 0 else pieces[best - 1]
    ruled = rule_level(text)
    if ruled:
        return Distress(ruled, 1.0, text)
    level = "concern" if scores[best] >= threshold else "none"
    return Distress(level, float(scores[best]), sentence)
