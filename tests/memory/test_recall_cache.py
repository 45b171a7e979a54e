"""The recall cache: a repeat recall is served in process, and never stale. A write by this
worker, by another worker or by another process is seen by the next recall; forget clears it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from memory.db import Database
from memory.recall_cache import Entry, RecallCache
from memory.records import Records, get_records
from memory.vectors import VectorStore, get_vectors, make_client
from settings import get_settings
from tests.servers import chroma_server

REPO = Path(__file__).resolve().parents[2]


def _entry(n: int, version: int = 1) -> Entry:
    vecs = np.eye(n, 4, dtype=np.float32)
    return Entry(version, [f"m{i}" for i in range(n)], [f"t{i}" for i in range(n)],
                 [{"kind": "note"} for _ in range(n)], vecs)


def test_cache_keeps_recent_users_within_its_vectors_and_drops_stale_versions() -> None:
    cache = RecallCache(capacity=5)
    cache.put("a", _entry(2))
    cache.put("b", _entry(2))
    assert cache.get("a", 1) is not None  # a is now the most recent
    cache.put("c", _entry(2))  # 6 > 5: b, the least recently used, goes
    assert cache.get("b", 1) is None and cache.get("a", 1) and cache.get("c", 1)
    assert cache.get("a", 2) is None and cache.get("a", 1) is None  # stale: dropped
    cache.put("big", _entry(6))
    assert cache.get("big", 1) is None and cache.vectors == 2


class ChromaReads:
    """Counts the Chroma reads a store makes (a spy on its one scoped function)."""

    def __init__(self, store: VectorStore, monkeypatch: pytest.MonkeyPatch) -> None:
        self.gets = 0
        self.ops: list[str] = []
        original = store._scoped

        def counted(user_id: str, op: str, where: Any = None, **kwargs: Any) -> Any:
            if op in ("get", "get_by_id"):
                self.gets += 1
                self.ops.append(op)
            return original(user_id, op, where, **kwargs)

        monkeypatch.setattr(store, "_scoped", counted)


def test_repeat_recall_is_served_in_process_until_a_write(
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = get_vectors()
    uid = get_records().ensure_user("cli", "local", "noor", "Noor")
    reads = ChromaReads(store, monkeypatch)
    # a write pays the read: the user's memories are read once more and kept
    store.add(uid, "I fixed the forklift battery charger at the depot", "reflection")
    assert reads.ops == ["get"]  # the first read ever: by the filter, and the ids indexed
    first = store.search(uid, "repairing warehouse equipment")
    again = store.search(uid, "repairing warehouse equipment")
    assert [m.id for m in first] == [m.id for m in again] and reads.gets == 1
    store.add(uid, "I led the morning briefing for the night crew", "reflection")
    found = store.search(uid, "leading a team briefing", k=1)
    assert reads.gets == 2 and found[0].text.startswith("I led the morning briefing")
    assert reads.ops == ["get", "get_by_id"]  # filtered once (and indexed), then by id
    store.cache.clear()  # without the copy (another worker) the next read is by id
    assert store.search(uid, "leading a team briefing", k=1)[0].id == found[0].id
    only = store.search(uid, "battery", kinds=["credential"])
    assert only == [] and reads.gets == 2  # a kinds filter uses the same copy


def test_forget_clears_the_cache() -> None:
    store = get_vectors()
    uid = get_records().ensure_user("cli", "local", "pia", "Pia")
    store.add(uid, "Ich habe die Inventur im Lager allein gemacht", "reflection")
    assert store.search(uid, "inventory")
    store.erase(uid)
    assert store.search(uid, "inventory") == [] and store.cache.get(uid, 0) is None


@pytest.fixture(scope="module")
def chroma_url() -> Iterator[str]:
    with chroma_server() as url:
        yield url


def _worker(url: str, sqlite: Path) -> VectorStore:
    """One worker's vector store: its own Chroma client, records connection and cache."""
    monkey = pytest.MonkeyPatch()
    monkey.setenv("PASSPORT_CHROMA_URL", url)
    get_settings.cache_clear()
    try:
        settings = get_settings()
        return VectorStore(make_client(settings), None,
                           versions=Records(Database(sqlite)).coordination,
                           cache_vectors=1000)
    finally:
        monkey.undo()
        get_settings.cache_clear()


def test_a_write_by_another_worker_or_process_is_seen_by_the_next_recall(
        chroma_url: str, passport_home: Path) -> None:
    sqlite = passport_home / "passport.sqlite3"
    one, two = _worker(chroma_url, sqlite), _worker(chroma_url, sqlite)
    uid = Records(Database(sqlite)).ensure_user("http", "api", "tomas", "Tomas")
    one.add(uid, "I set up the new point of sale terminals in the shop", "reflection")
    assert len(two.search(uid, "shop tills")) == 1
    assert len(two.search(uid, "shop tills")) == 1  # now cached in worker two
    one.add(uid, "I calmed a crying toddler on the night bus", "reflection")
    assert len(two.search(uid, "shop tills")) == 2
    env = {**os.environ, "PASSPORT_HOME": str(passport_home), "PASSPORT_CHROMA_URL": chroma_url}
    code = ("from memory.vectors import get_vectors; "
            f"get_vectors().add({uid!r}, 'Negocié el horario de verano con mi jefa', 'note')")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, timeout=120,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(two.search(uid, "summer schedule", k=10)) == 3
    assert len(two.search(uid, "shop tills", k=10)) == 3  # cached again
    one.delete(uid)
    Records(Database(sqlite)).delete_user(uid)  # forget: the version row goes too
    assert two.search(uid, "shop tills") == [] and two.cache.vectors == 0


def test_a_failed_refresh_leaves_the_write_standing(monkeypatch: pytest.MonkeyPatch) -> None:
    store = get_vectors()
    uid = get_records().ensure_user("cli", "local", "ravi", "Ravi")

    def broken(user_id: str) -> None:
        raise RuntimeError("chroma read failed")

    monkeypatch.setattr(store, "_entry", broken)
    mid = store.add(uid, "I balanced the till drawers after the Saturday rush", "reflection")
    monkeypatch.undo()
    assert [m.id for m in store.search(uid, "cash handling", k=1)] == [mid]
