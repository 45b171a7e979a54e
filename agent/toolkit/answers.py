"""Agent tools for cited answers (strengths, stories, tailored profiles) and their reply gate.

The tools read the user id from the runtime context and the user's words verbatim from the
graph state (the job ad is never a model argument). ``AnswerGuard`` lets an LLM polish the
prose inside the tools (gated there) and checks the LLM's final chat reply after these tools:
a reply that cites nothing or says what the cited facts do not is replaced by the tool's own
checked reply, and the check result is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from langchain.agents.middleware import AgentMiddleware, AgentState
from langchain.agents.middleware.types import ToolCallRequest
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, ToolMessage
from langgraph.runtime import Runtime

from agent.capabilities import answers as answers_cap
from agent.context import Context
from agent.results import ToolResult
from agent.toolkit.runtime import Runtime as ToolRuntime
from agent.toolkit.runtime import (
    ToolOutput,
    agent_tool,
    dialog_of,
    run,
    turn_results,
    user_text,
)
from tools.facts import facts_for
from tools.faithfulness import check_text

log = logging.getLogger(__name__)
NAMES = ("strengths", "draft_story", "tailor_profile")


@agent_tool
def strengths(runtime: ToolRuntime) -> ToolOutput:
    """The user's strengths (3 to 7) over time, each with cited quotes and dates, and their
    growth areas kept apart. Use for "what are my strengths?" and "what am I good at?"."""
    return run(answers_cap.strengths_for, runtime.context.user_id)


@agent_tool
def draft_story(about: str, runtime: ToolRuntime) -> ToolOutput:
    """Draft a STAR story (Situation, Task, Action, Result, Learning) from the user's own
    reflections about a topic, citing them; missing parts become questions. Also handles
    "/story save" and "/story result: ..." edits. ``about`` is the user's request."""
    message = user_text(runtime) or about
    return run(answers_cap.story_turn, runtime.context.user_id, message)


@agent_tool
def tailor_profile(runtime: ToolRuntime) -> ToolOutput:
    """Tailor the user's profile to the job ad in their latest message (read verbatim), or,
    when they say "that's the whole ad", to the lines of it they sent one at a time:
    covered requirements with citations, transferable skills, honest gaps with next steps."""
    return run(answers_cap.profile_turn, runtime.context.user_id, user_text(runtime),
               dialog_of(runtime).pending_ad)


TOOLS = [strengths, draft_story, tailor_profile]


def _turn_results(messages: list[Any]) -> list[ToolResult]:
    """This turn's results of the cited-answer tools (read from their artifacts)."""
    return turn_results(messages, NAMES)


class AnswerGuard(AgentMiddleware[AgentState[Any], Context]):
    """Gives the evidence tools the chat model for polishing and gates the final reply."""

    def __init__(self, model: BaseChatModel | None, llm: bool) -> None:
        super().__init__()
        self.model = model if llm else None

    async def awrap_tool_call(
        self, request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], Awaitable[ToolMessage | Any]],
    ) -> ToolMessage | Any:
        """Let the evidence tools polish with the chat model (their checker gates it)."""
        if self.model is None or request.tool_call["name"] not in NAMES:
            return await handler(request)
        with answers_cap.use_model(self.model):
            return await handler(request)

    def after_model(self, state: AgentState[Any], runtime: Runtime[Context]
                    ) -> dict[str, Any] | None:
        """Replace an unfaithful final LLM reply after an evidence tool by the tool's reply."""
        last = state["messages"][-1]
        if self.model is None or not isinstance(last, AIMessage) or last.tool_calls:
            return None
        results = _turn_results(state["messages"][:-1])
        if not results:
            return None
        by_id = {f.id: f for f in facts_for(runtime.context.user_id)}
        text = last.content if isinstance(last.content, str) else str(last.content)
        sources = [s for r in results for s in r.facts.get("sources", [])]
        check = check_text(text, sources, by_id)
        log.info("faithfulness kind=chat_reply user=%s ok=%s violations=%d",
                 runtime.context.user_id, check.ok, len(check.violations))
        if check.ok:
            return None
        fixed = AIMessage(content="\n\n".join(r.reply for r in results), id=last.id,
                          additional_kwargs=last.additional_kwargs,
                          response_metadata=last.response_metadata)
        return {"messages": [fixed]}


def middleware(model: BaseChatModel | None, llm: bool) -> list[AgentMiddleware[Any, Any]]:
    """The middleware this toolkit adds to the graph."""
    return [AnswerGuard(model, llm)]
