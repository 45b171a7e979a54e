"""Long-term semantic memory in Chroma, strictly partitioned by user.

Every read, write and delete goes through :meth:`VectorStore._scoped`, the ONE function that
adds ``user_id`` to the ``where`` filter (and to the metadata of anything written). No other
method talks to the collection. Embedded default: ``PersistentClient`` under the data dir;
``PASSPORT_CHROMA_URL`` (``http://host:port``) selects a Chroma server via ``HttpClient``.
"""

from __future__ import annotations

import builtins
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from memory import snapshots
from memory.coordination import Coordination
from memory.recall_cache import Entry, RecallCache
from memory.records import get_records, new_id, now_iso
from memory.schemas import Memory
from settings import Settings, get_settings

log = logging.getLogger(__name__)

COLLECTION = "memories"
EXACT_MAX = 500  # up to this many memories a user's search is exact, in process


def make_client(settings: Settings) -> Any:
    """A Chroma client for the configured store, telemetry off."""
    import chromadb  # imported here: it is slow to import and the first reply needs no vectors
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1", port=url.port or 8000,
            ssl=url.scheme == "https", settings=chroma_settings,
        )
    from memory.writer_lock import hold

    hold(settings.ensure_home())
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def _where(user_id: str, extra: dict[str, Any] | None) -> dict[str, Any]:
    if not user_id:
        raise ValueError("a user id is required for every memory operation")
    clause: dict[str, Any] = {"user_id": user_id}
    if not extra:
        return clause
    return {"$and": [clause, *({k: v} for k, v in extra.items())]}


def _own(user_id: str, rows: dict[str, Any]) -> dict[str, Any]:
    """Only the rows whose metadata names the user (Chroma's ``get`` result by id)."""
    _where(user_id, None)
    keep = [i for i, meta in enumerate(rows["metadatas"]) if meta.get("user_id") == user_id]
    if len(keep) == len(rows["ids"]):
        return rows
    return {key: None if value is None else [value[i] for i in keep]
            for key, value in rows.items() if key in ("ids", "documents", "metadatas",
                                                       "embeddings")}


