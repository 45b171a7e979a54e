"""Wrong-user tests: user B never sees user A's memories, directly or through the agent."""

from __future__ import annotations

import pytest

from agent.service import AgentService
from memory.records import get_records
from memory.vectors import get_vectors

SECRET = "I negotiated the Zephyr merger contract with the lawyers in Lisbon"


async def test_user_b_never_sees_user_a(service: AgentService) -> None:
    a = service.user_for("cli", "local", "alice")
    b = service.user_for("cli", "local", "bob")
    await service.handle(a, SECRET, conversation="x")
    await service.handle(a, "just save it", conversation="x")
    assert get_vectors().search(a, "Zephyr merger Lisbon", k=5)
    # Directly: searching and listing as B returns nothing of A's.
    assert get_vectors().search(b, "Zephyr merger Lisbon", k=5) == []
    assert get_vectors().list(b) == []
    assert get_records().list_reflections(b) == []
    # Through the agent, in every way B can ask.
    for ask in ["what did I say last week?", "do you remember the Zephyr merger?",
                "show my memory", "hello"]:
        reply = await service.handle(b, ask, conversation="y")
        assert "Zephyr" not in reply.text and "Lisbon" not in reply.text, ask
    export = await _export(b)
    assert "Zephyr" not in export


async def _export(user_id: str) -> str:
    import json

    from agent.capabilities.memory import export_user

    return json.dumps(export_user(user_id), default=str)


def test_every_memory_operation_requires_a_user() -> None:
    store = get_vectors()
    with pytest.raises(ValueError):
        store.search("", "anything")
    with pytest.raises(ValueError):
        store.delete("")


def test_metadata_cannot_override_the_owner() -> None:
    store = get_vectors()
    mid = store.add("usr_a", "my text", "note", metadata={"user_id": "usr_b"})
    assert [m.id for m in store.list("usr_a")] == [mid]
    assert store.list("usr_b") == []
