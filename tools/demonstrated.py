"""Is a fact something the user showed they did? The gate for strengths.

A strength rests only on demonstrated evidence: the user's own action, stated as done.
Never a wish or a struggle ("I don't think I delegate well", "I want to get better at
public speaking"), a question, a negation, or someone else's action ("She fixed her first
bug"). Credentials count (their criteria say what was done) and saved stories are the
user's own edited words. Uses the skill tagger's polarity rules for wishes and negation;
the reflection-part classifier of the understanding work can replace :func:`shows_own_action`
behind this one seam.
"""

from __future__ import annotations

import re

from tools.facts import Fact
from tools.skills.mood import ASKED_FOR, TAUGHT_ME
from tools.skills.polarity import polarity

_OWN = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|we|we've|we're|we'd|myself|ourselves)\b", re.I)
_DROPPED_I = re.compile(  # chat style without the pronoun: "Led the night shift alone.",
    # also behind a connective: "Also trained the new commis on the fryer."
    r"^\s*(?:(?:also|then|and|plus|later|finally|just|still|so|\w+ly)\s+)?(?:\w+ed|led|felt|ran|made|took|gave|wrote|built|taught|sold|got|did|found|kept|held|"
    r"set up|put|brought|told|spoke|drove|met|fixed|sorted|handled|trained|helped|cooked|"
    r"covered|finished|started|organised|organized|managed|calmed|had|went|sent|spent|won|"
    r"began|chose|paid|caught|bought|taught)\b", re.I)
# A diary fragment that opens with the activity: "Mentoring sessions with two startups".
_ACTIVITY = re.compile(
    r"^\s*(?!(?:feel|think|wonder|hop|try|struggl|worr|want|look|go|los|miss|wish|need)ing\b)"
    r"[a-z]{3,}ing (?:sessions?|the|a|an|my|our|two|three|four|five|\d+|new|with|for)\b", re.I)
_HEDGE = re.compile(r"\b(?:i (?:don't|do not|didn't) think i|not sure (?:i|if)|i doubt|"
                    r"maybe i|i wonder|i guess i (?:could|should))\b", re.I)


# the clauses a sentence is read in: the matcher (``tools.meaning``) compares each one
_CLAUSE = re.compile(r"\s*[,;:]\s+|\s+(?:and|but|so|then|because|while)\s+")


def _reads_done(text: str) -> bool:
    return polarity(text, (0, len(text)), (0, len(text))) == "demonstrated"


def done_parts(text: str) -> list[str]:
    """The parts of a sentence stated as done: the sentence itself when nothing in it is
    negated or wished, then each clause of three words or more that is not.

    "I rang the planner at 3am because one haulier didnt turn up, we booked another one"
    keeps "I rang the planner at 3am" and "we booked another one", not the haulier who did
    not turn up; a sentence that states a wish anywhere keeps nothing."""
    text = text.strip().replace("\u2019", "'")
    if not text:
        return []
    whole = polarity(text, (0, len(text)), (0, len(text)))
    if whole == "growth":
        return []
    parts = [c.strip(" .") for c in _CLAUSE.split(text)]
    kept = [c for c in parts if len(c.split()) >= 3 and c != text.strip(" .") and _reads_done(c)]
    return [text, *kept] if whole == "demonstrated" else kept


def shows_own_action(fact: Fact) -> bool:
    """True when the fact shows the user doing something (see the module docstring).

    Args:
        fact: one atomic fact of the user's items.

    Returns:
        False for questions, wishes, struggles, hedges, other people's actions and sentences
        whose every deed is negated; True for credentials, saved stories and the user's own
        deeds, also beside a negated reason or aside ("..., calm, no shouting").
    """
    if fact.kind in ("credential", "story"):
        return True
    text = fact.text.strip().replace("\u2019", "'")
    if not text or text.endswith("?") or _HEDGE.search(text):
        return False
    return any(own_deed(p) for p in done_parts(text))


def own_deed(part: str) -> bool:
    """Whether a part stated as done (see :func:`done_parts`) has the writer as its doer:
    "I" / "we", a chat-style verb without its pronoun, an activity named first, or someone
    letting, asking or showing the writer to do it."""
    if _FELT.match(part):
        return False  # "felt like a real analyst for once": a feeling, no deed
    if ASKED_FOR.match(part) and not _LATER_OWN.search(part):
        return False  # "I asked my supervisor for a training but he says no time"
    if _LEARNING_NOW.match(part):
        return False  # "i'm learning Articulate Rise on a free trial": not done yet
    return bool(_OWN.search(part) or _DROPPED_I.search(part) or _ACTIVITY.search(part)
                or TAUGHT_ME.search(part))  # "chef let me do the starters": the writer did


# learning a thing now, told as in progress: working towards it, not showing it
_LEARNING_NOW = re.compile(r"^\W*(?:(?:and|but|so|also|now)\s+)?(?:i'?m|i am|im)\s+(?:still\s+|"
                           r"currently\s+|just\s+|slowly\s+|now\s+)?(?:learning|teaching myself|"
                           r"trying out|getting to grips with|getting used to|practi[sc]ing)\b",
                           re.I)


# a later clause of the writer's own ("..., and then I booked it myself")
_LATER_OWN = re.compile(r"(?:[,;]\s*|\s(?:and|so|then)\s+)(?:then\s+)?(?:i|we)\s+(?!(?:was|were|"
                        r"am|'m|feel|felt|think|thought|guess|hope)\b)[a-z]+", re.I)
_FELT = re.compile(r"^\W*(?:(?:i|we)\s+)?(?:(?:really|just|so|honestly)\s+)?(?:felt|feel|"
                   r"feeling)\b", re.I)
