"""What should I learn next to become X? The target's gap skills, ordered, with next steps.

Gap skills are the target occupation's skills the user does not show yet: essential first,
then the ones closest to what the user already shows (a shown skill in the same group earns
closeness), then a few optional ones. Each gets a concrete next step from
``prompts/templates/career_steps.txt``, chosen by the skill's group (S1 communication ...
S8 machinery, K knowledge, T transversal, L languages); nothing is invented.
"""

from __future__ import annotations

from functools import cache

from prompts import load
from tools.careers.data import OccupationData
from tools.careers.models import Plan, Role, Step
from tools.careers.roles import Profile, credit, role

MOST_ESSENTIAL, MOST_OPTIONAL = 6, 2


@cache
def _steps() -> dict[str, dict[str, str]]:
    """Group key -> {"task": ..., "evidence": ...} from the template file."""
    out: dict[str, dict[str, str]] = {}
    for block in load("career_steps"):
        head, *lines = block.strip().splitlines()
        out[head.strip()] = dict(line.split(": ", 1) for line in lines if ": " in line)
    return out


def step_key(groups: tuple[str, ...], skill_type: str | None) -> tuple[str, str]:
    """Which next-step template fits a skill (its main occupational group, else its kind),
    and the group code whose label names the area (S3.2, K0913)."""
    if skill_type == "knowledge" or not any(g[:1] in "SLT" for g in groups):
        area = next((g for g in groups if g.startswith("K")), "")
        return "K", area[:4] if len(area) > 4 else area
    for prefix in ("S", "L", "T"):
        hit = next((g for g in groups if g.startswith(prefix)), None)
        if hit:
            return (hit[:2] if prefix == "S" else prefix), ".".join(hit.split(".")[:2])
    return "T", ""


def _area(data: OccupationData, code: str, skill: str) -> str:
    return data.groups.get(code) or skill


def plan(data: OccupationData, profile: Profile, index: int, start: str | None = None) -> Plan:
    """The growth plan towards one occupation.

    Args:
        data: the occupation data.
        profile: the user's shown skills.
        index: the target occupation's position in ``data.occupations``.
        start: the user's starting role, as they named it.

    Returns:
        The plan: the target as a role (with the user's matching evidence) and the steps.
    """
    occ = data.occupations[index]
    target: Role = role(data, profile, index, 0.0, "near")
    templates = _steps()
    steps: list[Step] = []
    for essential, positions, most in ((True, occ.essential, MOST_ESSENTIAL),
                                       (False, occ.optional, MOST_OPTIONAL)):
        gaps = []
        for p in positions:
            skill = data.skills[p]
            if skill.id in profile.shown:
                continue
            closeness, via = credit(data, profile, p)
            gaps.append((closeness, skill, via))
        gaps.sort(key=lambda g: (-g[0], g[1].label))
        for closeness, skill, via in gaps[:most]:
            key, code = step_key(skill.groups, skill.type)
            words = {"skill": skill.label, "area": _area(data, code, skill.label)}
            steps.append(Step(id=skill.id, label=skill.label, essential=essential,
                              closeness=round(closeness, 3), via=via,
                              task=templates[key]["task"].format(**words),
                              evidence_kind=templates[key]["evidence"].format(**words)))
    return Plan(target=target, start=start, steps=steps, have=target.shown)
