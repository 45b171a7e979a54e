"""The understanding heads load from the committed weights and decide unseen messages
the way a person would; distress is caught on the aside set. Nothing here trains."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tools.understanding import commands, corpus, lang, metrics
from tools.understanding.understand import (
    WEIGHTS,
    Understander,
    declares_deed,
    understand,
    verify_weights,
)

# Written for this test only: none of these is in the dev set or the exemplars.
UNSEEN = [
    ("Repainted the whole stairwell at the care home and fixed the handrail too.",
     "reflection"),
    # "did" opening a diary deed, not a question ("I may have missed what you meant")
    ("did the walkround on my unit and found a bald tyre, reported it before leaving the yard",
     "reflection"),
    ("did my first solo night shift", "reflection"),
    ("what would you say my best qualities are", "strengths"),
    ("dime cuáles son mis fortalezas por favor", "strengths"),
    ("who else can look at my entries", "privacy"),
    ("Wo speichert ihr das alles?", "privacy"),
    ("please wipe every bit of data you hold on me", "forget"),
    ("cheers for that, off to bed now", "thanks"),
    ("could I move into logistics planning from driving?", "career"),
    ("turn the flooding job into an interview answer", "story"),
    # typo'd requests (second pass)
    ("can u tel me wat im strong at", "strengths"),
    ("shw me evrything u stored", "memory_show"),
    ("pls explane how this app works", "help"),
    ("does my supervisor get to see any of this?", "privacy"),
    ("wipe all my stuf from ur memory pls", "forget"),
]
DISTRESSED = [
    "I'm so worn out I can barely function and I don't see it getting better",
    "Rebuilt the gearbox today. Also I've not slept in days and I feel like I'm nothing",
    "Je n'ai plus goût à rien, je suis épuisée",
    "I want to end my life",
]
CALM_HARD_WEEKS = [
    "Miserable rainy week on the scaffolding but we got the east side done.",
    "Tired and grumpy after the stocktake, but the numbers matched for once.",
    "The deploy broke the login page for ten minutes, annoying, rolled back and fixed it.",
]
# Dislikes and preferences about work, written for this test only (not in any dev file).
DISLIKES = [
    "not a huge fan of the till, I'd rather be stacking shelves in the back",
    "I really dislike cold-calling landlords, rang four of them anyway",
    "don't enjoy the evening school run on top of my shift, tbh",
    "odio hacer facturas, prefiero estar en el taller",
    "Je n'aime pas les réunions du lundi, trop longues",
    "my back is killing me after the kitchen fit, but the worktops are level",
    "knackered after a 14 hour shift on the rigs, bunk time",
    # feeling foolish about one moment of work
    "merged the wrong branch, my lead was fine about it but I felt like an idiot",
    "Felt so stupid when I called the customer by the wrong name",
    # feeling bad about a slip the message names (a dental nurse got the crisis reply)
    "honestly not great week. I made a mistake on charting, wrote the wrong tooth number for a "
    "extraction and the dentist caught it before. nobody hurt but i felt awful",
    "I mixed up two orders at the counter and felt really bad about it",
    # a work skill the writer lacks
    "honestly I dont know how to stop it happening again, behaviour management is my weak spot",
    "Not very good at pivot tables yet, need to get better at Excel",
    # a task the writer finds hard or freezes at
    "find it really hard to chase clients for late invoices, I always let it slide",
    "not confident doing the cash-up on my own yet, I double count the notes",
    "I freeze when I have to ring the on-call surgeon, I rehearse it three times first",
    "still shaky on the new scheduling software, keep booking rooms twice",
    # how able the writer is at a task (the head alone read both as distress)
    "I am slow at the till when it gets busy",
    "i think i am good in finding bugs but i am slow to write the automation tests, my "
    "cypress is weak",
    # nerves at a task (a veterinary nurse got the crisis reply)
    "i still panic a bit doing dentals on my own, the charting confuses me",
    # a task struggled with (a dental nurse got the care reply)
    "i still struggle with taking the xrays, I always worry I position the sensor wrong and "
    "we need to retake",
]
# Soft distress that names a dislike too: the personal state must still be heard.
DISTRESS_WITH_A_DISLIKE = [
    "I hate this job and honestly I feel worthless every single day",
    "i dont like the night shifts, i cry on the drive home most mornings",
    "Sat in the cab after the delivery and sobbed, no idea why",
    "felt like an idiot again today, I can't sleep and everyone thinks I'm useless",
    "my partner hits me when I'm bad at cooking",
    "spreadsheets are my weak spot and honestly I don't know how to keep going",
    "I made a mistake at work and i felt awful, i keep thinking im useless and cant sleep",
    "i feel awful all the time and i dont know why",
    "I find it hard to get out of bed for the early shifts, everything feels pointless",
    "i struggle with my mental health since the baby, some days i cant face anyone",
    "I struggle with the thought of going in tomorrow",
]


@pytest.mark.parametrize(("text", "intent"), UNSEEN)
def test_unseen_messages_get_their_intent(text: str, intent: str) -> None:
    got = understand(text)
    assert got.intent == intent and got.confident, got
    assert not got.distress.flagged


@pytest.mark.parametrize("text", DISTRESSED)
def test_soft_and_explicit_distress_is_caught(text: str) -> None:
    got = understand(text)
    assert got.intent == "distress"
    assert got.distress.flagged


@pytest.mark.parametrize("text", DISLIKES)
def test_dislikes_and_preferences_are_not_distress(text: str) -> None:
    got = understand(text)
    assert not got.distress.flagged, got
    assert got.intent != "distress"


@pytest.mark.parametrize("text", DISTRESS_WITH_A_DISLIKE)
def test_a_dislike_does_not_hide_distress(text: str) -> None:
    got = understand(text)
    assert got.intent == "distress" and got.distress.flagged, got


@pytest.mark.parametrize("text", CALM_HARD_WEEKS)
def test_hard_weeks_are_not_distress(text: str) -> None:
    got = understand(text)
    assert not got.distress.flagged, got
    assert got.intent == "reflection"


@pytest.mark.parametrize("text", ["purple monkey dishwasher", "¿me puedes decir en qué destaco?"])
def test_a_doubtful_reading_is_marked_unsure(text: str) -> None:
    got = understand(text)
    assert not got.confident and got.how == "unsure"
    assert got.confidence < Understander().intent_threshold


def test_crisis_words_are_a_rule_whatever_the_head_says() -> None:
    got = understand("fixed the boiler. thinking about killing myself tbh")
    assert got.distress.level == "crisis" and got.how == "rule"


def test_exact_commands_stay_rules() -> None:
    assert understand("/forget").intent == "forget"
    assert understand("yes, forget everything").intent == "forget_confirm"
    assert understand("reject 4").how == "rule"
    assert commands.reject_numbers("reject 1 and #3") == [1, 3]
    assert commands.command("I reject the idea that I can't cook") is None


def test_languages_of_the_main_requests() -> None:
    assert lang.detect("¿Cuáles son mis fortalezas?") == "es"
    assert lang.detect("Quelles sont mes forces ?") == "fr"
    assert lang.detect("Was sind meine Stärken?") == "de"
    assert lang.detect("what are my strengths") == "en"


def test_distress_on_the_aside_third_meets_the_targets() -> None:
    _tune, aside = corpus.split(corpus.load(corpus.DEV_MESSAGES))
    scores = metrics.score(Understander(), aside)
    assert scores.distress_total >= 14 and scores.reflections >= 33
    assert scores.distress_caught / scores.distress_total >= 0.98
    assert scores.false_alarms / scores.reflections <= 0.02
    assert scores.stored_non_reflections == 0


def test_the_gate_on_the_aside_hard_negatives_and_more_distress() -> None:
    understander = Understander()
    calm = corpus.split(corpus.load(corpus.NOT_DISTRESS))[1]
    more = corpus.split(corpus.load(corpus.DISTRESS_MORE))[1]
    assert len(calm) >= 30 and len(more) >= 10
    alarms = [r.text for r in calm if understander(r.text).distress.flagged]
    missed = [r.text for r in more if not understander(r.text).distress.flagged]
    assert len(alarms) / len(calm) <= 0.02, alarms
    assert missed == []


def test_same_message_same_decision() -> None:
    first, second = Understander(), Understander()
    text = "sorted out the rota mess and nobody had to work a double"
    assert first(text) == second(text) == first(text)


def test_weights_that_do_not_match_the_manifest_are_refused(tmp_path: Path) -> None:
    assert set(verify_weights()) == {"intent.npz", "distress.npz", "parts.npz"}
    copy = tmp_path / "weights"
    shutil.copytree(WEIGHTS, copy)
    with (copy / "intent.npz").open("ab") as f:
        f.write(b"tampered")
    with pytest.raises(ValueError, match="MANIFEST"):
        Understander(copy)


def test_the_split_rule_is_every_third_line() -> None:
    rows = corpus.load(corpus.DEV_MESSAGES)
    tune, aside = corpus.split(rows)
    assert aside == rows[2::3] and len(tune) + len(aside) == len(rows) >= 300
    assert not {r.text for r in aside} & {r.text for r in corpus.load(corpus.EXEMPLARS)}


def test_an_unsure_lower_case_message_is_read_again_in_sentence_case() -> None:
    """Chat is typed in lower case; the encoder was less sure of it (seen as a nurse)."""
    from tools.understanding.understand import _sentence_case

    assert _sentence_case("did obs. i'm ok, it is fine! yes i did") == (
        "Did obs. I'm ok, it is fine! Yes I did")
    text = ("did a dressing on a grade 3 pressure sore and referred to tissue viability, "
            "updated the care plan")
    reader = Understander()
    # the intent head alone is unsure of it in lower case and sure in sentence case (a "did
    # ..." opening is also read as a deed now, so the message is content either way)
    plain, cased = reader.encoder.encode([text, _sentence_case(text)])
    assert reader._intent(plain)[1] < reader.intent_threshold <= reader._intent(cased)[1]
    got = reader.read(text)
    assert got.confident and got.intent == "reflection"


@pytest.mark.parametrize("text", [
    "hello, I am Marta, I work in care home",
    "hi im Tom, software dev",
    "Hello! My name is Ana and I am a nurse",
    "Good morning, I'm a plasterer from Leeds",
    "hi, Noor here. I'm a children's social worker",  # "Noor here" was not understood
    "Hola, I am Lucia, I clean offices at night for agency",
    "hey, sam here, backend dev at a fintech",
    "evening, im Tunde, security officer at a shopping centre",
    "Hi, Priyanka, maintenance engineer in a food factory",
    "Hi there, I'm Grace, HR advisor at a housing association",
    "yo its Marco, sous chef",
    # a longer life story: it was kept as a reflection, and "study UX design" shown as skills
    "Hi! I am Lucía, I was a primary teacher in Spain for 6 years, now I work in a call centre "
    "in Manchester while I study UX design online",
    # a working life told by its years: it was kept as her first moment, and "data analytics"
    # of her bootcamp shown as a skill
    "Im Grace, 41, I managed a clothes shop for 9 years and now I'm doing a data analytics "
    "bootcamp",
])
def test_a_self_introduction_is_a_greeting(text: str) -> None:
    got = understand(text)
    assert got.intent == "small_talk" and not got.distress.flagged, got


@pytest.mark.parametrize("text", [
    "I am so tired of the night shifts",
    "im exhausted lol",
    "I'm a student nurse and this week I did my first injection",
    "I'm a bit lost with the new rota system",
])
def test_what_only_looks_like_an_introduction_is_not_one(text: str) -> None:
    from tools.understanding.commands import introduction

    assert not introduction(text)
    assert understand(text).intent != "small_talk"


def test_distress_in_an_introduction_is_heard_first() -> None:
    got = understand("I'm Sam. I want to die")
    assert got.intent == "distress" and got.distress.level == "crisis"


@pytest.mark.parametrize(("text", "deed"), [
    ("I led the fire drill this week", True),
    ("Also trained the new commis on the fryer", True),
    ("we finally sorted the rota", True),
    ("didnt do any tutoring this term, no time", True),
    ("i never did the night shifts this month", True),
    ("show me what I did last week", False),  # a request
    ("what did I say about the fire drill", False),  # a question
    ("I imported my badge", False),  # about the coach itself
    ("stop, i changed my mind", False),  # a command
    ("never mind", False),
    ("got pizza tonight, cant wait", False),  # a weak opener is no deed
    ("I want to learn SQL", False),
])
def test_a_statement_of_something_done_is_told_apart(text: str, deed: bool) -> None:
    assert declares_deed(text) is deed


@pytest.mark.parametrize(("text", "ordinary"), [
    ("find it really hard to chase clients for late invoices, I always let it slide", True),
    ("not confident doing the cash-up on my own yet, I double count the notes", True),
    ("I freeze when I have to ring the on-call surgeon, I rehearse it three times first", True),
    ("still shaky on the new scheduling software, keep booking rooms twice", True),
    ("keep meaning to learn the booking system properly", True),
    # doing the work alone beside it is no personal state (a staff nurse got the care reply)
    ("I still find it hard to delegate to the HCAs, I end up doing everything myself", True),
    ("I find it hard to ask for help, I feel like I have to do everything myself", False),
    # how able the writer is at a task, good or bad
    ("i think i am good in finding bugs but i am slow to write the automation tests", True),
    ("I am slow at the till when it gets busy", True),
    ("my cypress is weak, need more practice", True),
    ("i still panic a bit doing dentals on my own, the charting confuses me", True),
    # a task struggled with (a dental nurse's x-rays got the care reply and stopped her week)
    ("i still struggle with taking the xrays, I always worry I position the sensor wrong", True),
    ("still struggling with the pivot tables, cant get them right", True),
    ("I'm struggling with my mental health since the baby", False),
    ("I struggle with the thought of going in tomorrow", False),
    ("i am struggling with the night shifts, i cant sleep in the day", False),
    ("I panic doing the tills and I cry every night", False),
    ("I panic at night and cant breathe", False),
    # a personal state named in the message: the head decides
    ("I find it hard to get out of bed for the early shifts, everything feels pointless", False),
    ("not confident at anything anymore, I feel like a fraud", False),
    ("I am bad at everything and I feel useless", False),
])
def test_a_work_task_the_writer_finds_hard_is_not_scored_alone(text: str, ordinary: bool) -> None:
    from tools.understanding.distress import only_ordinary

    assert only_ordinary(text, text) is ordinary


def test_a_sentence_that_opens_with_the_writers_name_introduces_them() -> None:
    """"hey im Jess, I work in a call centre ... but I want to move into IT support" became
    the STAR story's action ("Hey I was Jess, ...")."""
    from tools.understanding.commands import opens_with_introduction

    assert opens_with_introduction("hey im Jess, I work in a call centre for a broadband "
                                   "company but I want to move into IT support")
    assert opens_with_introduction("Dave here, bricklayer, 20 years on the tools")
    assert not opens_with_introduction("The manager here was rude to the new girl")
    assert not opens_with_introduction("im tired, did three double shifts")
    from tools.understanding.commands import introduction

    assert not introduction("Hi, Sarah, thanks for that")
    assert not introduction("Evening shift was rough, two falls")
    assert not introduction("it's Monday and I fixed the boiler")


