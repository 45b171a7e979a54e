"""The dialog context names content (answer vs reflection), terse answers are content,
requests stay requests mid-reflection, and misspelt request words are mended. Nothing here
trains (typo'd requests are in test_understand's UNSEEN)."""

from __future__ import annotations

import pytest

from agent.intents import route
from tools.understanding import corpus
from tools.understanding.spelling import one_slip
from tools.understanding.understand import (
    Understander,
    _understand,
    forget_readings,
    in_context,
    understand,
)

# Written for this test only: none of these is in a dev file or the exemplars.
# Terse replies a person gives after "What did you do yourself?" or "How did it go?".
TERSE_ANSWERS = [
    "drove back to the depot for the spare part",
    "we were done ten mins early",
    "took 2 hrs but it held",
    "fitted the new seal myself",
]


@pytest.mark.parametrize("text", TERSE_ANSWERS)
def test_a_terse_reply_is_an_answer_only_after_a_follow_up(text: str) -> None:
    after_question = understand(text, followup=True)
    assert after_question.intent == "answer" and after_question.confident, after_question
    assert understand(text, followup=False).intent == "reflection"
    assert understand(text).intent in {"answer", "reflection"}  # no context: the head's guess


@pytest.mark.parametrize("text", ["cancel", "reject 2", "pls wipe evrything u have on me",
                                  "thanks, bye for now"])
def test_a_request_in_the_middle_of_a_reflection_stays_a_request(text: str) -> None:
    assert understand(text, followup=True).intent == understand(text, followup=False).intent
    assert understand(text, followup=True).intent not in {"answer", "reflection"}


def test_context_renames_content_only() -> None:
    reading = Understander().read("i rang the supplier and they sent a driver")
    assert reading.intent in {"answer", "reflection"}
    assert in_context(reading, True).intent == "answer"
    assert in_context(reading, False).intent == "reflection"
    assert in_context(reading, None) == reading
    thanks = Understander().read("thanks, bye for now")
    assert in_context(thanks, True) == thanks


def test_the_coach_continues_the_reflection_with_an_answer() -> None:
    assert route("fitted the new seal myself", draft_open=True).intent == "reflection"
    assert route("pls wipe evrything u have on me", draft_open=True).intent == "forget"


def test_dev_rows_carry_their_dialog_context() -> None:
    rows = corpus.load(corpus.DEV_MESSAGES)
    assert {r.followup for r in rows if r.intent == "answer"} == {True}
    assert not any(r.followup for r in rows if r.intent != "answer")


def test_misspelt_request_words_are_mended_for_the_intent_head_only() -> None:
    understander = Understander()
    assert understander.speller.mend("can u sumarise my strenths") == \
        "can u sumarise my strengths"
    assert understand("can u sumarise my strenths").intent == "strengths"  # the case
    assert understander.speller.mend("I forgot the van keys") == "I forgot the van keys"


def test_one_slip_is_a_letter_left_out_added_or_swapped() -> None:
    assert one_slip("strenths", "strengths") and one_slip("exprot", "export")
    assert one_slip("memmory", "memory")
    assert not one_slip("forgot", "forget")  # a changed letter is another word, not a slip
    assert not one_slip("export", "export") and not one_slip("stor", "stories")


def test_the_bench_can_make_a_turn_encode_again() -> None:
    understand("sorted the van rota for next week")
    assert _understand.cache_info().currsize >= 1
    forget_readings()
    assert _understand.cache_info().currsize == 0
