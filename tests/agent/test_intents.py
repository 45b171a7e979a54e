"""Intent routing of the offline coach: rules for exact commands, the learned rest."""

from __future__ import annotations

import pytest

from agent.intents import route
from tools import stories


@pytest.mark.parametrize(("text", "intent"), [
    ("what are my strengths?", "strengths"),
    ("which things am I good at", "strengths"),
    ("write a story about the migration", "story"),
    ("tailor my profile for this job: Data analyst, SQL required", "profile"),
    ("remind me on Sundays at 18:00", "reminder"),
    ("show my memory", "memory_show"),
    ("export my data", "export"),
    ("forget me", "forget"),
    ("yes, forget everything", "forget_confirm"),
    ("reject 2", "reject"),
    ("/start", "greeting"),
    # the word itself starts one ("reflect" got "Sorry, I didn't quite get that")
    ("reflect", "greeting"),
    ("start a reflection", "greeting"),
    ("let's do my weekly reflection", "greeting"),
    ("reflect on my week", "greeting"),
    ("help", "help"),
    ("I want to die", "distress"),
    ("thanks", "thanks"),
    ("sure", "small_talk"),  # to the welcome's question; the head was unsure (0.54)
    ("yeah go on", "small_talk"),
    ("who can read what I put in here?", "privacy"),
    ("¿Cuáles son mis fortalezas?", "strengths"),
    ("Was sind meine Stärken?", "strengths"),
    ("should I retrain as an electrician or stay in retail?", "explore"),
    ("cancel", "cancel"),
    ("This week I volunteered at the animal shelter and trained two new helpers", "reflection"),
    # something done is content, however much it sounds like a request
    ("I led the fire drill this week", "reflection"),  # the head read "recall"
    ("built customer profiles from the survey so we know who to target", "reflection"),
    ("didnt do any tutoring this term, no time", "reflection"),  # the head read "cancel"
    ("Indexed 300 old HR files by surname and start date for the archive", "reflection"),
    ("i forgot to label the circuits", "reflection"),  # the head was unsure
    ("show me what I did last week", "recall"),  # ... but a request stays a request
    ("never mind", "cancel"),
    ("delete what I said yesterday", "undo"),
    ("where could i go next?", "explore"),  # the head read a skip ("next")
    ("what is next for me?", "explore"),
    ("next", "reflection_empty"),
    # a wish that names a role to reach gets a growth plan; one to be shown, the roles; a
    # wish told (a licence, a course) is a reflection (a cleaner's "I want to learn better
    # english to become supervisor one day" got "malt house supervisor" among her roles)
    ("I want to learn better english to become supervisor one day", "plan_growth"),
    ("I wanna move into HR", "plan_growth"),
    ("I want to know which jobs suit me", "explore"),
    ("I want to do my C licence next year to drive the big lorry", "reflection"),
    # a wish to learn, which the head doubts, is told, not a puzzle ("I may have missed what
    # you meant", a dental nurse's first growth wish); "I'd like" is a wish too
    ("I want to learn more about orthodontics, maybe do the course next year", "reflection"),
    ("I'd like to do my NVQ level 3 next year", "reflection"),
    ("I'd like to become a nurse one day", "plan_growth"),
    ("I'd like to know which jobs suit me", "explore"),
    ("i'd like to import my certificate", "credential_how"),
])
def test_routes(text: str, intent: str) -> None:
    assert route(text).intent == intent


def test_an_open_draft_takes_ordinary_answers_but_not_commands_or_distress() -> None:
    assert route("it went fine", draft_open=True).intent == "reflection"
    assert route("what are my strengths?", draft_open=True).intent == "strengths"
    assert route("I can't cope anymore", draft_open=True).intent == "distress"


@pytest.mark.parametrize(("text", "about"), [
    # the learned head read the first as part of the reflection (0.85) and was unsure of the
    # fourth: asked of the coach, in any of these shapes, it is a story request
    ("tell me a story about the e-bike brake", "the e-bike brake"),
    ("can you turn the school bike checks into a STAR story?", "the school bike checks"),
    ("write up the brake job as a story", "the brake job"),
    ("story about the e-bike please", "the e-bike"),
    ("Star story: the kids safety morning", "the kids safety morning"),
    ("please draft a short story about the audit, thanks", "the audit"),
    ("write a STAR story", ""),
])
def test_a_story_asked_for_in_ones_own_words_leaves_an_open_reflection(text: str,
                                                                       about: str) -> None:
    assert route(text, draft_open=True).intent == "story"
    assert route(text).intent == "story"
    assert stories.topic(text) == about


