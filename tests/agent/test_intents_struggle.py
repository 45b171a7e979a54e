"""A struggle told as a statement is a growth moment, not "what did you mean?" (sentences
written for this test, in trades not in the understanding dev set)."""

from __future__ import annotations

import pytest

from agent.intents import route


@pytest.mark.parametrize("message", [
    "I still struggle with writing unit tests, I never know what to mock",
    "my invoicing is a mess, I keep putting off the VAT return",
    "still not confident on the forklift in the narrow aisles",
])
def test_a_struggle_told_is_a_reflection(message: str) -> None:
    assert route(message).intent == "reflection"


@pytest.mark.parametrize("message", [
    "I don't know how to use this",  # trouble with the coach itself
    "how do I get better at unit tests?",  # a question
    "can you help me with excel",  # a request
])
def test_trouble_with_the_coach_and_questions_are_not_stored(message: str) -> None:
    assert route(message).intent != "reflection"
