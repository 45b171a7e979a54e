"""A worker's first recall of a user reads the snapshot of their memories kept in the records
store, else their memories by id from Chroma (not by the metadata filter): the filter's
answer, never another user's memory; no snapshot keeps a deleted memory, and forget leaves
no id or snapshot behind."""

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


def test_a_new_workers_first_recall_reads_the_snapshot_else_by_id(
        monkeypatch: pytest.MonkeyPatch) -> None:
    uid = get_records().ensure_user("telegram", "bot", "4411", "Ines")
    store = get_vectors()
    store.add_many(uid, WORDS[:3], "reflection", metadatas=[{"source_id": "r1"}] * 2 + [{}])
    store.search(uid, "training staff at the till", k=4)  # indexes the user, saves a snapshot
    assert get_records().coordination.memory_ids(uid) is not None
    reset_vectors()  # a worker started since: nothing cached
    ops = _reads(get_vectors(), monkeypatch)
    from_snapshot = get_vectors().search(uid, "training staff at the till", k=4)
    assert ops == [] and len(from_snapshot) == 3
    ops = _reads(get_vectors(), monkeypatch)
    get_vectors().add(uid, WORDS[3], "reflection")  # the write reads by id, snapshots again
    assert ops == ["add", "get_by_id"]
    by_filter = [(m.id, m.text) for m in get_vectors().list(uid)]
    reset_vectors()
    ops = _reads(get_vectors(), monkeypatch)
    fresh = get_vectors().search(uid, "training staff at the till", k=10)
    assert ops == [] and sorted((m.id, m.text) for m in fresh) == sorted(by_filter)
    get_records().db.execute("DELETE FROM memory_snapshots WHERE user_id=?", (uid,))
    reset_vectors()  # no snapshot (e.g. data from before them): the read goes by id
    ops = _reads(get_vectors(), monkeypatch)
    by_id = get_vectors().search(uid, "training staff at the till", k=10)
    assert ops == ["get_by_id"] and sorted((m.id, m.text) for m in by_id) == sorted(by_filter)
    assert by_id[0].text == WORDS[1]
    get_vectors().delete(uid, source_id="r1")  # the ids of deleted memories go with them
    assert len(get_records().coordination.memory_ids(uid) or []) == 2
    assert {m.text for m in get_vectors().search(uid, "anything", k=10)} == set(WORDS[2:])


def test_no_snapshot_keeps_a_deleted_memory() -> None:
    rec = get_records()
    uid = rec.ensure_user("cli", "local", "wren", "Wren")
    store = get_vectors()
    store.add(uid, "zebra-marker: I rewired the choir's old amplifier", "reflection",
              source_id="r9")
    store.add(uid, "I covered the reception desk on Sunday", "reflection")
    store.search(uid, "electronics")
    assert rec.db.one("SELECT user_id FROM memory_snapshots WHERE user_id=?", (uid,))
    store.delete(uid, source_id="r9")
    bodies = [bytes(r["body"]) for r in rec.db.query("SELECT body FROM memory_snapshots")]
    assert not any(b"zebra-marker" in body for body in bodies)
    store.search(uid, "electronics")  # saved again, without it
    bodies = [bytes(r["body"]) for r in rec.db.query("SELECT body FROM memory_snapshots")]
    assert len(bodies) == 1 and b"reception" in bodies[0] and b"zebra" not in bodies[0]


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
    rows = rec.db.query("SELECT user_id FROM memory_ids UNION ALL SELECT user_id FROM "
                        "memory_versions UNION ALL SELECT user_id FROM memory_snapshots")
    assert rows == []