@pytest.mark.parametrize("text", [
    "Read the kids a story at lunch, they loved the dragon one",
    "made up a story for the kids about a lost sock",
    "Did storytime with year 1 and they sat still for once",
])
def test_a_story_told_of_ones_week_is_not_a_story_request(text: str) -> None:
    assert route(text, draft_open=True).intent == "reflection"


def test_import_confirmation_only_when_awaited() -> None:
    assert route("yes", awaiting="import_confirm").intent == "import_confirm"
    assert route("yes").intent != "import_confirm"


def test_a_pasted_job_ad_is_a_profile_request_whatever_words_it_holds() -> None:
    ad = ("tailor my profile for this job: Substance abuse counsellor. Remind clients of "
          "appointments; support people who feel hopeless. Forget me not florist nearby.")
    assert route(ad).intent == "profile"
    assert route("/profile " + ad).intent == "profile"


def test_abuse_as_a_topic_is_not_distress_but_being_abused_is() -> None:
    assert route("I volunteer at an abuse shelter and ran the intake desk").intent != "distress"
    assert route("my partner is abusive to me and I am scared").intent == "distress"
    assert route("I am being abused at home").intent == "distress"


def test_nothing_but_content_reaches_the_reflection_tool() -> None:
    for text in ("who can read what I put in here?", "cancel", "thanks a lot",
                 "is it too late to become a paramedic at 50?"):
        assert route(text).intent != "reflection", text
        assert route(text, draft_open=True).intent != "reflection", text


def test_save_and_skip_without_a_draft_start_nothing() -> None:
    assert route("good enough, store it").intent == "reflection_empty"
    assert route("good enough, store it", draft_open=True).intent == "reflection"


def test_the_language_comes_with_the_route() -> None:
    assert route("¿Quién puede leer lo que escribo?").lang == "es"
    assert route("Je n'en peux plus, je ne dors plus").intent == "distress"


def test_after_care_a_clear_request_is_answered_and_content_stays_with_care() -> None:
    assert route("show my memory", awaiting="distress").intent == "memory_show"
    assert route("undo", awaiting="distress").intent == "undo"
    assert route("what are my strengths?", awaiting="distress").intent == "strengths"
    assert route("what could I do instead of teaching?", awaiting="distress").intent in (
        "explore", "plan_growth")
    for text in ("yeah", "ok thanks", "hi", "I told my manager and she didn't care"):
        assert route(text, awaiting="distress").intent == "after_distress", text
    # a deed told calmly is offered to be kept (no question, no coaching); "yes" keeps it,
    # anything else is read with care again
    assert route("we had a fire drill and I led the evacuation",
                 awaiting="distress").intent == "keep_offer"
    # ("student" ends in "nt" but says nothing against the deed; a week opened by when)
    for text in ("Anyway, I did start training our new student nurse on kennel duties and "
                 "running the autoclave, she's lovely",
                 "Last week I was on the out of hours rota and got called in at 2am for a GDV"):
        assert route(text, awaiting="distress").intent == "keep_offer", text
    assert route("yes please", awaiting="keep_offer").intent == "keep_moment"
    assert route("no", awaiting="keep_offer").intent == "after_distress"
    assert route("I want to die", awaiting="keep_offer").intent == "distress"
    # the care reply says 'just say "let's reflect"'; asking by the command's other words
    # counts too (a dental nurse's "reflect" got "Thank you for telling me" again)
    for text in ("reflect", "start a reflection", "let's do my weekly reflection"):
        assert route(text, awaiting="distress").intent == "greeting", text
    assert route("I want to die", awaiting="distress").intent == "distress"


def test_a_bullet_sent_after_a_line_of_an_ad_is_the_ad_not_a_reflection() -> None:
    # a front-desk ad pasted a line at a time: "- Advanced Excel" was mirrored back as
    # "You said you advanced Excel. How did it turn out?"
    assert route("- Advanced Excel", awaiting="ad_text").intent == "ad_text"
    assert route("- Advanced Excel").intent != "ad_text"
    assert route("- poured the slab and set out the walls", awaiting="ad_text").intent != \
        "ad_text"


