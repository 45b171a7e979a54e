"""Undo / delete the last one: the memory layer removes a growth moment everywhere (records,
skill tags, Chroma vectors) for one user only, and the capability deletes only after a yes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent.capabilities import reflection as reflection_cap
from agent.capabilities import undo
from agent.intents import route
from agent.service import AgentService
from memory.items import delete_reflection, last_reflection
from memory.records import get_records
from memory.vectors import get_vectors
from tests.agent.helpers import converse
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


def test_undo_asks_first_and_deletes_only_the_moment_shown_after_a_yes(tagger: Tagger) -> None:
    records = get_records()
    rui = records.ensure_user("cli", "local", "rui")
    assert undo.ask(rui).kind == "undo_nothing"
    first = _saved(rui, "I led the fire drill for the whole school and everyone was out "
                        "in four minutes.")
    confirm = undo.ask(rui)
    assert confirm.kind == "undo_confirm" and confirm.facts["reflection_id"] == first
    assert confirm.state.awaiting == undo.AWAITING and confirm.state.pending_reflection == first
    assert "I led the fire drill" in confirm.reply and confirm.reply.count("?") == 1
    assert undo.answer(rui, "no", first).kind == "undo_kept"
    assert undo.answer(rui, "yes but what about the other one", first).kind == "undo_kept"
    assert _everywhere(rui, first)[0]
    second = _saved(rui, "I repainted the lines in the school car park with two parents.")
    done = undo.answer(rui, "Yes", first)  # the one that was shown, not the newest
    assert done.kind == "undo_done" and done.facts["reflection_id"] == first
    assert _everywhere(rui, first) == (False, 0, 0)
    assert _everywhere(rui, second)[0]
    assert undo.answer(rui, "yes", first).kind == "undo_nothing"


@pytest.mark.parametrize("said", ["undo", "Undo!", "delete the last one",
                                  "remove my last reflection", "delet the lst one",
                                  "pls remove the latest entry", "undo that"])
def test_undo_is_understood_with_typos_and_never_as_forget(said: str) -> None:
    assert route(said).intent == "undo"
    assert route(said, draft_open=True).intent == "undo"
    assert route("delete my data").intent == "forget"
    assert route("yes", awaiting="undo_confirm").intent == "undo_confirm"
    assert route("I also fixed the fridge", awaiting="undo_confirm").intent != "undo_confirm"


async def test_delete_the_last_one_through_the_service_after_a_yes(
        service: AgentService, tagger: Tagger) -> None:
    ola = service.user_for("cli", "local", "ola")
    await converse(service, ola, [
        "I set up the new till system at the farm shop and trained the weekend staff on it",
        "just save it"])
    saved = get_records().list_reflections(ola)
    assert len(saved) == 1
    rid = saved[0]["id"]
    ask, keep = await converse(service, ola, ["delete the last one", "no"])
    assert ask.tools == ["undo_last"] and "undo_confirm" in ask.data
    assert "set up the new till system" in ask.text
    assert {b.data for b in ask.buttons} == {"yes, delete it", "no, keep it"}
    assert "undo_kept" in keep.data and _everywhere(ola, rid)[0]
    # a message that is not an answer is not taken as one: nothing is deleted
    ask, other = await converse(service, ola, ["undo", "what are my strengths?"])
    assert "undo_confirm" in ask.data and "undo_done" not in other.data
    assert _everywhere(ola, rid)[0]
    ask, done = await converse(service, ola, ["remove my last reflection", "yes"])
    assert "undo_done" in done.data
    assert _everywhere(ola, rid) == (False, 0, 0)
    assert get_records().list_reflections(ola) == []


@pytest.mark.parametrize("asked", [
    "scrap the bit aboot bein late dont want that on it",
    "forget what i said about being late, i dont want that on my profile",
    "Please remove previous message about being late, this is not for profile",
])
async def test_the_moment_about_something_is_the_one_offered_for_deletion(asked: str) -> None:
    """An apprentice's "scrap the bit aboot bein late" (two weeks back) offered his last
    moment for deletion, the one about a fuse board; people name the moment by what it was
    about."""
    async with AgentService() as service:
        cal = service.user_for("cli", "local", "cal")
        late = _saved(cal, "I was late on monday because the bus broke down and the gaffer "
                           "was raging, had to stay on to finish the first fix cabling")
        last = _saved(cal, "I changed a fuse board on my own with the sparky watching and it "
                           "tested fine first time")
        offer, done = await converse(service, cal, [asked, "yes"])
    assert offer.tools == ["undo_last"] and "bus broke down" in offer.text, offer.text
    assert "fuse board" not in offer.text
    assert done.tools == ["undo_last"]
    assert [r["id"] for r in get_records().list_reflections(cal)] == [last]
    assert _everywhere(cal, late) == (False, 0, 0)


async def test_a_moment_about_something_never_told_is_not_found_and_nothing_goes() -> None:
    async with AgentService() as service:
        ana = service.user_for("cli", "local", "ana")
        kept = _saved(ana, "I changed a fuse board on my own and it tested fine first time")
        offer, = await converse(service, ana, ["forget what i said about the dentist"])
    assert "couldn't find" in offer.text and "dentist" in offer.text, offer.text
    assert [r["id"] for r in get_records().list_reflections(ana)] == [kept]


def test_what_a_removal_is_about_and_what_is_no_removal() -> None:
    from prompts.phrasebook import undo_about

    assert undo_about("Can you take out the bit about the budget cut from the other week "
                      "please") == "the budget cut"
    assert undo_about("please delete message where i say i am tired of farm, maybe my boss "
                      "can see this") == "i say i am tired of farm"
    for said in ("I deleted the old record about the laptop and imported the hash again",
                 "dont forget about the meeting tomorrow", "forget about it",
                 "I need to drop the kids off about 3"):
        assert undo_about(said) is None, said


async def test_a_moment_about_something_is_only_ever_the_users_own() -> None:
    async with AgentService() as service:
        ana = service.user_for("cli", "local", "ana2")
        ben = service.user_for("cli", "local", "ben2")
        theirs = _saved(ana, "I was late on monday because the bus broke down")
        offer, done = await converse(service, ben, ["scrap the bit about being late", "yes"])
    assert "couldn't find" in offer.text and "bus broke down" not in offer.text, offer.text
    assert _everywhere(ana, theirs)[0]
