"""Intent routing for the offline coach: rules first, then nearest exemplar by embedding.

Deterministic: the same message in the same state always routes the same way.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np

from memory.embeddings import get_embedder
from prompts.phrasebook import EXPLICIT_PROFILE, FORGET_PHRASE, NO, UNDO, YES

DISTRESS = re.compile(
    r"\b(?:kill (?:myself|me)|suicid\w*|end (?:it all|my life)|want to die|wanna die|"
    r"self[- ]?harm\w*|hurt(?:ing)? myself|can'?t go on|no reason to live|hopeless|"
    r"panic attack|i'?m not (?:ok|okay)|can'?t cope|breaking down|"
    r"(?:being|been|am|was|get|getting) (?:abused|hurt|hit|beaten)|abusive (?:partner|"
    r"relationship|boss|parent|husband|wife|boyfriend|girlfriend)|(?:is|was|gets|got) "
    r"(?:abusive|violent) (?:to|towards|with) me|(?:he|she|they) (?:is|are|was|were) "
    r"(?:abusive|violent))\b", re.I)

# A short message that reports an action in the past tense ("closed big deal").
TERSE_ACTION = re.compile(
    r"^\W*(?:i\s+|we\s+)?(?!(?:tired|bored|stressed|worried|excited|scared|annoyed|"
    r"confused|exhausted|overwhelmed|interested|relaxed|depressed|frustrated|disappointed|"
    r"embarrassed|pleased|surprised|amazed|ashamed|need|feed|speed)\b)(?:[a-z]{3,}ed|did|made|led|built|wrote|took|ran|won|sold|gave|"
    r"taught|met|got|set|sent|held|kept|found|began|brought|drove|paid|spent|shipped|"
    r"fixed|finished|passed)\b", re.I)
# Right after a distress answer, only an explicit request brings back the coaching flow.
RULES_BEFORE_CARE = re.compile(r"^\s*(?:/\w+|help)\s*$|\blet'?s reflect\b|"
                               r"\b(?:forget|export|remind) me\b", re.I)


RULES: list[tuple[str, re.Pattern[str]]] = [
    ("forget_confirm", FORGET_PHRASE),
    ("undo", UNDO),  # before "forget": "delete my last one" is not "delete my data"
    ("help", re.compile(r"^\s*(?:/help|help|\?|what can you do\??|how does this work\??)\s*$",
                        re.I)),
    ("forget", re.compile(r"^\s*/forget\b|\b(?:forget (?:me|about me|everything)|delete "
                          r"(?:all )?(?:my|everything)|erase (?:my|everything))\b", re.I)),
    ("export", re.compile(r"^\s*/export\b|\b(?:export|download) (?:my|all|everything)", re.I)),
    ("memory_show", re.compile(r"^\s*/memory\b|\b(?:show (?:me )?my (?:memory|data|passport)|"
                               r"what do you (?:know|keep|store) about me)\b", re.I)),
    ("reminder", re.compile(r"^\s*/remind\b|\bremind me\b|\breminders?\b", re.I)),
    ("strengths", re.compile(r"^\s*/strengths\b|\b(?:my strengths|what am i good at|"
                             r"what are my (?:best )?skills)\b", re.I)),
    ("story", re.compile(r"^\s*/story\b|\b(?:write|draft|make|tell)\b.{0,20}\bstory\b|"
                         r"\bstar story\b", re.I)),
    ("profile", re.compile(r"^\s*/profile\b|\btailor\b|\bjob (?:ad|post|posting|offer|"
                           r"description)\b|\bprofile for\b|\bapply(?:ing)? for\b", re.I)),
    ("recall", re.compile(r"\b(?:what did i (?:say|do|write|tell you)|do you remember|"
                          r"remind me what|what have i (?:done|said))\b", re.I)),
    ("reject", re.compile(r"^\s*(?:reject|remove|not me|wrong)\s*#?\s*\d+\s*$", re.I)),
    ("greeting", re.compile(r"^\s*(?:/start|/reflect|hi|hello|hey|hiya|good (?:morning|"
                            r"afternoon|evening)|let'?s reflect|weekly reflection)\W*"
                            r"(?:there|coach)?\W*$", re.I)),
]

EXEMPLARS: dict[str, list[str]] = {
    "strengths": ["which things am I good at", "summarise my strong points",
                  "what do my reflections say I do well", "tell me my top skills"],
    "story": ["turn my reflection into an interview answer",
              "help me describe that project for an interview"],
    "profile": ["help me prepare my CV for this position", "match me to this vacancy",
                "here is a job I want to apply to"],
    "recall": ["what did I talk about before", "remind me of my previous reflections"],
    "memory_show": ["what information have you saved", "list my stored data"],
    "help": ["how do I use you", "what are your features"],
    "small_talk": ["how are you", "thanks", "ok cool", "lol", "good bot", "thank you so much"],
    "reflection": ["this week I helped a customer with a difficult problem",
                   "I organised a meeting with my team", "at work I fixed a bug",
                   "I volunteered at the food bank on Saturday",
                   "I finished my assignment and presented it in class"],
}


@dataclass(frozen=True)
class Route:
    """The chosen intent and how it was chosen (rule or exemplar similarity)."""

    intent: str
    how: str
    score: float = 1.0


class _ExemplarIndex:
    def __init__(self) -> None:
        self.labels = [k for k, v in EXEMPLARS.items() for _ in v]
        self.vectors = get_embedder().embed([s for v in EXEMPLARS.values() for s in v])

    def nearest(self, text: str) -> tuple[str, float]:
        sims = self.vectors @ get_embedder().embed_one(text)
        best = int(np.argmax(sims))
        return self.labels[best], float(sims[best])


_index: _ExemplarIndex | None = None
_lock = threading.Lock()


def _exemplars() -> _ExemplarIndex:
    global _index
    with _lock:
        if _index is None:
            _index = _ExemplarIndex()
        return _index


def route(text: str, *, draft_open: bool = False, awaiting: str | None = None) -> Route:
    """Pick the intent of a user message.

    Args:
        text: the message, verbatim.
        draft_open: a reflection is in progress, so content continues it by default.
        awaiting: what the coach asked for last (e.g. "import_confirm", "reject").

    Returns:
        The route; ``reflection`` covers new content, follow-up answers, skip and save.
    """
    if EXPLICIT_PROFILE.match(text):  # a pasted job ad may hold any word, even "abuse"
        return Route("profile", "rule")
    if DISTRESS.search(text):
        return Route("distress", "rule")
    if awaiting == "distress" and not RULES_BEFORE_CARE.search(text):
        return Route("after_distress", "rule")
    if awaiting == "import_confirm" and re.match(
            r"^\s*(?:y|yes|yes please|ok|okay|sure|add it|import it|keep it|save it)\W*$",
            text, re.I):
        return Route("import_confirm", "rule")
    if awaiting == "undo_confirm" and (YES.match(text) or NO.match(text)):
        return Route("undo_confirm", "rule")
    for intent, pattern in RULES:
        if pattern.search(text):
            return Route(intent, "rule")
    if draft_open:
        return Route("reflection", "draft")
    label, score = _exemplars().nearest(text)
    if score >= 0.55:
        return Route(label, "exemplar", score)
    words = len(text.split())
    first_person = re.search(r"\b(?:i|we|my|our)\b", text, re.I)
    if words >= 6 and first_person:
        return Route("reflection", "content", score)
    if words >= 2 and TERSE_ACTION.search(text):  # terse writers: "fixed prod bug"
        return Route("reflection", "terse", score)
    return Route("small_talk", "fallback", score)
