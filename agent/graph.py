"""The LangGraph agent: one graph for the offline coach and for a real LLM.

Built with langchain's ``create_agent`` over every tool (``agent/toolkit``), with the state
schema of ``agent/state.py`` and the middleware of ``agent/middleware.py`` (prompt state,
history bound, dialog state from tool results, vendor fallback) plus the cited-answer guard.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

import langsmith
from langchain.agents import create_agent
from langchain_core.language_models.chat_models import BaseChatModel
from langsmith.utils import tracing_is_enabled

from agent.context import Context
from agent.middleware import PassportMiddleware
from agent.toolkit import all_tools
from agent.toolkit.answers import middleware as answer_middleware
from agent.toolkit.careers import middleware as careers_middleware


async def _inline_unless_tracing(default: Callable[..., Any], ctx: contextvars.Context,
                                 func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """langchain wraps every middleware hook in a LangSmith span whose set-up and tear-down
    each hop to a thread, tracing or not: four thread hops per tool call and per model call.
    Under load every hop waits for the GIL (measured: 28% of a chat turn's CPU at 50 users).
    With tracing off the set-up is a few dictionary reads, so it runs inline; with tracing
    on, LangSmith's own threads as before."""
    if tracing_is_enabled():
        return await default(ctx, func, *args, **kwargs)
    return ctx.run(func, *args, **kwargs)


def build_graph(model: BaseChatModel, checkpointer: Any, llm: bool) -> Any:
    """Compile the agent graph for a model and checkpointer.

    Args:
        model: the chat model (an LLM, or the offline coach).
        checkpointer: where conversations are kept between turns.
        llm: True when a real LLM writes the replies (the offline coach is its fallback).
    """
    langsmith.set_runtime_overrides(aio_to_thread=_inline_unless_tracing)
    return create_agent(
        model,
        tools=all_tools(),
        middleware=[PassportMiddleware(llm=llm), *answer_middleware(model, llm),
                    *careers_middleware(llm)],
        context_schema=Context,
        checkpointer=checkpointer,
        name="talent_passport",
    )
