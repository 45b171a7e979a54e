"""The learned understanding end to end through the real service and the offline coach:
soft distress gets care and nothing is kept; questions are answered, never stored; the
main requests are answered in the person's language."""

from __future__ import annotations

from agent.service import AgentService
from memory.records import get_records
from memory.vectors import get_vectors
from tests.agent.helpers import converse, questions
from tools.skills.tagging import tag


def _nothing_kept(user_id: str) -> None:
    records = get_records()
    assert records.list_reflections(user_id) == []
    assert records.draft_reflection(user_id) is None
    assert records.user_skills(user_id) == []
    assert get_vectors().count(user_id) == 0


async def test_soft_distress_gets_care_with_a_helpline_no_question_and_nothing_kept() -> None:
    async with AgentService() as service:
        mo = service.user_for("cli", "local", "mo")
        first, after = await converse(service, mo, [
            "Fixed the van brakes today. Honestly though I'm so tired of everything, "
            "I feel like I'm worth nothing",
            "yeah",
        ])
    assert first.tools == [] and after.tools == []
    assert "findahelpline.com" in first.text and questions(first) == []
    assert "worth nothing" not in first.text and "van" not in first.text
    assert questions(after) == []
    _nothing_kept(mo)


async def test_soft_distress_twice_gets_care_in_other_words_and_a_careers_question_is_answered(
        ) -> None:
    """A teacher's "not sure why i bother anymore ..." got the care reply, and "I'm fine
    really, just tired" the same reply word for word; then "what could I do instead of
    teaching?" got "Thank you for telling me" instead of an answer."""
    async with AgentService() as service:
        pr = service.user_for("cli", "local", "priya")
        first, again, asked = await converse(service, pr, [
            "honestly not sure why i bother anymore, marking till midnight every night and "
            "nobody notices", "I'm fine really, just tired",
            "what could I do instead of teaching?"])
    assert "findahelpline.com" in first.text and "findahelpline.com" in again.text
    assert again.text != first.text and questions(again) == []
    assert asked.tools and asked.tools[0] in ("explore_roles", "plan_growth"), asked.tools
    _nothing_kept(pr)


async def test_a_request_answered_in_care_does_not_end_the_care() -> None:
    """A line cook told he cries in the walk-in and sees no point, asked for his strengths,
    then wrote a moment: it got "You mentioned 'thanks'. Which part of that did you handle
    yourself?". The request is answered; what follows is still read with care; "let's
    reflect" brings the coaching back."""
    async with AgentService() as service:
        dev = service.user_for("cli", "local", "dev")
        care, asked, after, back = await converse(service, dev, [
            "week was rough. i cry in the walk in fridge most shifts and honestly i dont see "
            "the point of anything anymore",
            "what are my strengths?",
            "thanks. i did sort the prep list for the new menu tho",
            "let's reflect"])
    assert "findahelpline.com" in care.text
    assert "strengths" in asked.tools
    assert after.tools == [] and questions(after) == [], after.text
    assert "let's reflect" in after.text
    assert "let's reflect" not in back.text and questions(back), back.text
    _nothing_kept(dev)


