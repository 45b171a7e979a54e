"""Forget means gone: after a user's rows are deleted, nothing of them stays on disk.

Deleting rows is not enough. SQLite keeps deleted text in free pages and in its write-ahead
log; Chroma keeps every write in its log table (``embeddings_queue``) until about a thousand
later writes, and its HNSW files keep a deleted vector until the index is next written, and
for good in the folder of a deleted collection. Measured on Chroma 1.5.9: after
``collection.delete`` the user's document text was still in ``chroma.sqlite3`` and their
vectors in ``data_level0.bin``, even after overwriting them with ``collection.update`` first.

So, on the embedded store, erasing a user (1) rebuilds the collection from the rows that
remain (a new HNSW folder that never held the user), (2) overwrites with zeros and removes
every segment folder no live segment uses, and (3) vacuums ``chroma.sqlite3``. The records
and checkpoint databases run with ``secure_delete`` and are vacuumed and checkpointed
(TRUNCATE) after a forget. On a Chroma server the rows go through its API at once; its files
keep them until the operator compacts the stopped server's folder with the same steps
(``passport memory compact-server``, see docs/operations.md).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

BATCH = 1000
INCLUDE = ["embeddings", "documents", "metadatas"]


def rebuild_collection(client: Any, name: str, make: Any) -> Any:
    """Recreate collection ``name`` holding exactly the rows it holds now.

    Args:
        client: the Chroma client.
        name: the collection's name.
        make: ``make(client)`` creates the empty collection with its configuration.

    Returns:
        The new collection.
    """
    old = client.get_collection(name)
    rows: dict[str, list[Any]] = {"ids": [], "embeddings": [], "documents": [],
                                  "metadatas": []}
    offset = 0
    while True:
        page = old.get(include=INCLUDE, limit=BATCH, offset=offset)
        if not page["ids"]:
            break
        for key in rows:
            rows[key].extend(list(page[key]))
        offset += len(page["ids"])
    client.delete_collection(name)
    new = make(client)
    for start in range(0, len(rows["ids"]), BATCH):
        new.add(**{k: v[start:start + BATCH] for k, v in rows.items()})
    return new


def compact(client: Any, name: str, make: Any, chroma_dir: Path) -> Any:
    """Rebuild collection ``name`` from its rows, overwrite and remove the segment folders
    no live segment uses, and vacuum ``chroma.sqlite3``; returns the new collection."""
    collection = rebuild_collection(client, name, make)
    wipe_orphan_segments(chroma_dir)
    vacuum(chroma_dir / "chroma.sqlite3")
    return collection


def _overwrite(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as fh:
        while fh.tell() < size:
            fh.write(b"\0" * min(1 << 20, size - fh.tell()))
        fh.flush()


def wipe_orphan_segments(chroma_dir: Path) -> int:
    """Overwrite and remove every segment folder no live segment of ``chroma.sqlite3`` uses;
    returns how many went."""
    with contextlib.closing(sqlite3.connect(chroma_dir / "chroma.sqlite3")) as conn:
        live = {str(r[0]) for r in conn.execute("SELECT id FROM segments")}
    gone = 0
    for folder in chroma_dir.iterdir():
        if folder.is_dir() and folder.name not in live:
            for f in folder.rglob("*"):
                if f.is_file():
                    _overwrite(f)
            shutil.rmtree(folder)
            gone += 1
    return gone


def vacuum(path: Path) -> None:
    """Rewrite an SQLite file without free pages, then empty its write-ahead log."""
    if not path.exists():
        return
    with contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def compact_server_files(chroma_dir: Path) -> int:
    """Make a stopped Chroma server's folder keep nothing of deleted memories: the same
    rebuild, overwrite and vacuum the embedded store does after each forget (on a server,
    forget deletes rows through the API, and the server's files keep deleted documents in
    free pages and deleted vectors in HNSW files; see docs/operations.md).

    Args:
        chroma_dir: the folder the server ran with (``chroma run --path``); the server must
            be stopped, no other process may open it meanwhile.

    Returns:
        How many memories the rebuilt collection holds (all that were there).

    Raises:
        FileNotFoundError: the folder holds no Chroma store.
    """
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from memory.vectors import COLLECTION, VectorStore

    if not (chroma_dir / "chroma.sqlite3").is_file():
        raise FileNotFoundError(f"no Chroma store in {chroma_dir}")
    client = chromadb.PersistentClient(path=str(chroma_dir), settings=ChromaSettings(
        anonymized_telemetry=False, allow_reset=False))
    collection = compact(client, COLLECTION, VectorStore._open, chroma_dir)
    return int(collection.count())