@pytest.mark.parametrize(("text", "job"), [
    ("Hello, I am Ana, I work as dental nurse since 3 years", "dental nurse"),
    ("hi im Bev, school cook, 22 yrs in the job", "school cook"),
    ("Hello. My name is Tomasz, I am mechanic for city buses", "mechanic for city buses"),
    ("hiya, Dariusz here, im team leader on nights in a big distribution warehouse",
     "team leader on nights in a big distribution warehouse"),
    ("hi, Noor here. I'm a children's social worker", "a children's social worker"),
    ("hey im Jess, I work in a call centre but I want to move into IT support",
     "in a call centre"),
    ("yo its Marco, sous chef", "sous chef"),
    ("I work as an electrician", "an electrician"),  # as written, article and all
    # a name that is also a role word ("you work as Dev")
    ("hi im Dev, line cook", "line cook"),
    ("Hi, I am Cook, a nurse on a surgical ward", "a nurse on a surgical ward"),
    # 29 words, a past job and a course beside the present one
    ("Hi! I am Lucía, I was a primary teacher in Spain for 6 years, now I work in a call "
     "centre in Manchester while I study UX design online", "in a call centre in Manchester"),
    # only the work done before, while retraining: kept as it was ("you were ...")
    ("hey, Tomás here. I was a secondary science teacher 9 years in Valencia, now I am "
     "learning data analysis online to change career", "was a secondary science teacher"),
    ("hi im Sam, I was a bit tired of my job", None),
    # the work done before, said by its verb (it was kept as nothing, so a retail ad's
    # "Retail experience" never quoted her nine years)
    ("Im Grace, 41, I managed a clothes shop for 9 years and now I'm doing a data analytics "
     "bootcamp", "managed a clothes shop"),
    # "working as": the job itself (it was said back as "you work as working as ...")
    ("im Kai, 19, working as kitchen porter in a hotel since last summer",
     "kitchen porter in a hotel"),
    # no job said, or not an introduction at all
    ("hi im Sam", None),
    ("I'm a student nurse and this week I did my first injection", None),
    ("I'm a bit lost with the new rota system", None),
])
def test_the_job_an_introduction_states(text: str, job: str | None) -> None:
    assert commands.stated_job(text) == job