async def test_a_calm_deed_told_after_care_is_offered_kept_and_kept_only_on_yes() -> None:
    """An electrician told he sees no point in anything, got the care reply, then: "thanks.
    anyway this week i rewired the consumer unit ...": the moment was never kept (every
    message after care got "Thank you for telling me"). It is offered to be kept, with no
    question; "yes" keeps it whole with no follow-up, and care goes on after it."""
    async with AgentService() as service:
        dan = service.user_for("cli", "local", "dan")
        care, offer, kept, after = await converse(service, dan, [
            "honestly i dont really see the point of anything lately, work just feels heavy",
            "thanks. anyway this week i rewired the consumer unit at a house in Leeds and "
            "passed the inspection first time", "yes",
            "my apprentice started on monday and he is keen"])
    assert "findahelpline.com" in care.text
    assert offer.tools == [] and questions(offer) == [] and '"yes"' in offer.text
    assert kept.tools == ["keep_moment"] and questions(kept) == [], kept.text
    assert "Saved as a growth moment" in kept.text and "No questions from me" in kept.text
    rows = get_records().list_reflections(dan)
    assert [r["text"] for r in rows] == [
        "thanks. anyway this week i rewired the consumer unit at a house in Leeds and passed "
        "the inspection first time"]
    assert rows[0]["followups"] == [] and rows[0]["skills"]
    assert "distress" not in rows[0]["text"] and "point of anything" not in rows[0]["text"]
    assert after.tools == [] and questions(after) == [], after.text  # still with care
    assert len(get_records().list_reflections(dan)) == 1


async def test_after_care_a_deed_with_something_hard_in_it_or_a_no_is_not_kept() -> None:
    """"I told my manager about it and she didn't care" is more of what was hard: care, no
    offer. A calm deed offered and answered "no thanks" is not kept."""
    async with AgentService() as service:
        ro = service.user_for("cli", "local", "ro")
        _care, hard, offer, declined = await converse(service, ro, [
            "honestly i dont really see the point of anything lately, work just feels heavy",
            "I told my manager about it and she didnt care",
            "anyway i fitted two new fire doors at the school on friday", "no thanks"])
    assert "keep it as a moment" not in hard.text and hard.tools == []
    assert "keep it as a moment" in offer.text
    assert declined.tools == [] and "keep it as a moment" not in declined.text
    _nothing_kept(ro)


async def test_a_privacy_question_is_answered_and_nothing_is_stored() -> None:
    async with AgentService() as service:
        jo = service.user_for("cli", "local", "jo")
        reply = (await converse(service, jo, ["who gets to see the stuff I type in here?"]))[0]
    assert reply.tools == []
    assert "forget me" in reply.text and "not sent to any AI service" in reply.text
    _nothing_kept(jo)


async def test_a_spanish_strengths_request_gets_a_spanish_reply() -> None:
    async with AgentService() as service:
        lu = service.user_for("cli", "local", "lu")
        reply = (await converse(service, lu, ["¿Cuáles son mis puntos fuertes?"]))[0]
    assert "strengths" in reply.tools
    assert reply.text.startswith("(Te respondo en español")


async def test_a_german_help_request_gets_german_help() -> None:
    async with AgentService() as service:
        ka = service.user_for("cli", "local", "ka")
        reply = (await converse(service, ka, ["Wie funktioniert das hier eigentlich?"]))[0]
    assert "Das kann ich für dich tun" in reply.text
    _nothing_kept(ka)


async def test_saying_what_one_dislikes_about_work_gets_coaching_not_care() -> None:
    async with AgentService() as service:
        bo = service.user_for("cli", "local", "bo")
        reply = (await converse(service, bo, [
            "I do not like working the deli counter, I would rather be out driving the "
            "forklift"]))[0]
    assert "findahelpline.com" not in reply.text
    assert questions(reply), reply.text
    assert get_records().draft_reflection(bo) is not None


async def test_a_self_introduction_is_welcomed_and_only_the_job_said_is_kept() -> None:
    from prompts import load

    async with AgentService() as service:
        marta = service.user_for("cli", "local", "marta")
        reply = (await converse(service, marta, ["hello, I am Marta, I work in care home"]))[0]
        assert reply.tools == []
        first_line = reply.text.split("\n\n")[0]
        # welcomed, and told what is kept and how it goes
        assert first_line in [v.format(work="work in care home", hello=", Marta")
                              for v in load("introduction_job")], first_line
        _nothing_kept(marta)
        assert get_records().career_prefs(marta)["job"] == "in care home"
        shown = (await converse(service, marta, ["show my memory"]))[0]
        assert "\u201cin care home\u201d" in shown.text
        # a name alone is no job: the plain welcome, only the name kept
        sam = service.user_for("cli", "local", "sam")
        hello = (await converse(service, sam, ["hi im Sam"]))[0]
        assert hello.text.split("\n\n")[0] in [v.format(hello=", Sam")
                                               for v in load("introduction")]
        assert get_records().career_prefs(sam).get("job") is None
        assert get_records().career_prefs(sam)["name"] == "Sam"
        await service.forget(marta)
        assert get_records().career_prefs(marta) == {}


