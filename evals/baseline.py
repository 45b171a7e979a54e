"""The benchmark baseline: plain langchain ``create_agent`` + LangGraph ``InMemoryStore``.

What a developer gets from the framework defaults with the same model and tools: the same
offline coach model and the same agent tools, an in-memory checkpointer, and long-term
memory in an ``InMemoryStore`` indexed with the same embedder, searched every turn for the
user's five nearest memories and put into the system prompt (the memory-agent pattern).
None of our middleware (passport state, bounded history, notices) runs.

``python -m evals.baseline "message"`` answers one message (used for its cold start).
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np
from langchain.agents import create_agent
from langchain.agents.middleware import ModelRequest, dynamic_prompt
from langchain_core.messages import HumanMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.store.memory import InMemoryStore

from agent.coach import OfflineCoach
from agent.context import Context
from agent.toolkit import all_tools
from memory.embeddings import DIMENSION, get_embedder
from prompts import load

NUMBERED = re.compile(r" \[\d+\]$")  # bench memories: "sentence [n]" shares its vector


class Embed:
    """The same embedder for the store; known texts reuse precomputed vectors."""

    def __init__(self, known: dict[str, np.ndarray] | None = None) -> None:
        self.known = known or {}

    def __call__(self, texts: Sequence[str]) -> list[Any]:
        keys = [NUMBERED.sub("", t) for t in texts]
        missing = sorted({k for k in keys if k not in self.known})
        fresh = dict(zip(missing, get_embedder().embed(missing), strict=True))
        return [self.known.get(k, fresh.get(k)) for k in keys]


def make_store(known: dict[str, np.ndarray] | None = None) -> InMemoryStore:
    """An ``InMemoryStore`` with a vector index over the ``text`` field."""
    return InMemoryStore(index={"embed": Embed(known), "dims": DIMENSION, "fields": ["text"]})


def namespace(user_id: str) -> tuple[str, str]:
    """Where a user's memories live in the store."""
    return ("memories", user_id)


@dynamic_prompt
async def memory_prompt(request: ModelRequest[Context]) -> str:
    """The system prompt plus the user's nearest memories from the store."""
    last = next((m for m in reversed(request.state["messages"])
                 if isinstance(m, HumanMessage)), None)
    query = str(last.content) if last else ""
    store = request.runtime.store
    found = await store.asearch(namespace(request.runtime.context.user_id), query=query,
                                limit=5) if store and query else []
    memories = "\n".join(f"- {item.value.get('text', '')}" for item in found)
    return load("system")[0].replace("{state}", f"Memories:\n{memories}")


def build_baseline(store: InMemoryStore | None = None) -> Any:
    """Compile the baseline agent."""
    return create_agent(OfflineCoach(), tools=all_tools(), middleware=[memory_prompt],
                        context_schema=Context, checkpointer=InMemorySaver(),
                        store=store or make_store())


async def ask(graph: Any, user_id: str, message: str, thread: str) -> str:
    """One baseline turn; returns the reply text."""
    out = await graph.ainvoke({"messages": [HumanMessage(content=message)]},
                              config={"configurable": {"thread_id": thread}},
                              context=Context(user_id=user_id, channel="bench"))
    return str(out["messages"][-1].content)


def main(argv: list[str]) -> None:
    """Answer one message with a fresh baseline (cold start measurement)."""
    from memory.records import get_records

    user = get_records().ensure_user("bench", "baseline", "cold")
    print(asyncio.run(ask(build_baseline(), user, " ".join(argv) or "hi", "cold")), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
