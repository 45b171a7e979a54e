"""The LangGraph agent: one graph for the offline coach and for a real LLM.

Built with langchain's ``create_agent`` over every tool (``agent/toolkit``), with the state
schema of ``agent/state.py`` and the middleware of ``agent/middleware.py`` (prompt state,
history bound, dialog state from tool results, vendor fallback) plus the cited-answer guard.
"""

from __future__ import annotations

from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models.chat_models import BaseChatModel

from agent.context import Context
from agent.middleware import PassportMiddleware
from agent.toolkit import all_tools
from agent.toolkit.answers import middleware as answer_middleware


def build_graph(model: BaseChatModel, checkpointer: Any, llm: bool) -> Any:
    """Compile the agent graph for a model and checkpointer.

    Args:
        model: the chat model (an LLM, or the offline coach).
        checkpointer: where conversations are kept between turns.
        llm: True when a real LLM writes the replies (the offline coach is its fallback).
    """
    return create_agent(
        model,
        tools=all_tools(),
        middleware=[PassportMiddleware(llm=llm), *answer_middleware(model, llm)],
        context_schema=Context,
        checkpointer=checkpointer,
        name="talent_passport",
    )