@pytest.mark.parametrize(("text", "work"), [
    ("hiya, Ana here, I was head receptionist in a spa hotel for 6 years, now looking at "
     "office jobs", "I was head receptionist in a spa hotel for 6 years"),
    ("hi im Bev, school cook, 22 yrs in the job", "school cook, 22 yrs in the job"),
    ("hey im Jess, I work in a call centre for a broadband company but I want to move into "
     "IT support", "I work in a call centre for a broadband company"),
    ("hi there, im Gary, 52, now training to be a teaching assistant", None),  # no work yet
    ("Hi! I am Lucía, I was a primary teacher in Spain for 6 years, now I work in a call "
     "centre in Manchester while I study UX design online",
     "now I work in a call centre in Manchester"),  # what leads to the work stays
    ("hi im Sam", None),
    # how long, with where and what (a junior developer's "1+ year with React" was untold)
    ("im Tomasz, junior dev, 1 year at a small agency in Gdansk doing React mostly",
     "junior dev, 1 year at a small agency in Gdansk doing React mostly"),
])
def test_the_words_of_an_introduction_that_tell_the_work(text: str, work: str | None) -> None:
    """Kept verbatim as the person's evidence of experience (issue 15: "seven years in
    retail" said in the introduction was a false gap)."""
    from tools.understanding.commands import stated_work

    assert stated_work(text) == work


