"""Scale-out by configuration: records and checkpoints on PostgreSQL, vectors on a Chroma
server, chosen by URL settings alone, with the same isolation guarantees."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from agent.service import AgentService
from memory.records import get_records, reset_records
from memory.vectors import get_vectors, reset_vectors
from settings import get_settings
from tests.servers import chroma_server, postgres_server


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="module")
def chroma_url() -> Iterator[str]:
    with chroma_server() as url:
        yield url


@pytest.fixture
def scaled(monkeypatch: pytest.MonkeyPatch, pg_url: str, chroma_url: str) -> Iterator[None]:
    monkeypatch.setenv("PASSPORT_RECORDS_URL", pg_url)
    monkeypatch.setenv("PASSPORT_CHECKPOINTS_URL", pg_url)
    monkeypatch.setenv("PASSPORT_CHROMA_URL", chroma_url)
    get_settings.cache_clear()
    reset_records()
    reset_vectors()
    yield
    reset_records()
    reset_vectors()


@pytest.mark.postgres
async def test_a_reflection_on_postgres_and_a_chroma_server(scaled: None) -> None:
    records = get_records()
    assert records.db.is_postgres
    async with AgentService() as service:
        assert type(service.saver).__name__ == "AsyncPostgresSaver"
        ana = service.user_for("slack", "T1", "U-ana", "Ana")
        bob = service.user_for("slack", "T1", "U-bob", "Bob")
        for msg in ["I repaired the community centre's leaking roof with two neighbours",
                    "It held through the storm on Sunday", "I learned to ask for help early"]:
            reply = await service.handle(ana, msg, conversation="dm")
        assert "Saved as a growth moment" in reply.text
        saved = records.list_reflections(ana)
        assert len(saved) == 1 and "leaking roof" in saved[0]["text"]
        assert get_vectors().search(ana, "roof repair", k=1)[0].source_id == saved[0]["id"]
        assert get_vectors().search(bob, "roof repair", k=5) == []
        snapshot = "SELECT user_id FROM memory_snapshots WHERE user_id=?"
        assert records.db.one(snapshot, (ana,))  # saved on PostgreSQL by the first recall
        reset_vectors()  # another worker's first recall loads it
        assert get_vectors().search(ana, "roof repair", k=1)[0].source_id == saved[0]["id"]
        recalled = await service.handle(ana, "what did I say last week?", conversation="dm2")
        assert "leaking roof" in recalled.text
        await service.forget(ana)
    assert records.get_user(ana) is None and get_vectors().count(ana) == 0
    assert records.db.one(snapshot, (ana,)) is None


@pytest.mark.postgres
def test_postgres_records_keep_bytes_and_upserts(scaled: None) -> None:
    records = get_records()
    uid = records.ensure_user("cli", "local", "raw")
    raw = bytes(range(256))
    cid = records.add_credential(uid, fmt="ob3", filename="b.png", raw=raw,
                                 achievement={"name": "x"}, verdicts={"proof": "valid"},
                                 verdict="valid", reasons=[], skills=[])
    assert bytes(records.list_credentials(uid)[0]["raw"]) == raw and cid
    records.set_reminder(uid, 6, "18:00", "Europe/Berlin", channel="cli")
    records.set_reminder(uid, 0, "09:30", "UTC")
    rem = records.get_reminder(uid)
    assert rem and (rem["weekday"], rem["at_time"], rem["channel"]) == (0, "09:30", "cli")
