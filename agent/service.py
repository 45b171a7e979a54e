"""The single entry point every channel uses: ``handle(user_id, message) -> Reply``.

One agent turn for one user: turns of the same user run one at a time (a per-user lock),
different users run concurrently. Uploads and pasted credentials are kept aside and
referenced by id, so the conversation history never carries raw files.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict
from contextlib import AbstractAsyncContextManager, AsyncExitStack, nullcontext
from datetime import UTC, datetime
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agent import accounts, checkpoints, lanes
from agent.capabilities import memory as memory_cap
from agent.coach import MODEL_NAME
from agent.context import Context
from agent.graph import build_graph
from agent.models import chat_model
from agent.reply import Reply
from agent.results import ToolResult
from memory.records import get_records
from memory.schemas import clean_display_name
from memory.writer_lock import StoreBusy, hold
from prompts import render
from prompts.phrasebook import (
    MAX_MESSAGE_CHARS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MB,
    looks_like_credential,
)
from settings import Settings, get_settings

__all__ = ["AgentService", "StoreBusy"]
log = logging.getLogger(__name__)
UPLOAD_QUOTA_BYTES = 25 * 1024 * 1024  # per user and 24 hours: five full-size files


class AgentService:
    """Owns the graph, the checkpointer and the per-user locks."""

    def __init__(self, settings: Settings | None = None,
                 model: BaseChatModel | None = None) -> None:
        self.settings = settings or get_settings()
        self._model = model
        self._stack = AsyncExitStack()
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.graph: Any = None
        self.saver: Any = None
        self.repair: asyncio.Task[int] | None = None

    @property
    def llm(self) -> bool:
        """True when a real LLM writes the replies."""
        if self._model is not None:
            return self._model._llm_type != MODEL_NAME
        return self.settings.llm_enabled

    async def start(self) -> AgentService:
        """Open the stores and compile the graph (idempotent)."""
        if self.graph is None:
            self.settings.ensure_home()
            # Turns waiting in the heavy lane hold a thread: enough threads for all of them.
            asyncio.get_running_loop().set_default_executor(lanes.turn_executor())
            if not self.settings.chroma_url:  # embedded: this process is its one writer
                hold(self.settings.home)
            self.saver = await checkpoints.open_checkpointer(self.settings, self._stack)
            model = self._model or chat_model(self.settings)
            self.graph = build_graph(model, self.saver, llm=self.llm)
            self.repair = asyncio.create_task(self._repair_vectors())
        return self

    async def _repair_vectors(self) -> int:
        """Saved reflections missing from vector memory (a crash between the two writes)
        are embedded again, in the background so the first reply does not wait."""
        try:
            repaired = await asyncio.to_thread(memory_cap.repair_vectors)
        except Exception:  # noqa: BLE001 - a failed repair must not stop the service
            log.warning("could not repair vector memory", exc_info=True)
            return 0
        if repaired:
            log.warning("re-embedded %d saved reflection(s) missing from vector memory",
                        repaired)
        return repaired

    async def close(self) -> None:
        """Finish the start-up repair and close the checkpointer."""
        if self.repair is not None:
            await self.repair
            self.repair = None
        await self._stack.aclose()
        self.graph = None

    async def __aenter__(self) -> AgentService:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def user_for(self, provider: str, tenant: str, external_id: str,
                 display_name: str | None = None) -> str:
        """The user id behind a platform identity (created on first contact)."""
        return accounts.user_for(provider, tenant, external_id, display_name)

    async def handle(self, user_id: str, message: str | None = None, *, channel: str = "cli",
                     conversation: str = "main", display_name: str | None = None,
                     file: tuple[bytes, str | None] | None = None,
                     target: str | None = None) -> Reply:
        """Run one agent turn for one user and return the coach's reply.

        Args:
            user_id: whose passport this turn reads and writes.
            message: what the user wrote (may be empty when a file is sent).
            channel: where the turn comes from (cli, telegram, slack, http).
            conversation: which conversation of that channel (one checkpoint thread each).
            display_name: how to greet the user.
            file: an uploaded file's bytes and name (credentials).
            target: where this conversation can be reached later on ``channel`` (a chat or
                DM id), for what the turn schedules (a reminder).
        """
        await self.start()
        text = (message or "").strip()
        if len(text) > MAX_MESSAGE_CHARS and not looks_like_credential(text):
            return Reply(text=render("message_too_long", length=len(text),
                                     limit=MAX_MESSAGE_CHARS))
        upload_id = None
        if file is None and looks_like_credential(text):
            file, text = (text.encode(), "pasted-credential.json"), ""
        if file is not None:
            data, name = file
            if len(data) > MAX_UPLOAD_BYTES:
                return Reply(text=render("upload_too_large", mb=MAX_UPLOAD_MB))
            sent = get_records().upload_bytes_today(user_id)
            if sent + len(data) > UPLOAD_QUOTA_BYTES:
                return Reply(text=render("upload_quota", sent_mb=round(sent / 2**20, 1),
                                         limit_mb=UPLOAD_QUOTA_BYTES // 2**20))
            upload_id = get_records().add_upload(user_id, name, data)
            text = text or f"[sent a file: {name or 'credential'}]"
        if not text:
            return Reply(text=render("message_empty"))
        if get_records().get_user(user_id) is None:
            return Reply(text=render("user_unknown"))
        ctx = Context(user_id=user_id, channel=channel, now=datetime.now(UTC),
                      display_name=(accounts.told_name(user_id)
                                    or clean_display_name(display_name) or self._name(user_id)),
                      upload_id=upload_id, target=target)
        thread = checkpoints.thread_id(user_id, channel, conversation)
        async with self._locks[user_id], self._across_workers(user_id):
            reply = await self._turn(ctx, thread, text)
        return reply

    def _across_workers(self, user_id: str) -> AbstractAsyncContextManager[Any]:
        """One turn per user at a time: the in-process lock, and across workers the store's
        lease. Workers share the stores only with a Chroma server; on the embedded default
        this process is the only one (``writer.lock``), so the lease would only cost each
        turn two store writes and two thread hops."""
        if self.settings.chroma_url:
            return get_records().coordination.turn(user_id)
        return nullcontext()

    async def _turn(self, ctx: Context, thread: str, text: str) -> Reply:
        config = {"configurable": {"thread_id": thread}}
        asked = HumanMessage(content=text, id=str(uuid.uuid4()))
        # One checkpoint write per turn, when the turn ends (not one per step): a turn that
        # crashes half way was never answered, and what its tools saved is in the records.
        out = await self.graph.ainvoke({"messages": [asked]}, config=config, context=ctx,
                                       durability="exit")
        messages = out["messages"]
        at = next((i for i in range(len(messages) - 1, -1, -1)
                   if messages[i].id == asked.id), len(messages) - 1)
        new = messages[at + 1:] or messages[-1:]
        results = [ToolResult.model_validate(m.artifact) for m in new
                   if isinstance(m, ToolMessage) and isinstance(m.artifact, dict)]
        final = next(m for m in reversed(out["messages"]) if isinstance(m, AIMessage))
        reply = self._reply(final, new, results)
        if any(r.kind == "forgotten" for r in results):
            await checkpoints.delete_user(self.saver, ctx.user_id)
        else:
            await checkpoints.prune(self.saver, thread, self.settings.checkpoint_keep)
        return reply

    def _reply(self, final: AIMessage, new: list[Any], results: list[ToolResult]) -> Reply:
        """The channel reply: the final text, and the buttons, files and facts of the tools."""
        text = final.content if isinstance(final.content, str) else str(final.content)
        fallback = self.llm and final.response_metadata.get("model_name") == MODEL_NAME
        tools = [c["name"] for m in new if isinstance(m, AIMessage) for c in m.tool_calls]
        return Reply(text=text, buttons=[b for r in results for b in r.buttons],
                     attachments=[a for r in results for a in r.attachments], tools=tools,
                     data={r.kind: r.record() for r in results}, fallback=fallback)

    async def forget(self, user_id: str) -> None:
        """Delete the user from records, vector memory and every conversation checkpoint."""
        await self.start()
        memory_cap.forget_user(user_id)
        await checkpoints.delete_user(self.saver, user_id)

    @staticmethod
    def _name(user_id: str) -> str | None:
        user = get_records().get_user(user_id)
        return user["display_name"] if user else None
