"""The careers reply gate for LLM mode: the model narrates, it never adds a role or a quote.

After ``explore_roles`` or ``plan_growth`` ran in a turn, the LLM's final reply is checked:
every quoted passage must be the user's own words found in the tool results, and every ESCO
occupation or skill label it names (labels of two words or more, and occupation labels of
one word) must be one the tools returned. A reply that fails is replaced by the tools' own
offline reply, and the check is logged.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from langchain.agents.middleware import AgentMiddleware, AgentState
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langgraph.runtime import Runtime

from agent.context import Context
from agent.results import ToolResult
from tools.careers.data import load

log = logging.getLogger(__name__)
NAMES = ("explore_roles", "plan_growth")
QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]{8,})[\"\u201d]")


def _results(messages: list[Any]) -> list[dict[str, Any]]:
    """This turn's careers tool results (read from their typed artifacts)."""
    found = []
    for msg in reversed(messages):
        if isinstance(msg, HumanMessage):
            break
        if isinstance(msg, ToolMessage) and msg.name in NAMES and isinstance(msg.artifact, dict):
            value = ToolResult.model_validate(msg.artifact)
            if value.reply:
                found.append(value.record())
    return found


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

    def after_model(self, state: AgentState[Any], runtime: Runtime[Context]
                    ) -> dict[str, Any] | None:
        """Check the final LLM reply against this turn's careers tool results."""
        last = state["messages"][-1]
        if not self.llm or not isinstance(last, AIMessage) or last.tool_calls:
            return None
        results = _results(state["messages"][:-1])
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
