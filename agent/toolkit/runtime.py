"""What every agent tool shares: the runtime it reads, the user's words, and a safe result.

Every tool reads the user's id from the runtime ``Context`` (never from a model argument), and
tools that act on what the user said read the user's latest message verbatim from the graph
state, so neither a real LLM nor the offline coach can put words in the user's mouth.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from langchain.tools import ToolRuntime
from langchain_core.messages import AIMessage, HumanMessage

from agent.context import Context
from prompts import render

log = logging.getLogger(__name__)
Runtime = ToolRuntime[Context, Any]


def user_text(runtime: Runtime) -> str:
    """The user's latest message, verbatim."""
    for msg in reversed(runtime.state["messages"]):
        if isinstance(msg, HumanMessage):
            return msg.content if isinstance(msg.content, str) else str(msg.content)
    return ""


def awaiting(runtime: Runtime) -> str | None:
    """What the coach's previous reply was waiting for (a confirmation, a choice)."""
    for msg in reversed(runtime.state["messages"][:-1]):
        if isinstance(msg, AIMessage) and not msg.tool_calls:
            return msg.additional_kwargs.get("awaiting")
    return None


def result(fn: Callable[..., dict[str, Any]]) -> Callable[..., str]:
    """Serialise a capability's result; turn unexpected errors into a safe reply."""

    def wrapper(*args: Any, **kwargs: Any) -> str:
        try:
            return json.dumps(fn(*args, **kwargs), default=str, ensure_ascii=False)
        except Exception as exc:  # noqa: BLE001 - the user gets a clear, safe answer
            log.exception("tool %s failed", fn.__name__)
            return json.dumps({"kind": "error", "reply": render(
                "tool_error", error=type(exc).__name__)})

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper
