"""A scripted weekly reflection end to end through the real graph with the offline coach."""

from __future__ import annotations

from agent.service import AgentService
from memory.records import get_records
from memory.vectors import get_vectors
from prompts import load
from tests.agent.helpers import converse, questions

WEEK = [
    "hi",
    "This week I helped a new colleague set up the billing reports at work",
    "I walked her through the report templates and we fixed two broken formulas together",
    "It went well, she finished her first report on Friday and I learned that I enjoy teaching",
]


async def test_weekly_reflection_is_saved_with_followups_that_fit(service: AgentService) -> None:
    ana = service.user_for("cli", "local", "ana", "Ana")
    replies = await converse(service, ana, WEEK)
    opening, first, second, saved = replies
    assert opening.tools == ["begin_reflection"]
    assert "?" in opening.text
    # Follow-ups mirror the user's own words and ask about something not said yet.
    assert first.tools == ["reflect"] and "helped a new colleague" in first.text
    assert first.data["reflection_question"]["slot"] == "result"
    assert first.text.split(". ", 1)[1] in {v.split(". ", 1)[1] for v in load("followup_result")}
    assert second.tools == ["reflect"] and "walked her through" in second.text
    assert saved.data["reflection_saved"]["week"]
    # At most one question per reply, and never the same question twice.
    asked = [q for r in replies for q in questions(r)]
    assert all(len(questions(r)) <= 1 for r in replies)
    assert len(asked) == len(set(asked))
    stored = get_records().list_reflections(ana)
    assert len(stored) == 1
    assert "fixed two broken formulas" in stored[0]["text"]
    assert [f["slot"] for f in stored[0]["followups"]] == ["result", "learning"]
    assert stored[0]["followups"][0]["answer"].startswith("I walked her through")
    assert get_records().draft_reflection(ana) is None
    memories = get_vectors().search(ana, "teaching a colleague", k=3)
    assert memories and memories[0].source_id == stored[0]["id"]


async def test_offline_notice_is_shown_once_per_user(service: AgentService) -> None:
    bo = service.user_for("cli", "local", "bo")
    replies = await converse(service, bo, ["hello", "help", "thanks"])
    again = await converse(service, bo, ["hello"], conversation="t2")
    elsewhere = await converse(service, bo, ["hello"], channel="telegram")
    other = await converse(service, service.user_for("cli", "local", "cy"), ["hello"])
    notices = [r for r in replies if "offline mode" in r.text]
    assert len(notices) == 1 and notices[0] is replies[0]
    assert "OPENAI_API_KEY" in replies[0].text
    assert "offline mode" not in again[0].text  # not in every session
    assert "offline mode" not in elsewhere[0].text  # nor on another channel
    assert "offline mode" in other[0].text  # another user sees it once too


async def test_just_save_it_and_skip_are_honoured(service: AgentService) -> None:
    cy = service.user_for("cli", "local", "cy")
    r1, r2 = await converse(service, cy, [
        "On Saturday I volunteered at the food bank and sorted donations", "skip"])
    assert r1.tools == ["reflect"] and "?" in r1.text
    assert r2.tools == ["reflect"] and "reflection_question" in r2.data
    assert r2.data["reflection_question"]["slot"] != r1.data["reflection_question"]["slot"]
    r3 = (await converse(service, cy, ["just save it"]))[0]
    assert "reflection_saved" in r3.data
    saved = get_records().list_reflections(cy)
    assert len(saved) == 1 and saved[0]["text"].startswith("On Saturday")
    assert "skip" not in saved[0]["text"] and "just save it" not in saved[0]["text"]


async def test_at_most_two_followups_then_saved(service: AgentService) -> None:
    di = service.user_for("cli", "local", "di")
    replies = await converse(service, di, [
        "We had a busy week at the cafe", "ok", "fine", "whatever"])
    kinds = [next(iter(r.data)) for r in replies[:3]]
    assert kinds == ["reflection_question", "reflection_question", "reflection_saved"]
    assert len(get_records().list_reflections(di)) == 1


async def test_distress_gets_a_safe_kind_answer_pointing_to_help(service: AgentService) -> None:
    ed = service.user_for("cli", "local", "ed")
    reply = (await converse(service, ed, ["honestly I feel hopeless and can't go on"]))[0]
    assert reply.tools == []
    assert "emergency" in reply.text and "findahelpline.com" in reply.text
    assert get_records().list_reflections(ed) == []


async def test_next_week_opening_recalls_last_reflection(service: AgentService) -> None:
    fi = service.user_for("cli", "local", "fi", "Fi")
    await converse(service, fi, [
        "I fixed the printer for my team", "It worked and everyone could print again",
        "I learned to read the error log first"])
    opening = (await converse(service, fi, ["hi"], conversation="next-week"))[0]
    assert "I learned to read the error log first" in opening.text


async def test_the_opening_recalls_a_deed_not_a_first_line_of_mood(service: AgentService) -> None:
    """A dental nurse's week opening "honestly not great week." was recalled as "Earlier this
    week you said: 'honestly not great week'"; what she did is recalled."""
    pr = service.user_for("cli", "local", "pr", "Priya")
    await converse(service, pr, [
        "honestly not great week. I made a mistake on charting and the dentist caught it",
        "skip", "just save it"])
    opening = (await converse(service, pr, ["hi"], conversation="next-week"))[0]
    assert "made a mistake on charting" in opening.text
    assert "not great week" not in opening.text


async def test_a_follow_on_right_after_the_save_joins_that_moment(service: AgentService) -> None:
    gu = service.user_for("cli", "local", "gu")
    await converse(service, gu, [
        "A resident with dementia got agitated at teatime and tried to leave the unit, I walked "
        "with her and talked about her garden", "skip", "just save it"])
    first = get_records().list_reflections(gu)
    assert len(first) == 1
    added = (await converse(service, gu, [
        "oh and her daughter phoned later to say thank you for calming her"]))[0]
    assert added.tools == ["reflect"]
    assert added.data["reflection_saved"]["added_to"] is True
    assert added.text.startswith("Added that to your growth moment")
    assert "?" not in added.text.split("\n")[0]  # no new follow-up question
    saved = get_records().list_reflections(gu)
    assert [r["id"] for r in saved] == [first[0]["id"]]  # one moment, not two
    assert saved[0]["text"].startswith("A resident with dementia")
    assert saved[0]["text"].endswith("her daughter phoned later to say thank you for calming her")
    assert get_records().draft_reflection(gu) is None
    hits = get_vectors().search(gu, "daughter phoned to say thank you", k=3)
    assert [h.source_id for h in hits] == [first[0]["id"]]
    assert "daughter phoned" in hits[0].text
    # a new moment of the week opens a reflection of its own
    new = (await converse(service, gu, ["Another thing this week: I led the fire drill"]))[0]
    assert "reflection_question" in new.data
    assert get_records().draft_reflection(gu) is not None


def test_a_follow_on_long_after_the_save_opens_a_new_reflection(service: AgentService) -> None:
    from datetime import UTC, datetime, timedelta

    from agent.capabilities.reflection import FOLLOW_ON_WINDOW, reflect

    hu = service.user_for("cli", "local", "hu")
    now = datetime.now(UTC)
    assert reflect(hu, "I fixed the printer for my team", now).kind == "reflection_question"
    assert reflect(hu, "just save it", now).kind == "reflection_saved"
    later = now + FOLLOW_ON_WINDOW + timedelta(minutes=5)
    assert reflect(hu, "and then the scanner broke too", later).kind == "reflection_question"
    assert len(get_records().list_reflections(hu)) == 1
    assert get_records().draft_reflection(hu) is not None


async def test_a_moment_told_then_a_request_keeps_the_moment_and_answers_it(
        service: AgentService) -> None:
    """"... booked 14 appointments. what are my strengths?" was read as the request alone,
    and the moment was lost."""
    iv = service.user_for("cli", "local", "iv")
    reply = (await converse(service, iv, [
        "hi", "Today I covered the reception desk alone because Priya was off and booked 14 "
              "appointments. what are my strengths?"]))[1]
    assert reply.tools == ["strengths", "reflect"]
    assert "reflection_question" in reply.data and "strengths" in reply.data
    assert reply.text.rstrip().endswith("?")  # the coaching goes on after the answer
    draft = get_records().draft_reflection(iv)
    assert draft is not None and draft["text"].startswith("Today I covered the reception desk")
    assert "strengths" not in draft["text"]


async def test_a_job_ad_sent_a_line_at_a_time_is_never_kept(service: AgentService) -> None:
    """A career changer pasted an ad into the terminal without the fences: every line became
    a message, the lines joined her open reflection, were saved as growth moments and
    tagged. Ad lines are now never the user's words; the open reflection stays hers."""
    ju = service.user_for("cli", "local", "ju")
    await converse(service, ju, ["hi", "i fixed my mums laptop, it had malware so i ran a "
                                       "scan and reinstalled windows"])
    draft = get_records().draft_reflection(ju)
    assert draft is not None
    ad = ["tailor my profile for this job:", "Field Service Engineer (Heating)",
          "About us: We are a family-run heating firm covering Cork and Kerry.",
          "What you'll do:", "- Service and repair domestic boilers",
          "- Keep accurate job sheets on the van tablet", "What we're looking for:",
          "- Gas safety registration is essential", "- Full clean driving licence",
          "We offer: company van, overtime, 23 days holiday."]
    replies = await converse(service, ju, ad)
    assert "job ad" in replies[3].text and "not kept" in replies[-1].text
    assert get_records().list_reflections(ju) == []  # nothing saved
    after = get_records().draft_reflection(ju)
    assert after is not None and after["text"] == draft["text"]  # the moment is untouched
    # the whole ad in one message after the request runs the profile
    ask = await converse(service, ju, ["tailor my profile for this job:"])
    assert "Paste the job ad" in ask[0].text
    profile = (await converse(service, ju, ["\n".join(ad[1:])]))[0]
    assert "Service and repair domestic boilers" in profile.text
    assert get_records().list_reflections(ju) == []


async def test_a_plan_told_inside_a_reflection_stays_in_it(service: AgentService) -> None:
    """A delivery driver's "I want to do my C licence next year to drive the big lorry",
    mid-reflection, was answered with roles (0 skills: the moment was not saved yet)."""
    dr = service.user_for("cli", "local", "dr")
    replies = await converse(service, dr, [
        "hi", "did 140 drops a day this week, scanner broke wednesday so i wrote it all on "
              "paper and keyed it in after",
        "I want to do my C licence next year to drive the big lorry"])
    assert "roles" not in replies[-1].text.lower()
    draft = get_records().draft_reflection(dr)
    saved = get_records().list_reflections(dr)
    kept = (draft["text"] if draft else "") + " ".join(r["text"] for r in saved)
    assert "C licence" in kept
    assert draft is not None  # two follow-ups: the reflection is still open
    roles = (await converse(service, dr, ["where could I go next?"]))[0]
    assert "not saved yet" in roles.text  # asked mid-reflection: it says why


def test_a_draft_left_open_is_its_own_moment_when_a_new_reflection_begins(
        service: AgentService) -> None:
    """An electrician told one job, got a follow-up and left; days later "lets reflect" and a
    call-out to a bakery were appended to that draft, and his story about the bakery came out
    with the other job's rewire in it. The old draft is saved first, in its own week."""
    from datetime import UTC, datetime, timedelta

    from agent.capabilities.reflection import STALE_DRAFT, opening, reflect

    ga = service.user_for("cli", "local", "ga")
    then = datetime.now(UTC)  # the store stamps its own clock on every write
    first = reflect(ga, "Rewired a 1930s terrace in Cardiff, the old rubber cable was crumbling",
                    then)
    assert first.kind == "reflection_question"
    soon = opening(ga, "Gareth", then + STALE_DRAFT - timedelta(minutes=1))
    assert "kept_open_draft" not in soon.facts  # minutes later the draft is still being told
    assert get_records().draft_reflection(ga) is not None
    later = opening(ga, "Gareth", then + timedelta(days=3))
    assert later.facts["kept_open_draft"] is True
    assert later.reply.startswith(load("draft_kept")[0]) and later.reply.rstrip().endswith("?")
    assert get_records().draft_reflection(ga) is None
    reflect(ga, "Got called out to a bakery on Tuesday, their oven kept tripping the RCD",
            then + timedelta(days=3))
    saved = get_records().list_reflections(ga)
    assert [r["text"] for r in saved] == [
        "Rewired a 1930s terrace in Cardiff, the old rubber cable was crumbling"]
    assert saved[0]["week"] == then.strftime("%G-W%V")
    draft = get_records().draft_reflection(ga)
    assert draft is not None and draft["text"].startswith("Got called out to a bakery")


