"""Recall at scale: the bench store's recall users, ours beside the in-memory baseline, on
the embedded store and on a Chroma server (``chroma run`` over the same files).

Four passes over the same users: a user's first recall since the process started with no
snapshot kept (ours reads them from Chroma by the ids the records store keeps; users of a store
built before that index are indexed first, as their first recall ever would), the same right
after a write to their memories (a write reads them once more and keeps a snapshot), their
first recall since start otherwise (ours loads the snapshot the records store
keeps) and their next recall with nothing written in between (ours ranks the copy this worker
kept, after checking the user's memory version in the records store). Each measurement
alternates ours and the baseline, so a busy machine slows both.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from evals.bench_store import sentences
from evals.bench_timing import Timer

WARM = 5  # queries of each pass not counted (warm-up)


def _pass(vectors: Any, store: Any, uids: list[str], seed: int) -> tuple[Timer, Timer]:
    from evals.baseline import namespace

    ours, base = Timer(), Timer()
    for uid, query in zip(uids, sentences(len(uids), seed=seed), strict=True):
        with ours:
            found = vectors.search(uid, query, k=5)
        with base:
            store.search(namespace(uid), query=query, limit=5)
        if any(m.user_id != uid for m in found):
            raise RuntimeError("Recall returned another user's memory; the bench stops here.")
    return ours, base


def recall(queries: int, users: dict[str, Any], store: Any, memories: int) -> dict[str, Any]:
    """Three passes over ``queries`` users (plus warm-up), ours beside the baseline.

    Returns:
        ``ours_bare``/``baseline_bare``: a user's first recall since start with no snapshot
        kept (data from before snapshots, or after a delete: ours reads Chroma by id);
        ``ours_written``/``baseline_written``: their first recall since start right after a
        write to their memories (the write kept a snapshot); ``ours``/``baseline``: a user's
        first recall since start otherwise (ours loads the snapshot from the records store);
        ``ours_repeat``/``baseline_repeat``: their next one (this worker's copy); with the
        memories, users and the vectors cached.
    """
    from memory.records import get_records
    from memory.vectors import get_vectors

    vectors, pool, records = get_vectors(), users["recall"], get_records()
    # distinct users (as many as there are), so the first pass holds first recalls only
    uids = list(dict.fromkeys(pool[(i * 37) % len(pool)] for i in range(queries + WARM)))
    for uid in uids:  # once per user ever (a store built before the id index existed)
        if records.coordination.memory_ids(uid) is None:
            vectors.index(uid)
        records.db.execute("DELETE FROM memory_snapshots WHERE user_id=?", (uid,))
    vectors.cache.clear()
    bare = _pass(vectors, store, uids, seed=99)
    # a write to each user's memories (it reads them once more and keeps a snapshot), then a
    # worker started since; the written memories are deleted again at the end
    written_ids = {uid: vectors.add(uid, f"bench write {i}: I checked the stock levels",
                                    "reflection") for i, uid in enumerate(uids)}
    vectors.cache.clear()
    written = _pass(vectors, store, uids, seed=79)
    vectors.cache.clear()  # a worker started since: the snapshots saved by the pass above
    first = _pass(vectors, store, uids, seed=149)
    again = _pass(vectors, store, uids, seed=199)
    for uid, mid in written_ids.items():
        vectors.delete(uid, source_id=mid)
    return {"memories": memories, "users": len(pool), "queried": len(uids),
            "cached_vectors": vectors.cache.vectors,
            "ours_bare": bare[0].stats(WARM), "baseline_bare": bare[1].stats(WARM),
            "ours_written": written[0].stats(WARM), "baseline_written": written[1].stats(WARM),
            "ours": first[0].stats(WARM), "baseline": first[1].stats(WARM),
            "ours_repeat": again[0].stats(WARM), "baseline_repeat": again[1].stats(WARM)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def chroma_server(path: Path) -> Iterator[str]:
    """``chroma run`` over an existing Chroma folder on a free port; yields its URL."""
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(exe).exists():
        raise RuntimeError("the `chroma` server command is not installed")
    port = _free_port()
    proc = subprocess.Popen([exe, "run", "--path", str(path), "--host", "127.0.0.1", "--port",
                             str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        else:
            raise RuntimeError("the Chroma server did not start within 120 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def server_recall(queries: int, users: dict[str, Any], store: Any, memories: int,
                  home: Path) -> dict[str, Any]:
    """The same passes with vectors on a Chroma server serving the bench store's files (the
    embedded client is closed first: one process owns the files at a time)."""
    from memory.vectors import reset_vectors
    from memory.writer_lock import release_all
    from settings import get_settings

    reset_vectors()
    release_all()
    with chroma_server(home / "chroma") as url:
        os.environ["PASSPORT_CHROMA_URL"] = url
        get_settings.cache_clear()
        try:
            return recall(queries, users, store, memories)
        finally:
            os.environ.pop("PASSPORT_CHROMA_URL", None)
            get_settings.cache_clear()
            reset_vectors()