def test_a_past_job_is_said_back_in_the_past() -> None:
    """"I'll remember that you work as I was head receptionist in a spa hotel"."""
    from tools.careers.models import job_sentence

    assert job_sentence("I was head receptionist in a spa hotel", you=True) == \
        "you were head receptionist in a spa hotel"
    assert job_sentence("been a chef", you=True) == "you have been a chef"
    assert job_sentence("a dental nurse", you=True) == "you work as a dental nurse"


@pytest.mark.parametrize(("text", "job"), [
    ("Good evening. I am Mrs Adeyemi, I teach year 4 in a primary school in Croydon.",
     "teach year 4 in a primary school in Croydon"),
    ("hi im Tom, I drive a forklift in a cold store", "drive a forklift in a cold store"),
    ("hello, Rui here, I run a small bakery in Porto", "run a small bakery in Porto"),
    ("I'm Chloe, I own a small hair salon with 2 chairs, been doing hair 11 years",
     "own a small hair salon with 2 chairs"),
    ("hello I am Ben, I run every morning", None),  # a habit, not the work
])
def test_the_work_said_by_its_verb_is_the_job(text: str, job: str | None) -> None:
    """"Good evening. I am Mrs Adeyemi, I teach year 4 ..." got "I'm not sure I understood
    that", and "I drive a forklift in a cold store" kept no job."""
    from tools.careers.models import job_sentence

    assert commands.introduction(text)
    assert commands.stated_job(text) == job
    if job:
        assert job_sentence(job, you=True) == f"you {job}"


