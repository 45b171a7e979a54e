"""The agent's tools: capabilities wrapped for LangGraph.

Every tool reads the user's id from the runtime ``Context`` (never from a model argument), and
tools that act on what the user said read the user's latest message verbatim from the graph
state, so neither a real LLM nor the offline coach can put words in the user's mouth. Each
returns JSON with ``kind``, the facts, and ``reply``: the offline wording from ``prompts/``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from langchain.tools import ToolRuntime
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.tools import BaseTool, tool

from agent.capabilities import memory as memory_cap
from agent.capabilities import reflection as reflection_cap
from agent.capabilities import reminders as reminders_cap
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


@tool
def reflect(runtime: Runtime) -> str:
    """Add the user's latest message to their weekly reflection (read verbatim). Returns the
    follow-up question to ask next, or the saved growth moment with the skills found. Use it
    for anything the user tells about their week, for answers to follow-ups, for "skip" and
    for "just save it"."""
    ctx = runtime.context
    return result(reflection_cap.reflect)(ctx.user_id, user_text(runtime), ctx.now)


@tool
def begin_reflection(runtime: Runtime) -> str:
    """Start the weekly reflection: returns the opening question, recalling last week."""
    ctx = runtime.context
    return result(reflection_cap.opening)(ctx.user_id, ctx.display_name or "there")


@tool
def reject_skill(which: str, runtime: Runtime) -> str:
    """Reject a skill the coach proposed, by its number in the last list (e.g. "2")."""
    return result(reflection_cap.reject)(runtime.context.user_id, which)


@tool
def recall(query: str, runtime: Runtime) -> str:
    """Search the user's own saved reflections, stories and credentials by meaning."""
    return result(memory_cap.recall)(runtime.context.user_id, query)


@tool
def show_memory(runtime: Runtime) -> str:
    """Summarise everything kept about the user (counts and the latest reflection)."""
    return result(memory_cap.show)(runtime.context.user_id)


@tool
def export_memory(runtime: Runtime) -> str:
    """Export everything kept about the user as one JSON file and return where it is."""

    def run(user_id: str) -> dict[str, Any]:
        path, body = memory_cap.write_export(user_id)
        return {"kind": "export", "path": str(path), "size": len(body),
                "reply": render("memory_export", size=len(body), where=str(path))}

    return result(run)(runtime.context.user_id)


@tool
def forget_memory(runtime: Runtime) -> str:
    """Delete everything kept about the user. The first call asks for confirmation; the data
    is deleted only when the user's own message is exactly "yes, forget everything"."""
    return result(memory_cap.forget_turn)(runtime.context.user_id, user_text(runtime),
                                          awaiting(runtime))


@tool
def set_reminder(runtime: Runtime) -> str:
    """Set the weekly reflection reminder from the user's words (day, time, timezone)."""
    ctx = runtime.context
    return result(reminders_cap.set_from_text)(ctx.user_id, user_text(runtime), ctx.channel)


def foundation_tools() -> list[BaseTool]:
    """Tools that every installation has."""
    return [reflect, begin_reflection, reject_skill, recall, show_memory, export_memory,
            forget_memory, set_reminder]


def all_tools() -> list[BaseTool]:
    """Foundation tools plus every capability toolkit that is installed."""
    tools = foundation_tools()
    for module in ("agent.capabilities.credential_tools", "agent.capabilities.evidence_tools",
                   "agent.capabilities.career_tools"):
        try:
            tools.extend(__import__(module, fromlist=["TOOLS"]).TOOLS)
        except ImportError:
            continue
    return tools