async def test_the_name_told_in_an_introduction_is_how_the_coach_greets_them() -> None:
    """An electrician chatting in the terminal as user "1" said "hi, I'm Gareth"; the coach
    then greeted him "Hi 1!". The name he told wins over what the channel calls him, and
    forget removes it with the rest."""
    async with AgentService() as service:
        gareth = service.user_for("cli", "local", "1")
        said = ["hi, I'm Gareth, I'm a self employed electrician, mostly domestic rewires",
                "lets reflect"]
        replies = [await service.handle(gareth, m, channel="cli", conversation="c",
                                        display_name="1") for m in said]
        assert replies[0].text.startswith(("Good to meet you, Gareth.",
                                           "Nice to meet you, Gareth!")), replies[0].text
        assert "Gareth" in replies[1].text and "Hi 1" not in replies[1].text, replies[1].text
        # ... and it is the name on what the coach writes for him
        from agent.capabilities.answers import profile_for
        from agent.capabilities.page import display_name

        ad = "Electrician\nRequirements:\n- Fault finding\n- Rewires\n"
        assert profile_for(gareth, ad).facts["json_resume"]["basics"]["name"] == "Gareth"
        assert display_name(gareth) == "Gareth"
        await service.forget(gareth)
        assert get_records().career_prefs(gareth) == {}


async def test_the_work_an_introduction_tells_is_evidence_for_a_profile_not_a_strength() -> None:
    """"hi im Marta, I was assistant manager in a supermarket for 7 years, ..." and then an
    ad asking for "2+ years' experience in a retail environment" gave a gap ("tell me how long
    in a reflection and it counts"): she had. Her own words now cover it, cited as her
    introduction; they tell a job, so they are no strength and no story."""
    async with AgentService() as service:
        ana = service.user_for("cli", "local", "ana-intro")
        await converse(service, ana, [
            "hiya, Ana here, I was head receptionist in a spa hotel for 6 years, now looking "
            "at office jobs",
            "this week I set up the new booking calendar for the whole team and trained two "
            "temps on it",
            "just save it"])
        prefs = get_records().career_prefs(ana)
        assert prefs["work_said"] == "I was head receptionist in a spa hotel for 6 years"
        ad = ("Office Coordinator\nWhat we're looking for:\n- 3+ years' experience in a "
              "hotel front office\n- Confident with Excel\n- Managing the hotel spa's "
              "supplier invoices\n")
        out = (await converse(service, ana, [f"tailor my profile for this job:\n{ad}"]))[0]
        matches = {m["requirement"]: m for m in out.data["profile"]["matches"]}
        front = matches["3+ years' experience in a hotel front office"]
        assert front["status"] == "covered" and "intro#1" in front["cites"]
        assert "your introduction" in out.text
        # a job and its length speak to experience asked for, not to a skill that shares
        # its words ("hotel", "spa")
        assert "intro#1" not in matches["Managing the hotel spa's supplier invoices"]["cites"]
        assert "STAR story: I was head receptionist" not in out.text  # a job, not an event
        strengths = (await converse(service, ana, ["what are my strengths?"]))[0]
        assert "head receptionist" not in strengths.text
        await service.forget(ana)
        assert get_records().career_prefs(ana) == {}


