"""Mirrors are grammatical whole phrases of the user's own words, on 44 messages as people
write them (trades, typos, non-native English) and 15 written afterwards (the aside set),
checked by rules and by the eval's own, separately written mirror check."""

from __future__ import annotations

import re

import pytest

from evals.mirrors import FIRST_PERSON, NEVER_LAST, as_second_person, mirror_problems, words_of
from prompts import render
from tools.mirror import is_past_verb, mirror
from tools.reflection import Draft, update

MESSAGES = [
    "Tuesday night the walk-in freezer died so I moved 200 kilos of fish into the bar fridges",
    "i finaly got the forklift licence after failing the theory twice",
    "We rewired the whole garage for the new charger and my boss let me do the panel alone",
    "Had to tell a family their dad wont make it through the night, I stayed with them an hour",
    "migrated the staging db to postgres 16, zero downtime",
    "I am work in bakery, this week I make the sourdough alone first time",
    "One of the kids in my class finally read a whole page out loud without stopping",
    "I convinced the landlord to fix the mould in flat 3 after six emails and a phone call",
    "Picked 1400 lines on my shift which is my record",
    "My apprentice cut his hand on the grinder and I did the first aid and drove him to A&E",
    "I'm the only one on the team who knows the old billing system so I wrote a wiki page",
    "Last week I refereed my first adult match and a player screamed at me the whole second "
    "half but I kept my cards in my pocket",
    "we lost the tender but the client said our safety plan was the best they had seen",
    "I redesigned the menu boards for the café and sales of the soup went up",
    "taught my grandma to video call her sister in Lisbon",
    "I negotiated a payment plan with a customer who was crying on the phone",
    "This week I was in charge of the night shift for the first time in the care home",
    "Balanced the till three nights in a row, first time no difference at all",
    "i did inventory of all the paints and found we been ordering double of white",
    "I kept calm when the projector died in the middle of my thesis defence",
    "Me and my brother tiled the bathroom floor in one weekend",
    "I have finish the translation of the contract from Polish to English before deadline",
    "The roof leaked over the server rack and I covered everything with tarps before it shorted",
    "I ran the volunteer registration desk at the marathon and nobody waited more than five "
    "minutes",
    "Wrote my first unit tests ever, 14 of them, all green",
    "I talked a drunk guy out of driving home after closing time",
    "we reorganised the pharmacy shelves by active ingredient instead of brand",
    "honestly I just listened to my colleague for an hour after her divorce news",
    "I found the leak in the hydraulic line by following the oil trail under the tractor",
    "I presented the budget to the parish council and answered every question without notes",
    "I was nervous but I called the supplier myself and got the delivery moved to Monday",
    "So basically I set up the whole Wi-Fi for my uncle's restaurant with a mesh system",
    "In the warehouse meeting I proposed we rotate the heavy lifting jobs and they agreed",
    "Cleaned 22 rooms today, my fastest ever, and the supervisor checked none of them twice",
    "I closed three sales calls in a row after changing my opening line",
    "My daughter's school asked me to help with the science fair so I judged twelve projects",
    "I spent the weekend fixing the neighbours fence that fell in the storm",
    "Sorted out a billing mistake for an elderly client that had been going on for months",
    "I coached the new barista on milk steaming until her latte art looked like a heart",
    "I deliverd 180 parcels in the snow and only one came back",
    "At the clinic I noticed a dosage error on a chart and flagged it before the round",
    "I said no to an extra project for the first time because my plate was full",
    "Yesterday I led the toolbox talk for 30 guys on site, in English, which is my third "
    "language",
    "I took over the bookkeeping when our accountant quit and filed the VAT return on time",
]

# Written after the mirror code was done and never tuned on (the aside set).
ASIDE = [
    "my landlord finaly fixed the heating after I sent him the law paragraph about it",
    "Calmed down a toddler who got lost in the supermarket until security found his mum",
    "We poured the concrete for the new cowshed before the rain came and I drove the mixer",
    "I was asked to translate for a Syrian family at the doctor, my Arabic is not "
    "perfect but it worked",
    "Spent whole Sunday rebuilding my grandad's shed roof with my cousin, no leaks now",
    "I finally told my manager that the night rota is unfair and she listened",
    "Handled 63 calls on the helpdesk today without escalating a single one",
    "The printer in the school office jammed again and I replaced the fuser unit "
    "myself following a youtube video",
    "i make website for my uncle's taxi company with booking form, first booking came yesterday",
    "Our football club had no treasurer so I took the books home and sorted two years of receipts",
    "I repaired a torn sail on the club boat with a patch kit while the others waited on the jetty",
    "Trained my replacement in three days because I am moving to the warehouse in Leeds",
    "After the flood we emptied the basement of the community centre and I organised "
    "who carries what",
    "I designed the seating plan for my sister's wedding so that the two families actually mixed",
    "Delivered a calf at 3am with the vet on the phone, both fine",
]


