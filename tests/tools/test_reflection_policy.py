"""The reflection policy: slot detection, mirroring, at most two follow-ups, never twice."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prompts import render
from tools.reflection import (
    MAX_FOLLOWUPS,
    Draft,
    detect_slots,
    is_short,
    is_skip,
    mirror,
    update,
    wants_save,
)


def test_detects_star_and_gibbs_slots_with_the_users_sentence() -> None:
    text = ("At work a customer was furious about a lost parcel. I listened and found it in "
            "the system. She left happy. I felt nervous at first. I learned that calm is "
            "contagious. Next time I will call the warehouse first.")
    slots = detect_slots(text)
    assert slots["situation"].startswith("At work a customer")
    assert slots["action"] == "I listened and found it in the system."
    assert slots["result"] == "She left happy." or "happy" in slots["result"]
    assert slots["feelings"] == "I felt nervous at first."
    assert slots["learning"] == "I learned that calm is contagious."
    assert slots["next_step"] == "Next time I will call the warehouse first."


def test_asks_for_the_most_valuable_missing_slot_mirroring_the_latest_words() -> None:
    draft = Draft()
    step = update(draft, "I rebuilt the volunteer rota for the food bank")
    assert (step.action, step.slot) == ("ask", "result")
    assert step.mirror == "you rebuilt the volunteer rota for the food bank"
    step = update(draft, "Everyone got their shifts and nobody was double booked")
    assert step.action == "ask" and step.slot == "learning"
    assert update(draft, "whatever").action == "save"
    assert draft.asked == ["result", "learning"] and len(draft.asked) <= MAX_FOLLOWUPS


def test_skip_moves_on_and_save_stops() -> None:
    draft = Draft()
    first = update(draft, "We moved the shop's stock to a new shelf system")
    second = update(draft, "skip")
    assert first.slot != second.slot and second.action == "ask"
    assert draft.texts == ["We moved the shop's stock to a new shelf system"]
    assert update(Draft(texts=["x"]), "just save it").action == "save"
    assert is_skip("Skip!") and not is_skip("skip the rest of the meeting and go home")
    assert wants_save("ok just save it") and not wants_save(
        "I finished the report and that's all I could do because the deadline moved again")
    # a bare "save" (what the coach's own hint says to type) and the slash command
    assert all(wants_save(m) for m in ("save", "Save.", " /save", "save!"))
    assert not wants_save("I save the drafts every evening") and not wants_save("saved us")
    assert update(Draft(texts=["I calmed a relative down"]), "save").action == "save"


def test_a_complete_story_is_saved_without_questions() -> None:
    draft = Draft()
    step = update(draft, "I organised the charity run. We raised 2,000 euros in the end. "
                         "I learned to delegate.")
    assert step.action == "save" and draft.asked == []


def test_mirror_turns_first_person_to_second_and_never_adds_words() -> None:
    assert mirror("I fixed my bike with our neighbour") == "you fixed your bike with our neighbour"
    long = mirror("Yesterday I walked my team through every single step of the new payroll "
                  "process twice and then once more for the new starters")
    assert long == ("you walked your team through every single step of the new payroll "
                    "process twice")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=80), min_size=1, max_size=6))
def test_never_more_than_two_followups_and_never_the_same_slot(messages: list[str]) -> None:
    draft = Draft()
    for m in messages:
        step = update(draft, m)
        if step.action == "save":
            break
    assert len(draft.asked) <= MAX_FOLLOWUPS
    assert len(draft.asked) == len(set(draft.asked))


def test_mirror_starts_at_the_speaker_not_at_a_possessive() -> None:
    assert mirror("In my seminar I avoided the first question") == "you avoided the first question"


def test_mirror_keeps_the_content_when_the_speaker_comes_late() -> None:
    said = mirror("This week one of our residents refused to eat and I was worried for her")
    assert said.startswith("one of our residents refused to eat")


def test_mirror_changes_the_verb_only_after_i() -> None:
    assert mirror("I was calm although the parcel was lost") == (
        "you were calm although the parcel was lost")


def test_a_short_answer_gets_an_easier_question_without_a_mirror() -> None:
    draft = Draft()
    first = update(draft, "I rebuilt the brake line on the delivery van")
    assert first.action == "ask" and not first.easy and first.mirror
    second = update(draft, "ok")
    assert second.action == "ask" and second.easy and second.mirror is None
    assert second.slot != first.slot
    assert draft.texts == ["I rebuilt the brake line on the delivery van"]  # "ok" tells nothing
    word = Draft(texts=["I rebuilt the brake line on the delivery van"])
    step = update(word, "stressful")
    assert step.easy and word.texts[-1] == "stressful"  # a one-word answer is kept
    assert is_short("nope.") and is_short("not really") and not is_short("no downtime at all")


def test_no_followup_for_a_part_already_told() -> None:
    draft = Draft()
    step = update(draft, "i replaced the pump seal on line 2 and it worked, no leaks since")
    assert step.slot not in ("action", "result")
    step = update(draft, "I felt proud, I learned to check the seal size first")
    assert step.action == "save" or step.slot not in ("feelings", "learning")


def test_a_question_to_the_coach_is_never_part_of_the_moment() -> None:
    draft = Draft()
    update(draft, "I wired the new extractor fan in the bakery kitchen")
    update(draft, "could you help me put this on my CV?")
    assert draft.texts == ["I wired the new extractor fan in the bakery kitchen"]


def test_a_terse_writer_who_told_action_and_result_is_asked_something_else() -> None:
    draft = Draft()
    step = update(draft, "migrated the db. no downtime.")
    assert step.action == "ask" and step.slot not in ("action", "result")
    assert step.mirror == "you migrated the db"


def test_punctuation_and_emoji_are_never_mirrored_or_stored() -> None:
    draft = Draft()
    step = update(draft, "??? -- !!! ... 😅 ---")
    assert draft.texts == [] and step.mirror is None
    assert mirror("-- fixed it --") == "you fixed it"


def test_a_happy_client_is_a_result_even_with_an_intensifier() -> None:
    from tools.reflection import cues_in

    assert "result" in cues_in("did a colour correction over 3 hrs and she left so happy")
    assert "result" in cues_in("the customer went home really chuffed with the repair")


def test_an_introduction_is_not_the_moment_the_follow_up_mirrors() -> None:
    text = ("I'm Dorota, I run the night shift in a warehouse, 14 people. this week two pickers "
            "called in sick so i moved people around and we still got all 62 trailers out")
    slots = detect_slots(text)
    assert all("Dorota" not in s for s in slots.values())
    step = update(Draft(), text)
    assert step.action == "ask" and step.mirror and "moved people around" in step.mirror
    # an introduction alone is still what there is to ask about
    assert update(Draft(), "I'm Dorota, I run the night shift in a warehouse").action == "ask"

@pytest.mark.parametrize(("message", "action"), [
    ("im so stressed about finding a grad job, i have no idea what i want to do", False),
    ("I had a great day at work", False),
    ("I have trained three new starters", True),
    ("I had to call the GP", True),
])
def test_having_something_is_no_action(message: str, action: bool) -> None:
    """"i have no idea what i want to do" was read as the action of a student's worry, and
    "im so stressed" as no feeling (no apostrophe)."""
    from tools.reflection import detect_slots

    found = detect_slots(message)
    assert ("action" in found) is action
    if message.startswith("im so stressed"):
        assert "feelings" in found


@pytest.mark.parametrize("message", [
    "I still struggle with writing unit tests, I never know what to mock",
    "my spreadsheets are rubbish, I keep avoiding the pivot tables",
    "honestly I get nervous every time I have to ring a supplier",
])
def test_a_struggle_is_met_with_what_could_help_not_how_it_turned_out(message: str) -> None:
    """"I still struggle with writing unit tests" was asked "How did the people around you
    react?": a struggle is no deed with an outcome; the coach asks what could help."""
    step = update(Draft(), message)
    assert step.action == "ask" and step.slot == "next_step" and step.struggle
    question = render("followup_struggle", seed=message, mirror=step.mirror)
    assert step.mirror and step.mirror in question and "react" not in question
    # a deed keeps the usual order
    deed = update(Draft(), "I rebuilt the brake line on the delivery van")
    assert not deed.struggle and deed.slot != "next_step"


