"""Stories a person could send: one event per story, each sentence in its STAR slot, and a
missing part asked for, never filled with another part (real encoder and classifier)."""

from __future__ import annotations

from evals.stories_eval import TARGETS, load_parts, run_part
from tools.facts import Fact
from tools.stories import blocks, draft
from tools.story_events import split_events
from tools.story_text import clean


def _facts(*sentences: str) -> list[Fact]:
    return [Fact(id=f"ref_a#{i}", item_id="ref_a", kind="reflection", date="2026-10-05",
                 text=s, source="reflection") for i, s in enumerate(sentences, start=1)]


WEEK = _facts("ugh what a week lol.",
              "Tuesday the coffee machine flooded the bar ten minutes before opening.",
              "I shut the water off, mopped with Jess and we opened on time with filter "
              "coffee only.",
              "Also on Friday I trained the new barista on milk steaming.",
              "Now she pours hearts alone and the regulars noticed.")


def test_a_week_with_two_events_is_split_where_the_time_moves_on() -> None:
    events = split_events(WEEK)
    texts = [[f.text[:12] for f in ev] for ev in events]
    assert ["Tuesday the ", "I shut the w"] in texts
    assert ["Also on Frid", "Now she pour"] in texts


def test_a_scene_of_its_own_on_another_day_is_another_event_and_a_task_over_days_is_one(
        ) -> None:
    """A pastry chef told her wedding macarons, then, in her next message and with no "also",
    the Sunday she ran the section alone: one story held both. A task that goes on over the
    days (the audit) stays one event."""
    pastry = split_events(_facts(
        "Made 300 macarons for a wedding on saturday, piped them all friday night.",
        "The bride cried when she saw the tower.",
        "The sous chef was sick so I ran the pastry section alone on sunday.",
        "We did 140 covers and nothing went back."))
    assert [len(ev) for ev in pastry] == [2, 2]
    audit = split_events(_facts("Started the stock audit on Monday with Jas.",
                                "Found 40 missing lines by Tuesday and chased the supplier.",
                                "Closed it on Wednesday, two days early because we split "
                                "the aisles."))
    assert [len(ev) for ev in audit] == [3]


def test_a_two_event_reflection_gives_a_one_event_story_and_asks_for_the_result() -> None:
    story = draft(WEEK, about="the flood at the bar")
    cited = {line.fact_id for lines in story.sections.values() for line in lines}
    assert cited == {"ref_a#2", "ref_a#3"}  # the Friday training is another story
    assert story.texts()["situation"].startswith("Tuesday the coffee machine flooded")
    assert story.texts()["action"].startswith("I shut the water off")
    assert "result" in story.missing  # the other event's outcome does not stand in
    shown = [seg.text for line in blocks(story) for seg in line if seg.role == "question"]
    assert any(s.startswith("**Result:**") for s in shown)
    other = draft(WEEK, about="training the new barista")
    assert {line.fact_id for lines in other.sections.values() for line in lines} == {
        "ref_a#4", "ref_a#5"}
    assert other.texts()["result"].startswith("Now she pours hearts")


def test_where_the_cues_are_silent_the_order_of_the_story_decides() -> None:
    story = draft(_facts("Mrs Okafor's hoist broke during the morning visit.",
                         "I rang the equipment line and used the slide sheet with my colleague.",
                         "She was back in her chair by nine and not in pain."), about="hoist")
    assert story.texts()["situation"].startswith("Mrs Okafor's hoist broke")
    assert story.texts()["result"].startswith("She was back in her chair")


def test_stories_dev_set_aside_third() -> None:
    report = run_part(load_parts()[1])
    assert report["stories"] == 8
    assert report["one_event_share"] >= TARGETS["one_event"]
    assert report["slot_accuracy"] >= TARGETS["slot_accuracy"]
    assert report["missing"] >= 1 and report["missing_asked_share"] >= TARGETS["missing_asked"]


