"""Story sentences in the first person and the past tense: verbs change, nothing else does,
and a sentence the rules cannot read safely stays as it was."""

from __future__ import annotations

import pytest

from evals.story_tense import TARGETS, facts_kept, load_parts, run_part
from tools.skills.paraphrase import past as paraphrase_past
from tools.tense import to_past
from tools.verbs import base_of_s, is_verb, past

REWRITTEN = [
    # a number counts the noun after it: never "2 socketed done"
    ("Fixed it, 2 sockets done.", "I fixed it, 2 sockets done."),
    ("I walk 3 miles to the depot, 2 days a week.",
     "I walked 3 miles to the depot, 2 days a week."),
    ("The printer is broken again and nobody fixes it.",
     "The printer was broken again and nobody fixed it."),
    ("So I call the supplier and sort a loan one.",
     "So I called the supplier and sorted a loan one."),
    ("Called the supplier.", "I called the supplier."),
    ("Had to redo the rota.", "I had to redo the rota."),
    ("She lets me leave early.", "She let me leave early."),
    ("We're short staffed.", "We were short staffed."),
    ("I don't know why it keeps breaking.", "I didn't know why it kept breaking."),
    ("I've got to finish the audit by Friday.", "I had to finish the audit by Friday."),
    ("I've never seen a queue like that.", "I had never seen a queue like that."),
    ("I can't find the keys so I ring Tom.", "I couldn't find the keys so I rang Tom."),
    ("The scanner dont work in aisle 7.", "The scanner didnt work in aisle 7."),
    ("There's a leak and the customers are angry.",
     "There was a leak and the customers were angry."),
    ("It's been a mad week, we're 3 nurses for 22 patients.",
     "It had been a mad week, we were 3 nurses for 22 patients."),
    ("Grace says the client wants it by Friday.", "Grace said the client wanted it by Friday."),
    ("Monday the walk-in fridge dies at 6am.", "Monday the walk-in fridge died at 6am."),
    ("The boiler in flat 4 is leaking when I get there.",
     "The boiler in flat 4 was leaking when I got there."),
    ("I roll back, write a test and fix the null check.",
     "I rolled back, wrote a test and fixed the null check."),
    ("He don't listen and he shout at the kid.", "He didn't listen and he shouted at the kid."),
    ("I'm on the till and a man starts shouting.",
     "I was on the till and a man started shouting."),
    ("At 6am the fridge dies.", "At 6am the fridge died."),
    ("The 3 calls go to voicemail.", "The 3 calls went to voicemail."),
    # non-native English: "not" where the verb's helper goes was read as the verb "note"
    # ("I noted move him" in a care assistant's story)
    ("I not move him, I call the nurse.", "I did not move him, I called the nurse."),
    ("we not have enough staff on nights", "we did not have enough staff on nights"),
]

UNCHANGED = [
    # never "10 timed too high" (a dispenser's story)
    "A customer came in with a prescription with wrong dose on it, 10 times too high, I spotted "
    "it and told the pharmacist",
    "dose on it, 3 times a day",
    "I read the manual and put the kettle on.",  # already the past (same spelling)
    "I think it went well.",  # a thought of today about the story
    "Why is nobody checking the fridge?",  # a question
    "Next time I ask earlier.",  # a plan
    "Next time I will ask earlier.",
    "Kids always test the new teacher.",  # what always holds
    "Kids are kids.",
    "Now she walks alone.",  # what holds now
    "Her son calls me every day.",
    "I love my job.",  # a liking that still holds
    "Called to a leak at 7.",  # done to the person, not by them
    "Approved on Thursday, just before the campaign.",
    "Offered a job at the new site.",
    "Told off by the boss.",
    "Mrs Okafor's hoist broke during the visit.",
    "I ordered milk, water for the plants.",  # a list of things, not of deeds
    "No more 11pm texts to me about swaps.",  # counted things are nouns
    "I counted the stock and found the missing boxes.",  # an object after "found"
    "I patrolled the car park and the loading bays on nights.",  # an object after "and"
    "The reviewer asked good questions.",  # the verb was told already
    "Construction Skills Certification Scheme.",  # capitalised words are names
    "How do I ask for a raise after a year without the title.",  # questions without "?"
    "Can I get a copy of everything as a file.",
    "Next quarter I'd like to understand how our docker setup works.",  # a wish for later
    "I refactored the pipeline, it runs twice as fast now.",  # what holds now
    "Lately I just lie in bed after work.",  # lay, or lied?
    "I not sure about the new system.",  # no verb after "not": left as written
    "Lloro todas las noches y no sé cómo salir de esto.",  # not English
]


@pytest.mark.parametrize(("before", "after"), REWRITTEN)
def test_present_tense_storytelling_is_put_in_the_past(before: str, after: str) -> None:
    assert to_past(before) == after
    assert facts_kept(before, after)


