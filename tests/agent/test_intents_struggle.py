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


def test_a_wish_to_become_a_role_after_the_opening_question_is_the_moment() -> None:
    """A senior carer answered "reflect" with "I want to become nursing associate but my
    English writing is not so good, ..." and got "I could not find 'nursing associate but my
    english writing is not so good' among the occupations I know"; her next line was lost."""
    wish = ("I want to become nursing associate but my English writing is not so good, care "
            "plans take me long time")
    assert route(wish, awaiting="reflection").intent == "reflection"
    assert route(wish, draft_open=True).intent == "reflection"
    # asked as a question, or with nothing open, it is the careers question it reads as
    assert route("how do I become a nursing associate?",
                 awaiting="reflection").intent == "plan_growth"
    assert route("I want to become a nursing associate").intent == "plan_growth"