def test_a_line_that_only_announces_the_topic_is_not_the_situation() -> None:
    # "ok right so the handover thing." names the topic and tells nothing: the story asks
    # for the situation instead of showing the announcement as one.
    facts = _facts("ok so the handover thing.",
                   "Night shift had to pass 14 residents to the day team in ten minutes.",
                   "I wrote a one page sheet per corridor and walked Tomasz through it.",
                   "Day team said it was the first calm morning in weeks.")
    story = draft(facts, about="the handover thing")
    cited = {line.fact_id for lines in story.sections.values() for line in lines}
    assert "ref_a#1" not in cited
    assert "situation" in story.missing
    assert story.texts()["action"].startswith("I wrote a one page sheet")


def test_chained_openers_are_chat_filler() -> None:
    assert clean("ok so the migration.") == ""
    assert clean("okay, well the till jammed again at 5pm") == "The till jammed again at 5pm."


def test_a_fillers_comma_keeps_the_sentence_readable() -> None:
    assert clean("felt good tbh, proud of him") == "Felt good, proud of him."
    assert clean("the migration went fine, honestly, no downtime") == (
        "The migration went fine, no downtime.")


def test_the_writer_introducing_themselves_is_no_story_line() -> None:
    story = draft(_facts("I'm Dorota, I run the night shift in a warehouse, 14 people.",
                         "Two pickers called in sick so I moved people around.",
                         "We still got all 62 trailers out on time."))
    told = " ".join(story.texts().values())
    assert "Dorota" not in told and "Dorota" not in story.title
    # the scene and the deed of one sentence: the situation, then the action
    assert story.texts()["situation"].startswith("Two pickers called in sick")
    assert story.texts()["action"].startswith("I moved people around")


def test_a_sentence_that_opens_with_the_writers_name_is_no_story_line() -> None:
    """"hey im Jess, I work in a call centre ... but I want to move into IT support" was the
    story's action ("Hey I was Jess, ...")."""
    story = draft(_facts("hey im Jess, I work in a call centre for a broadband company but "
                         "I want to move into IT support.",
                         "This week I walked an old lady through resetting her router over "
                         "the phone.", "She got back online after 25 minutes."))
    told = " ".join(story.texts().values())
    assert "Jess" not in told and "Jess" not in story.title
    assert "router" in story.texts()["action"]


def test_two_sentences_that_say_they_move_on_are_two_events() -> None:
    """A veterinary nurse's moment and its follow-on ("also taught a new student how to
    restrain cats ...") became one story, the student under "Result"."""
    story = draft(_facts("Monday we had a dog hit by a car, I placed the IV catheter and "
                         "monitored him under anaesthetic.",
                         "Also taught a new student how to restrain cats for blood samples."))
    told = " ".join(story.texts().values())
    assert ("restrain cats" in told) != ("IV catheter" in told)  # one of them, not both


def test_a_topic_matched_only_loosely_finds_the_one_reflection_that_stands_out() -> None:
    """"write a story about the shoplifters" found nothing: "caught two lads nicking perfume
    from boots ..." was 0.38 close, under the bar, though no other reflection came near."""
    from tools.stories import choose_items

    facts = _facts("Caught two lads nicking perfume from Boots, stopped them at the door and "
                   "waited for the police.") + [
        f.model_copy(update={"item_id": "other", "id": "other#1"})
        for f in _facts("Did the fire alarm test and walked every exit of the building.")]
    assert choose_items(facts, "the shoplifters") == [facts[0].item_id]
    assert choose_items(facts, "the budget meeting") == []


def test_a_sentence_that_opens_with_the_scene_gives_the_situation_and_the_action() -> None:
    """A staff nurse's story had her patient's scene inside the Action and "Situation: not
    stated yet"; a scene told in the same sentence as the deed is the situation."""
    story = draft(_facts("Long shift.",
                         "Mr H's sats dropped to 86% and he got very drowsy, I did a full set "
                         "of obs, NEWS was 7 so I escalated to the outreach team."))
    texts = story.texts()
    assert texts["situation"] == "Mr H's sats dropped to 86% and he got very drowsy."
    assert texts["action"].startswith("I did a full set of obs, NEWS was 7 so I escalated")
    assert {line.fact_id for lines in story.sections.values() for line in lines} == {"ref_a#2"}


