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
])
def test_own_deeds_count(text: str) -> None:
    assert shows_own_action(_fact(text))


@pytest.mark.parametrize("text", [
    "She fixed her first bug on Tuesday.",
    "Also the printer broke again.",
    "I want to get better at public speaking.",
    "How do I write a proper handover?",
])
def test_what_is_not_the_users_deed_does_not_count(text: str) -> None:
    assert not shows_own_action(_fact(text))
