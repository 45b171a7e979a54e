"""Which roles fit me? ESCO occupations ranked by the user's evidence, near and stretch.

Each occupation's essential skills count twice, optional ones once. A required skill the user
shows earns its strength (``tools.careers.shown``); one the user does not show but whose skill
group holds a skill they do show earns part of it. Coverage is that credit over the skills
asked for, plus a few phantom skills so that a tiny occupation does not win on one match.
Occupation-first linking adds the affinity between the user's own sentences and the
occupation (label and first description sentence), which Tabiya Compass found the strongest
path. Stated interests move roles up ("enjoy") or leave them out ("avoid"). Deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tools.careers.data import OccupationData, per_occupation_sum
from tools.careers.models import Evidence, Interests, OnetRole, Role, SkillMatch
from tools.careers.shown import ShownSkill, group_strengths, parent

ESSENTIAL_WEIGHT = 2.0
PHANTOM = 8.0  # skills added to every denominator: a 3-skill occupation cannot win on 1 match
AFFINITY_WEIGHT = 1.0
AFFINITY_FLOOR = 0.2
AFFINITY_QUANTILE = 0.98
AFFINITY_TOP = 3  # an occupation's affinity: mean of its best 3 sentence similarities
ENJOY_WEIGHT = 0.3
AVOID_SIMILARITY = 0.5
NEAR, STRETCH = 8, 2
STRETCH_POOL = 60


@dataclass(slots=True)
class Profile:
    """The user's side of the match: shown skills, group credit, sentence vectors."""

    shown: dict[str, ShownSkill]
    groups: dict[str, tuple[float, str]]
    sentences: np.ndarray  # (n, dim) unit vectors of the user's sentences
    activities: dict[str, Evidence] = field(default_factory=dict)  # O*NET DWA id -> quote


def make_profile(data: OccupationData, shown: dict[str, ShownSkill],
                 sentences: np.ndarray) -> Profile:
    """Attach skill groups (from the occupation skill table) and group credit to the user."""
    for uri, s in shown.items():
        pos = data.skill_pos.get(uri)
        if pos is not None:
            s.groups = data.skills[pos].groups
    return Profile(shown, group_strengths(shown), sentences)


def credit(data: OccupationData, profile: Profile, pos: int) -> tuple[float, str | None]:
    """How far the user shows the skill at this table position, and the related skill used."""
    skill = data.skills[pos]
    own = profile.shown.get(skill.id)
    if own is not None:
        return own.strength, None
    best: tuple[float, str | None] = (0.0, None)
    for code in skill.groups:
        for g in (code, parent(code)):
            if g and g in profile.groups and profile.groups[g][0] > best[0]:
                best = profile.groups[g]
    return best


def credits(data: OccupationData, profile: Profile) -> np.ndarray:
    """The credit of every skill in the table for this user (see :func:`credit`)."""
    out = np.zeros(len(data.skills), dtype=np.float32)
    for pos, skill in enumerate(data.skills):
        if skill.id in profile.shown or any(
                g in profile.groups or parent(g) in profile.groups for g in skill.groups):
            out[pos] = credit(data, profile, pos)[0]
    return out


def coverage(data: OccupationData, profile: Profile) -> np.ndarray:
    """Per occupation: credit over what it asks for (essential skills count twice)."""
    per_skill = credits(data, profile)
    got = ESSENTIAL_WEIGHT * per_occupation_sum(per_skill, data.essential)
    got += per_occupation_sum(per_skill, data.optional)
    asked = np.array([ESSENTIAL_WEIGHT * len(o.essential) + len(o.optional)
                      for o in data.occupations], dtype=np.float32)
    return np.asarray(got / (asked + PHANTOM), dtype=np.float32)


GENERIC_REACH = 100  # a skill asked for by this many occupations tells no trade apart


def shows_any(data: OccupationData, profile: Profile, specific: bool = False) -> np.ndarray:
    """Per occupation: whether the user shows one of its own skills (essential or optional);
    ``specific``: one that fewer than ``GENERIC_REACH`` occupations ask for ("train employees"
    grounds a roofer in nothing: 264 occupations ask for it, games development manager too)."""
    own = np.array([s.id in profile.shown for s in data.skills], dtype=np.float32)
    if specific:
        own[data.reach >= GENERIC_REACH] = 0.0
    return np.asarray((per_occupation_sum(own, data.essential)
                       + per_occupation_sum(own, data.optional)) > 0)


def affinity(data: OccupationData, sentences: np.ndarray) -> np.ndarray:
    """Per occupation: the mean of its best sentence similarities (0 without sentences)."""
    if not len(sentences):
        return np.zeros(len(data.occupations), dtype=np.float32)
    sims = data.vectors @ sentences.T  # (occupations, sentences)
    k = min(AFFINITY_TOP, sims.shape[1])
    top = np.sort(sims, axis=1)[:, -k:]
    return np.asarray(top.mean(axis=1), dtype=np.float32)


