"""Agent tools for careers: roles that fit the user, and what to grow to reach a role.

Both read the user id from the runtime context and the user's words verbatim from the graph
state, so the model never supplies the target or the interests. The career question is
answered here and never saved as a reflection. ``CareersGuard`` gates an LLM's narration.
"""

from __future__ import annotations

from agent.capabilities import careers as careers_cap
from agent.capabilities.careers_guard import CareersGuard
from agent.toolkit.runtime import Runtime, ToolOutput, agent_tool, run, user_text


@agent_tool
def explore_roles(runtime: Runtime) -> ToolOutput:
    """Which roles (ESCO occupations) fit the user: near roles and one or two stretch roles,
    each with the user's own quoted evidence and the essential skills not shown yet. Use for
    "what jobs would suit me?", "where could I go from here?" and for the user's answer about
    what they enjoy or want to avoid."""
    return run(careers_cap.explore_turn, runtime.context.user_id, user_text(runtime))


@agent_tool
def plan_growth(runtime: Runtime) -> ToolOutput:
    """What the user should learn next to become the role named in their latest message
    (read verbatim): gap skills in order with a concrete next step each; keeps it as their
    goal. Use for "what do I need to become a ...?", "how do I get from A to B?" and for the
    user's choice after an ambiguous role."""
    return run(careers_cap.plan_turn, runtime.context.user_id, user_text(runtime))


TOOLS = [explore_roles, plan_growth]


def middleware(llm: bool) -> list[CareersGuard]:
    """The middleware this toolkit adds to the graph (the LLM narration gate)."""
    return [CareersGuard(llm)]
