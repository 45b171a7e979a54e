"""Synthetic memories for the benchmarks, built once and cached under the data dir.

Memories are short first-person reflection sentences made from fixed word lists (seeded, so
every run builds the same set). A pool of distinct sentences is embedded once in large
batches; each stored memory reuses a pool sentence with a small seeded jitter on its vector,
so the vector index holds distinct points without embedding 100k texts. Ours go into Chroma
through the user-scoped ``add_many``; the baseline's go into an ``InMemoryStore``.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

WHO = ["I", "We", "My team and I", "I finally", "I quickly", "Together we"]
DID = ["fixed", "organised", "presented", "reviewed", "planned", "taught", "cleaned up",
       "negotiated", "designed", "tested", "documented", "rebuilt", "coordinated", "repaired",
       "analysed", "wrote", "delivered", "prepared", "sorted out", "improved"]
WHAT = ["the weekly report", "a customer complaint", "the stock count", "a broken printer",
        "the onboarding guide", "our budget sheet", "a volunteer rota", "the bug in checkout",
        "a school fundraiser", "the team meeting", "a grant application", "the delivery route",
        "a safety briefing", "the new website", "a training session", "the shared calendar",
        "an angry phone call", "the lab samples", "a football practice", "the menu for Friday"]
HOW = ["with two colleagues", "on my own", "under a tight deadline", "for the first time",
       "after asking for feedback", "in a second language", "while the manager was away",
       "using a simple checklist", "on a Saturday shift", "with a new tool"]
RESULT = ["and it worked", "and people thanked me", "and we saved a day", "and I learned a lot",
          "but it was stressful", "and the client was happy", "and nobody complained",
          "and I felt proud"]


@dataclass(frozen=True)
class StoreSpec:
    """What the bench store holds: memories for turn users and for recall users."""

    levels: tuple[int, ...]
    recall_total: int
    recall_users: int
    pool: int

    def key(self, fingerprint: str) -> str:
        """A folder name that changes whenever the contents would."""
        sizes = "-".join(str(n) for n in self.levels)
        return f"v1-{sizes}-{self.recall_total}x{self.recall_users}-p{self.pool}-{fingerprint}"


def sentences(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct synthetic reflection sentences (the same every run)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        text = (f"{rng.choice(WHO)} {rng.choice(DID)} {rng.choice(WHAT)} "
                f"{rng.choice(HOW)} {rng.choice(RESULT)}.")
        if text in seen:
            text = text[:-1] + f" (week {len(out) % 52 + 1})."
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def memory_text(texts: list[str], n: int) -> str:
    """Memory number ``n``: a pool sentence with its number, so every text is distinct."""
    return f"{texts[n % len(texts)]} [{n}]"


def embed_pool(n: int, cache: Path | None = None) -> tuple[list[str], np.ndarray]:
    """The pool sentences and their embeddings (one batched pass), kept in ``cache`` (a
    ``.npy`` file in the bench store's folder, whose name already names the model)."""
    from memory.embeddings import get_embedder

    texts = sentences(n)
    if cache is not None and cache.exists():
        kept: np.ndarray = np.load(cache)
        if kept.shape[0] == n:
            return texts, kept
    vectors = get_embedder().embed(texts)
    if cache is not None:
        np.save(cache, vectors)
    return texts, vectors


def jittered(pool: np.ndarray, start: int, count: int, seed: int) -> np.ndarray:
    """``count`` pool vectors from ``start`` (cycling), each moved a little and renormalised."""
    rng = np.random.default_rng(seed)
    idx = (np.arange(start, start + count) % len(pool))
    vecs = pool[idx] + rng.normal(0, 0.02, (count, pool.shape[1])).astype(np.float32)
    out: np.ndarray = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    return out


def build_chroma(spec: StoreSpec, texts: list[str], pool: np.ndarray, home: Path) -> dict[str, Any]:
    """Fill records and Chroma under ``home`` (the current PASSPORT_HOME) once; reuse after.

    Returns:
        The user ids: ``turn`` (level -> user id) and ``recall`` (list of user ids).
    """
    from memory.records import get_records
    from memory.vectors import get_vectors

    marker = home / "bench-ready.json"
    if marker.exists():
        return dict(json.loads(marker.read_text())["users"])
    records, vectors = get_records(), get_vectors()
    users: dict[str, Any] = {"turn": {}, "recall": []}
    for level in spec.levels:
        uid = records.ensure_user("bench", "turn", f"turn-{level}", f"Turn {level}")
        users["turn"][str(level)] = uid
        _fill(vectors, uid, texts, pool, level, seed=level)
    per_user = spec.recall_total // spec.recall_users
    for i in range(spec.recall_users):
        uid = records.ensure_user("bench", "recall", f"recall-{i}", f"Recall {i}")
        users["recall"].append(uid)
        _fill(vectors, uid, texts, pool, per_user, seed=10_000 + i, start=i * per_user)
    marker.write_text(json.dumps({"spec": asdict(spec), "users": users}))
    return users


def _fill(vectors: Any, uid: str, texts: list[str], pool: np.ndarray, count: int, seed: int,
          start: int = 0) -> None:
    if count <= 0:
        return
    docs = [memory_text(texts, start + j) for j in range(count)]
    vectors.add_many(uid, docs, "bench", embeddings=jittered(pool, start, count, seed),
                     metadatas=[{"week": f"2026-W{j % 52 + 1:02d}"} for j in range(count)])


def fill_store(store: Any, spec: StoreSpec, users: dict[str, Any], texts: list[str]) -> None:
    """Put the same memories into the baseline's ``InMemoryStore`` (vectors come from the
    pool through the store's embed function, so nothing is embedded twice)."""
    from langgraph.store.base import PutOp

    from evals.baseline import namespace

    def put(uid: str, count: int, start: int = 0) -> None:
        ops = [PutOp(namespace(uid), f"m{j}", {"text": memory_text(texts, start + j)})
               for j in range(count)]
        for s in range(0, len(ops), 5000):
            store.batch(ops[s:s + 5000])

    for level, uid in users["turn"].items():
        put(uid, int(level))
    per_user = spec.recall_total // spec.recall_users
    for i, uid in enumerate(users["recall"]):
        put(uid, per_user, i * per_user)