class VectorStore:
    """The user-scoped repository over one Chroma collection."""

    def __init__(self, client: Any, chroma_dir: Path | None = None,
                 versions: Coordination | None = None, cache_vectors: int = 0) -> None:
        self._chroma_dir = chroma_dir  # the embedded store's folder (None on a server)
        self._client = client
        self._heavy: set[str] = set()  # users seen with more than EXACT_MAX memories
        self._versions = versions  # users' memory versions, shared by every worker
        self.cache = RecallCache(cache_vectors if versions is not None else 0)
        self._collection = self._open(client)

    @staticmethod
    def _open(client: Any) -> Any:
        from memory.chroma_ef import PassportEmbeddingFunction

        return client.get_or_create_collection(
            COLLECTION,
            embedding_function=PassportEmbeddingFunction(),  # type: ignore[arg-type]
            configuration={"hnsw": {"space": "cosine"}},
        )

    def _scoped(self, user_id: str, op: str, where: dict[str, Any] | None = None,
                **kwargs: Any) -> Any:
        """Run one collection operation with the user's id forced into the filter."""
        col = self._collection
        if op == "add":
            metas = kwargs.pop("metadatas")
            for m in metas:
                m["user_id"] = user_id
            return col.upsert(metadatas=metas, **kwargs)
        if op == "get_by_id":  # no filter scan; a row of another user is dropped here
            return _own(user_id, col.get(ids=kwargs["ids"], include=kwargs["include"]))
        scope = _where(user_id, where)
        ops: dict[str, Callable[..., Any]] = {
            "query": col.query, "get": col.get, "delete": col.delete,
        }
        if op not in ops:
            raise ValueError(f"unknown memory operation {op}")
        return ops[op](where=scope, **kwargs)

    def add(self, user_id: str, text: str, kind: str, source_id: str | None = None,
            metadata: dict[str, Any] | None = None, item_id: str | None = None) -> str:
        """Remember one text for this user; returns the memory id."""
        mid = item_id or new_id("mem")
        meta: dict[str, Any] = {"kind": kind, "created_at": now_iso(),
                                "source_id": source_id or mid}
        for key, value in (metadata or {}).items():
            if isinstance(value, str | int | float | bool) and key != "user_id":
                meta[key] = value
        self._noted(user_id, [mid], [meta])
        self._scoped(user_id, "add", ids=[mid], documents=[text], metadatas=[meta])
        self._written(user_id)
        self.refresh(user_id)
        return mid

    def add_many(self, user_id: str, texts: list[str], kind: str,
                 metadatas: list[dict[str, Any]] | None = None, ids: list[str] | None = None,
                 embeddings: Any = None, batch: int = 4000) -> list[str]:
        """Remember many texts for this user in batches; returns their ids.

        Args:
            user_id: whose memories these are (forced into every item's metadata).
            texts: the texts.
            kind: the kind of every item (e.g. ``reflection``).
            metadatas: extra metadata per text (scalars only; ``user_id`` is ignored).
            ids: item ids (fresh ones by default).
            embeddings: precomputed vectors, one per text (embedded here by default).
            batch: items per write.
        """
        ids = ids or [new_id("mem") for _ in texts]
        stamp = now_iso()
        metas: list[dict[str, Any]] = []
        for i, mid in enumerate(ids):
            meta: dict[str, Any] = {"kind": kind, "created_at": stamp, "source_id": mid}
            for key, value in ((metadatas[i] if metadatas else None) or {}).items():
                if isinstance(value, str | int | float | bool) and key != "user_id":
                    meta[key] = value
            metas.append(meta)
        self._noted(user_id, ids, metas)
        try:
            for s in range(0, len(texts), batch):
                extra = {} if embeddings is None else {"embeddings": embeddings[s:s + batch]}
                self._scoped(user_id, "add", ids=ids[s:s + batch],
                             documents=texts[s:s + batch], metadatas=metas[s:s + batch],
                             **extra)
        finally:
            self._written(user_id)  # also after a partial write
        return ids

    def _noted(self, user_id: str, ids: builtins.list[str],
               metas: builtins.list[dict[str, Any]]) -> None:
        """Before a write: the ids go into the records store's index of the user's ids."""
        if self._versions is not None:
            self._versions.note_memory_ids(user_id, ids, [m.get("source_id") for m in metas])

    def refresh(self, user_id: str) -> None:
        """After adding (or deleting one item of) a user's memories, read them once more at
        their new version and keep them (this worker's copy and the shared snapshot): the
        write pays the read, so the recall that follows it, in any worker, does not (skipped
        for users above ``EXACT_MAX``, whose recalls use Chroma's query)."""
        if user_id in self._heavy:
            return
        try:
            self._entry(user_id)
        except Exception:  # noqa: BLE001 - the write stands; the next recall reads again
            log.warning("could not refresh the memory snapshot of %s", user_id, exc_info=True)

    def _written(self, user_id: str) -> None:
        """After a write to a user's memories: every worker's copy of them is out of date."""
        self.cache.drop(user_id)
        if self._versions is not None:
            self._versions.bump_memory_version(user_id)

    def search(self, user_id: str, query: str, k: int = 5,
               kinds: list[str] | None = None) -> list[Memory]:
        """The user's memories nearest in meaning to the query, nearest first.

        Most users have at most a few hundred memories: their vectors are read by the user
        filter and ranked exactly here (one ``get`` and a matrix product), which is several
        times faster than Chroma's filtered HNSW query in a collection shared by many users
        (measured in the bench store of 111,000 memories: 23 ms against 104 ms p50 for a user
        with 100). Users with more than ``EXACT_MAX`` memories get Chroma's query (at 1,000
        memories it is the faster one: 51 ms against 62); once seen, such a user goes there
        directly. Both ways give the same answer. A user's read is kept for their next
        recall while nothing was written to their memories (``memory.recall_cache``).
        """
        from memory.embeddings import get_embedder

        where = {"kind": {"$in": kinds}} if kinds else None
        if k <= 0:
            return []
        vector = get_embedder().embed_one(query)
        if user_id not in self._heavy:
            entry = self._entry(user_id)  # None: many memories, Chroma's query from now on
            if entry is not None:  # cosine distance, as Chroma's
                return [self._memory(entry.ids[i], entry.documents[i], entry.metadatas[i], d)
                        for i, d in entry.rank(vector, k, kinds)]
        res = self._scoped(user_id, "query", where=where, query_embeddings=[vector.tolist()],
                           n_results=k, include=["documents", "metadatas", "distances"])
        ids = res["ids"][0] if res["ids"] else []
        return [self._memory(ids[i], res["documents"][0][i], res["metadatas"][0][i],
                             res["distances"][0][i]) for i in range(len(ids))]

    def _entry(self, user_id: str) -> Entry | None:
        """All of a user's memories with their vectors (None above ``EXACT_MAX``): this
        worker's copy while the user's version is unchanged, else read from Chroma. The
        version is read before the memories, so a write racing this read leaves a copy
        filled at the old version, which the next recall does not use."""
        import numpy as np

        from memory.embeddings import DIMENSION

        version = self._versions.memory_version(user_id) if self._versions else 0
        cached = self.cache.get(user_id, version)  # a copy of another version is dropped
        if cached is not None:
            return cached
        if version and self._versions is not None:
            saved = snapshots.load(self._versions.db, user_id, version, DIMENSION)
            if saved is not None:
                self.cache.put(user_id, saved)
                return saved
        rows = self._read(user_id)
        if rows is None:
            return None
        matrix = np.asarray(rows["embeddings"], dtype=np.float32).reshape(len(rows["ids"]),
                                                                          DIMENSION)
        entry = Entry(version, list(rows["ids"]), list(rows["documents"]),
                      list(rows["metadatas"]), matrix)
        if version:  # 0: no write recorded (older data, or the user was just forgotten)
            self.cache.put(user_id, entry)
            if self._versions is not None:
                snapshots.save(self._versions.db, user_id, entry)
        return entry

    def _read(self, user_id: str) -> dict[str, Any] | None:
        """All of a user's memories with their vectors (None above ``EXACT_MAX``): by their
        ids from the records store (3-5 times less work than Chroma's metadata filter in a
        large collection), or by the filter while their ids are not all known yet, which
        also records them so that the next read goes by id."""
        include = ["embeddings", "documents", "metadatas"]
        ids = self._versions.memory_ids(user_id) if self._versions else None
        if ids is not None:
            if len(ids) > EXACT_MAX:
                self._too_many(user_id)
                return None
            if not ids:
                return {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
            return dict(self._scoped(user_id, "get_by_id", ids=ids, include=include))
        rows = self._scoped(user_id, "get", limit=EXACT_MAX + 1, include=include)
        if len(rows["ids"]) > EXACT_MAX:
            self._too_many(user_id)
            return None
        self.index(user_id, rows)
        return dict(rows)

    def _too_many(self, user_id: str) -> None:
        """The user has more than ``EXACT_MAX`` memories: their recalls use Chroma's query
        from now on, and a write no longer reads them all again (a saving turn of a user
        with 10,000 memories read 501 of them with their vectors for nothing: 59 ms)."""
        if len(self._heavy) > 100_000:
            self._heavy.clear()
        self._heavy.add(user_id)

    def index(self, user_id: str, rows: dict[str, Any] | None = None) -> None:
        """Record the ids of every memory of the user, so their recalls read by id (done on
        a user's first recall; ``rows``: their memories when already read by the filter)."""
        if self._versions is None:
            return
        if rows is None:
            rows = self._scoped(user_id, "get", include=["metadatas"])
        self._versions.index_memories(user_id, list(rows["ids"]), [
            (m or {}).get("source_id") for m in rows["metadatas"]])

    def list(self, user_id: str, kinds: list[str] | None = None,
             limit: int | None = None) -> list[Memory]:
        """Every memory of this user (newest last)."""
        where = {"kind": {"$in": kinds}} if kinds else None
        res = self._scoped(user_id, "get", where=where, include=["documents", "metadatas"],
                           limit=limit)
        items = [self._memory(i, d, m) for i, d, m in
                 zip(res["ids"], res["documents"], res["metadatas"], strict=True)]
        return sorted(items, key=lambda m: (m.created_at or datetime.min, m.id))

    def existing(self, user_id: str, ids: builtins.list[str]) -> set[str]:
        """Which of these memory ids this user has."""
        if not ids:
            return set()
        return set(self._scoped(user_id, "get", ids=ids, include=[])["ids"])

    def count(self, user_id: str) -> int:
        """How many memories this user has."""
        return len(self._scoped(user_id, "get", include=[])["ids"])

    def delete(self, user_id: str, source_id: str | None = None) -> None:
        """Delete this user's memories: all of them, or those of one source item."""
        where = {"source_id": source_id} if source_id else None
        try:
            self._scoped(user_id, "delete", where=where)
            if self._versions is not None:
                self._versions.drop_memory_ids(user_id, source_id)
        finally:
            self._written(user_id)
        if not source_id:
            self._heavy.discard(user_id)
        else:  # one item gone (undo, a replaced credential): keep the rest ready to recall
            self.refresh(user_id)

    def erase(self, user_id: str) -> None:
        """Delete every memory of this user so that no file keeps them (embedded store: the
        collection is rebuilt without them and the old files overwritten, see memory.erase)."""
        self.delete(user_id)
        if self._chroma_dir is None:
            return
        from memory import erase

        with _lock:
            self.cache.clear()
            self._collection = erase.compact(self._client, COLLECTION, self._open,
                                             self._chroma_dir)

    @staticmethod
    def _memory(mid: str, doc: str, meta: dict[str, Any],
                distance: float | None = None) -> Memory:
        meta = dict(meta or {})
        created = meta.get("created_at")
        return Memory(
            id=mid, user_id=str(meta.pop("user_id", "")), text=doc or "",
            kind=str(meta.pop("kind", "note")),
            created_at=datetime.fromisoformat(created) if isinstance(created, str) else None,
            source_id=meta.get("source_id"), distance=distance, metadata=meta,
        )


_lock = threading.Lock()
_stores: dict[str, VectorStore] = {}


def get_vectors(settings: Settings | None = None) -> VectorStore:
    """The vector store for the configured Chroma (one per target per process)."""
    settings = settings or get_settings()
    key = settings.chroma_url or str(settings.chroma_path)
    with _lock:
        if key not in _stores:
            _stores[key] = VectorStore(make_client(settings),
                                       None if settings.chroma_url else settings.chroma_path,
                                       versions=get_records(settings).coordination,
                                       cache_vectors=settings.recall_cache)
        return _stores[key]


def reset_vectors() -> None:
    """Forget cached stores (tests switch data dirs)."""
    with _lock:
        _stores.clear()