async def test_soft_wording_gets_care_without_opening_on_danger_explicit_words_do() -> None:
    """A home carer asked "is it normal that I feel guilty when client refuse?" and got "If
    you might be in danger or are thinking about harming yourself ..." first. Soft wording
    gets care and human help (GP, someone trusted, the helpline, the emergency number); the
    crisis reply stays for explicit words."""
    async with AgentService() as service:
        bl = service.user_for("cli", "local", "bl")
        (soft,) = await converse(service, bl, ["is it normal that I feel guilty when client "
                                               "refuse?"])
        ka = service.user_for("cli", "local", "ka")
        (crisis,) = await converse(service, ka, ["i want to kill myself"])
    assert soft.tools == [] and "findahelpline.com" in soft.text and "emergency" in soft.text
    assert not soft.text.startswith("I'm really sorry") and "in danger" not in soft.text
    assert "in danger" in crisis.text and "findahelpline.com" in crisis.text
    assert questions(soft) == [] and questions(crisis) == []
    _nothing_kept(bl)


async def test_is_that_good_after_a_moment_is_answered_and_the_moment_goes_on() -> None:
    async with AgentService() as service:
        mo = service.user_for("cli", "local", "mo")
        replies = await converse(service, mo, [
            "this week at the shop i sorted out the stock room, now deliveries go straight "
            "on the shelves", "is that good?", "save"])
    assert "that counts" in replies[1].text and replies[1].tools == []
    kept = get_records().list_reflections(mo)
    assert len(kept) == 1 and "is that good" not in kept[0]["text"]


async def test_asking_what_the_coach_is_or_what_it_meant_keeps_the_moment_open() -> None:
    async with AgentService() as service:
        qi = service.user_for("cli", "local", "qi")
        replies = await converse(service, qi, [
            "I rebuilt the rota spreadsheet for the whole store this week", "are you an AI?",
            "wait, what do you mean?", "the manager loved it, it saves her an hour", "save"])
    assert "not a person" in replies[1].text and replies[1].tools == []
    assert "save" in replies[2].text and replies[2].tools == []
    kept = get_records().list_reflections(qi)
    assert len(kept) == 1 and "saves her an hour" in kept[0]["text"]
    assert "AI" not in kept[0]["text"] and "mean" not in kept[0]["text"]


async def test_the_job_a_first_moment_opens_with_is_kept_for_careers() -> None:
    """A forklift driver's first message opened with his job and went on to news ("now they
    ask me to help with planning"); the job was not kept, and his roles were motor vehicle
    and aircraft assembly supervisors. It is kept while no job is known (a second job told
    this way does not replace it), and "I work in a team" names no job."""
    async with AgentService() as service:
        ahmet = service.user_for("cli", "local", "ahmet")
        await converse(service, ahmet, [
            "I work in a warehouse, driving forklift since 5 year, now they ask me to help "
            "with planning"])
        assert get_records().career_prefs(ahmet)["job"] == "in a warehouse"
        assert get_records().draft_reflection(ahmet) is not None  # still his moment
        await converse(service, ahmet, ["I work in a bakery on saturdays too, made 200 rolls"])
        assert get_records().career_prefs(ahmet)["job"] == "in a warehouse"
        lea = service.user_for("cli", "local", "lea")
        await converse(service, lea, ["I work in a team of five, we did the stock count"])
        assert get_records().career_prefs(lea).get("job") is None