def test_the_writer_arriving_is_part_of_the_scene_and_praise_received_is_the_result() -> None:
    """A home carer's story put "Mr T fell in the bathroom before i arrived, i didnt move
    him, ..." whole in the Action ("before i arrived" read as her deed) and "Paramedics said
    I did the right thing ..." in the Action too."""
    story = draft(_facts("mr T fell in the bathroom before i arrived, i didnt move him, "
                         "checked he was breathing ok and rang 999 and his daughter",
                         "paramedics said i did the right thing keeping him warm with blankets"))
    texts = story.texts()
    assert texts["situation"] == "Mr T fell in the bathroom before I arrived."
    assert texts["action"].startswith("I didn't move him") or \
        texts["action"].startswith("I didnt move him"), texts["action"]
    assert texts["result"].startswith("Paramedics said I did the right thing")


def test_a_sentence_is_not_split_inside_a_clause_or_where_the_writer_opens_it() -> None:
    from tools.stories import _split_scene

    assert _split_scene("So the invoice backlog was 300+ when I came back from holiday.") is None
    assert _split_scene("Had my first go at being nurse in charge, I moved people around.") \
        is None
    assert _split_scene("I moved everything into the freezers and rang the engineer.") is None


def test_what_came_of_the_deed_in_the_same_sentence_is_the_result() -> None:
    """A career changer's dashboard story: "..., the store manager wants it every monday now"
    is what came of it, and the story said "Result: not stated yet"."""
    from tools.stories import _split_result

    story = draft(_facts("this week i built my first dashboard in looker studio showing waste "
                         "by department, the store manager wants it every monday now"))
    texts = story.texts()
    assert texts["action"].endswith("showing waste by department.")
    assert texts["result"] == "The store manager wants it every monday now."
    assert _split_result("I refunded her and said sorry, she left ok.") == (
        "I refunded her and said sorry.", "She left ok.")
    # the writer's own last clause, or a sentence that does not open with their deed, stays
    assert _split_result("I sorted them by supplier and did the big ones first, then "
                         "batched the small ones.") is None
    assert _split_result("The fridge died at 6am, the fish was still cold.") is None


def test_a_profiles_story_is_told_from_the_evidence_that_covers_its_requirement() -> None:
    """The story of a profile is drafted from the items its first covered requirement cites;
    by topic alone a "pivot tables" requirement got the writer's SQL struggle as its story."""
    from agent.capabilities.answers import profile_for
    from tests.tools.facts.seed import seed

    uid = seed()
    out = profile_for(uid, "Requirements:\n- Lead a database migration to Postgres")
    covered = [m for m in out.facts["matches"] if m["status"] == "covered"]
    assert covered
    story_part = out.facts["text"].split("## STAR story")[1].split("## ")[0]
    cited_items = {c.split("#")[0] for c in covered[0]["cites"]}
    assert any(item in out.facts["text"] for item in cited_items)
    assert "migrat" in story_part.lower()


def test_an_item_with_nothing_to_tell_gives_an_empty_draft_not_a_crash() -> None:
    """Drafting from an item with only filler (or only a credential) raised StopIteration."""
    story = draft(_facts("ugh long week lol."), picked=["ref_a"])
    assert not story.sections and story.missing == ["situation", "task", "action", "result",
                                                    "learning"]


def test_i_also_with_another_matter_starts_a_new_event() -> None:
    """"built my first dashboard ..." then "I also cleaned a messy csv ..." (two chat
    messages of one reflection) were drafted as one story, the cleaning as its Result; an
    "I also" that goes on with the same event stays in it."""
    two = split_events(_facts(
        "This week I built my first dashboard in Looker Studio for the store sales.",
        "I also cleaned a messy csv of 20k rows with pandas and fixed the dates."))
    assert len(two) == 2
    one = split_events(_facts(
        "Monday the walk-in fridge died at 6am with all the fish inside.",
        "I moved everything into the chest freezers.",
        "I also rang the engineer before lunch."))
    assert len(one) == 1