def interest_scores(data: OccupationData, interests: Interests,
                    vectors: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(enjoy boost, avoided mask) per occupation from the user's stated interests."""
    n = len(data.occupations)
    boost = np.zeros(n, dtype=np.float32)
    avoid = np.zeros(n, dtype=bool)
    for text in interests.enjoy:
        boost = np.maximum(boost, data.vectors @ vectors[text] - AFFINITY_FLOOR)
    for text in interests.avoid:
        avoid |= (data.vectors @ vectors[text]) >= AVOID_SIMILARITY
        words = text.lower()
        avoid |= np.array([o.label.lower() in words for o in data.occupations])
    return np.maximum(boost, 0.0) * ENJOY_WEIGHT, avoid


def scores(data: OccupationData, profile: Profile, boost: np.ndarray | None = None
           ) -> np.ndarray:
    """The fit score of every occupation for this user."""
    cov = coverage(data, profile)
    aff = affinity(data, profile.sentences)
    # The floor drops to this user's top 2 % when all their similarities are low (a first,
    # short reflection): the occupations closest to their own words still count.
    floor = min(AFFINITY_FLOOR, float(np.quantile(aff, AFFINITY_QUANTILE)))
    aff = np.maximum(aff - floor, 0.0)
    total = cov + AFFINITY_WEIGHT * aff
    return total + boost if boost is not None else total


def role(data: OccupationData, profile: Profile, index: int, score: float, kind: str) -> Role:
    """One occupation as a ranked role with the user's matching evidence and missing skills."""
    occ = data.occupations[index]
    shown: list[SkillMatch] = []
    missing: list[str] = []
    for essential, positions in ((True, occ.essential), (False, occ.optional)):
        for p in positions:
            skill = data.skills[p]
            own = profile.shown.get(skill.id)
            if own is not None:
                shown.append(SkillMatch(id=skill.id, label=skill.label, essential=essential,
                                        credit=own.strength, evidence=own.evidence))
            elif essential:
                missing.append(skill.label)
    shown.sort(key=lambda m: (not m.essential, -m.credit, m.label))
    return Role(id=occ.id, label=occ.label, isco=occ.isco, isco_label=data.isco_label(occ.isco),
                description=occ.description, kind="stretch" if kind == "stretch" else "near",
                score=round(float(score), 4), shown=shown, missing=sorted(missing),
                essential_total=len(occ.essential), regulated=occ.regulated)


def rank(data: OccupationData, total: np.ndarray, avoided: np.ndarray | None = None,
         grounded: np.ndarray | None = None) -> tuple[list[int], list[int]]:
    """Near roles (the best scores) and stretch roles (a more skilled ISCO major group).

    A stretch role comes from just below the near ones: an occupation whose ISCO major group
    asks for more (a lower digit: managers 1, professionals 2, technicians 3) than the best
    near role's, so it is a step up rather than a step sideways. With ``grounded`` (per
    occupation: the user shows one of its own skills, :func:`shows_any`), a stretch role must
    be grounded: a step up from nothing the user has shown is no step (a carer's first week
    offered "aviation communications and frequency coordination manager").
    """
    order = sorted(range(len(total)), key=lambda i: (-float(total[i]),
                                                     data.occupations[i].label))
    if avoided is not None:
        order = [i for i in order if not avoided[i]]
    near = order[:NEAR]
    if grounded is not None:  # roles the user shows a skill of come first, each in its order
        near.sort(key=lambda i: not grounded[i])
    if not near:
        return [], []
    top_major = data.occupations[near[0]].isco[:1]
    pool = [i for i in order[NEAR:NEAR + STRETCH_POOL] if grounded is None or grounded[i]]
    stretch = [i for i in pool if data.occupations[i].isco[:1] < top_major][:STRETCH]
    if len(stretch) < STRETCH:
        stretch += [i for i in pool if i not in stretch][:STRETCH - len(stretch)]
    return near, stretch


def onet_roles(data: OccupationData, shown: dict[str, Evidence], most: int = 3
               ) -> list[OnetRole]:
    """O*NET occupations ranked by the share of their work activities the user shows.

    Args:
        data: the occupation data (O*NET occupations with their activities).
        shown: DWA id -> the user's quote (``shown.shown_activities``).
        most: how many to return; an occupation needs two shown activities to count.

    Returns:
        The best O*NET occupations, each with the quotes for its shown activities.
    """
    if len(shown) < 2:
        return []
    ranked = []
    for occ in data.onet:
        hits = [d for d in occ["activities"] if d in shown]
        if len(hits) >= 2:
            ranked.append((len(hits) / (len(occ["activities"]) + PHANTOM), occ, hits))
    ranked.sort(key=lambda x: (-x[0], x[1]["title"]))
    return [OnetRole(id=o["id"], title=o["title"], shown=[shown[d] for d in hits],
                     activities=len(o["activities"])) for _, o, hits in ranked[:most]]
