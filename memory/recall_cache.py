"""Each worker's copy of recent users' memories, so a repeat recall ranks in process.

A recall ranks all of a user's memories exactly, read from the user's snapshot row or from
Chroma (by id; by the user filter only the first time ever, 25-35 ms in a collection of
100,000 memories on 2 cores). This copy keeps that read for the user's next recall. It is
used only while the user's version in the records store (``memory_versions``, a fresh random
value after every write to their memories by any worker) is the version it was filled at, so
a write by this or another worker is seen by the next recall; forget drops it. Bounded by the
vectors held (``PASSPORT_RECALL_CACHE``; least recently used users go first; 0 turns it off).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Entry:
    """One user's memories as read at ``version``: rows in Chroma's order."""

    version: int
    ids: list[str]
    documents: list[str]
    metadatas: list[dict[str, Any]]
    matrix: np.ndarray  # (len(ids), dimension) float32, rows of norm 1

    def rank(self, vector: np.ndarray, k: int,
             kinds: list[str] | None = None) -> list[tuple[int, float]]:
        """The ``k`` nearest rows to a query vector (of the given kinds): (row, cosine
        distance), nearest first, ties in stored order as Chroma's exact read gives them."""
        rows = np.arange(len(self.ids))
        if kinds:
            wanted = set(kinds)
            rows = np.array([i for i in rows if self.metadatas[i].get("kind") in wanted],
                            dtype=np.int64)
        if not len(rows):
            return []
        distances = 1.0 - self.matrix[rows] @ vector
        order = np.argsort(distances, kind="stable")[:k]
        return [(int(rows[i]), float(distances[i])) for i in order]


class RecallCache:
    """Users' entries, least recently used first out, at most ``capacity`` vectors."""

    def __init__(self, capacity: int) -> None:
        self.capacity = max(0, capacity)
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    @property
    def vectors(self) -> int:
        """How many vectors are held now."""
        return self._held

    def get(self, user_id: str, version: int) -> Entry | None:
        """The user's entry if it was filled at ``version`` (a stale one is dropped)."""
        with self._lock:
            entry = self._entries.get(user_id)
            if entry is None:
                return None
            if entry.version != version:
                self._pop(user_id)
                return None
            self._entries.move_to_end(user_id)
            return entry

    def put(self, user_id: str, entry: Entry) -> None:
        """Keep an entry (not when it alone exceeds the capacity)."""
        size = len(entry.ids)
        with self._lock:
            self._pop(user_id)
            if size > self.capacity:
                return
            self._entries[user_id] = entry
            self._held += size
            while self._held > self.capacity:
                self._pop(next(iter(self._entries)))

    def drop(self, user_id: str) -> None:
        """Forget the user's entry (after a write to their memories, and on forget)."""
        with self._lock:
            self._pop(user_id)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()
            self._held = 0

    def _pop(self, user_id: str) -> None:
        entry = self._entries.pop(user_id, None)
        if entry is not None:
            self._held -= len(entry.ids)