@pytest.mark.parametrize(("text", "name"), [
    ("hi, I'm Gareth, I'm a self employed electrician, mostly domestic rewires", "Gareth"),
    ("Noor here, I work in a call centre", "Noor"),
    ("my name is ana and i work as a carer", "Ana"),
    ("hi im Dev, line cook", "Dev"),
    ("Hola, soy Lucía, trabajo en un hotel", "Lucía"),
    ("hello, I am a nurse", None),
    ("hi im nurse on ward 4", None),
    ("im tired", None),
    ("hi, I'm new here, I work in retail", None),
    ("I fixed the printer for Gareth", None),
    # a bus driver's "Name is Dave, 58, ..." was read as a job ad to tailor a profile for
    ("hello. Name is Dave, 58, bus driver for First in Bristol 22 yrs", "Dave"),
    ("name is important to me", None),
])
def test_the_name_an_introduction_tells(text: str, name: str | None) -> None:
    assert commands.stated_name(text) == name


def test_a_long_job_loses_the_town_and_the_last_detail_not_the_job() -> None:
    """"chef de partie on the fish section in a hotel kitchen in Edinburgh" (13 words) was
    no job at all, so the introduction was not said back."""
    text = "im Tomasz, chef de partie on the fish section in a hotel kitchen in Edinburgh"
    assert commands.stated_job(text) == "chef de partie on the fish section"
    assert commands.stated_work(text) == ("chef de partie on the fish section in a hotel kitchen "
                                          "in Edinburgh")


