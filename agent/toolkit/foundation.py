"""The foundation tools: reflections, skills shown, memory, export, forget, reminders.

Each returns its :class:`agent.results.ToolResult` as the tool message's artifact, and the
JSON the model reads (``kind``, the facts, ``reply``: the offline wording from ``prompts/``).
"""

from __future__ import annotations

from langchain_core.tools import BaseTool

from agent.capabilities import memory as memory_cap
from agent.capabilities import reflection as reflection_cap
from agent.capabilities import reminders as reminders_cap
from agent.capabilities import undo as undo_cap
from agent.intents import REFLECT_ASK
from agent.toolkit.runtime import (
    Runtime,
    ToolOutput,
    agent_tool,
    dialog_of,
    earlier_user_text,
    run,
    user_text,
)


@agent_tool
def reflect(runtime: Runtime) -> ToolOutput:
    """Add the user's latest message to their weekly reflection (read verbatim). Returns the
    follow-up question to ask next, or the saved growth moment with the skills found. Use it
    for anything the user tells about their week, for answers to follow-ups, for "skip" and
    for "just save it"."""
    ctx = runtime.context
    return run(reflection_cap.reflect, ctx.user_id, user_text(runtime), ctx.now)


@agent_tool
def keep_moment(runtime: Runtime, with_this: bool = False) -> ToolOutput:
    """Keep, as it was told, the moment the user told right after a caring reply, once they
    said yes to keeping it, or told on calmly past the offer (``with_this``: this message is
    kept with it): no follow-up question."""
    ctx = runtime.context
    told = earlier_user_text(runtime)
    if with_this:
        told = "\n".join(x for x in (told, user_text(runtime)) if x.strip())
    return run(reflection_cap.keep_told, ctx.user_id, told, ctx.now, with_this)


@agent_tool
def skills_of_last(runtime: Runtime) -> ToolOutput:
    """The skills shown for the user's latest saved moment ("what skill is that?" after it
    was saved); changes nothing."""
    return run(reflection_cap.skills_of_last, runtime.context.user_id)


@agent_tool
def check_skill(runtime: Runtime) -> ToolOutput:
    """Whether a thing the user asks about counts as a skill ("is triage a skill I can put
    down?"): the closest framework skill, and how to make it evidence; stores nothing."""
    return run(reflection_cap.skill_check, runtime.context.user_id, user_text(runtime))


@agent_tool
def begin_reflection(runtime: Runtime) -> ToolOutput:
    """Start the weekly reflection: returns the opening question, recalling last week."""
    ctx = runtime.context
    new = REFLECT_ASK.match(user_text(runtime)) is not None  # "reflect": a new moment
    return run(reflection_cap.opening, ctx.user_id, ctx.display_name or "there", ctx.now, new)


@agent_tool
def reject_skill(which: str, runtime: Runtime) -> ToolOutput:
    """Reject a skill the coach proposed, by its number in the last list (e.g. "2")."""
    return run(reflection_cap.reject, runtime.context.user_id, which,
               dialog_of(runtime).shown_skills)


@agent_tool
def undo_last(runtime: Runtime) -> ToolOutput:
    """Delete the user's last saved growth moment ("undo", "delete the last one"), with its
    skills and its memory. The first call shows the moment and asks; the next call deletes it
    only when the user's own message is a yes."""
    now = dialog_of(runtime)
    return run(undo_cap.undo_turn, runtime.context.user_id, user_text(runtime), now.awaiting,
               now.pending_reflection)


@agent_tool
def cancel_reflection(runtime: Runtime) -> ToolOutput:
    """Drop the open weekly-reflection draft without saving anything ("cancel", "never
    mind, don't save that")."""
    return run(reflection_cap.cancel, runtime.context.user_id)


@agent_tool
def recall(query: str, runtime: Runtime) -> ToolOutput:
    """Search the user's own saved reflections, stories and credentials by meaning."""
    return run(memory_cap.recall, runtime.context.user_id, query)


@agent_tool
def show_memory(runtime: Runtime) -> ToolOutput:
    """Summarise everything kept about the user (counts and the latest reflection)."""
    return run(memory_cap.show, runtime.context.user_id)


@agent_tool
def export_memory(runtime: Runtime) -> ToolOutput:
    """Export everything kept about the user as one JSON file, sent to them as a file."""
    return run(memory_cap.export_turn, runtime.context.user_id)


@agent_tool
def forget_memory(runtime: Runtime) -> ToolOutput:
    """Delete everything kept about the user. The first call asks for confirmation; the data
    is deleted only when the user's own message is exactly "yes, forget everything"."""
    return run(memory_cap.forget_turn, runtime.context.user_id, user_text(runtime),
               dialog_of(runtime).awaiting)


@agent_tool
def set_reminder(runtime: Runtime) -> ToolOutput:
    """Set the weekly reflection reminder from the user's words (day, time, timezone)."""
    ctx = runtime.context
    return run(reminders_cap.set_from_text, ctx.user_id, user_text(runtime), ctx.channel,
               ctx.target)


def foundation_tools() -> list[BaseTool]:
    """Tools that every installation has."""
    return [reflect, keep_moment, skills_of_last, check_skill, begin_reflection,
            reject_skill, undo_last, cancel_reflection, recall, show_memory, export_memory,
            forget_memory, set_reminder]