async def test_a_developer_who_says_his_role_and_writes_his_week_without_i_is_heard() -> None:
    """A backend developer's "backend dev at a fintech, 3 yrs, mostly python and postgres"
    read as a profile request: the coach asked for a job ad, and his next two messages, his
    week written without "I" ("spent tuesday chasing a race condition ..."), were dropped as
    lines of an ad. His role is his introduction, and his week is his moment. The 3 years he
    told cover Python (named) but not "4+ years", which the profile says plainly."""
    async with AgentService() as service:
        sam = service.user_for("cli", "local", "sam-dev")
        await converse(service, sam, [
            "hey", "backend dev at a fintech, 3 yrs, mostly python and postgres",
            "spent tuesday chasing a race condition in the payment webhook handler, turned out "
            "two workers picked the same job. added a SELECT FOR UPDATE SKIP LOCKED and wrote "
            "a regression test",
            "also paired with our junior on her first PR, walked her through mocking the "
            "stripe client",
            "just save it"])
        (saved,) = get_records().list_reflections(sam)
        assert "race condition" in saved["text"] and "paired with our junior" in saved["text"]
        assert get_records().career_prefs(sam)["work_said"] == (
            "backend dev at a fintech, 3 yrs, mostly python and postgres")
        ad = ("Senior Python Engineer\nRequirements\n- 4+ years of professional Python "
              "experience\n- Deep knowledge of PostgreSQL\n")
        out = (await converse(service, sam, [f"tailor my profile for this job:\n{ad}"]))[0]
        matches = {m["requirement"]: m for m in out.data["profile"]["matches"]}
        years = matches["4+ years of professional Python experience"]
        assert years["status"] == "transferable" and "3 years" in years["why"], years
        assert matches["Deep knowledge of PostgreSQL"]["status"] == "covered"
        await service.forget(sam)


async def test_a_nurse_who_says_her_job_after_hi_is_introduced_not_asked_about_it() -> None:
    """"hi", then "I'm a staff nurse on an acute medical ward, qualified 18 months ago" was
    kept as her moment and asked "Which part of that did you handle yourself?"."""
    async with AgentService() as service:
        priya = service.user_for("cli", "local", "priya-intro")
        replies = await converse(service, priya, [
            "hi", "I'm a staff nurse on an acute medical ward, qualified 18 months ago"])
        assert "handle yourself" not in replies[1].text
        _nothing_kept(priya)
        prefs = get_records().career_prefs(priya)
        assert prefs["job"] == "a staff nurse on an acute medical ward"
        assert prefs["work_said"].endswith("qualified 18 months ago")
        await service.forget(priya)


async def test_a_hairdressers_questions_and_preferences_are_answered_as_such() -> None:
    """A hairdresser asked "can you tell me which skills this is?" in the middle of her moment
    and got "Okay, noted. Was anything easier than you expected?"; after the roles, "how do i
    become a salon manager" got the same roles again, and "I'd rather not work weekends
    anymore" got the care reply."""
    async with AgentService() as service:
        lucia = service.user_for("cli", "local", "lucia-q")
        replies = await converse(service, lucia, [
            "this week a client came with box dye disaster, orange roots and black ends, I did "
            "a colour correction in 4 hours, she cried happy at the end",
            "can you tell me which skills this is?"])
        assert "dye hair" in replies[1].text and "Okay, noted" not in replies[1].text
        draft = get_records().draft_reflection(lucia)
        assert draft is not None and "which skills" not in draft["text"]
        await converse(service, lucia, ["also I start to do the bookings on Fresha for the "
                                        "salon because the manager dont know how", "save it",
                                        "what jobs could i do with my skills?"])
        plan, rather = await converse(service, lucia, ["how do i become a salon manager",
                                                       "I'd rather not work weekends anymore"])
        assert "salon manager" in plan.text.lower() and "findahelpline" not in rather.text
        assert "weekends" in " ".join(get_records().career_prefs(lucia)["interests"]["avoid"])
        await service.forget(lucia)


async def test_a_quiet_week_and_a_cover_letter_request_get_what_they_ask() -> None:
    """"nothing much tbh" to the opening question got the care reply (and every message after
    it, "i fixed the till printer ...", got care again instead of being kept); "can you help
    me write a cover letter" was read as a story request."""
    async with AgentService() as service:
        kyle = service.user_for("cli", "local", "kyle-quiet")
        quiet, letter = await converse(service, kyle, [
            "nothing much tbh", "hey can you help me write a cover letter"])
        assert "findahelpline" not in quiet.text and questions(quiet), quiet.text
        assert "cover letter" in letter.text and "tailor my profile" in letter.text
        await converse(service, kyle, ["i fixed the till printer that jammed again, took the "
                                       "back off and cleared the paper", "save"])
        (saved,) = get_records().list_reflections(kyle)
        assert "till printer" in saved["text"]
        felt = (await converse(service, kyle, ["nothing matters anymore"]))[0]
        assert "findahelpline" in felt.text
        await service.forget(kyle)