async def test_showing_memory_mid_reflection_says_the_moment_is_not_saved_yet(
        service: AgentService) -> None:
    """"show my memory" in the middle of a reflection said "0 reflections" and nothing of
    the moment being told."""
    kai = service.user_for("cli", "local", "kai", "Kai")
    told, shown = await converse(service, kai, [
        "fixed 3 laptops for the sales team, one had a dead ssd so cloned it", "show my memory"])
    assert "reflection_question" in told.data
    assert shown.tools == ["show_memory"] and shown.data["memory_show"]["draft_open"] is True
    assert load("strengths_draft_open")[0] in shown.text
    await converse(service, kai, ["just save it"])
    counted = (await converse(service, kai, ["show my memory"]))[0].text
    assert "1 reflection, 0 credentials, 0 stories, " in counted  # not "1 reflections"


async def test_a_one_line_message_read_as_a_profile_request_is_never_the_ad(
        service: AgentService) -> None:
    """A bus driver's "hello. Name is Dave, 58, ..." got "# 1: profile for 'hello'" with his
    own words as a must-have requirement. A message the learned reading takes for a profile
    request, one line without the request's words, is the request: the ad is asked for."""
    from agent.capabilities.answers import profile_turn

    da = service.user_for("cli", "local", "da")
    asked = profile_turn(da, "could you sort my cv out for a supervisor job at the depot")
    assert asked.kind == "profile_ask"
    # the request's own words, or several lines, are still the ad
    ran = profile_turn(da, "tailor my CV for the Band 5 job at St James: NMC registration is "
                           "essential, IV certificate desirable")
    assert ran.kind != "profile_ask"
    intro = (await converse(service, da, ["hello. Name is Dave, 58, bus driver for First in "
                                          "Bristol 22 yrs"]))[0]
    assert "profile" not in intro.text.lower() and "Dave" in intro.text


async def test_a_moment_in_another_language_is_kept_without_guessed_skills(
        service: AgentService) -> None:
    """A care worker in Seville wrote her week in Spanish; "su hija me dio las gracias" was
    shown as "understand spoken Spanish". Skills are read in English texts only, so a Spanish
    moment is kept as written, with no tags, and the reply says so in Spanish."""
    ma = service.user_for("cli", "local", "ma")
    replies = await converse(service, ma, [
        "esta semana una residente se cayó en el baño, la revisé, llamé a la enfermera y "
        "rellené el parte de incidencias", "se recuperó bien y su hija me dio las gracias",
        "listo"])
    # the follow-up is asked in Spanish, her words quoted as written (the English rules had
    # quoted them inside "You mentioned ... Which part of that did you handle yourself?")
    assert replies[0].text.startswith("Mencionaste \u201cesta semana una residente")
    assert "?" in replies[0].text and "You " not in replies[0].text
    saved = next(r for r in replies if "reflection_saved" in r.data)
    assert saved.data["reflection_saved"]["skills"] == []
    assert "solo en textos en inglés" in saved.text
    (stored,) = get_records().list_reflections(ma)
    assert "parte de incidencias" in stored["text"] and stored["skills"] == []


async def test_a_user_named_by_a_number_is_greeted_without_it(service: AgentService) -> None:
    """`passport chat --user 1` greeted a new user "Hi 1!"."""
    from agent.capabilities.reflection import opening

    one = service.user_for("cli", "local", "1", "1")
    assert opening(one, "1").reply.startswith("Hi there!")
    assert opening(one, "Blessing").reply.startswith("Hi Blessing!")