def test_what_came_after_a_while_is_the_result() -> None:
    """"I took him to the calm corner and we did breathing together, after 10 minutes he
    came back and finished his work" was one Action: when it came ("after 10 minutes", "by
    lunch") does not make the outcome the writer's."""
    from tools.stories import _split_result

    assert _split_result("I walked her to the quiet room and let her talk, after half an hour "
                         "she went back to her desk.") == (
        "I walked her to the quiet room and let her talk.", "After half an hour she went back "
        "to her desk.")
    assert _split_result("I chased the courier and booked a second slot, by 3pm the parts "
                         "were on the bench.") is not None
    assert _split_result("I cleared the drain and refilled the system, after that I bled "
                         "every radiator.") is None  # the writer again


def test_a_scene_about_ones_own_patient_is_still_the_scene() -> None:
    """"Tuesday one of my patients NEWS went from 2 to 6 in an hour, I escalated to the
    outreach team" was one Action with no Situation: "my" patient is no deed of the nurse's."""
    from tools.stories import _split_scene

    assert _split_scene("Tuesday one of my patients NEWS went from 2 to 6 in an hour, I "
                        "escalated to the outreach team.") == (
        "Tuesday one of my patients NEWS went from 2 to 6 in an hour.",
        "I escalated to the outreach team.")
    assert _split_scene("I was checking my emails, I saw the alert and rang the on-call.") is None


def test_how_it_stood_at_the_end_is_the_result() -> None:
    """A call-centre agent's "He was calm at the end." was drafted as the Situation."""
    from tools.stories import draft

    story = draft(_facts("A customer was shouting because his internet was down 3 days.",
                         "I let him talk, then I booked the engineer for next morning.",
                         "He was calm at the end."))
    assert story.texts()["result"] == "He was calm at the end."
    assert "calm" not in story.texts().get("situation", "")


def test_a_wish_is_never_an_action_and_an_adverb_before_a_deed_keeps_it_one() -> None:
    """A developer's profile story had "I want to get better at estimating, my tickets
    always take twice as long as i say" as its Action ("i say" read as a deed) and "also
    paired with our junior on her first PR" as its Situation."""
    from tools.stories import section_of

    assert section_of("i want to get better at estimating, my quotes always take twice as "
                      "long as i say", False) == "learning"
    assert section_of("still rubbish at the new rota app, i do it on paper", False) is None
    assert section_of("also showed the new starter how to cash up, she got it first go",
                      False) in ("action", "action+result")


def test_an_adverb_before_the_deed_still_lets_the_outcome_be_the_result() -> None:
    from tools.stories import _split_result

    assert _split_result("Also trained the new porter on the bed lift, he did it alone by "
                         "Friday.") == ("Also trained the new porter on the bed lift.",
                                        "He did it alone by Friday.")


def test_a_labelled_lesson_goes_with_the_event_it_names() -> None:
    """A plumber's "Lesson: the camera paid for itself in one job." came after "Thursday I
    went to the merchant ...", so it left the leak story for the trip to the merchant."""
    leak = _facts("Got called to a leak under a kitchen floor on Tuesday.",
                  "I used the thermal camera to find the pipe without lifting all the tiles.",
                  "Only two tiles up and fixed in a morning, customer was well happy.",
                  "Thursday I went to the merchant for the boiler parts.",
                  "Lesson: the camera paid for itself in one job.")
    events = [[f.text[:10] for f in ev] for ev in split_events(leak)]
    assert events[0][-1] == "Lesson: th" and events[1] == ["Thursday I"]
    story = draft(leak, about="the leak")
    assert [x.text for x in story.sections["learning"]] == [
        "Lesson: the camera paid for itself in one job."]


