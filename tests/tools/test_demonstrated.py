"""The gate for strengths: the user's own deed, stated as done (sentences written for this
test, not from a dev set)."""

from __future__ import annotations

import pytest

from tools.demonstrated import shows_own_action
from tools.facts import Fact


def _fact(text: str) -> Fact:
    return Fact(id="ref_t#1", item_id="ref_t", kind="reflection", date="2026-10-05",
                text=text, skills=[], source="reflection")


@pytest.mark.parametrize("text", [
    "Led the night shift alone.",
    "Also trained the new commis on the fryer, she got it quick.",
    "Then sorted the delivery notes for the whole week.",
    "I rebuilt the rota for December.",
    "Mostly felt calm, the team listened to me.",
    # a deed beside a negated reason, aside or consequence is still done
    "I rang the planner at 3am because one haulier didnt turn up, we booked another one.",
    "Took him aside and went through the site rules again, calm, no shouting.",
    "Fixed the leaking tap for an old lady and didn't charge her for it.",
    "chef let me do the starters on saturday because the commis was sick",  # let to do it
    "I asked my manager for the keys and I opened the shop on my own",  # a deed after it
])
def test_own_deeds_count(text: str) -> None:
    assert shows_own_action(_fact(text))


@pytest.mark.parametrize("text", [
    "She fixed her first bug on Tuesday.",
    "Also the printer broke again.",
    "I want to get better at public speaking.",
    "How do I write a proper handover?",
    "I did not finish the dashboard, the data was not ready.",  # every deed negated
    "didnt do any tutoring this term, no time",
    "I led the stand-up but I want to get better at chairing it.",  # a wish in it
    "My manager thanked me for the rota.",  # the writer is only the object
    "felt like a real analyst for once",  # a feeling (it was quoted for "data analysis")
    # a training asked of the boss (it covered "Completed training in logistics")
    "I asked my supervisor for a training but he says no time",
])
def test_what_is_not_the_users_deed_does_not_count(text: str) -> None:
    assert not shows_own_action(_fact(text))


def test_only_the_parts_stated_as_done_are_kept() -> None:
    from tools.demonstrated import done_parts

    text = "I rang the planner at 3am because one haulier didnt turn up, we booked another one"
    assert done_parts(text) == [text, "I rang the planner at 3am", "we booked another one"]
    negated = "I didn't lead the planning meeting, my manager did, I took the notes"
    assert done_parts(negated) == ["my manager did", "I took the notes"]
    assert done_parts("I reset the router and the wifi came back") == [
        "I reset the router and the wifi came back", "I reset the router",
        "the wifi came back"]
    assert done_parts("I never managed anyone") == []
