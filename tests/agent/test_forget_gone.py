"""Forget means gone: after a user is forgotten, no file of the data dir holds their words or
the bytes of their vectors (records, checkpoints, Chroma's log and HNSW files, exports)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np

from agent.capabilities.memory import remove_exports, write_export
from agent.service import AgentService
from memory.records import get_records
from memory.vectors import get_vectors
from settings import get_settings
from tests.agent.helpers import converse, new_user_says

MARKER = "Quokkafjord-7f3a9c"


def _files_with(home: Path, needles: list[bytes]) -> list[str]:
    hits = []
    for path in sorted(home.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.relative_to(home)}: {n[:12]!r}" for n in needles if n in data]
    return hits


def _bulk(n: int) -> None:
    """Other people's memories, enough for Chroma to write its HNSW files to disk."""
    rng = np.random.default_rng(7)
    vecs = rng.normal(size=(n, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    col = get_vectors()._collection
    for start in range(0, n, 500):
        stop = min(n, start + 500)
        col.add(ids=[f"bulk{i}" for i in range(start, stop)], embeddings=vecs[start:stop],
                documents=[f"someone else's week {i}" for i in range(start, stop)],
                metadatas=[{"user_id": "usr_bulk", "kind": "reflection"}] * (stop - start))


async def test_forget_leaves_no_marker_and_no_vector_bytes_on_disk() -> None:
    home = get_settings().home
    async with AgentService() as service:
        zed = service.user_for("cli", "local", "zed", "zed")
        bo = service.user_for("cli", "local", "bo", "bo")
        for user, words in ((zed, f"this week i repaired the {MARKER} loom at the museum"),
                            (bo, "this week i rebuilt the bakery's sourdough schedule")):
            await converse(service, user, [
                words, "it took three evenings and a borrowed ratchet",
                "i learned to ask the old hands before opening anything"], conversation="c1")
        reply = await service.handle(zed, "export my data", conversation="c1")
        assert reply.attachments
        _bulk(1100)
        got = get_vectors()._collection.get(where={"user_id": zed}, include=["embeddings"])
        vector = np.asarray(got["embeddings"][0], dtype=np.float32)
        needles = [MARKER.encode(), vector.tobytes(),
                   (vector / np.linalg.norm(vector)).astype(np.float32).tobytes()]
        before = _files_with(home, needles)
        assert any("exports" in h for h in before), before
        assert any("chroma.sqlite3" in h for h in before), before
        assert any("data_level0.bin" in h for h in before), before  # the HNSW file holds it
        await service.forget(zed)
        assert _files_with(home, needles) == []
        assert get_vectors().count(bo) == 1 and get_vectors().count("usr_bulk") == 1100
        assert len(get_records().list_reflections(bo)) == 1
        recalled = await service.handle(bo, "what did i write about before?", conversation="c1")
        assert "sourdough" in recalled.text


def test_exports_expire_after_a_day() -> None:
    rec = get_records()
    old_user = rec.ensure_user("cli", "local", "ol")
    new_user = rec.ensure_user("cli", "local", "nu")
    old, _ = write_export(old_user)
    stale = time.time() - 25 * 3600
    os.utime(old, (stale, stale))
    fresh, _ = write_export(new_user)
    assert not old.exists() and fresh.exists()
    assert remove_exports(new_user) == 1 and not fresh.exists()


async def test_saved_reflections_missing_from_vector_memory_are_repaired_at_start() -> None:
    """A crash between the records save and the Chroma write: the next start re-embeds."""
    async with AgentService() as service:
        ivo = await new_user_says(service, "ivo", [
            "this week i tiled the hospital's new wash room, mostly alone",
            "the grout set too fast on day one so i redid a wall",
            "i learned to mix smaller batches when it is hot"])
    saved = get_records().list_reflections(ivo)
    assert len(saved) == 1 and get_vectors().count(ivo) == 1
    get_vectors().delete(ivo)  # what the crash left: the row without its vector
    async with AgentService() as service:
        assert service.repair is not None and await service.repair == 1
    memories = get_vectors().list(ivo)
    assert [(m.id, m.text, m.metadata.get("week")) for m in memories] == [
        (saved[0]["id"], saved[0]["text"], saved[0]["week"])]
    async with AgentService() as service:
        assert service.repair is not None and await service.repair == 0
