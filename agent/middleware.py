"""The graph's middleware: what the model is told, what tools change, and vendor fallback.

``PassportMiddleware`` puts the passport state (facts from our stores and the dialog state)
into the system prompt, keeps the message history bounded, applies each tool result's
:class:`agent.results.DialogUpdate` to the dialog state, remembers the once-per-conversation
offline notice, and falls back to the offline coach when a vendor call fails.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain.agents.middleware.types import ToolCallRequest
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    HumanMessage,
    RemoveMessage,
    SystemMessage,
    ToolMessage,
)
from langgraph.errors import GraphBubbleUp
from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.capabilities.reflection import KEPT_ON
from agent.coach import MODEL_NAME, OfflineCoach
from agent.context import Context
from agent.intents import RULES_BEFORE_CARE, route
from agent.results import DialogUpdate, ToolResult
from agent.state import PassportState, dialog, dialog_update, prompt_state
from agent.toolkit.runtime import latest_user_text
from memory.records import get_records
from prompts import load
from prompts.phrasebook import ad_after_lead
from tools.careers.explore import get_prefs, keep_job, keep_name
from tools.understanding.commands import opening_job, stated_job, stated_name, stated_work

log = logging.getLogger(__name__)
MAX_MESSAGES = 40
CARE = frozenset({"distress", "after_distress", "care_support"})
# the turns of care that may keep a moment told after it (offered, then kept on a yes): the
# offline coach answers them too, in its own words, never a model's coaching
CARE_LANE = CARE | {"keep_offer", "keep_moment", "keep_both", "care_reached"}
# ("care_reached": "i did ring the doctors, got an appointment for Thursday" ends the lane:
# what they tell next, "work wise - we had CQC in", is coached as a week again)


class PassportMiddleware(AgentMiddleware[PassportState, Context]):
    """System prompt with state, bounded history, dialog state, notices and vendor fallback."""

    state_schema = PassportState

    def __init__(self, llm: bool, fallback: BaseChatModel | None = None) -> None:
        super().__init__()
        self.llm = llm
        self.fallback = fallback or OfflineCoach()

    def before_model(self, state: PassportState,
                     runtime: Runtime[Context]) -> dict[str, Any] | None:
        """Drop the oldest messages beyond the limit, cutting only before a user message."""
        messages = state["messages"]
        if len(messages) <= MAX_MESSAGES:
            return None
        cut = len(messages) - MAX_MESSAGES
        while cut < len(messages) and not isinstance(messages[cut], HumanMessage):
            cut += 1
        return {"messages": [RemoveMessage(id=str(m.id)) for m in messages[:cut]]}

    def after_model(self, state: PassportState,
                    runtime: Runtime[Context]) -> dict[str, Any] | None:
        """Remember, per user, that the offline coach's final reply carried the offline notice
        (it adds it to the user's first final reply, see ``prompt_state``); a reply written by
        an LLM clears that, so the notice comes back once if the mode changes back."""
        last = state["messages"][-1]
        if not isinstance(last, AIMessage) or last.tool_calls:
            return None
        user_id = runtime.context.user_id
        if not self.llm:
            get_records().mark_offline_notice(user_id)
        elif last.response_metadata.get("model_name") != MODEL_NAME:
            get_records().clear_offline_notice(user_id)
        return None

    def after_agent(self, state: PassportState,
                    runtime: Runtime[Context]) -> dict[str, Any] | None:
        """A turn that ran no tool waits for nothing, unless the person was in distress:
        then the next message is read with care too (the router's own rule decides). The
        job a person states as they introduce themselves is kept (``keep_job``)."""
        _keep_stated_job(state["messages"], runtime.context.user_id)
        for msg in reversed(state["messages"]):
            if isinstance(msg, ToolMessage):
                return None
            if isinstance(msg, HumanMessage):
                text = msg.content if isinstance(msg.content, str) else str(msg.content)
                # After distress the next turns stay gentle until the person asks for more;
                # after a line of a job ad, the next lines of it are not kept either.
                intent = route(text, awaiting=dialog(state).awaiting).intent
                return {"dialog": dialog_update(DialogUpdate(
                    awaiting="distress" if intent in CARE else
                    "keep_offer" if intent == "keep_offer" else
                    "ad_text" if intent == "ad_text" else None,
                    pending_ad=_ad_so_far(state, text) if intent == "ad_text" else None))}
        return None

    async def awrap_tool_call(
        self, request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], Awaitable[ToolMessage | Command[Any]]],
    ) -> ToolMessage | Command[Any]:
        """Apply the tool result's dialog update to the graph state with its message."""
        out = await handler(request)
        if not isinstance(out, ToolMessage) or not isinstance(out.artifact, dict):
            return out
        result = ToolResult.model_validate(out.artifact)
        update = dialog_update(result.state)
        if result.kind in AD_PARTS:  # a part of a job ad: collected until "that's the whole ad"
            update["pending_ad"] = _ad_so_far(request.state, latest_user_text(request.state))
        if update["awaiting"] is None and _stays_with_care(request.state) and \
                result.kind != KEPT_ON:  # (a week told on calmly, twice, ends the care lane)
            update["awaiting"] = "distress"  # a request answered; what follows stays gentle
        return Command(update={"messages": [out], "dialog": update})

    async def awrap_model_call(
        self, request: ModelRequest[Context],
        handler: Callable[[ModelRequest[Context]], Awaitable[ModelResponse[Any]]],
    ) -> ModelResponse[Any]:
        """Add the state to the system prompt; on a vendor error let the offline coach answer."""
        ctx = request.runtime.context
        info = prompt_state(request.state, ctx, self.llm)
        prompt = load("system")[0].replace(
            "{state}", f"<state>{json.dumps(info, ensure_ascii=False)}</state>")
        request = request.override(system_message=SystemMessage(content=prompt))
        if not self.llm:
            return await handler(request)
        if _fell_back_this_turn(request.state["messages"]) or _needs_care(
                request.state["messages"], info.get("awaiting")):
            # The safety gate runs before any model: distress gets the deterministic care
            # reply (with its pointer to human help), never the LLM's improvisation.
            return await handler(request.override(model=self.fallback))
        try:
            return await handler(request)
        except GraphBubbleUp:
            raise
        except Exception as exc:  # noqa: BLE001 - any vendor failure falls back for this turn
            log.warning("LLM call failed (%s: %s); the offline coach answers this turn",
                        type(exc).__name__, exc)
            return await handler(request.override(model=self.fallback))


def _stays_with_care(state: Any) -> bool:
    """Whether the person was in care (the coach answered distress) and this turn's message
    was a request answered from there, not one that brings back the coaching flow ("let's
    reflect", a slash command): then the next message is still read with care."""
    if not isinstance(state, dict) or dialog(state).awaiting not in ("distress", "keep_offer"):
        return False
    return not RULES_BEFORE_CARE.search(_latest_said(state.get("messages", [])))


def _latest_said(messages: list[Any]) -> str:
    """The text of the person's latest message ("" when there is none or it is not text)."""
    human = next((m for m in reversed(messages) if isinstance(m, HumanMessage)), None)
    return human.content if human is not None and isinstance(human.content, str) else ""


def _keep_stated_job(messages: list[Any], user_id: str) -> None:
    """Keep the job of this turn's introduction ("hi, I'm Ana, I work as a dental nurse"): it
    tells the tagger and the careers answers the person's trade from the first day. Kept in
    the career preferences, so export shows it and forget removes it; so is the name told
    ("Ana"), which the coach greets them by from then on, whatever the channel calls them."""
    text = _latest_said(messages)
    job = stated_job(text) if text else None
    if text and not job and (opening := opening_job(text)) and not get_prefs(user_id).job:
        job = opening  # "I work in a warehouse, driving forklift since 5 year, now ..."
    if job:
        keep_job(user_id, job, stated_work(text, job), datetime.now(UTC).date().isoformat())
    name = stated_name(text) if text else None
    if name:
        keep_name(user_id, name)


def _needs_care(messages: list[Any], awaiting: str | None) -> bool:
    """True when the person's latest message is distress, or follows it without a request."""
    text = _latest_said(messages)
    return bool(text) and route(text, awaiting=awaiting).intent in CARE_LANE


def _fell_back_this_turn(messages: list[Any]) -> bool:
    """True when the offline coach already stood in since the user's latest message."""
    for msg in reversed(messages):
        if isinstance(msg, HumanMessage):
            return False
        if isinstance(msg, AIMessage) and msg.response_metadata.get("model_name") == MODEL_NAME:
            return True
    return False


# tool results that answer a part of a job ad (a line of it, or the request without the ad)
AD_PARTS = frozenset({"ad_text", "profile_ask"})
MAX_AD_CHARS = 20_000  # what is collected of an ad sent a line at a time


def _ad_so_far(state: Any, text: str) -> str:
    """The job ad collected so far with this part added: the request's lead ("tailor my
    profile for this job:") left out; only for this conversation's dialog state, never
    saved as the person's words."""
    so_far = "\n".join(x for x in (dialog(state).pending_ad or "", ad_after_lead(text)) if x)
    return so_far[-MAX_AD_CHARS:]  # "" after the request alone: the ad is awaited
