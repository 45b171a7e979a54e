"""First-person paraphrases of ESCO skill labels, for training the adapter.

"manage budgets" -> "this week I managed budgets for the team"; knowledge labels ("SQL")
-> "used my SQL at work today". Simple rules: the first word is taken as the verb (ESCO
skill labels start with one), put in the past tense (``tools.verbs.past``), with varied
openings and endings.
"""

from __future__ import annotations

import random
from typing import Any

from tools.verbs import past

_OPEN = ["I ", "this week I ", "today I ", "yesterday i ", "at work I ", "we ",
         "I finally ", "Had to ", "", "me and a colleague ", "I mostly "]
_CLOSE = ["", " this week", " for a customer", " at the site", " again, took ages",
          " for the team", " on my own", " with my manager", " for the first time", " today",
          ", went ok", " lol"]
_KNOW = ["used my {x} at work today", "I relied on {x} a lot this week",
         "did a job that needed {x}", "my knowledge of {x} helped me today",
         "I worked with {x} on a project"]


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
