"""Long-term semantic memory in Chroma, strictly partitioned by user.

Every read, write and delete goes through :meth:`VectorStore._scoped`, the ONE function that
adds ``user_id`` to the ``where`` filter (and to the metadata of anything written). No other
method talks to the collection. Embedded default: ``PersistentClient`` under the data dir;
``PASSPORT_CHROMA_URL`` (``http://host:port``) selects a Chroma server via ``HttpClient``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from memory.records import new_id, now_iso
from memory.schemas import Memory
from settings import Settings, get_settings

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
    settings.ensure_home()
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def _where(user_id: str, extra: dict[str, Any] | None) -> dict[str, Any]:
    if not user_id:
        raise ValueError("a user id is required for every memory operation")
    clause: dict[str, Any] = {"user_id": user_id}
    if not extra:
        return clause
    return {"$and": [clause, *({k: v} for k, v in extra.items())]}


class VectorStore:
    """The user-scoped repository over one Chroma collection."""

    def __init__(self, client: Any) -> None:
        from memory.chroma_ef import PassportEmbeddingFunction

        self._client = client
        self._heavy: set[str] = set()  # users seen with more than EXACT_MAX memories
        self._collection = client.get_or_create_collection(
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
        self._scoped(user_id, "add", ids=[mid], documents=[text], metadatas=[meta])
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
        for s in range(0, len(texts), batch):
            extra = {} if embeddings is None else {"embeddings": embeddings[s:s + batch]}
            self._scoped(user_id, "add", ids=ids[s:s + batch], documents=texts[s:s + batch],
                         metadatas=metas[s:s + batch], **extra)
        return ids

    def search(self, user_id: str, query: str, k: int = 5,
               kinds: list[str] | None = None) -> list[Memory]:
        """The user's memories nearest in meaning to the query, nearest first.

        Most users have at most a few hundred memories: their vectors are read by the user
        filter and ranked exactly here (one ``get`` and a matrix product), which is several
        times faster than Chroma's filtered HNSW query in a collection shared by many users
        (measured in the bench store of 111,000 memories: 23 ms against 104 ms p50 for a user
        with 100). Users with more than ``EXACT_MAX`` memories get Chroma's query (at 1,000
        memories it is the faster one: 51 ms against 62); once seen, such a user goes there
        directly. Both ways give the same answer.
        """
        import numpy as np

        from memory.embeddings import get_embedder

        where = {"kind": {"$in": kinds}} if kinds else None
        if k <= 0:
            return []
        vector = get_embedder().embed_one(query)
        if user_id not in self._heavy:
            rows = self._scoped(user_id, "get", where=where, limit=EXACT_MAX + 1,
                                include=["embeddings", "documents", "metadatas"])
            ids = rows["ids"]
            if len(ids) <= EXACT_MAX:
                if not ids:
                    return []
                matrix = np.asarray(rows["embeddings"], dtype=np.float32)
                distances = 1.0 - matrix @ vector  # cosine distance, as Chroma's
                order = np.argsort(distances, kind="stable")[:k]
                return [self._memory(ids[i], rows["documents"][i], rows["metadatas"][i],
                                     float(distances[i])) for i in order]
            if len(self._heavy) > 100_000:
                self._heavy.clear()
            self._heavy.add(user_id)  # many memories: Chroma's query from now on
        res = self._scoped(user_id, "query", where=where, query_embeddings=[vector.tolist()],
                           n_results=k, include=["documents", "metadatas", "distances"])
        ids = res["ids"][0] if res["ids"] else []
        return [self._memory(ids[i], res["documents"][0][i], res["metadatas"][0][i],
                             res["distances"][0][i]) for i in range(len(ids))]

    def list(self, user_id: str, kinds: list[str] | None = None,
             limit: int | None = None) -> list[Memory]:
        """Every memory of this user (newest last)."""
        where = {"kind": {"$in": kinds}} if kinds else None
        res = self._scoped(user_id, "get", where=where, include=["documents", "metadatas"],
                           limit=limit)
        items = [self._memory(i, d, m) for i, d, m in
                 zip(res["ids"], res["documents"], res["metadatas"], strict=True)]
        return sorted(items, key=lambda m: (m.created_at or datetime.min, m.id))

    def count(self, user_id: str) -> int:
        """How many memories this user has."""
        return len(self._scoped(user_id, "get", include=[])["ids"])

    def delete(self, user_id: str, source_id: str | None = None) -> None:
        """Delete this user's memories: all of them, or those of one source item."""
        where = {"source_id": source_id} if source_id else None
        self._scoped(user_id, "delete", where=where)
        if not source_id:
            self._heavy.discard(user_id)

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
            _stores[key] = VectorStore(make_client(settings))
        return _stores[key]


def reset_vectors() -> None:
    """Forget cached stores (tests switch data dirs)."""
    with _lock:
        _stores.clear()