def test_the_struggle_is_mirrored_not_the_deed_beside_it() -> None:
    """"not sure about computers, the new system for picking is a pain, i print everything"
    was mirrored as "You said you print everything"."""
    step = update(Draft(), "not sure about spreadsheets, the new rota file is a pain, i do it "
                           "on paper")
    assert step.struggle and step.mirror and "spreadsheets" in step.mirror
    assert "paper" not in step.mirror


def test_a_wish_beside_a_deed_is_not_asked_how_it_turned_out() -> None:
    """A dental nurse's "I took the x-rays for 12 patients ... I want to learn more about
    orthodontic nursing maybe do the course next year" was asked "You said you want to learn
    more about orthodontic nursing. How did it turn out?": the wish already tells the next
    step, so the outcome of the deed is asked, mirroring the deed."""
    step = update(Draft(), "I took the x-rays for 12 patients and processed them. I want to "
                           "learn more about orthodontic nursing maybe do the course next year")
    assert step.slot == "result" and not step.struggle
    assert step.mirror and "x-rays" in step.mirror and "orthodontic" not in step.mirror
    # a wish alone is still met with what could help
    wish = update(Draft(), "I want to learn more about orthodontic nursing next year")
    assert wish.struggle and wish.mirror and "orthodontic" in wish.mirror