async def test_an_ad_sent_a_line_at_a_time_is_matched_when_it_is_whole(
        service: AgentService) -> None:
    """A driver sent "tailor my profile for this job:" and then the ad a line at a time (as
    some chat apps split a paste); its pay line became his reflection and "that's the whole
    ad" only said how to send it whole. The lines are collected for the conversation, never
    kept as his words, and matched when he says the ad is whole."""
    hal = service.user_for("cli", "local", "hal", "Hal")
    await converse(service, hal, ["did the walkround on my unit and found a bald tyre, "
                                  "reported it before leaving the yard", "just save it"],
                   conversation="w1")
    replies = await converse(service, hal, [
        "tailor my profile for this job:", "HGV Class 1 Driver – Nights",
        "Midlands Logistics Park, Daventry",
        "• Vehicle checks at the start of each shift and reporting defects",
        "• Class 1 (C+E) licence with CPC and digi card essential",
        "£19.50/hr, overtime at time and a half", "that's the whole ad"], conversation="ad")
    assert all("that's the whole ad" in r.text for r in replies[:-1]), [r.text for r in replies]
    profile = replies[-1]
    assert profile.tools == ["tailor_profile"] and "HGV Class 1 Driver" in profile.text
    matches = {m["requirement"]: m["status"] for m in profile.data["profile"]["matches"]}
    assert matches["Vehicle checks at the start of each shift and reporting defects"] != "gap"
    assert "19.50" not in str(matches)
    texts = [r["text"] for r in get_records().list_reflections(hal)]
    assert texts == ["did the walkround on my unit and found a bald tyre, reported it before "
                     "leaving the yard"]
    assert get_records().draft_reflection(hal) is None


async def test_the_whole_ad_said_with_nothing_sent_asks_for_the_ad(service: AgentService) -> None:
    ida = service.user_for("cli", "local", "ida", "Ida")
    replies = await converse(service, ida, ["tailor my profile for this job:",
                                            "that's the whole ad"])
    assert replies[-1].text == load("ad_text_end")[0]


async def test_asking_for_a_new_reflection_keeps_the_open_one_as_its_own(
        service: AgentService) -> None:
    """A warehouse worker told one moment, got a follow-up and typed "reflect": the next
    moment (a training asked for) was appended to the first under a fresh opening question.
    The open moment is saved first; "hi" in the middle of one keeps it open."""
    ahmet = service.user_for("cli", "local", "ahmet", "Ahmet")
    replies = await converse(service, ahmet, [
        "I trained two new guys on the reach truck, showed them the safety check", "hi"])
    assert replies[0].tools == ["reflect"]
    asked = replies[0].data["reflection_question"]["question"]
    assert asked in replies[1].text and "reach truck" in replies[1].text  # "hi": its question
    assert get_records().draft_reflection(ahmet) is not None  # again, the moment still open
    again, nxt = await converse(service, ahmet, [
        "reflect", "did the monthly stock count, we found 37 pallets in the wrong place"])
    # what was saved is shown as "done" shows it, skills and all, then the new question
    assert any(v in again.text for v in load("draft_kept_now"))
    assert again.text.rstrip().endswith("?") and "Earlier this week" not in again.text
    assert "train employees" in again.text and "reject" in again.text
    saved = get_records().list_reflections(ahmet)
    assert [r["text"] for r in saved] == [
        "I trained two new guys on the reach truck, showed them the safety check"]
    draft = get_records().draft_reflection(ahmet)
    assert nxt.tools == ["reflect"] and draft is not None
    assert draft["text"].startswith("did the monthly stock count")


async def test_reject_works_on_the_skills_shown_when_reflect_saved_the_moment(
        service: AgentService) -> None:
    zed = service.user_for("cli", "local", "zed", "Zed")
    _, saved, rejected = await converse(service, zed, [
        "I trained two new guys on the reach truck, showed them the safety check", "reflect",
        "reject 1"])
    assert "train employees" in saved.text
    assert "removed" in rejected.text and "train employees" in rejected.text, rejected.text