def _first_question(message: str) -> str:
    step = update(Draft(), message)
    assert step.action == "ask" and step.slot is not None, message
    return render(f"followup_{step.slot}", seed=message, mirror=step.mirror)


def test_the_table_is_varied_and_big_enough() -> None:
    assert len(MESSAGES) >= 40 and len(set(MESSAGES)) == len(MESSAGES)


@pytest.mark.parametrize("message", MESSAGES + ASIDE)
def test_every_mirror_is_a_grammatical_whole_phrase(message: str) -> None:
    said = mirror(message)
    assert said and "…" not in said and "..." not in said
    unquoted = not said.startswith("\u201c")
    words = words_of(said)
    if unquoted:
        # pronouns converted, and never a dangling "You said <verb>"
        assert not FIRST_PERSON & set(words), said
        assert not is_past_verb(words[0]), said
        # a contiguous run of the user's words in the second person ("you" may be added)
        source = " ".join(w for w in as_second_person(words_of(message)) if w[0].isalnum())
        run = [w for w in words if w[0].isalnum()]
        assert " ".join(run) in source or " ".join(run[1:]) in source, (said, source)
    # ends at a clause boundary, never on "the", "my", "to", ...
    assert [w for w in words if w[0].isalnum()][-1] not in NEVER_LAST, said
    assert len([w for w in words if w[0].isalnum()]) <= 22
    reply = _first_question(message)
    assert mirror_problems(reply, [message]) == [], reply


def test_mirror_turns_the_first_person_to_the_second_and_keeps_we() -> None:
    assert mirror("I fixed my bike with our neighbour") == "you fixed your bike with our neighbour"
    assert mirror("im proud of myself") == "you're proud of yourself"
    assert mirror("I was calm although the parcel was lost") == (
        "you were calm although the parcel was lost")
    assert mirror("Me and my brother tiled the floor").startswith("you and your brother tiled")
    assert mirror("we shipped it") == "we shipped it"
    # a percentage stays one word as written (a developer's "75%" came back as "75 %")
    assert mirror("sales were up 12% on last week so I restocked") == (
        "sales were up 12% on last week so you restocked")


def test_a_terse_writer_gets_you_plus_their_own_verb() -> None:
    assert mirror("migrated the db. no downtime.") == "you migrated the db"
    assert mirror("Noticed half my invoices were duplicates") == (
        "you noticed half your invoices were duplicates")


def test_a_long_sentence_is_cut_back_to_a_whole_clause_never_with_an_ellipsis() -> None:
    long = mirror("Yesterday I walked my team through every single step of the new payroll "
                  "process twice because the auditor asked for a record of it")
    assert long == ("you walked your team through every single step of the new payroll "
                    "process twice")
    parcel = mirror("I tracked the parcel down in the warehouse after two hours of searching "
                    "through every shelf on the ground floor")
    assert parcel == "you tracked the parcel down in the warehouse"


def test_words_without_a_verb_are_quoted_verbatim() -> None:
    assert mirror("busy week at the cafe") == "\u201cbusy week at the cafe\u201d"
    reply = render("followup_result", seed="x", mirror=mirror("busy week at the cafe"))
    assert re.match(r"You (?:said|mentioned) \u201cbusy week at the cafe\u201d\.", reply)


def test_a_trailing_hedge_is_not_mirrored_as_the_deed() -> None:
    assert mirror("it was the right call I think") == "it was the right call"
    assert mirror("the handover went fine, I guess.") == "the handover went fine"
    assert mirror("I think it went ok") == "you think it went ok"  # the hedge leads: kept


def test_a_phrase_is_not_cut_to_a_stub_after_a_comma() -> None:
    said = mirror("I made a dashbord in looker studio for my sister's bakery, it shows which "
                  "cakes sell on which day")
    assert said == "you made a dashbord in looker studio for your sister's bakery"


@pytest.mark.parametrize(("sentence", "expected"), [
    # a career changer's doubt was mirrored back as a claim: "you are good enough ..."
    ("not sure if I am good enough for a junior job yet, my python is still slow",
     "not sure if you are good enough for a junior job yet"),
    ("no idea if I did it right", "no idea if you did it right"),
    ("worried I messed up the handover", "you were worried you messed up the handover"),
    ("Yesterday I fixed the pump at the farm", "you fixed the pump at the farm"),
])
def test_a_doubt_before_the_speaker_stays_in_the_mirror(sentence: str, expected: str) -> None:
    assert mirror(sentence) == expected