@pytest.mark.parametrize("sentence", UNCHANGED)
def test_what_the_rules_cannot_read_safely_stays_as_written(sentence: str) -> None:
    assert to_past(sentence) == sentence


def test_quoted_speech_keeps_its_words() -> None:
    assert to_past('She says "we are closed" and I stay calm.') == \
        'She said "we are closed" and I stayed calm.'
    assert to_past("I realise I need to stop saying 'calm down' to people.", "learning") == \
        "I realised I need to stop saying 'calm down' to people."
    assert to_past("Tenant says “you are the first one who comes on time”.") == \
        "Tenant said “you are the first one who comes on time”."


def test_a_learning_keeps_what_still_holds_and_its_plans() -> None:
    assert to_past("I learn that I need to ask for help sooner.", "learning") == \
        "I learned that I need to ask for help sooner."
    assert to_past("Need to ask earlier.", "learning") == "Need to ask earlier."
    assert to_past("Need to ask earlier.", "action") == "I needed to ask earlier."
    assert to_past("Asking early is better than fixing late.", "learning") == \
        "Asking early is better than fixing late."


def test_numbers_and_names_are_never_touched() -> None:
    out = to_past("Mr Patel pays 2,340.17 to Brightwell Ltd on 2026-11-03 and Ana is happy.")
    assert out == "Mr Patel paid 2,340.17 to Brightwell Ltd on 2026-11-03 and Ana was happy."


def test_the_facts_check_catches_a_lost_number_or_a_changed_noun() -> None:
    assert not facts_kept("I fixed 3 boilers for Ana.", "I fixed boilers for Ana.")
    assert not facts_kept("I fix the pump.", "I fixed the valve.")
    assert not facts_kept("The pump is broken.", "The pump was not broken.")
    assert facts_kept("I cannot go.", "I could not go.")


def test_the_shared_morphology_serves_both_the_stories_and_the_paraphrases() -> None:
    assert paraphrase_past is past
    assert [past(v) for v in ("plan", "carry", "lead", "manage")] == [
        "planned", "carried", "led", "managed"]
    assert past("break") == "breaked"  # the training paraphrases stay as they were
    assert past("break", more=True) == "broke" and past("chat", more=True) == "chatted"
    assert base_of_s("fixes") == "fix" and base_of_s("carries") == "carry"
    assert base_of_s("lets") == "let" and base_of_s("printers") is None
    assert is_verb("stock") and not is_verb("printer")


def test_story_tense_dev_set_aside_third() -> None:
    report = run_part(load_parts()[1])
    assert report["sentences"] >= 18
    assert report["past_right_share"] >= TARGETS["past_right"]
    assert report["wrong_rewrites"] == TARGETS["wrong_rewrites"]
    assert report["facts_kept_share"] == TARGETS["facts_kept"]


@pytest.mark.parametrize("text", ["so i call the supplier and", "I call him and", "we fix it and ",
                                  "i fix it, and then", "and", ""])
def test_a_line_that_ends_on_and_is_told_without_a_crash(text: str) -> None:
    """Chat lines stop mid-thought ("... and"): the verb list reader reached past the end."""
    out = to_past(text)
    assert out.replace("called", "call").replace("fixed", "fix") == text


@pytest.mark.parametrize(("said", "story"), [
    ("Also had a daughter shouting at the nurses station.",
     "I also had a daughter shouting at the nurses station."),
    ("Then took the bins out.", "Then I took the bins out."),
    ("Finally fixed the leak under the sink.", "I finally fixed the leak under the sink."),
    ("Also the printer broke.", "Also the printer broke."),  # a subject of its own: unchanged
])
def test_a_fragment_behind_a_connective_gets_its_subject(said: str, story: str) -> None:
    assert to_past(said) == story


def test_a_particle_after_a_verb_is_never_the_verb() -> None:
    """"explained what we do when the alarm goes off" became "... when the alarm goes offed"
    ("goes" read as a plural noun, "off" as the verb)."""
    from tools.tense import to_past

    assert to_past("when the alarm goes off", "action") == "when the alarm went off"
    assert to_past("the light turns off", "action") == "the light turned off"
    assert to_past("our SQL queries work", "action") == "our SQL queries worked"


def test_a_diary_fragment_on_a_day_or_with_someone_gets_its_i() -> None:
    """A developer's "Spent tuesday chasing a race condition ..." and "Also paired with our
    junior ..." were left without a subject in his STAR story."""
    assert to_past("Spent tuesday chasing a race condition in the webhook handler.",
                   "action").startswith("I spent tuesday")
    assert to_past("Also paired with our junior on her first PR.", "action").startswith(
        "I also paired with our junior")
    assert to_past("Approved on Thursday.", "result") == "Approved on Thursday."
