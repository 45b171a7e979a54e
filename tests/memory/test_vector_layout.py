"""One Chroma collection per user: names, forgetting, stale handles, and the one-time move of
a store written with the earlier layout (one shared ``memories`` collection)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from memory.embeddings import get_embedder
from memory.settings import get_settings
from memory.vectors import (
    LEGACY_COLLECTION,
    VectorStore,
    collection_name,
    get_vectors,
    make_client,
    reset_vectors,
)


def _names(client: object) -> set[str]:
    return {c.name if hasattr(c, "name") else str(c)
            for c in client.list_collections()}  # type: ignore[attr-defined]


def test_each_user_has_a_collection_named_by_a_hash() -> None:
    store = get_vectors()
    store.add("usr_a", "I fixed the office printer", "note")
    store.add("usr:b/ü", "I planned the team offsite", "note")  # any characters
    names = _names(store._client)
    assert {collection_name("usr_a"), collection_name("usr:b/ü")} <= names
    assert all(n.startswith("mem-") and "usr" not in n for n in names)
    assert [m.text for m in store.search("usr_a", "printer repair", k=5)] == [
        "I fixed the office printer"]
    assert store.search("usr_nobody", "printer", k=5) == []  # nothing created for a reader
    assert collection_name("usr_nobody") not in _names(store._client)
    with pytest.raises(ValueError):
        collection_name("")


def test_forgetting_a_user_drops_their_collection_only() -> None:
    store = get_vectors()
    store.add("usr_a", "I mentored Tom", "note", source_id="r1")
    store.add("usr_a", "I ran the retro", "note", source_id="r2")
    store.add("usr_b", "I mentored Ana", "note")
    store.delete("usr_a", source_id="r1")
    assert [m.source_id for m in store.list("usr_a")] == ["r2"]
    store.delete("usr_a")
    assert collection_name("usr_a") not in _names(store._client)
    assert store.count("usr_a") == 0 and store.count("usr_b") == 1
    store.delete("usr_a")  # forgetting twice is fine
    store.add("usr_a", "a fresh start", "note")  # and the user can start again
    assert store.count("usr_a") == 1


def test_a_handle_dropped_by_another_store_is_reopened() -> None:
    first = get_vectors()
    first.add("usr_a", "I wrote the onboarding guide", "note")
    assert first.count("usr_a") == 1  # first now holds an open handle
    other = VectorStore(first._client)
    other.delete("usr_a")  # e.g. another worker serving a forget
    assert first.count("usr_a") == 0
    first.add("usr_a", "new memory after the forget", "note")
    assert [m.text for m in other.list("usr_a")] == ["new memory after the forget"]


def _legacy_store(path: Path, rows: list[tuple[str, str, str]]) -> None:
    """Write rows (id, user, text) the way the shared-collection layout did."""
    from memory.chroma_ef import PassportEmbeddingFunction

    client = make_client(get_settings())
    legacy = client.get_or_create_collection(
        LEGACY_COLLECTION, embedding_function=PassportEmbeddingFunction(),  # type: ignore[arg-type]
        configuration={"hnsw": {"space": "cosine"}})
    legacy.upsert(ids=[r[0] for r in rows], documents=[r[2] for r in rows],
                  embeddings=get_embedder().embed([r[2] for r in rows]),  # type: ignore[arg-type]
                  metadatas=[{"user_id": r[1], "kind": "reflection", "source_id": r[0],
                              "created_at": "2026-11-01T10:00:00+00:00"} for r in rows])


def test_a_store_with_the_shared_layout_is_moved_once(tmp_path: Path) -> None:
    topics = ["roofs", "budgets", "choirs"]
    rows = [(f"mem_{i}", f"usr_{i % 3}", f"reflection {i} about {topics[i % 3]}")
            for i in range(25)]
    reset_vectors()
    _legacy_store(tmp_path, rows)
    reset_vectors()
    store = VectorStore(make_client(get_settings()))  # opening moves it, in pages
    names = _names(store._client)
    assert LEGACY_COLLECTION not in names
    for u in range(3):
        mine = store.list(f"usr_{u}")
        assert sorted(m.id for m in mine) == sorted(r[0] for r in rows if r[1] == f"usr_{u}")
        assert all(m.user_id == f"usr_{u}" for m in mine)
        hits = store.search(f"usr_{u}", topics[u], k=3)
        assert hits and all(topics[u] in m.text for m in hits)
    # the stored vectors came along unchanged (copied, not re-embedded)
    moved = store._collection("usr_0", create=False).get(  # type: ignore[union-attr]
        ids=["mem_0", "mem_3"], include=["embeddings"])
    expected = get_embedder().embed([rows[0][2], rows[3][2]])
    got = dict(zip(moved["ids"], moved["embeddings"], strict=True))
    assert np.allclose(got["mem_0"], expected[0], atol=1e-6)
    assert np.allclose(got["mem_3"], expected[1], atol=1e-6)
    again = VectorStore(store._client)  # opening again finds nothing to move
    assert again.count("usr_0") == 9


def test_an_interrupted_move_resumes_without_loss(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [(f"mem_{i}", f"usr_{i % 2}", f"memory number {i}") for i in range(12)]
    reset_vectors()
    _legacy_store(Path("."), rows)
    client = make_client(get_settings())
    calls = {"n": 0}
    real = VectorStore._collection

    def crash_on_second_user(self: VectorStore, user_id: str, create: bool) -> object:
        if create and user_id == "usr_1":
            calls["n"] += 1
            raise RuntimeError("power cut")
        return real(self, user_id, create)

    monkeypatch.setattr(VectorStore, "_collection", crash_on_second_user)
    with pytest.raises(RuntimeError, match="power cut"):
        VectorStore(client)
    monkeypatch.undo()
    assert LEGACY_COLLECTION in _names(client)  # usr_1's rows are still there
    store = VectorStore(client)
    assert store.count("usr_0") == 6 and store.count("usr_1") == 6
    assert LEGACY_COLLECTION not in _names(client)


def test_rows_without_an_owner_are_never_guessed() -> None:
    reset_vectors()
    _legacy_store(Path("."), [("mem_1", "usr_a", "mine")])
    client = make_client(get_settings())
    legacy = client.get_collection(LEGACY_COLLECTION)
    legacy.upsert(ids=["mem_x"], documents=["whose?"], embeddings=[[0.1] * 384],
                  metadatas=[{"kind": "note"}])
    store = VectorStore(client)
    assert store.count("usr_a") == 1
    assert legacy.get(include=[])["ids"] == ["mem_x"]  # left where it was, logged