def test_the_writers_own_clause_is_mirrored_when_the_scene_has_no_verb_we_know() -> None:
    """A picker's "one pallet fall from the racking on tuesday, nobody hurt, I stop the aisle
    ..." was quoted back whole in quotation marks: the rules know no verb in "pallet fall"."""
    said = mirror("one pallet fall from the racking on tuesday, nobody hurt, I stop the aisle "
                  "and call the team leader")
    assert said == "you stop the aisle and call the team leader"
    assert mirror("busy week at the cafe") == "\u201cbusy week at the cafe\u201d"


def test_a_diary_was_without_its_speaker_is_mirrored_with_you() -> None:
    """A chef's "honestly was scared at start but after 8pm i got the rhythm" was mirrored
    "You mentioned was scared at start ..."."""
    assert mirror("honestly was scared at start but after 8pm i got the rhythm.") == (
        "you were scared at start but after 8pm you got the rhythm")
    assert mirror("was late again because the bus broke down").startswith("you were late")
    assert not mirror("Was it worth it?").startswith("you were")
    # ... but what the task was is no state of the writer's ("You said you were hard")
    assert mirror("Was hard because english legal words are difficult for me") == (
        "it was hard because english legal words are difficult for you")


def test_what_went_well_is_an_opener_before_the_moment() -> None:
    """A dental nurse's "i think what went well is a little boy was terrified of the drill and
    i talked him through it ..." was mirrored "you think what went well is a little boy was
    terrified of the drill"."""
    said = mirror("i think what went well is a little boy was terrified of the drill and i "
                  "talked him through it with a puppet, he let the dentist finish the filling")
    assert said == "you talked him through it with a puppet"


def test_words_in_another_language_are_quoted_as_written() -> None:
    """The English rules turn "me" into "you": a Spanish "su hija me dio las gracias" must be
    quoted unchanged."""
    from tools.mirror import quoted

    assert quoted("se recuperó bien y su hija me dio las gracias. Luego") == (
        "\u201cse recuperó bien y su hija me dio las gracias\u201d")


@pytest.mark.parametrize(("sentence", "expected"), [
    # a junior developer's "honestly terrified but it worked" was mirrored "you terrified ..."
    ("honestly terrified but it worked", "you were terrified but it worked"),
    ("tired but happy with it", "you were tired but happy with it"),
])
def test_a_feeling_said_without_its_subject_is_mirrored_as_one(sentence: str,
                                                               expected: str) -> None:
    assert mirror(sentence) == expected
    assert not mirror("confused the two orders").startswith("you were")  # a deed, not a mood


@pytest.mark.timeout(30)  # (a regression backtracks for ever, not slowly)
def test_hostile_ends_are_read_in_linear_time() -> None:
    """The trailing-filler pattern repeated a run of emoji inside a repeat: 80 emoji and a
    letter never finished; a run of 20,000 spaces took 20 seconds."""
    assert mirror("\u2600" * 5000 + "x").startswith("\u201c")
    assert mirror("I fixed it" + " " * 19000 + " lol") == "you fixed it"
    assert mirror("a" + " " * 20000 + "b") == "\u201ca b\u201d"
    assert mirror("did the stock count lol \U0001F605\U0001F605\U0001F605") == \
        "you did the stock count"


def test_chat_filler_inside_a_sentence_is_not_said_back() -> None:
    """A dispenser was asked about "you were proud honestly, it could have been bad"."""
    assert mirror("proud honestly, it could have been bad") == \
        "you were proud, it could have been bad"
    assert mirror("i was nervous tbh, but it went ok") == "you were nervous, but it went ok"
    assert mirror("it was honestly fine") == "it was honestly fine"  # no comma: a word of it


def test_a_long_run_of_blanks_inside_a_message_is_read_in_time() -> None:
    import time

    start = time.monotonic()
    mirror("proud" + " " * 20000 + "honestly x")
    mirror("i was" + "\t" * 20000 + "tbh, fine")
    assert time.monotonic() - start < 5


def test_someone_elses_words_about_the_writer_keep_who_said_them() -> None:
    """A night carer's "the nurse say I do good job" was mirrored "You said you do good
    job": the praise was the nurse's."""
    from tools.mirror import mirror

    assert mirror("the nurse said I did a good job") == "the nurse said you did a good job"
    assert mirror("my manager told me I handled it well").startswith("your manager told you")
    assert mirror("In my seminar I avoided the question") == "you avoided the question"