def test_the_end_of_an_ad_sent_a_line_at_a_time_is_answered_with_how_to_send_it() -> None:
    """A team leader who sent a shift manager ad a line at a time ended with "that's the whole
    ad" and was asked "Was there a moment this week ... when someone was glad you were
    there?"."""
    for text in ("that's the whole ad", "thats it", "done", "end of ad"):
        assert route(text, awaiting="ad_text").intent == "ad_text_end", text
    assert route("thats it", awaiting="reflection").intent != "ad_text_end"
    assert route("done").intent != "ad_text_end"


@pytest.mark.parametrize("text", [
    # a night receptionist's wish was answered 'I could not find "better with excel" among the
    # occupations I know': "to be better" is a way of being, not a role to reach
    "i want to be better with excel, my manager ask me for the occupancy report and I do it "
    "by hand with calculator",
    "i would like to be more confident on the phone",
    "i need to be better with spreadsheets",
    "I should learn to do the rota properly",
])
def test_a_wish_to_be_better_at_something_is_a_reflection_not_a_careers_question(
        text: str) -> None:
    assert route(text).intent == "reflection"


def test_a_wish_that_names_a_role_is_still_a_growth_plan() -> None:
    assert route("i want to be team leader next year").intent == "plan_growth"
    assert route("I want to be a supervisor one day, what do I need?").intent == "plan_growth"


@pytest.mark.parametrize(("text", "lang"), [
    ("hola, soy Lucía, camarera en un bar de tapas en Sevilla", "es"),
    ("bonjour, je m'appelle Inès, je suis aide-soignante", "fr"),
    ("hallo, ich bin Jonas, Elektriker aus Köln", "de"),
])
def test_an_introduction_in_spanish_french_or_german_is_welcomed(text: str, lang: str) -> None:
    """ "hola, soy Lucía, ..." got "I'm not sure I understood that"."""
    got = route(text)
    assert (got.intent, got.lang) == ("small_talk", lang)
    # a moment of the week after the name is content, not an introduction
    assert route("hola, soy camarera y esta semana entrené a dos chicos").intent != "small_talk"


def test_an_introduction_after_the_opening_question_is_no_moment() -> None:
    """A chef said "hey", got the opening question, then "im Tomasz, chef de partie on the
    fish section ...": kept as his moment and asked "Which part of that did you handle
    yourself?". It introduces him; inside an open draft it stays content."""
    intro = "im Tomasz, chef de partie on the fish section in a hotel kitchen in Edinburgh"
    assert route(intro, awaiting="reflection").intent == "small_talk"
    assert route(intro, draft_open=True).intent == "reflection"
    assert route("ok", awaiting="reflection").intent == "reflection"


def test_done_with_nothing_open_says_there_is_nothing_to_save() -> None:
    """"done" after the moment was already saved got "I'm not sure I understood that"."""
    assert route("done").intent == "reflection_empty"
    assert route("done", draft_open=True).intent == "reflection"


def test_a_duty_said_verb_first_after_a_line_of_an_ad_is_the_ad() -> None:
    """A chef sent a sous chef ad a line at a time: "Support the Head Chef in running a
    60-cover restaurant", "Lead the kitchen ...", "Train and develop junior chefs" were saved
    as his growth moment and tagged. After an ad line, a duty said with its verb first is
    the ad's next line; a diary note says what was done and stays his."""
    for line in ("Support the Head Chef in running a 60-cover restaurant and private dining.",
                 "Lead the kitchen in the head chef's absence, including ordering and rotas.",
                 "Train and develop junior chefs and commis."):
        assert route(line, awaiting="ad_text").intent == "ad_text", line
        assert route(line).intent != "ad_text", line
    for note in ("Led the kitchen on friday when the sous was off",
                 "Busy Saturday in the shop, sold out of croissants by ten"):
        assert route(note, awaiting="ad_text").intent != "ad_text", note


def test_an_introduction_after_a_careers_question_is_an_introduction() -> None:
    """A team leader asked "where could i go next", got "I cannot suggest roles yet", then
    introduced himself: the introduction got the careers reply again."""
    intro = "hey im Kwaku, team leader nights at a DHL warehouse"
    assert route(intro, awaiting="career_interests").intent == "small_talk"
    assert route("I like fixing things, hate paperwork",
                 awaiting="career_interests").intent == "explore"