async def test_an_apprentices_greeting_and_a_task_that_stresses_him_get_coaching() -> None:
    """"alright, im Connor, 3rd year apprentice sparky, doing my NVQ level 3" got "Sorry, I
    didn't quite get that"; "tbh the testing still stresses me, i second guess every
    reading" got the care reply, and his next moment (an EV charger fitted) got care again
    and was never kept."""
    async with AgentService() as service:
        connor = service.user_for("cli", "local", "connor-app")
        hello = (await converse(service, connor, [
            "alright, im Connor, 3rd year apprentice sparky, doing my NVQ level 3"]))[0]
        assert "Connor" in hello.text and "didn't quite get" not in hello.text
        replies = await converse(service, connor, [
            "did my first EICR with the boss watching, found 2 C2s on the bathroom circuit",
            "tbh the testing still stresses me, i second guess every reading"])
        assert "findahelpline" not in replies[1].text
        await converse(service, connor, ["just save it"])
        (saved,) = get_records().list_reflections(connor)
        assert "second guess" in saved["text"]
        await service.forget(connor)


async def test_a_name_and_a_place_of_work_without_i_keep_the_job() -> None:
    """"hey, im Sam, 24, work in a phone shop" kept the name but not the job, and his roles
    were "tourism contract negotiator" and "movie distributor"."""
    async with AgentService() as service:
        sam = service.user_for("cli", "local", "sam-shop")
        await converse(service, sam, ["hey, im Sam, 24, work in a phone shop"])
        prefs = get_records().career_prefs(sam)
        assert prefs["name"] == "Sam" and prefs["job"] == "in a phone shop"
        await service.forget(sam)


async def test_which_skills_mid_moment_reads_the_moment_as_the_save_does() -> None:
    """"which skills is this?" after a moment told in Spanish listed skills read from the
    Spanish words, which the save itself never tags."""
    async with AgentService() as service:
        lucia = service.user_for("cli", "local", "lucia-es")
        replies = await converse(service, lucia, [
            "esta semana hice una corrección de color de cuatro horas y la clienta lloró de "
            "alegría", "which skills is this?"])
        assert "I don't notice a skill" in replies[1].text, replies[1].text
        await service.forget(lucia)


async def test_a_guide_shared_with_the_team_is_a_moment_and_what_skill_is_that_is_answered(
        ) -> None:
    """A call-centre agent's "also i write a small guide in word ... my TL say she will share
    it with the team" was answered with the privacy text and never kept, and her "what skill
    is that? writing a guide?" got "I'm not sure I understood that"."""
    async with AgentService() as service:
        lu = service.user_for("cli", "local", "lucia")
        told, asked, saved = await converse(service, lu, [
            "i write a small guide in word for how to do the meter read disputes, because the "
            "official one is 30 pages and nobody read it lol. my TL say she will share it with "
            "the team", "what skill is that? writing a guide?", "save it"])
    assert "Straight answer" not in told.text and told.tools == ["reflect"], told.text
    assert asked.tools == ["reflect"] and "technical documentation" in asked.text, asked.text
    assert "Saved" in saved.text, saved.text
    rows = get_records().list_reflections(lu)
    assert len(rows) == 1 and "small guide" in rows[0]["text"]
    assert "what skill" not in rows[0]["text"]
    assert {t["polarity"] for t in rows[0]["skills"] if t["framework"] == "esco"} == \
        {"demonstrated"}, rows[0]["skills"]


