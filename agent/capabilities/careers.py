"""Careers for every channel: roles that fit, growth plans, the goal in the weekly loop.

The tools (``tools.careers``) decide every fact: occupations and skills from ESCO, each "you
show" with the user's own words and fact id. This module only words them, from the
``careers_*`` templates in ``prompts/``, and returns one tool result (kind, facts, reply).
"""

from __future__ import annotations

from typing import Any

from agent.capabilities.answers import with_draft_note
from agent.results import DialogUpdate, ToolResult
from prompts import render
from tools.careers import explore
from tools.careers.models import Plan, Role, SkillMatch

QUOTES_PER_ROLE = 2
MISSING_SHOWN = 4


def _quotes(matches: list[SkillMatch], most: int) -> list[str]:
    lines = []
    for m in matches[:most]:
        e = m.evidence[0]
        source = render("careers_verified") if e.verified else e.kind
        lines.append(render("careers_quote", skill=m.label, words=e.words, date=e.date,
                            source=source, fact_id=e.fact_id))
    return lines


def _role_lines(n: int, r: Role) -> list[str]:
    essential = [m for m in r.shown if m.essential]
    optional = len(r.shown) - len(essential)  # quoted below too: "0 of 28 essential" alone
    lines = [render("careers_role", n=n, label=r.label, shown=len(essential),  # misleads
                    total=r.essential_total,
                    stretch=f" ({render('careers_stretch')})" if r.kind == "stretch" else "",
                    also=f" {render('careers_role_also', count=optional)}" if optional else "")]
    lines += _quotes(r.shown, QUOTES_PER_ROLE)
    if r.missing:
        lines.append(render("careers_missing", missing=", ".join(r.missing[:MISSING_SHOWN])))
    return lines


def roles_reply(result: explore.RolesResult) -> str:
    """The offline wording of a roles answer."""
    if not result.enough:
        return render("careers_not_enough", count=result.skills_shown)
    lines = [render("careers_roles")]
    for n, r in enumerate(result.roles, 1):
        lines += _role_lines(n, r)
    if result.onet:
        lines.append(render("careers_onet", titles="; ".join(
            f"{o.title} ({len(o.shown)} of {o.activities} activities)" for o in result.onet)))
    if result.interests.avoid:
        lines.append(render("careers_avoided", avoid="; ".join(result.interests.avoid)))
    if result.current:
        lines.append(render("careers_current", current="; ".join(result.current)))
    lines.append(render("careers_attribution"))
    if result.ask_interests:
        lines.append(render("careers_ask_interests"))
    return "\n".join(lines)


def plan_reply(result: explore.PlanResult) -> str:
    """The offline wording of a growth plan, or the question when the target is unclear."""
    res = result.resolution
    if result.plan is None:
        if res.how == "ambiguous":
            options = [f"{n}. {o['label']}" for n, o in enumerate(res.options, 1)]
            return "\n".join([render("careers_target_ask", said=res.said), *options])
        if not res.said.strip():
            return render("careers_target_missing")
        return render("careers_target_unknown", said=res.said)
    return _plan_text(result.plan)


def _plan_text(plan: Plan) -> str:
    lines = [render("careers_plan", target=plan.target.label)]
    if plan.target.regulated:  # skills alone never open it: say so before them
        lines.append(render("careers_regulated", target=plan.target.label))
    if plan.start:
        lines.append(render("careers_plan_start", start=plan.start))
    for n, s in enumerate(plan.steps, 1):
        via = f", {render('careers_via', skill=s.via)}" if s.via else ""
        lines.append(render("careers_step", n=n, skill=s.label,
                            kind=render("careers_essential" if s.essential else
                                        "careers_optional"), via=via,
                            task=s.task, evidence=s.evidence_kind.rstrip(".")))
    if not plan.steps:
        lines.append(render("careers_plan_done"))
    if plan.have:
        lines += [render("careers_plan_have"), *_quotes(plan.have, 3)]
    lines += [render("careers_goal_kept", target=plan.target.label),
              render("careers_attribution")]
    return "\n".join(lines)


def explore_turn(user_id: str, text: str = "") -> ToolResult:
    """Roles that fit the user, as a tool result (asks about interests once)."""
    result = explore.explore_roles(user_id, text)
    return with_draft_note(user_id, ToolResult(
        kind="career_roles", reply=roles_reply(result), facts=result.model_dump(mode="json"),
        state=DialogUpdate(awaiting="career_interests" if result.ask_interests else None)))


def plan_turn(user_id: str, text: str) -> ToolResult:
    """A growth plan towards the role in the user's words, as a tool result."""
    result = explore.plan_growth(user_id, text)
    ask = result.plan is None and result.resolution.how == "ambiguous"
    return with_draft_note(user_id, ToolResult(
        kind="career_plan", reply=plan_reply(result), facts=result.model_dump(mode="json"),
        state=DialogUpdate(awaiting="career_target" if ask else None)))


def goal_note(user_id: str, skills: list[dict[str, Any]]) -> str:
    """A line for a saved reflection that shows a gap skill of the user's goal ("" if none)."""
    found = explore.goal_progress(user_id, skills)
    if found is None:
        return ""
    goal, shown = found
    return render("careers_goal_progress", skills=", ".join(shown), goal=goal)


def opening_note(user_id: str) -> str:
    """A line for the weekly opening that names the user's goal ("" without one)."""
    goal = explore.get_prefs(user_id).goal
    if goal is None:
        return ""
    labels = {s.id: s.label for s in _goal_skills(goal.gaps)}
    skill = labels.get(goal.gaps[0], "") if goal.gaps else ""
    return render("careers_opening_goal", goal=goal.label, skill=skill or goal.label)


def _goal_skills(ids: list[str]) -> list[Any]:
    from tools.careers.data import load

    data = load()
    return [data.skills[data.skill_pos[i]] for i in ids[:1] if i in data.skill_pos]