@pytest.mark.parametrize(("text", "intent"), [
    ("how do i delete my data?", "delete_how"),
    ("is there a way to wipe everything?", "delete_how"),
    ("how do I delete the last one?", "undo"),
    ("can you delete my data", "forget"),
    ("please delete my account", "forget"),
    ("delete everything you have on me", "forget"),
    ("I deleted the old records from the system today", "reflection"),
])
def test_deleting_asked_how_or_ordered(text: str, intent: str) -> None:
    assert route(text).intent == intent


@pytest.mark.parametrize("text", ["is that good?", "does that count?", "was that ok?",
                                  "is that the kind of thing you want?"])
def test_asking_whether_a_moment_counts_is_answered_not_kept(text: str) -> None:
    """"is that good?" after a moment got "Thanks. Did anything about it surprise you?" (the
    question read as the answer to the follow-up) or "No pressure. Even something small
    counts ..." after it was saved."""
    assert route(text, draft_open=True).intent == "counts_open"
    assert route(text).intent == "counts"


def test_a_question_about_the_work_is_no_question_about_counting() -> None:
    assert route("did it work?").intent != "counts"
    assert route("was the meeting good?", draft_open=True).intent == "reflection"


def test_a_new_question_naming_a_role_after_the_interests_question_plans_for_it() -> None:
    """After "what kind of work do you enjoy?", a vet nurse's "what do I need to learn to
    become a veterinary surgeon?" got the same list of roles again; her answer about what
    she enjoys still steers the roles."""
    aw = "career_interests"
    assert route("what do I need to learn to become a veterinary surgeon?",
                 awaiting=aw).intent == "plan_growth"
    assert route("I like working with animals, not so much the paperwork",
                 awaiting=aw).intent == "explore"


@pytest.mark.parametrize(("text", "intent"), [
    ("are you an AI?", "about_coach"),
    ("who made you?", "about_coach"),
    ("am I talking to a bot?", "about_coach"),
    ("how is this different from chatgpt", "about_coach"),
    ("hey can you help me write a cover letter", "cv_help"),
    ("could u check my CV", "cv_help"),
    # "brickie, ..., need a cv sorted or summat" asked for the job ad, and his first week was
    # then taken for the ad
    ("brickie, 3rd yr since i done my nvq. need a cv sorted or summat", "cv_help"),
    ("I am room attendant in hotel, 4 star near the airport. I need help for my CV", "cv_help"),
    ("I updated my CV this week and sent it to 3 agencies", "reflection"),
    ("wait, what do you mean?", "rephrase"),
    ("sorry?", "rephrase"),
    ("I don't understand the question", "rephrase"),
    ("are you serious, the printer broke again", "reflection"),
    ("I fixed what was broken", "reflection"),
])
def test_questions_about_the_coach_and_its_question_mid_moment(text: str, intent: str) -> None:
    """Inside a moment, "are you an AI?" got "That's fine. Would you do it the same way
    again?" and "wait, what do you mean?" saved the moment."""
    assert route(text, draft_open=True).intent == intent


def test_is_it_a_skill_questions_route_by_what_they_point_at() -> None:
    """'Is triage a skill ...?' names a thing; 'is that even a skill?' points back at the
    moment just told; a question about learning a skill or about skills in general is not
    asked of a thing of the person's own."""
    from agent.intents import skill_asked_about

    assert route("Is triage a skill I can put down or is that just part of the job?").intent \
        == "skill_check"
    assert skill_asked_about("Question for you - is staying calm on the phone during a failure "
                             "something you can actually put on paper?") == \
        "staying calm on the phone during a failure"
    assert route("is that even a skill?").intent == "skills_of_last"
    assert route("is that even a skill?", draft_open=True).intent == "reflection"
    for text in ("Is Python a good skill to learn?", "are soft skills important?",
                 "what skills do I have?"):
        assert route(text).intent not in ("skill_check", "skills_of_last"), text


