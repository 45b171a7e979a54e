"""Each user's memories as one row of the records store, for a worker's first recall.

A worker's first recall of a user used to read their memories from Chroma (by id: 5-10 ms
of CPU in a collection of 100,000 memories; by the user filter: 20-30 ms). The rows read
are kept here, at the user's memory version, as one value: a primary-key read any worker
makes in well under a millisecond. A snapshot is used only at the version it was saved at,
is saved only while that version is current, and every write to the user's memories deletes
it together with giving them a new version (``Coordination.bump_memory_version``), so no
snapshot outlives a memory deleted since; the write then reads the memories again and saves
the new snapshot (``VectorStore.refresh``). Forget deletes it with the user's other rows.
"""

from __future__ import annotations

import json
import struct

import numpy as np

from memory.db import Database
from memory.recall_cache import Entry

_HEAD = struct.Struct("<I")  # the length of the JSON part, then float32 rows


def encode(entry: Entry) -> bytes:
    """One entry as bytes: its ids, texts and metadata as JSON, then its vectors."""
    head = json.dumps([entry.ids, entry.documents, entry.metadatas],
                      ensure_ascii=False, separators=(",", ":")).encode()
    matrix = np.ascontiguousarray(entry.matrix, dtype="<f4")
    return _HEAD.pack(len(head)) + head + matrix.tobytes()


def decode(version: int, body: bytes, dimension: int) -> Entry:
    """The entry :func:`encode` wrote, at ``version``."""
    (size,) = _HEAD.unpack_from(body)
    ids, documents, metadatas = json.loads(body[_HEAD.size:_HEAD.size + size])
    matrix = np.frombuffer(body, dtype="<f4", offset=_HEAD.size + size)
    return Entry(version, ids, documents, metadatas,
                 matrix.reshape(len(ids), dimension).astype(np.float32, copy=False))


def load(db: Database, user_id: str, version: int, dimension: int) -> Entry | None:
    """The user's snapshot saved at ``version``, or None (none, or another version)."""
    row = db.one("SELECT body FROM memory_snapshots WHERE user_id=? AND version=?",
                 (user_id, version))
    return None if row is None else decode(version, bytes(row["body"]), dimension)


def save(db: Database, user_id: str, entry: Entry) -> None:
    """Keep the user's entry, only while its version is still the user's current one (a
    write since gave them another version and deleted any snapshot: nothing is saved)."""
    db.execute(
        "INSERT INTO memory_snapshots (user_id, version, body) SELECT ?, ?, ? WHERE EXISTS "
        "(SELECT 1 FROM memory_versions WHERE user_id=? AND version=?) ON CONFLICT (user_id) "
        "DO UPDATE SET version=excluded.version, body=excluded.body",
        (user_id, entry.version, encode(entry), user_id, entry.version))