async def test_what_skill_is_that_after_a_moment_was_saved_lists_its_skills() -> None:
    """After a moment is saved, "is that even a skill?" is answered from that moment (and
    changes nothing); with no moment saved yet, it says how to start."""
    async with AgentService() as service:
        no = service.user_for("cli", "local", "noor")
        first, = await converse(service, no, ["is that even a skill?"])
        await converse(service, no, ["I rewired the consumer unit at a house in Leeds and "
                                     "passed the inspection first time", "save it"])
        asked, = await converse(service, no, ["is that even a skill?"])
    assert first.tools == ["skills_of_last"] and "haven't saved a moment" in first.text
    assert asked.tools == ["skills_of_last"], asked.tools
    assert "consumer unit" in asked.text and "count as skills" in asked.text, asked.text
    assert len(get_records().list_reflections(no)) == 1


async def test_is_x_a_skill_names_the_closest_skill_or_the_credential_and_stores_nothing(
        ) -> None:
    """A vet nurse's "Is triage a skill I can put down or is that just part of the job?" got
    the roles that fit her; a forklift driver's "is havin flt licences a skill or just a
    ticket" got "I'm not sure I understood that"."""
    async with AgentService() as service:
        vn = service.user_for("cli", "local", "vn")
        triage, ticket, unknown = await converse(service, vn, [
            "Is triage a skill I can put down or is that just part of the job?",
            "is havin flt licences a skill or just a ticket", "is floorwalking a skill?"])
    assert triage.tools == ["check_skill"] and "triage clients" in triage.text, triage.text
    assert ticket.tools == ["check_skill"] and "qualification" in ticket.text, ticket.text
    assert unknown.tools == ["check_skill"] and "one time you did" in unknown.text
    _nothing_kept(vn)


async def test_is_x_a_skill_never_names_a_skill_the_user_turned_down() -> None:
    """Asked again after the user said "triage clients" is not theirs, the check named it
    all the same (it read the tagger's first candidate, not the user's)."""
    async with AgentService() as service:
        vn = service.user_for("cli", "local", "vn2")
        first, = await converse(service, vn, ["Is triage a skill I can put down?"])
        named = next(t for t in tag("triage", ("esco",), top=5) if t.label == "triage clients")
        get_records().reject_skill(vn, "esco", named.id)
        again, = await converse(service, vn, ["Is triage a skill I can put down?"])
    assert "triage clients" in first.text, first.text
    assert again.tools == ["check_skill"], again.tools
    assert "triage clients" not in again.text, again.text
    _nothing_kept(vn)


async def test_what_skill_is_that_after_a_struggle_names_it_as_a_growth_area() -> None:
    async with AgentService() as service:
        gi = service.user_for("cli", "local", "gi")
        await converse(service, gi, ["im still not confident with spreadsheets, i do the rota "
                                     "by hand every week", "save it"])
        asked, = await converse(service, gi, ["is that even a skill?"])
    assert asked.tools == ["skills_of_last"], asked.tools
    assert asked.text.startswith("As growth areas in \u201c") and "spreadsheets" in asked.text