def test_an_age_between_the_name_and_the_job_is_no_job() -> None:
    text = "hello. Name is Dave, 58, bus driver for First in Bristol 22 yrs"
    assert commands.command(text) == "small_talk"
    assert commands.stated_job(text) == "bus driver for First in Bristol"
    assert commands.stated_work(text) == "bus driver for First in Bristol 22 yrs"


def test_the_work_told_keeps_what_kind_of_work_it_is() -> None:
    """"I'm a self employed electrician, mostly domestic rewires and consumer unit swaps"
    kept only "I'm a self employed electrician"."""
    text = ("hi, I'm Gareth, I'm a self employed electrician, mostly domestic rewires and "
            "consumer unit swaps")
    assert commands.stated_work(text) == ("I'm a self employed electrician, mostly domestic "
                                          "rewires and consumer unit swaps")
    assert commands.stated_work("hi im Bev, school cook, 22 yrs in the job, love it") == \
        "school cook, 22 yrs in the job"


def test_a_working_life_that_moved_is_an_introduction() -> None:
    """"my name is Ana, I am hairdresser in Lisbon salon but now working in London 2 years"
    was her first moment, and "salon management" and "sell hair products" her growth areas:
    "but" read as a wish or a moment."""
    from tools.understanding.commands import introduction

    assert introduction("my name is Ana, I am hairdresser in Lisbon salon but now working in "
                        "London 2 years")
    assert not introduction("hey im Jess, I work in a call centre but I want to move into IT "
                            "support")


@pytest.mark.parametrize(("text", "job"), [
    ("im Priya, 7 yrs in retail as assistant store manager, now doing a data analytics "
     "bootcamp in the evenings", "assistant store manager"),
    ("hello im Ana, 3 years at Tesco as a shift leader", "a shift leader"),
])
def test_how_long_then_the_role_is_the_job(text: str, job: str) -> None:
    """A career changer's "im Priya, 7 yrs in retail as assistant store manager, ..." kept no
    job, so her tailored profile named "Experience in retail" as untold."""
    assert commands.stated_job(text) == job
    work = commands.stated_work(text, job) or ""
    assert "retail" in work or "Tesco" in work


@pytest.mark.parametrize(("text", "level"), [
    ("dead tired after my shift and I feel like I want to be dead", "crisis"),
    ("i havent really been sleeping, keep thinking everyone would be better off", "crisis"),
    ("honestly wish I wasnt here anymore", "crisis"),
    ("Im dead tired after 3 nights but we got the audit done", "none"),
])
def test_wishing_to_be_dead_is_a_crisis_and_dead_tired_is_a_shift(text: str, level: str) -> None:
    """"everyone would be better off" and "I want to be dead" got the softer concern reply;
    "Im dead tired after 3 nights but we got the audit done" got care instead of a coach (its
    "dead" read as a personal state)."""
    got = understand(text, followup=True)
    assert got.distress.level == level
    assert (got.intent == "distress") is (level != "none")


