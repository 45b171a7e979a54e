"""A user's memories are read by their ids from the records store, not by Chroma's metadata
filter: once their ids are indexed (on their first recall, or by every write), a new worker's
first recall reads by id, gives the filter's answer, never another user's memory, and
forget leaves no id behind."""

from __future__ import annotations

from typing import Any

import pytest

from memory.records import get_records
from memory.vectors import VectorStore, get_vectors, reset_vectors

WORDS = ["Ayer arreglé la caldera del edificio yo solo, sin manual",
         "I trained two new cashiers on the self checkout tills",
         "kept the night shift calm when the fire alarm went off twice",
         "Wrote the allergy list for the school kitchen in three languages"]


def _reads(store: VectorStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Chroma operations the store makes from now on."""
    ops: list[str] = []
    original = store._scoped

    def spy(user_id: str, op: str, where: Any = None, **kwargs: Any) -> Any:
        ops.append(op)
        return original(user_id, op, where, **kwargs)

    monkeypatch.setattr(store, "_scoped", spy)
    return ops


def test_a_new_workers_first_recall_reads_by_id_with_the_filters_answer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    uid = get_records().ensure_user("telegram", "bot", "4411", "Ines")
    store = get_vectors()
    store.add_many(uid, WORDS, "reflection", metadatas=[{"source_id": "r1"}] * 2 + [{}] * 2)
    by_filter = store.search(uid, "training staff at the till", k=4)  # indexes the user
    assert get_records().coordination.memory_ids(uid) is not None
    reset_vectors()  # a worker started since: nothing cached
    fresh = get_vectors()
    ops = _reads(fresh, monkeypatch)
    by_id = fresh.search(uid, "training staff at the till", k=4)
    assert ops == ["get_by_id"]
    assert [(m.id, m.text) for m in by_id] == [(m.id, m.text) for m in by_filter]
    fresh.delete(uid, source_id="r1")  # the ids of deleted memories go with them
    assert len(get_records().coordination.memory_ids(uid) or []) == 2
    assert {m.text for m in fresh.search(uid, "anything", k=10)} == set(WORDS[2:])


def test_an_id_of_another_user_never_returns_their_memory() -> None:
    rec = get_records()
    me, them = (rec.ensure_user("slack", "T1", name, name) for name in ("U1", "U2"))
    store = get_vectors()
    theirs = store.add(them, "My salary review notes: asked for 12 percent", "note")
    store.add(me, "I swapped shifts so a colleague could see her kid's play", "note")
    store.index(me)
    rec.coordination.note_memory_ids(me, [theirs], [None])  # a wrong row in the index
    store.cache.clear()
    found = store.search(me, "salary review", k=5)
    assert [m.user_id for m in found] == [me] and "salary" not in found[0].text


def test_forget_leaves_no_memory_id() -> None:
    rec = get_records()
    uid = rec.ensure_user("http", "api", "k-88", "Kofi")
    store = get_vectors()
    store.add(uid, "Drove the school minibus route when the driver was ill", "reflection")
    store.search(uid, "driving")
    store.erase(uid)
    rec.delete_user(uid)
    rows = rec.db.query("SELECT user_id FROM memory_ids UNION ALL "
                        "SELECT user_id FROM memory_versions")
    assert rows == []
