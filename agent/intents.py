"""Intent routing for the offline coach: exact commands by rule, the rest learned.

The learned part is ``tools.understanding`` (a sentence encoder and small trained heads,
see ``docs/understanding.md``); it runs the distress gate first. Deterministic: the same
message in the same state always routes the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prompts.phrasebook import EXPLICIT_PROFILE
from tools.understanding.understand import understand

# Right after a distress answer, only an explicit request brings back the coaching flow.
RULES_BEFORE_CARE = re.compile(r"^\s*(?:/\w+|help)\s*$|\blet'?s reflect\b|"
                               r"\b(?:forget|export|remind) me\b", re.I)
IMPORT_YES = re.compile(r"^\s*(?:y|yes|yes please|ok|okay|sure|add it|import it|keep it|"
                        r"save it)\W*$", re.I)
GREETING = re.compile(r"^\s*(?:/start|/reflect|hi|hello|hey|hiya|good (?:morning|afternoon|"
                      r"evening)|let'?s reflect|weekly reflection)\W*(?:there|coach)?\W*$",
                      re.I)
# Learned intent -> the coach's intent. Content continues or starts a reflection.
COACH_INTENT = {"answer": "reflection", "credential": "credential_how"}
# Commands that only make sense inside an open reflection.
DRAFT_COMMANDS = frozenset({"skip", "save"})
# Inside an open reflection these are a (short) answer to the follow-up question.
DRAFT_ANSWERS = frozenset({"reflection", "small_talk", "unsure"})
# Inside an open reflection a learned request must be this sure to leave it: a story of
# "the interview guide I wrote" is not a request for an interview story.
LEAVE_DRAFT = 0.9


@dataclass(frozen=True)
class Route:
    """The chosen intent, how it was chosen, how sure, and the message's language."""

    intent: str
    how: str
    score: float = 1.0
    lang: str = "en"


def route(text: str, *, draft_open: bool = False, awaiting: str | None = None) -> Route:
    """Pick the intent of a user message.

    Args:
        text: the message, verbatim.
        draft_open: a reflection is in progress, so content continues it by default.
        awaiting: what the coach asked for last (e.g. "reflection" after the opening
            question, "import_confirm", "reject").

    Returns:
        The route; ``reflection`` covers new content, follow-up answers, skip and save.
        Nothing but ``reflection`` ever reaches the tool that stores a growth moment.
    """
    if EXPLICIT_PROFILE.match(text):  # a pasted job ad may hold any word, even "abuse"
        return Route("profile", "rule")
    got = understand(text)
    if got.intent == "distress":
        return Route("distress", got.how, got.distress.score, got.lang)
    if awaiting == "distress" and not RULES_BEFORE_CARE.search(text):
        return Route("after_distress", "rule", lang=got.lang)
    if awaiting == "import_confirm" and IMPORT_YES.match(text):
        return Route("import_confirm", "rule")
    if GREETING.match(text):
        return Route("greeting", "rule")
    intent = COACH_INTENT.get(got.intent, got.intent)
    if intent in DRAFT_COMMANDS:
        intent = "reflection" if draft_open else "reflection_empty"
    if not got.confident and intent != "reflection_empty":
        intent = "unsure"  # a doubtful reading stores nothing: we ask what was meant
    if draft_open and got.how == "model" and got.confidence < LEAVE_DRAFT:
        intent = "reflection"
    if (draft_open or awaiting == "reflection") and intent in DRAFT_ANSWERS:
        intent = "reflection"  # "ok", "fine": the person answered the follow-up
    return Route(intent, got.how, got.confidence, got.lang)