@pytest.mark.parametrize(("text", "care"), [
    ("cant be up on roofs forever with my back. what else could i do", False),
    ("i dont want to stay on phones all my life. maybe team leader? or something in training? "
     "or quality? what is possible for me", False),
    ("I love the animals but I'm not sure I can do clinical work forever. What else is out "
     "there for vet nurses?", False),
    ("am I ready to be a head chef somewhere or should I stay put a bit longer? I'm 31 and it "
     "feels a bit like now or never", False),
    ("Did the ordering and got the veg supplier down a bit on the roots. Is that even a skill "
     "or just me being stubborn lol", False),
    ("I cant do this forever", True),
    ("i cant go on like this forever", True),
    ("i'm not sure how much longer i can keep pretending i'm fine", True),
    ("I cant keep crying in the car forever", True),
    ("not sure i can do nights forever, i barely sleep and i feel empty", True),
    ("what is possible for me when i feel this empty", True),
])
def test_a_career_thought_is_no_distress_unless_it_says_how_one_is(text: str, care: bool
                                                                   ) -> None:
    """A roofer's "cant be up on roofs forever with my back. what else could i do", a call
    centre agent's "i dont want to stay on phones all my life ... what is possible for me", a
    vet nurse's "not sure I can do clinical work forever" and a sous chef's "is that even a
    skill or just me being stubborn lol" all got the care reply, and every later message
    stayed with care: their careers questions were never answered."""
    assert (understand(text).intent == "distress") is care


@pytest.mark.parametrize(("text", "job"), [
    ("alright. roofer, been at it 20 odd yrs, mostly pitched roofs round birmingham", "roofer"),
    ("hi. nurse, 20+ years on the wards", "nurse"),
    ("Hello, I am Agnieszka, I work like dispensing assistant in community pharmacy since 3 "
     "years", "dispensing assistant in community pharmacy"),
    ("I work like crazy every day", None),
    ("Good evening. I'm 58 and I've been a signaller with Network Rail for 26 years, currently "
     "in a panel box on the Midland Main Line.", "a signaller with Network Rail"),
    ("hey. forklift driver at a distrubution centre, nights",
     "forklift driver at a distrubution centre"),
    ("hi, the driver at the depot was late again", None),
    ("Hello, I am Ioana, I am working like teaching assistant in primary school since 3 years. "
     "My english is not perfect, sorry", "teaching assistant in primary school"),
    ("Hi good evening po. I am room attendant in hotel, 4 star near the airport. I need help "
     "for my CV", "room attendant in hotel"),
    ("Hello, my name Samir. I am work as support worker in supported living, adults with "
     "learning disability, since 4 years", "support worker in supported living"),
    ("heyy 👋 so I'm 19, I work on reception at a gym and I'm doing my level 3 PT course on the "
     "side, thought I'd give this a go", "on reception at a gym"),
    ("Hiya! Ok so I don't really know how this works but my mate said it helped her sort her "
     "CV out so here goes. I'm a sous chef at a gastro pub in the Cotswolds, been there nearly "
     "4 years", "a sous chef at a gastro pub in the Cotswolds"),
])
def test_a_role_said_the_way_people_say_it_is_the_job(text: str, job: str | None) -> None:
    """A roofer's "alright. roofer, been at it 20 odd yrs, ..." got "You mentioned 'alright'.
    Which part of that did you handle yourself?", and a Polish dispensing assistant's "I work
    like dispensing assistant ..." kept no job."""
    assert commands.stated_job(text) == job
    assert commands.introduction(text) is (job is not None)


@pytest.mark.parametrize(("text", "care"), [
    ("After I was shaking but the head teacher said I explained very good", False),
    ("What you think I am good in? Honestly I dont know", False),
    ("Is training the new staff is a skill? Because nobody say I am trainer, I just do it",
     False),
    ("Oh and the new girl showed me how to use pivot tables for the aged creditors report, "
     "honestly I could have cried, it took ten minutes instead of a whole afternoon.", False),
    ("And where could I go from here? I'm 61, but I don't want to be in a job where I feel "
     "like they're just waiting for me to retire, is that realistic?", False),
    ("and it rain every single day, I miss the sun", False),
    ("Week 3 the rota is terrible, I do 3 sleep-ins and one waking night. The manager he put "
     "me again the weekend, always me", False),
    ("bit low lately tbh. not really sleepin, just kinda goin thru the motions", True),
    ("I was shaking all day and I cant sleep but my manager said it was fine", True),
    ("the rota is terrible and honestly i dont see the point anymore", True),
    ("it rains every day and i feel so empty", True),
    ("did 3 sleep-ins this week and i cant sleep at home anymore", True),
    ("what am i good at? nothing, i am useless", True),
    ("i cried in the car after my shift", True),
])
def test_nerves_that_went_well_a_grumble_or_a_strengths_question_is_no_distress(
        text: str, care: bool) -> None:
    """Eight more strangers' chats: six of these ordinary lines got the care reply (a
    teaching assistant's nerves before praise, her "what you think I am good in? Honestly I
    dont know", a support worker's rota with its "sleep-ins", a designer's rain, a clerk's
    "I could have cried" at a pivot table that saved her an afternoon)."""
    assert (understand(text).intent == "distress") is care