def test_a_bad_week_is_a_mood_not_a_growth_area() -> None:
    """"honestly not great week. I made a mistake on charting ..." was mirrored as "You said
    'honestly not great week'. Who or what could help you with it?"."""
    step = update(Draft(), "honestly not great week. I made a mistake on charting, wrote the "
                           "wrong tooth number and the dentist caught it before")
    assert not step.struggle and step.mirror and "charting" in step.mirror
    assert update(Draft(), "not great at pivot tables yet").struggle


def test_after_skip_the_next_question_does_not_mirror_the_same_words_again() -> None:
    """A team leader skipped "You said you had 3 agency lads no show so you moved two pickers
    to loading. What did you learn from it?" and got the same words again with another
    question."""
    draft = Draft()
    first = update(draft, "had 3 agency lads no show so i moved two pickers to loading and did "
                          "the cut-off on time")
    assert first.mirror
    after = update(draft, "skip")
    assert after.action == "ask" and after.mirror and after.mirror != first.mirror


def test_nerves_told_as_overcome_and_a_deed_said_with_did() -> None:
    """A vet nurse's "this week i did my first solo anaesthetic monitoring ..." was asked
    "Which part of that did you handle yourself?" ("did" read as no deed), and her answer "i
    was nervous but my hands didnt shake lol" was met with "You mentioned you were nervous but
    your hands didnt shake lol. What would a first small step look like?"."""
    draft = Draft()
    first = update(draft, "this week i did my first solo anaesthetic monitoring on a bitch "
                          "spay, kept the obs every 5 min")
    assert first.slot != "action" and "action" in draft.slots
    after = update(draft, "i was nervous but my hands didnt shake lol")
    assert after.action == "ask" and not after.struggle
    assert after.mirror == "you were nervous but your hands didnt shake"
    # nerves not overcome are still a struggle, and "I did not ..." is still no deed
    assert update(Draft(), "i was so nervous on the anaesthetic, i always freeze").struggle
    assert "action" not in detect_slots("i did not get the bloods done")


def test_a_struggle_met_with_a_plan_is_told_whole() -> None:
    """A career changer's "struggling with SQL joins ..." then "gonna do the practice problems
    on the weekend" was asked "You said gonna do the practice problems on the weekend. What
    was the first thing you did?"."""
    from tools.mirror import mirror

    draft = Draft()
    first = update(draft, "struggling with SQL joins, left join vs inner join keeps confusing me")
    assert first.struggle and first.slot == "next_step"
    assert update(draft, "gonna do the practice problems on the weekend").action == "save"
    assert mirror("gonna do the practice problems") == "you're going to do the practice problems"
