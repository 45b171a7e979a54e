"""The graph state, and the dialog state inside it: what the conversation waits for.

Dialog state lives here and only here: a typed field of the LangGraph state, checkpointed
with the conversation, set from tool results (:class:`agent.results.DialogUpdate`, applied by
the middleware's tool hook) and read through :func:`dialog`. It never rides in model message
metadata, so the offline coach and any tool-calling LLM see the same state.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, NotRequired, TypedDict

from langchain.agents.middleware import AgentState
from pydantic import BaseModel, Field

from agent.context import Context
from agent.results import DialogUpdate, ShownSkill
from memory.records import get_records


class DialogState(TypedDict, total=False):
    """What the latest reply waits for, and the numbered list the user last saw."""

    awaiting: str | None
    pending_upload: str | None
    pending_reflection: str | None
    pending_ad: str | None
    shown_skills: list[dict[str, Any]]


def merge_dialog(old: DialogState | None, new: DialogState | None) -> DialogState:
    """Reducer: a tool's update replaces the keys it names and keeps the others."""
    return {**(old or {}), **(new or {})}  # type: ignore[typeddict-item]


class PassportState(AgentState[Any]):
    """Agent state plus the dialog state (``notices`` is read no more: the offline notice is
    remembered per user in the records; kept so older checkpoints still load)."""

    notices: NotRequired[list[str]]
    dialog: NotRequired[Annotated[DialogState, merge_dialog]]


class Dialog(BaseModel):
    """The dialog state as read by tools and the prompt (defaults filled in)."""

    awaiting: str | None = None
    pending_upload: str | None = None
    pending_reflection: str | None = None
    pending_ad: str | None = None
    shown_skills: list[ShownSkill] = Field(default_factory=list)


def dialog(state: Mapping[str, Any]) -> Dialog:
    """The one reader of the dialog state of a graph state."""
    return Dialog.model_validate(state.get("dialog") or {})


def dialog_update(update: DialogUpdate) -> DialogState:
    """The state write for a tool result's update (unset lists are left as they are)."""
    out: DialogState = {"awaiting": update.awaiting, "pending_upload": update.pending_upload,
                        "pending_reflection": update.pending_reflection,
                        "pending_ad": update.pending_ad}
    if update.shown_skills is not None:
        out["shown_skills"] = [s.model_dump() for s in update.shown_skills]
    return out


def prompt_state(state: Mapping[str, Any], ctx: Context, llm: bool) -> dict[str, Any]:
    """What the model needs to know about the user this turn (facts from our stores and the
    dialog state), put into the system prompt for the offline coach and an LLM alike."""
    draft = get_records().draft_reflection(ctx.user_id)
    now = dialog(state)
    return {
        "name": ctx.display_name or "there",
        "channel": ctx.channel,
        "today": ctx.now.date().isoformat(),
        "draft_open": draft is not None,
        "draft_slots": sorted(draft["slots"]) if draft else [],
        "followups_asked": [f["slot"] for f in draft["followups"]] if draft else [],
        "awaiting": now.awaiting,
        "pending_upload": now.pending_upload,
        # lines of a job ad sent one at a time so far (never the person's words)
        "ad_lines_collected": len((now.pending_ad or "").splitlines()),
        "skills_shown": [s.label for s in now.shown_skills],
        "upload_id": ctx.upload_id,
        # once per user, and once more whenever the mode changed (see the middleware)
        "offline_notice_due": not llm and not get_records().offline_notice_shown(ctx.user_id),
    }
