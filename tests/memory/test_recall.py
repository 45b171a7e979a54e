"""Recall ranks a user's memories exactly in process when they are few, and by Chroma's
query when they are many; both give the same answer and never another user's memory."""

from __future__ import annotations

import pytest

from memory import vectors
from memory.vectors import get_vectors

MINE = ["I calmed down an angry customer about a late delivery",
        "I mentored a junior developer through her first release",
        "I cooked dinner for the whole choir after the concert",
        "I negotiated a discount with our cloud provider",
        "I fixed the flaky integration tests before the release",
        "I planned the team offsite in Porto",
        "I wrote the onboarding guide for new nurses"]
THEIRS = ["I mentored a junior developer in Lisbon", "I calmed an angry customer in Oslo"]


@pytest.fixture
def store() -> vectors.VectorStore:
    store = get_vectors()
    store.add_many("usr_me", MINE, "reflection",
                   metadatas=[{"kind": "reflection"}] * 5 + [{}] * 2)
    store.add_many("usr_them", THEIRS, "reflection")
    store.add("usr_me", "Goal: get better at public speaking", "goal")
    return store


@pytest.mark.parametrize("query", ["mentoring someone junior", "customer complaint",
                                   "testing", "speaking in public"])
def test_exact_and_chroma_paths_agree(store: vectors.VectorStore, query: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    exact = store.search("usr_me", query, k=4)
    monkeypatch.setattr(vectors, "EXACT_MAX", 3)  # usr_me has 8: Chroma's query now
    by_chroma = store.search("usr_me", query, k=4)
    assert [m.id for m in exact] == [m.id for m in by_chroma]
    assert all(abs(a.distance - b.distance) < 1e-4  # type: ignore[operator]
               for a, b in zip(exact, by_chroma, strict=True))
    assert exact[0].distance <= exact[-1].distance  # type: ignore[operator]
    assert all(m.user_id == "usr_me" for m in exact + by_chroma)


def test_nearest_first_own_memories_only_and_kinds(store: vectors.VectorStore) -> None:
    found = store.search("usr_me", "mentoring a junior colleague", k=3)
    assert found[0].text == MINE[1]
    assert all("Lisbon" not in m.text and "Oslo" not in m.text for m in found)
    goals = store.search("usr_me", "mentoring", k=5, kinds=["goal"])
    assert [m.kind for m in goals] == ["goal"]
    assert store.search("usr_me", "anything", k=0) == []
    assert store.search("usr_nobody", "mentoring", k=5) == []
    assert len(store.search("usr_me", "anything", k=50)) == len(MINE) + 1


def test_a_user_with_many_memories_goes_straight_to_chroma(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectors, "EXACT_MAX", 3)  # before the writes, as in production
    store = get_vectors()
    store.add_many("usr_me", MINE, "reflection")
    store.add_many("usr_them", THEIRS[:2], "reflection")
    ops: list[str] = []
    real = vectors.VectorStore._scoped

    def spy(self: vectors.VectorStore, user_id: str, op: str, *a: object, **kw: object) -> object:
        ops.append(op)
        return real(self, user_id, op, *a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(vectors.VectorStore, "_scoped", spy)
    store.add("usr_me", "Goal: get better at public speaking", "goal")  # too many to keep
    assert ops == ["add", "get"]  # the write read them once and found too many
    ops.clear()
    first = store.search("usr_me", "mentoring", k=2)
    assert ops == ["query"]  # so the recall asks Chroma at once
    ops.clear()
    store.add("usr_me", "Goal: run a team meeting", "goal")
    assert ops == ["add"]  # and a later write does not read them all again
    ops.clear()
    assert store.search("usr_me", "mentoring", k=2) == first and ops == ["query"]
    ops.clear()
    assert store.search("usr_them", "mentoring", k=2) and ops == ["get"]  # two: exact
    store.delete("usr_me")  # forgetting clears the mark with the memories
    ops.clear()
    assert store.search("usr_me", "mentoring", k=2) == [] and ops[0] == "get"
