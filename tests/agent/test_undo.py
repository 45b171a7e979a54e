"""Undo / delete the last one: the memory layer removes a growth moment everywhere (records,
skill tags, Chroma vectors) for one user only, and the capability deletes only after a yes."""

from __future__ import annotations

from datetime import UTC, datetime

from agent.capabilities import reflection as reflection_cap
from agent.capabilities import undo
from memory.items import delete_reflection, last_reflection
from memory.records import get_records
from memory.vectors import get_vectors
from tools.skills.tagger import Tagger


def _saved(user_id: str, text: str) -> str:
    """Save one growth moment through the real reflection capability; returns its id."""
    now = datetime.now(UTC)
    reflection_cap.reflect(user_id, text, now)
    result = reflection_cap.reflect(user_id, "just save it", now)
    assert result.kind == "reflection_saved"
    return str(result.facts["reflection_id"])


def _everywhere(user_id: str, rid: str) -> tuple[bool, int, int]:
    """(row exists, skill tag rows, vectors) of one reflection."""
    records = get_records()
    tags = [s for s in records.user_skills(user_id) if s["source_id"] == rid]
    vectors = [m for m in get_vectors().list(user_id) if m.source_id == rid]
    return records.get_item(user_id, "reflections", rid) is not None, len(tags), len(vectors)


def test_delete_reflection_removes_row_tags_and_vectors_of_one_user_only(
        tagger: Tagger) -> None:
    records = get_records()
    ines = records.ensure_user("cli", "local", "ines")
    olu = records.ensure_user("cli", "local", "olu")
    older = _saved(ines, "I trained two new cashiers on the self-checkout machines and "
                         "wrote a one-page guide for them.")
    newer = _saved(ines, "I negotiated a cheaper contract with our packaging supplier and "
                         "saved the shop 400 euros a month.")
    other = _saved(olu, "I negotiated a cheaper contract with our packaging supplier and "
                        "saved the shop 400 euros a month.")
    exists, tags, vectors = _everywhere(ines, newer)
    assert exists and tags >= 1 and vectors == 1
    assert last_reflection(ines)["id"] == newer  # type: ignore[index]
    assert not delete_reflection(olu, newer)  # another user's id: nothing happens
    assert _everywhere(ines, newer) == (exists, tags, vectors)
    assert delete_reflection(ines, newer)
    assert _everywhere(ines, newer) == (False, 0, 0)
    assert not delete_reflection(ines, newer)  # already gone
    assert _everywhere(ines, older)[0] and _everywhere(ines, older)[2] == 1
    assert last_reflection(ines)["id"] == older  # type: ignore[index]
    assert _everywhere(olu, other)[0] and _everywhere(olu, other)[2] == 1
    assert all(m.source_id != newer for m in get_vectors().search(ines, "packaging", k=5))


def test_undo_asks_first_and_deletes_only_the_moment_shown_after_a_yes(
        tagger: Tagger) -> None:
    records = get_records()
    rui = records.ensure_user("cli", "local", "rui")
    assert undo.ask(rui)["kind"] == "undo_nothing"
    first = _saved(rui, "I led the fire drill for the whole school and everyone was out "
                        "in four minutes.")
    confirm = undo.ask(rui)
    assert confirm["kind"] == "undo_confirm" and confirm["reflection_id"] == first
    assert confirm["awaiting"] == undo.AWAITING
    assert "I led the fire drill" in confirm["reply"] and confirm["reply"].count("?") == 1
    assert undo.answer(rui, "no", first)["kind"] == "undo_kept"
    assert undo.answer(rui, "yes but what about the other one", first)["kind"] == "undo_kept"
    assert _everywhere(rui, first)[0]
    second = _saved(rui, "I repainted the lines in the school car park with two parents.")
    done = undo.answer(rui, "Yes", first)  # the one that was shown, not the newest
    assert done["kind"] == "undo_done" and done["reflection_id"] == first
    assert _everywhere(rui, first) == (False, 0, 0)
    assert _everywhere(rui, second)[0]
    assert undo.answer(rui, "yes", first)["kind"] == "undo_nothing"