async def test_care_goes_on_in_other_words_and_hears_who_could_help() -> None:
    """A community midwife, weeks after a home birth with a big bleed, wrote of flashbacks,
    feeling flat and barely sleeping: every reply after the first was the same "tired like
    this is worth taking seriously" line, five times, even to "there's a PMA at work ... i've
    never used her"; "i messaged the PMA this morning" got "Thank you for telling me";
    "can we just do the normal stuff for a bit" stayed with care."""
    async with AgentService() as service:
        hm = service.user_for("cli", "local", "hm")
        replies = await converse(service, hm, [
            "every time i shut my eyes i'm back in that bedroom. i just feel flat and sort of "
            "far away from everything, even the kids",
            "barely sleeping. it's like i'm watching someone else do my visits",
            "sorry. ignore me, i'm just tired. it's fine",
            "there's a PMA at work, professional midwifery advocate. i think they're meant to "
            "be for this sort of thing. i've never used her",
            "I told my manager too and she didn't care",
            "can we just do the normal stuff for a bit"])
    care, *gentle, named, failed, back = replies
    assert "findahelpline.com" in care.text
    texts = [r.text for r in replies[:-1]]
    assert len(set(texts)) == len(texts), texts  # never the same words twice
    assert all(questions(r) == [] and r.tools == [] for r in replies[:-1])
    assert "could help" in named.text and "glad you did" not in named.text, named.text
    assert "glad" not in failed.text and "good to hear" not in failed.text, failed.text
    assert questions(back), back.text  # the coaching is back: the weekly question
    _nothing_kept(hm)


async def test_help_reached_is_glad_news_and_the_week_told_next_is_coached() -> None:
    """A care home's activities coordinator, after the care reply: "Just to say I did ring
    the doctors, got an appointment for Thursday ..." got "worth taking seriously", and
    "Work wise - we had CQC in!! ..." stayed with care."""
    async with AgentService() as service:
        jk = service.user_for("cli", "local", "jk")
        _care, reached, week = await converse(service, jk, [
            "Tbh I've not been sleeping great since my mum died in February. when I get home "
            "everything feels a bit flat, like I'm just going through the motions",
            "Just to say I did ring the doctors, got an appointment for Thursday. Feeling a "
            "tiny bit lighter for saying it out loud tbh",
            "Work wise - we had CQC in. I showed the inspector my 1:1 records and the sensory "
            "boxes I made for residents who are cared for in bed"])
    assert "glad you did" in reached.text or "good to hear" in reached.text, reached.text
    assert reached.tools == [] and questions(reached) == []
    assert week.tools == ["reflect"] and questions(week), (week.tools, week.text)


async def test_a_strengths_question_with_self_doubt_is_answered() -> None:
    """"what do you think my strengths are? i genuinely can't tell anymore, feels like i'm
    just firefighting" got the care reply, and everything after stayed with care."""
    async with AgentService() as service:
        hs = service.user_for("cli", "local", "hs")
        await converse(service, hs, ["this week i did a full feeding assessment for a baby who "
                                     "had lost weight and made a plan with the mum", "save it"])
        asked, = await converse(service, hs, [
            "what do you think my strengths are? i genuinely can't tell anymore, feels like "
            "i'm just firefighting"])
    assert asked.tools == ["strengths"], (asked.tools, asked.text)
    assert "findahelpline" not in asked.text


async def test_a_week_told_on_past_the_keep_offer_is_kept_with_no_question() -> None:
    """After the care reply, a data analyst told her week on and on ("automated the weekly
    returns report ...", "also wrote a little how-to doc ..."): each was offered to be kept
    and none was, since she never said "yes". Telling on calmly keeps both, still with no
    question, and what she tells next is coached again."""
    async with AgentService() as service:
        ja = service.user_for("cli", "local", "ja")
        _care, offer, kept, after = await converse(service, ja, [
            "honestly i dont really see the point of anything lately, work just feels heavy",
            "anyway this week i automated the weekly returns report in power query, it used "
            "to take me three hours every monday",
            "also wrote a little how-to doc so someone else can run it when i'm off",
            "my apprentice started on monday and he is keen"])
    assert '"yes"' in offer.text and offer.tools == []
    assert kept.tools == ["keep_moment"] and questions(kept) == [], kept.text
    rows = get_records().list_reflections(ja)
    assert len(rows) == 1 and "power query" in rows[0]["text"] and "how-to doc" in rows[0]["text"]
    assert rows[0]["followups"] == [] and "point of anything" not in rows[0]["text"]
    assert "kept both" in kept.text
    assert after.tools == ["reflect"] and questions(after), after.text  # coached again
