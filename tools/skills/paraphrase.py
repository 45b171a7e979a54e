"""First-person paraphrases of ESCO skill labels, for training the adapter.

"manage budgets" -> "this week I managed budgets for the team"; knowledge labels ("SQL")
-> "used my SQL at work today". Simple rules: the first word is taken as the verb (ESCO
skill labels start with one), put in the past tense, with varied openings and endings.
"""

from __future__ import annotations

import random
from typing import Any

_IRREGULAR = {
    "be": "was", "build": "built", "buy": "bought", "choose": "chose", "cut": "cut",
    "deal": "dealt", "do": "did", "draw": "drew", "drive": "drove", "feed": "fed",
    "find": "found", "get": "got", "give": "gave", "go": "went", "grow": "grew",
    "hang": "hung", "have": "had", "hold": "held", "keep": "kept", "lay": "laid", "lead": "led",
    "make": "made", "meet": "met", "pay": "paid", "put": "put", "read": "read", "ride": "rode",
    "run": "ran", "see": "saw", "sell": "sold", "send": "sent", "set": "set", "shoot": "shot",
    "show": "showed", "sing": "sang", "speak": "spoke", "spend": "spent", "split": "split",
    "spread": "spread", "stand": "stood", "take": "took", "teach": "taught", "tell": "told",
    "think": "thought", "throw": "threw", "understand": "understood", "wear": "wore",
    "win": "won", "write": "wrote", "withstand": "withstood", "undertake": "undertook",
    "oversee": "oversaw", "sew": "sewed", "weave": "wove", "bring": "brought", "fight": "fought",
    "hear": "heard", "lend": "lent", "light": "lit", "seek": "sought", "shut": "shut",
}
_DOUBLE = {"plan", "ship", "stop", "drop", "chop", "plot", "map", "log", "tip", "trim", "skip",
           "ban", "fit", "knit", "pin", "scan", "sum", "tag", "trap", "wrap", "rub", "grab",
           "dig", "jog", "strip", "permit", "submit", "commit", "control", "patrol", "refer",
           "transfer", "prefer", "equip", "program", "admit", "occur", "regret"}
_OPEN = ["I ", "this week I ", "today I ", "yesterday i ", "at work I ", "we ",
         "I finally ", "Had to ", "", "me and a colleague ", "I mostly "]
_CLOSE = ["", " this week", " for a customer", " at the site", " again, took ages",
          " for the team", " on my own", " with my manager", " for the first time", " today",
          ", went ok", " lol"]
_KNOW = ["used my {x} at work today", "I relied on {x} a lot this week",
         "did a job that needed {x}", "my knowledge of {x} helped me today",
         "I worked with {x} on a project"]


def past(verb: str) -> str:
    """The past tense of an English verb by rule (irregular verbs from a short list)."""
    v = verb.lower()
    if v in _IRREGULAR:
        return _IRREGULAR[v]
    if v in _DOUBLE:
        return v + v[-1] + "ed"
    if v.endswith("e"):
        return v + "d"
    if v.endswith("y") and len(v) > 1 and v[-2] not in "aeiou":
        return v[:-1] + "ied"
    return v + "ed"


def first_person(label: str, knowledge: bool, rng: random.Random) -> str:
    """One first-person sentence that shows the skill named by an ESCO label."""
    if knowledge:
        return rng.choice(_KNOW).format(x=label)
    verb, _, rest = label.partition(" ")
    return f"{rng.choice(_OPEN)}{past(verb)} {rest}{rng.choice(_CLOSE)}".strip()


def paraphrases(concepts: list[Any], seed: int = 14,
                per_concept: int = 1) -> tuple[list[str], list[int]]:
    """First-person sentences for ESCO concepts, and the position of each one's concept.

    Args:
        concepts: ESCO concepts (``label``, ``skill_type``).
        seed: the random seed (the output is deterministic).
        per_concept: sentences per concept.

    Returns:
        The sentences and, for each, the index of its concept in ``concepts``.
    """
    rng = random.Random(seed)
    texts: list[str] = []
    owners: list[int] = []
    for i, concept in enumerate(concepts):
        knowledge = (concept.skill_type or "").startswith("knowledge") or " " not in concept.label
        for _ in range(per_concept):
            texts.append(first_person(concept.label, knowledge, rng))
            owners.append(i)
    return texts, owners