def test_a_practice_that_worked_is_learning_and_a_thing_done_to_is_the_result() -> None:
    """"Practising out loud twice really helped me." was the result; "Approved on Thursday,
    just before the campaign." (the app, by Apple) was the writer's action."""
    from tools.stories import section_of

    assert section_of("Practising out loud twice really helped me.", False) == "learning"
    assert section_of("Approved on Thursday, just before the campaign.", False) == "result"
    assert section_of("Approved the budget on Thursday", False) == "action"
    assert section_of("Started on Monday in the new warehouse", False) != "result"


def test_someone_new_arriving_after_a_deed_told_is_another_event() -> None:
    """A dispenser's week told her first supervised methadone doses, then "a customer came in
    with a prescription with wrong dose on it"; her STAR story's Action held both."""
    week = _facts("this week i did the methadone supervised doses on my own for the first time, "
                  "checked the ID and the prescription and recorded it in the CD register",
                  "it was fine, the pharmacist double checked the register after and no mistakes",
                  "a customer came in with a prescription with wrong dose on it, 10 times too "
                  "high, I spotted it and told the pharmacist and she phoned the GP")
    assert [len(ev) for ev in split_events(week)] == [2, 1]
    # a scene set first, then the arrival: the event begins there
    salon = _facts("Saturday was mad busy in the salon.",
                   "A bride came in with her hair dyed the wrong colour at another place.",
                   "I did a colour correction in two hours before her wedding.")
    assert len(split_events(salon)) == 1


def test_a_struggle_told_after_the_deed_is_no_result() -> None:
    """A developer's "honestly terraform state still confuses me, I broke the plan twice"
    was the Result of his story about writing the terraform for a staging environment."""
    story = draft(_facts("I wrote the terraform for a new staging environment, first time "
                         "doing infra myself, my lead reviewed it",
                         "honestly terraform state still confuses me, I broke the plan twice"))
    placed = {line.text: name for name, lines in story.sections.items() for line in lines}
    assert not any("confuses" in text for text in placed), placed


def test_a_scene_told_with_the_deed_in_one_sentence_gives_the_action() -> None:
    """A hairdresser's "today client come with box dye disaster, orange roots and black ends,
    I do colour correction 4 hours, she cry from happy" was one Situation, with the Action
    and the Result asked for."""
    story = draft(_facts("today client come with box dye disaster, orange roots and black "
                         "ends, I do colour correction 4 hours, she cry from happy"))
    got = {name: [line.text for line in lines] for name, lines in story.sections.items()}
    assert got["action"] == ["I did colour correction 4 hours."]
    assert got["result"] == ["She cried from happy."]
    assert got["situation"][0].endswith("orange roots and black ends.")


def test_an_outcome_joined_by_and_at_the_end_of_the_deed_is_the_result() -> None:
    """A vet nurse's "this week i monitored the anaesthetic for a cat spay, the sats dropped
    and I told the vet straight away, we turned up the oxygen and she was fine" was one
    Action with the Result asked for; how it ended is the Result."""
    story = draft(_facts("this week i monitored the anaesthetic for a cat spay, the sats "
                         "dropped and I told the vet straight away, we turned up the oxygen "
                         "and she was fine"))
    got = {name: [line.text for line in lines] for name, lines in story.sections.items()}
    assert got["result"] == ["She was fine."]
    assert got["action"][0].endswith("we turned up the oxygen.")
    # the writer's own later deed is never someone else's outcome
    mine = draft(_facts("I rang the ward and the sister was out, so I went up myself and "
                        "sorted the bed"))
    assert not any("sorted" in line.text for line in mine.sections.get("result", []))


def test_how_the_writer_is_now_is_not_the_next_step_of_the_event() -> None:
    """A barista's "honestly i am bad with the cash at closing" after training a colleague
    was told in her training story as an Action ("I was bad with the cash ..."); "Honestly I
    was so nervous" in the event's own past stays in it."""
    events = split_events(_facts(
        "this week i trained the new girl Marta on the coffee machine, i show her how to "
        "steam milk and do the latte art heart",
        "honestly i am bad with the cash at closing, the till was 12 euro short and i dont "
        "know why"))
    assert len(events) == 2
    nervous = split_events(_facts("I presented the quarterly numbers to the board.",
                                  "Honestly I was so nervous I stumbled over the first slide."))
    assert len(nervous) == 1