def test_a_career_thought_asked_is_a_careers_question_even_after_care() -> None:
    """A delivery driver's "dont wanna be doin this forever, back's already goin. class 2?
    office? dunno" got "I may have missed what you meant", and after the care reply "Thank
    you for telling me"."""
    for awaiting in (None, "distress"):
        assert route("dont wanna be doin this forever, back's already goin. class 2? office? "
                     "dunno", awaiting=awaiting).intent == "explore"
        assert route("cant be up on roofs forever with my back. what else could i do",
                     awaiting=awaiting).intent == "explore"
    assert route("I cant do this forever?").intent == "distress"
    assert route("I want to die, where could i go", awaiting="distress").intent == "distress"


def test_a_week_told_in_chat_words_is_never_the_job_ad() -> None:
    """After the coach asked for the job ad, a bricklayer's "wk1 footings on a new build site,
    4 plots. 600 bricks a day give or take" was taken for the ad and matched."""
    assert route("wk1 footings on a new build site, 4 plots. 600 bricks a day give or take",
                 awaiting="job_ad").intent == "reflection"
    assert route("Warehouse Operative\nWe need someone for nights",
                 awaiting="job_ad").intent == "profile"


def test_does_that_count_as_experience_is_answered_as_counting() -> None:
    """A trainee PT's "does that count as experience if it's not a paying client??" after her
    practice programme got the roles that fit her."""
    assert route("does that count as experience if it's not a paying client??",
                 draft_open=True).intent == "counts_open"
    assert route("does this count for anything on a CV?").intent == "counts"


@pytest.mark.parametrize(("text", "awaiting", "intent"), [
    # strangers' chats (2026-12-02): what the coach is for, the skills kept, a career question
    # with self-doubt, a slow reply, a long introduction
    ('My manager said this might help me think about "my development" so what do you actually '
     "do then?", None, "help"),
    ("what's this for exactly? my manager mentioned it at team meeting as a wellbeing thing",
     None, "help"),
    ("Can I see what skills you've picked up so far? x", None, "strengths"),
    ("Can you show me everything you've got on my skills now? I want to take it to my "
     "supervision next week", "distress", "strengths"),
    ("I've been wondering... is there anywhere for me to go from here? there's talk of a "
     "Lifestyle Lead job. But I've no qualifications really", None, "explore"),
    ("sorry if i'm slow replying, just in from a long day", None, "small_talk"),
    ("Hiya!! I'm Jackie, 45, and I'm the activities coordinator at a care home in Wigan, 40 "
     "residents, about half of them living with dementia. Been there 8 years this June, before "
     "that I was a carer on the floor for 6 years so I've done a bit of everything", None,
     "small_talk"),
    ("I might ring the GP, my sister keeps nagging me to. I dunno", "distress", "care_support"),
    ("Just to say I did ring the doctors, got an appointment for Thursday", "distress",
     "care_reached"),
    ("I told my manager and she didn't care", "distress", "after_distress"),
    ("I don't want it looking like I'm moaning about the company if my manager sees it",
     "distress", "after_distress"),
    ("I showed the new starter how we use the skills matrix", None, "reflection"),
])
def test_strangers_asks_and_care_turns(text: str, awaiting: str | None, intent: str) -> None:
    assert route(text, awaiting=awaiting).intent == intent, route(text, awaiting=awaiting)


@pytest.mark.parametrize("text", [
    "I updated my CV for this job and sent it off on friday",
    "i need to update my cv for the new job at the depot",
    "my manager asked me to write the profile for the new starter",
])
def test_a_cv_in_a_week_told_is_no_profile_request(text: str) -> None:
    assert route(text).intent != "profile"


@pytest.mark.parametrize(("text", "awaiting", "intent"), [
    ("What is my strong side? For CV I need this. I don't know what to say, I just do work.",
     "distress", "strengths"),
    ("What would you say I'm good at? Honestly I just think of it as playing games and having "
     "a natter", None, "strengths"),
    ("what am i good at? nothing, i am useless", None, "distress"),
])
def test_strengths_asked_in_other_words(text: str, awaiting: str | None, intent: str) -> None:
    assert route(text, awaiting=awaiting).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("Gareth. 44. Prison officer, Cat B local, 12 years in. Wing officer mostly, 2 years on the "
     "segregation unit.", "small_talk"),
    ("What is it you do exactly.", "help"),
    ("i told the new lad what you do when the fire alarm goes off and where we meet", "reflection"),
])
def test_a_terse_introduction_and_what_the_coach_does(text: str, intent: str) -> None:
    assert route(text).intent == intent
