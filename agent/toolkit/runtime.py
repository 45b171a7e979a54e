"""What every agent tool shares: the runtime it reads, the user's words, and a safe result.

Every tool reads the user's id from the runtime ``Context`` (never from a model argument), and
tools that act on what the user said read the user's latest message verbatim from the graph
state, so neither a real LLM nor the offline coach can put words in the user's mouth.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from langchain.tools import ToolRuntime
from langchain_core.messages import HumanMessage, ToolMessage
from langchain_core.tools import BaseTool, tool
from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

from agent.context import Context
from agent.results import ToolResult
from agent.state import Dialog, dialog
from prompts import render

log = logging.getLogger(__name__)


class Runtime(ToolRuntime[Context, Any]):
    """What LangGraph injects into every tool: our :class:`Context`, the graph state, the
    tool call. Injected, so never part of the schema a model sees; described to pydantic as
    "any" because describing the dataclass anew for each tool was about 0.1 s of each start.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any,
                                     handler: GetCoreSchemaHandler) -> CoreSchema:
        """Any value: LangGraph passes its ``ToolRuntime``; nothing validates it."""
        return core_schema.any_schema()


# What a tool returns to LangGraph: the text the model reads, and the typed result as artifact.
ToolOutput = tuple[str, dict[str, Any]]


def agent_tool(fn: Callable[..., ToolOutput]) -> BaseTool:
    """Wrap a function returning :data:`ToolOutput` as a tool whose message carries the
    typed result as its artifact."""
    return tool(fn, response_format="content_and_artifact")


def user_text(runtime: Runtime) -> str:
    """The user's latest message, verbatim."""
    return latest_user_text(runtime.state)


def earlier_user_text(runtime: Runtime) -> str:
    """The user's message before their latest one, verbatim ("" when there is none)."""
    said = [m for m in runtime.state["messages"] if isinstance(m, HumanMessage)]
    if len(said) < 2:
        return ""
    content = said[-2].content
    return content if isinstance(content, str) else str(content)


def latest_user_text(state: Any) -> str:
    """The user's latest message in a graph state, verbatim."""
    for msg in reversed(state["messages"]):
        if isinstance(msg, HumanMessage):
            return msg.content if isinstance(msg.content, str) else str(msg.content)
    return ""


def dialog_of(runtime: Runtime) -> Dialog:
    """The dialog state this tool call sees (what the previous reply waited for)."""
    return dialog(runtime.state)


def run(fn: Callable[..., ToolResult], *args: Any, **kwargs: Any) -> ToolOutput:
    """Call a capability and return its typed result; unexpected errors become a safe reply.

    Returns:
        ``(content, artifact)``: the JSON the model reads and the :class:`ToolResult` as a
        plain dict (so the checkpoint stores no foreign classes).
    """
    try:
        out = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the user gets a clear, safe answer
        log.exception("tool %s failed", getattr(fn, "__name__", fn))
        out = ToolResult(kind="error", reply=render("tool_error", error=type(exc).__name__))
    return out.content(), out.model_dump()


def turn_results(messages: list[Any], names: tuple[str, ...]) -> list[ToolResult]:
    """This turn's results (since the user's last message) of the named tools, read from
    their typed artifacts; results without a reply are left out."""
    found = []
    for msg in reversed(messages):
        if isinstance(msg, HumanMessage):
            break
        if isinstance(msg, ToolMessage) and msg.name in names and isinstance(msg.artifact, dict):
            value = ToolResult.model_validate(msg.artifact)
            if value.reply:
                found.append(value)
    return found