def test_someone_new_in_a_scene_of_their_own_starts_an_event() -> None:
    """"one customer was shouting because his oat latte took 10 minutes" after the grinder
    fixed is a scene of its own."""
    events = split_events(_facts(
        "the grinder was making a strange noise, i cleaned the burrs and calibrated the dose "
        "again, the espresso tasted much better after",
        "one customer was shouting because his oat latte took 10 minutes, i say sorry and "
        "gave him a free cookie, he calmed down"))
    assert len(events) == 2


def test_the_writers_job_is_no_line_of_the_story() -> None:
    """"I work as barista in a coffee shop in Lisbon, now 2 years." was the story's title and
    Action, told in the past ("I worked as barista ..., now 2 years"), as if she had left."""
    story = draft(_facts("I work as barista in a coffee shop in Lisbon, now 2 years.",
                         "the grinder was making a strange noise, i cleaned the burrs and "
                         "calibrated the dose again, the espresso tasted much better after"))
    told = " ".join(line.text for lines in story.sections.values() for line in lines)
    assert "barista" not in told and "burrs" in told, story.sections


def test_an_i_also_deed_goes_home_to_the_event_it_names() -> None:
    """A lab technician's week: "I also wrote the deviation report for the autoclave ..."
    right after Wednesday's training was the training story's Result; it belongs with
    Monday's failed autoclave."""
    events = split_events(_facts(
        "Monday was chaos, the autoclave failed its validation so I had to move all the media "
        "prep to the backup unit and redo the schedule for the whole week.",
        "On Wednesday I trained the two new placement students on aseptic technique, one of "
        "them contaminated three plates but by Friday she was doing it perfectly.",
        "I also wrote the deviation report for the autoclave and the QA manager said it was "
        "the clearest one she'd read this year."))
    texts = [[f.text[:14] for f in ev] for ev in events]
    assert texts == [["Monday was cha", "I also wrote t"], ["On Wednesday I"]], texts


def test_someone_upset_begins_a_scene_of_its_own() -> None:
    """A dispensing assistant's week: labelling and date checks, then "One patient was angry
    because his medicine was owing ..." and the branch she rang. The angry patient landed in
    the labelling story's Result."""
    said = ["This week was very busy because of flu vaccine season, many people coming "
            "without appointment and asking for jab",
            "I was doing the labelling and assembly of prescriptions, also checking expiry "
            "dates in the fridge, we found some insulin almost out of date so I make a note "
            "for the pharmacist",
            "One patient was angry because his medicine was owing, the wholesaler did not have "
            "it.", "I explain him and I call other branch, they had 2 boxes so he was happy at "
            "the end"]
    facts = [Fact(id=f"ref_p#{i}", item_id="ref_p", kind="reflection", date="2026-12-01",
                  text=t) for i, t in enumerate(said, 1)]
    assert [[f.id for f in e] for e in split_events(facts)] == [
        ["ref_p#1", "ref_p#2"], ["ref_p#3", "ref_p#4"]]


def test_another_week_named_begins_another_event() -> None:
    """An accounts payable clerk's story put "Week two was quieter, thank goodness." in the
    payment run's Result."""
    said = ["Also did the weekly payment run on Thursday, BACS, about £180k, and the finance "
            "manager signed it off without a single query.",
            "Week two was quieter, thank goodness.",
            "I set up six new suppliers on the system and did the bank detail verification "
            "calls."]
    facts = [Fact(id=f"ref_w#{i}", item_id="ref_w", kind="reflection", date="2026-12-01",
                  text=t) for i, t in enumerate(said, 1)]
    events = [[f.id for f in e] for e in split_events(facts)]
    assert ["ref_w#1"] in events and not any("ref_w#1" in e and "ref_w#2" in e for e in events)