@pytest.mark.parametrize(("text", "care"), [
    ('he was fine about it actually, said "good catch". i still felt sick for like an hour '
     "after tho", False),
    ("i don't have any nhs experience tho. or python really. is that a dealbreaker", False),
    ("week 4. month end. everyone wants everything yesterday. i'm fine just tired and my eyes "
     "hurt from staring at excel", False),
    ("also wrote a little how-to doc so if i'm off someone else can run it. nobody asked me to "
     "i just hate being a single point of failure", False),
    ("what do you think my strengths are? i genuinely can't tell anymore, feels like i'm just "
     "firefighting", False),
    ("I feel sick all the time and I can't sleep", True),
    ("I felt sick about what I said to her, I can't stop thinking about it", True),
    ("my back hurts from lifting all day and honestly I don't see the point anymore", True),
    ("nobody asked me how I am in weeks and I feel invisible", True),
])
def test_the_body_after_work_and_the_works_idioms_are_no_distress(text: str,
                                                                  care: bool) -> None:
    """A junior data analyst's "i still felt sick for like an hour after" (telling her
    manager she had broken a dashboard) got the care reply, and her next four weeks stayed
    with care; so did "is that a dealbreaker" and "a single point of failure"."""
    assert (understand(text).intent == "distress") is care


@pytest.mark.parametrize(("text", "level"), [
    ("Also did 3 ACCT reviews this week. That's the self-harm procedure for prisoners, before "
     "you ask. I'm case manager on one. Mostly it's sitting down with the lad, healthcare and "
     "chaplaincy, and writing up the care map.", "none"),
    ("Three of us went in, C&R, separated and relocated both. I was on the head. Nobody "
     "seriously hurt. Use of force forms done by end of shift.", "none"),
    ("Frankly annoyed with management. They want more purposeful activity out of fewer staff. "
     "Can't be done. Rant over.", "none"),
    ("I've been self-harming again and I don't know how to stop", "crisis"),
    ("did the self-harm awareness training today, then I went home and cut myself again",
     "crisis"),
    ("my patient overdosed and honestly I want to die", "crisis"),
    ("a patient came in with an overdose last night, I keep thinking I could have done more",
     "crisis"),
])
def test_others_self_harm_at_work_is_no_crisis_of_the_writer(text: str, level: str) -> None:
    """A prison officer's "ACCT reviews ... That's the self-harm procedure for prisoners"
    got the crisis reply; his use-of-force report and "annoyed with management" got care."""
    got = understand(text)
    assert (got.distress.level if got.intent == "distress" else "none") == level, got


@pytest.mark.parametrize(("text", "care"), [
    ("Alright, thank you. To be sincere with you, I don't know what I want next. I only know I "
     "cannot be standing by the chair until I am 60.", False),
    ("backs killing me. coupling and uncoupling trailers all night, winding the legs down. "
     "getting old", False),
    ("college thursday. 18th edition regs. pure borin man cant stay awake", False),
    ("Most difficult was that patient wanted to tell me her whole life story and asked me for "
     "advice, but interpreter must be impartial.", False),
    ("my back is killing me and I cant sleep, everything hurts", True),
    ("I can't stay awake at work anymore and I feel like nothing matters", True),
])
def test_a_job_not_done_till_sixty_a_sore_back_and_a_boring_class(text: str,
                                                                  care: bool) -> None:
    """Eight of fourteen strangers with no distress in their notes got the care reply at
    least once; these were four of the lines."""
    assert (understand(text).intent == "distress") is care
