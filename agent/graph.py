"""The LangGraph agent: one graph for the offline coach and for a real LLM.

Built with langchain's ``create_agent``; our middleware adds the passport state to the
system prompt, keeps the message history bounded, remembers the once-per-conversation
offline notice, and falls back to the offline coach when a vendor call fails.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, NotRequired

from langchain.agents import create_agent
from langchain.agents.middleware import AgentMiddleware, AgentState, ModelRequest, ModelResponse
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, RemoveMessage, SystemMessage
from langgraph.errors import GraphBubbleUp
from langgraph.runtime import Runtime

from agent.coach import MODEL_NAME, OfflineCoach
from agent.context import Context
from agent.intents import route
from agent.toolkit import all_tools
from memory.records import get_records
from prompts import load

log = logging.getLogger(__name__)
MAX_MESSAGES = 40


class PassportState(AgentState[Any]):
    """Agent state plus the notices already shown in this conversation."""

    notices: NotRequired[list[str]]


def passport_state(state: Mapping[str, Any], ctx: Context, llm: bool) -> dict[str, Any]:
    """What the model needs to know about the user this turn (facts from our stores)."""
    draft = get_records().draft_reflection(ctx.user_id)
    last_ai = next((m for m in reversed(state["messages"])
                    if isinstance(m, AIMessage) and not m.tool_calls), None)
    kwargs = last_ai.additional_kwargs if last_ai else {}
    return {
        "name": ctx.display_name or "there",
        "channel": ctx.channel,
        "today": ctx.now.date().isoformat(),
        "draft_open": draft is not None,
        "draft_slots": sorted(draft["slots"]) if draft else [],
        "followups_asked": [f["slot"] for f in draft["followups"]] if draft else [],
        "awaiting": kwargs.get("awaiting"),
        "pending_upload": kwargs.get("pending_upload"),
        "upload_id": ctx.upload_id,
        "offline_notice_due": not llm and "offline" not in state.get("notices", []),
    }


class PassportMiddleware(AgentMiddleware[PassportState, Context]):
    """System prompt with state, bounded history, notice memory and vendor fallback."""

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
        """Remember that the offline notice was shown in this conversation."""
        last = state["messages"][-1]
        if isinstance(last, AIMessage) and last.additional_kwargs.get("notice") == "offline":
            return {"notices": [*state.get("notices", []), "offline"]}
        return None

    async def awrap_model_call(
        self, request: ModelRequest[Context],
        handler: Callable[[ModelRequest[Context]], Awaitable[ModelResponse[Any]]],
    ) -> ModelResponse[Any]:
        """Add the state to the system prompt; on a vendor error let the offline coach answer."""
        ctx = request.runtime.context
        info = passport_state(request.state, ctx, self.llm)
        prompt = load("system")[0].replace(
            "{state}", f"<state>{json.dumps(info, ensure_ascii=False)}</state>")
        request = request.override(system_message=SystemMessage(content=prompt))
        if not self.llm:
            return await handler(request)
        if _fell_back_this_turn(request.state["messages"]) or _needs_care(
                request.state["messages"], info):
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


def _needs_care(messages: list[Any], info: dict[str, Any]) -> bool:
    """True when the person's latest message is distress, or follows it without a request."""
    human = next((m for m in reversed(messages) if isinstance(m, HumanMessage)), None)
    if human is None or not isinstance(human.content, str):
        return False
    chosen = route(human.content, awaiting=info.get("awaiting"))
    return chosen.intent in ("distress", "after_distress")


def _fell_back_this_turn(messages: list[Any]) -> bool:
    """True when the offline coach already stood in since the user's latest message."""
    for msg in reversed(messages):
        if isinstance(msg, HumanMessage):
            return False
        if isinstance(msg, AIMessage) and msg.response_metadata.get("model_name") == MODEL_NAME:
            return True
    return False


def extra_middleware(model: BaseChatModel, llm: bool) -> list[Any]:
    """Middleware of installed capability toolkits (e.g. the evidence reply gate)."""
    try:
        from agent.capabilities.evidence_tools import middleware
    except ImportError:
        return []
    return middleware(model, llm)


def build_graph(model: BaseChatModel, checkpointer: Any, llm: bool) -> Any:
    """Compile the agent graph for a model and checkpointer."""
    return create_agent(
        model,
        tools=all_tools(),
        middleware=[PassportMiddleware(llm=llm), *extra_middleware(model, llm)],
        context_schema=Context,
        checkpointer=checkpointer,
        name="talent_passport",
    )
