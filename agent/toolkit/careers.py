"""Agent tools for careers: roles that fit the user, and what to grow to reach a role.

Both read the user id from the runtime context and the user's words verbatim from the graph
state, so the model never supplies the target or the interests. The career question is
answered here and never saved as a reflection.

``CareersGuard`` gates an LLM's narration after these tools: every quoted passage must be the
user's own words found in the tool results, and every ESCO occupation or skill label it names
(labels of two words or more, and one-word occupation labels) must be one the tools returned.
A reply that fails is replaced by the tools' own offline reply, and the check is logged.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from langchain.agents.middleware import AgentMiddleware, AgentState
from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime as GraphRuntime

from agent.capabilities import careers as careers_cap
from agent.context import Context
from agent.toolkit.runtime import Runtime, ToolOutput, agent_tool, run, turn_results, user_text
from tools.careers.data import load

log = logging.getLogger(__name__)
NAMES = ("explore_roles", "plan_growth")
QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]{8,})[\"\u201d]")


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


def _words(text: str) -> str:
    return f" {' '.join(re.findall(r'[a-z0-9/+#-]+', text.lower()))} "


def unsupported(text: str, results: list[dict[str, Any]]) -> list[str]:
    """What the reply says that the tool results do not hold (quotes, roles, skills).

    Args:
        text: the LLM's reply.
        results: the careers tool results of this turn.

    Returns:
        The unsupported quotes and labels (empty when the reply is faithful).
    """
    support = json.dumps(results, ensure_ascii=False)
    words, allowed = _words(text), _words(support)
    bad = [q for q in QUOTED.findall(text) if q.strip() not in support]
    data = load()
    labels = [o.label for o in data.occupations] + [s.label for s in data.skills
                                                    if " " in s.label]
    for label in labels:
        key = _words(label)
        if len(key) > 5 and key in words and key not in allowed:
            bad.append(label)
    return bad


class CareersGuard(AgentMiddleware[AgentState[Any], Context]):
    """Replaces an LLM reply after a careers tool that invents a role, skill or quote."""

    def __init__(self, llm: bool) -> None:
        super().__init__()
        self.llm = llm

    def after_model(self, state: AgentState[Any], runtime: GraphRuntime[Context]
                    ) -> dict[str, Any] | None:
        """Check the final LLM reply against this turn's careers tool results."""
        last = state["messages"][-1]
        if not self.llm or not isinstance(last, AIMessage) or last.tool_calls:
            return None
        results = [r.record() for r in turn_results(state["messages"][:-1], NAMES)]
        if not results:
            return None
        text = last.content if isinstance(last.content, str) else str(last.content)
        bad = unsupported(text, results)
        log.info("careers narration user=%s ok=%s unsupported=%s", runtime.context.user_id,
                 not bad, bad[:5])
        if not bad:
            return None
        fixed = AIMessage(content="\n\n".join(str(r["reply"]) for r in results), id=last.id,
                          additional_kwargs=last.additional_kwargs,
                          response_metadata=last.response_metadata)
        return {"messages": [fixed]}


def middleware(llm: bool) -> list[CareersGuard]:
    """The middleware this toolkit adds to the graph (the LLM narration gate)."""
    return [CareersGuard(llm)]
