"""A small cook whose reflections carry tags of real ESCO skills (no skill index needed).

The skills are looked up by label in the occupation data, so their URIs are the ones the
tagger uses; evidence spans are real slices of the text. Synthetic.
"""

from __future__ import annotations

from typing import Any

from memory.records import get_records
from tests.tools.facts.seed import save_weeks
from tools.careers.data import load

WEEKS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("2026-10-05", "Friday rush, I was on the grill and cooked every steak to order.\n"
                   "Kept my station spotless all night.",
     [("use cooking techniques", "on the grill and cooked every steak"),
      ("ensure cleanliness of food preparation area", "Kept my station spotless")]),
    ("2026-10-12", "Made the stocks and three sauces from scratch for the weekend.\n"
                   "Labelled and dated everything in the walk in fridge.",
     [("use food preparation techniques", "three sauces from scratch"),
      ("store raw food materials", "Labelled and dated everything")]),
    ("2026-10-19", "I checked the fridge temps and filled in the food safety log.\n"
                   "Showed the new lad how to portion the fish.",
     [("comply with food safety and hygiene", "filled in the food safety log"),
      ("use food cutting tools", "how to portion the fish")]),
]


def esco_tag(text: str, label: str, evidence: str) -> dict[str, Any]:
    """A tag of the ESCO skill with that preferred label, on those exact words."""
    data = load()
    skill = next(s for s in data.skills if s.label == label)
    start = text.index(evidence)
    return {"framework": "esco", "id": skill.id, "label": label, "score": 0.7,
            "evidence": evidence, "start": start, "end": start + len(evidence),
            "polarity": "demonstrated", "also": []}


def seed_cook(name: str = "priya") -> str:
    """Create the user and their reflections; returns the user id."""
    uid = get_records().ensure_user("cli", "local", name, name.capitalize())
    save_weeks(uid, WEEKS, esco_tag)
    return uid
