"""Weekly reflections: keep the draft durable, ask the next question, save the growth moment.

The draft is written to SQLite on every turn, so a crash mid-conversation loses nothing;
the saved reflection goes to SQLite first (source of truth), then to vector memory.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from agent import accounts
from agent.capabilities import careers
from agent.capabilities.skills import tag_for_user
from agent.intents import SKILLS_ASKED, request_after_moment, skill_asked_about
from agent.lanes import heavy
from agent.reply import Button
from agent.results import DialogUpdate, ShownSkill, ToolResult
from memory.items import delete_reflection
from memory.records import get_records
from memory.vectors import get_vectors
from prompts import render, render_fresh
from tools.job_ad_rules import chat_ad_line
from tools.reflection import Draft, is_question, is_skip, split_sentences, update
from tools.understanding.lang import detect

log = logging.getLogger(__name__)


def _tag(user_id: str, text: str, source_id: str) -> list[dict[str, Any]]:
    """Skill tags for a reflection, without the user's rejected skills."""
    try:
        return [t.model_dump() for t in tag_for_user(user_id, text, source_id=source_id)]
    except Exception:  # noqa: BLE001 - a tagging fault must never lose the reflection
        log.exception("skill tagging failed; the reflection is saved without skills")
        return []


def _english_tags(user_id: str, text: str, source_id: str,
                  lang: str | None = None) -> list[dict[str, Any]]:
    """The skill tags of a moment told in English; none for another language (the
    frameworks' labels and the encoder's training are English)."""
    return _tag(user_id, text, source_id) if (lang or detect(text)) == "en" else []


def _quoted(tag: dict[str, Any]) -> str:
    """A skill as the coach lists it: its label and the person's words that show it."""
    return f"{tag['label']} (\u201c{tag['evidence']}\u201d)"


def _draft_from(row: dict[str, Any] | None) -> Draft:
    if not row:
        return Draft()
    texts = [t for t in row["text"].split("\n") if t.strip()]
    return Draft(texts=texts, slots=dict(row["slots"]),
                 asked=[f["slot"] for f in row["followups"]])


def _recent_questions(user_id: str, followups: list[dict[str, str]]) -> list[str]:
    """The follow-up questions of the open draft and the latest saved reflections: a new
    question is chosen among those not asked yet."""
    recent = get_records().list_reflections(user_id)[-3:]
    return [f["question"] for r in recent for f in r["followups"]] + [
        f["question"] for f in followups]


# A message right after a save that carries on its story ("she calmed down in the end", "oh
# and her daughter rang to say thanks") joins that growth moment instead of opening a new one.
FOLLOW_ON_WINDOW = timedelta(minutes=20)
_FOLLOW_ON = re.compile(
    r"^\W*(?:oh,? and|and|also|plus|btw|by the way|p\.?s\.?|(?:i )?forgot to (?:say|mention|add)|"
    r"one more thing|in the end|eventually|afterwards|after that|later(?: on)?|then|she|he|they|"
    r"it|that|which|turns out|what's more)\b", re.IGNORECASE)
_NEW_MOMENT = re.compile(r"\b(?:another (?:thing|moment|one|story)|something else|a different|"
                         r"new (?:one|moment|topic|reflection)|this week|next (?:one|moment))\b",
                         re.IGNORECASE)


def _follow_on(user_id: str, message: str, now: datetime) -> dict[str, Any] | None:
    """The growth moment a message carries on, if it was saved moments ago and the message
    reads as more of the same story; else None (the message opens a new reflection)."""
    if not _FOLLOW_ON.match(message) or _NEW_MOMENT.search(message) or is_skip(message):
        return None
    last = get_records().last_saved_reflection(user_id)
    if last is None:
        return None
    since = now - datetime.fromisoformat(str(last["updated_at"]))
    return last if timedelta(0) <= since <= FOLLOW_ON_WINDOW else None


def reflect(user_id: str, message: str, now: datetime) -> ToolResult:
    """Add the user's message to the open reflection and return the coach's next step.

    Returns:
        A tool result: ``kind`` is ``reflection_question`` (with the question to ask) or
        ``reflection_saved`` (with the skills found); ``reply`` is the offline wording.
    """
    if chat_ad_line(message):  # a job ad arriving a line at a time is never the user's words
        return ToolResult(kind="ad_text", reply=render("ad_text_not_kept"),
                          state=DialogUpdate(awaiting="ad_text"))
    told = request_after_moment(message)
    if told:  # "... booked 14 appointments. what are my strengths?": the request is answered
        message = told[0]  # by its own tool; only the moment is kept
    records = get_records()
    row = records.draft_reflection(user_id)
    if row is not None and is_question(message) and SKILLS_ASKED.search(message):
        # "can you tell me which skills this is?" in the middle of a moment: answered, and
        # never a part of it (it got "Okay, noted. Was anything easier than you expected?")
        return _question_mid_moment(user_id, row)
    last = _follow_on(user_id, message, now) if row is None else None
    if last is not None:
        # stays saved while it grows: a crash mid-way keeps the moment as it was
        return save(user_id, {**last, "text": f"{last['text']}\n{message.strip()}",
                              "known": last["skills"]}, joined=True)
    draft = _draft_from(row)
    followups: list[dict[str, str]] = list(row["followups"]) if row else []
    if followups and "answer" not in followups[-1] and not is_skip(message):
        followups[-1]["answer"] = message.strip()
    lang = detect(" ".join([*draft.texts, message]))
    step = update(draft, message, lang)
    record: dict[str, Any] = {
        "id": row["id"] if row else None, "text": draft.text, "slots": draft.slots,
        "followups": followups, "status": "draft",
        # milliseconds: two moments of one minute keep their order ("undo" takes the last)
        "created_at": row["created_at"] if row else now.isoformat(timespec="milliseconds"),
    }
    if step.action == "ask" and draft.texts:
        template = f"followup_easy_{step.slot}" if step.easy else \
            "followup_struggle" if step.struggle else f"followup_{step.slot}"
        if lang in ("es", "fr", "de") and step.mirror and not step.easy:
            template = f"{template}_{lang}"  # asked in their language, their words quoted
        question = render_fresh(template, seed=f"{record['id']}{step.slot}",
                                avoid=_recent_questions(user_id, followups),
                                mirror=step.mirror or None)
        followups.append({"slot": str(step.slot), "question": question})
        rid = records.save_reflection(user_id, record)
        return ToolResult(kind="reflection_question", reply=question, facts={
            "reflection_id": rid, "slot": step.slot, "question": question})
    if not draft.texts:
        return ToolResult(kind="reflection_empty", reply=render("reflection_skip_empty"))
    return save(user_id, record)


KEPT_ON = "reflection_kept_on"  # told on past the offer: kept, and the coaching comes back


def keep_told(user_id: str, message: str, now: datetime, told_on: bool = False) -> ToolResult:
    """Keep a moment told right after a caring reply, as it was told, once the person said
    yes to keeping it: saved whole, with no follow-up question, and care goes on after it.
    ``told_on``: they told their week on, calmly, past the offer: kept the same way, and the
    coaching comes back for what they tell next (``KEPT_ON``)."""
    if not message.strip():
        return ToolResult(kind="reflection_empty", reply=render("reflection_skip_empty"))
    saved = save(user_id, {"id": None, "text": message.strip(), "slots": {}, "followups": [],
                           "created_at": now.isoformat(timespec="milliseconds")})
    after = render("keep_kept_on" if told_on else "keep_kept")
    return saved.model_copy(update={"reply": f"{saved.reply}\n\n{after}",
                                    "kind": KEPT_ON if told_on else saved.kind,
                                    "state": saved.state.model_copy(update={"awaiting": None})})


def skills_of_last(user_id: str) -> ToolResult:
    """"What skill is that?" asked after a moment was saved: the skills shown for the latest
    saved moment, quoted with the words that show them; nothing changes."""
    last = get_records().last_saved_reflection(user_id)
    if last is None:
        return ToolResult(kind="skills_of_last", reply=render("skills_of_last_none"))
    shown = [t for t in last.get("skills") or [] if t.get("framework") == "esco"
             and t.get("polarity") in ("demonstrated", "growth")]
    # "that" is what was told last: a moment added to answers with what the addition shows
    told = str(last["text"]).strip().split("\n")[-1]
    shown = [t for t in shown if str(t.get("evidence", "")) in told] or shown
    moment = " ".join(told.split())
    moment = moment if len(moment) <= 80 else moment[:79].rstrip() + "…"
    if not shown:
        return ToolResult(kind="skills_of_last", reply=render("skills_of_last_nothing",
                                                              moment=moment))
    strengths = [t for t in shown if t["polarity"] == "demonstrated"][:4]
    growth = [t for t in shown if t["polarity"] == "growth"][:3]
    reply = render("skills_of_last", moment=moment,
                   skills="; ".join(_quoted(t) for t in strengths)) if strengths else ""
    if growth:
        where = "" if reply else f" in \u201c{moment}\u201d"
        reply = " ".join(x for x in (reply, render("skills_of_last_growth", where=where,
                                                   skills="; ".join(map(_quoted, growth)))) if x)
    return ToolResult(kind="skills_of_last", facts={"reflection_id": last["id"]}, reply=reply)


# a licence, ticket or certificate: a qualification held, not a skill shown
_PROOF = re.compile(r"\b(?:licen[cs]es?|tickets?|cards?|certificates?|certs?|certifications?|"
                    r"qualifications?|quals?|diplomas?|degrees?|badges?|nvqs?|cscs|cpcs|ipaf|"
                    r"pasma|smsts|sssts)\b", re.I)
# how sure the ranking must be before a thing asked about is named as a framework skill
SKILL_CHECK_SCORE = 0.6


def skill_check(user_id: str, message: str) -> ToolResult:
    """"Is triage a skill I can put down?": the framework skill closest to the thing asked
    about (the tagger's best candidate, when it is sure enough), and how to make it evidence;
    nothing is stored."""
    thing = skill_asked_about(message) or message.strip()
    if _PROOF.search(thing):  # "is havin flt licences a skill or just a ticket"
        return ToolResult(kind="skill_check", reply=render("skill_check_credential",
                                                           thing=thing))
    with heavy():  # a skill this user turned down before is not offered again
        best = next(iter(tag_for_user(user_id, thing, frameworks=("esco",), top=3)), None)
    if best is None or best.score < SKILL_CHECK_SCORE:
        return ToolResult(kind="skill_check", reply=render("skill_check_unknown", thing=thing))
    return ToolResult(kind="skill_check", facts={"skill": best.label, "id": best.id},
                      reply=render("skill_check", thing=thing, label=best.label))


def _question_mid_moment(user_id: str, row: dict[str, Any]) -> ToolResult:
    """"Which skills is this?" asked while a moment is open: the skills so far, and how to
    keep them. The draft is left as it was (the question is no part of it)."""
    with heavy():  # read as the save reads it
        tags = [t for t in _english_tags(user_id, row["text"], row["id"])
                if t.get("framework") == "esco" and t.get("polarity") in ("demonstrated",
                                                                           "growth")][:5]
    if not tags:
        return ToolResult(kind="reflection_question", reply=render("skills_so_far_none"),
                          state=DialogUpdate(awaiting="reflection"))
    said = "; ".join(_quoted(t) for t in tags)
    return ToolResult(kind="reflection_question", reply=render("skills_so_far", skills=said),
                      state=DialogUpdate(awaiting="reflection"))


def retag(user_id: str) -> tuple[int, int]:
    """Tag a user's saved reflections again with the installed tagger (after an upgrade made
    it more careful): their text, dates and memories stay; skills the user rejected stay out.

    Returns:
        (reflections read, reflections whose tags changed).
    """
    def said(tags: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(t.get("framework"), t.get("id"), t.get("polarity"), t.get("evidence"))
                for t in tags]

    records = get_records()
    rows = records.list_reflections(user_id)
    changed = 0
    for row in rows:
        text = str(row["text"])
        skills = _tag(user_id, text, str(row["id"])) if detect(text) == "en" else []
        if said(row.get("skills") or []) != said(skills):
            records.set_reflection_skills(user_id, str(row["id"]), skills)
            changed += 1
    return len(rows), changed


def cancel(user_id: str) -> ToolResult:
    """Drop the open reflection draft without saving it ("cancel"): nothing is stored or
    tagged from it. With no draft open, say so; nothing else changes."""
    row = get_records().draft_reflection(user_id)
    if row is None:
        return ToolResult(kind="cancel_nothing", reply=render("cancel_nothing"))
    delete_reflection(user_id, str(row["id"]))
    return ToolResult(kind="draft_cancelled", facts={"reflection_id": row["id"]},
                      reply=render("draft_cancelled"), state=DialogUpdate(awaiting=None))


def save(user_id: str, record: dict[str, Any], joined: bool = False) -> ToolResult:
    """Save a finished reflection: durable first, then tagged, stored and remembered.

    Args:
        user_id: whose passport.
        record: the reflection row (``text``, ``created_at``; ``id`` of its draft if any).
        joined: the record is a saved moment that a follow-on message just added to; it
            stays saved throughout, and the reply says it was added to.

    Returns:
        A ``reflection_saved`` result with the skills found and the numbered list shown.
    """
    records = get_records()
    record["status"] = "saved" if joined else "draft"
    rid = records.save_reflection(user_id, record)  # durable before anything slow
    # the frameworks' labels and the encoder's training are English: a Spanish moment showed
    # "understand spoken Spanish" for "su hija me dio las gracias"; no tags, and it says so
    lang = detect(record["text"])
    skills = _english_tags(user_id, record["text"], rid, lang)
    record.update(id=rid, status="saved", skills=skills)
    records.save_reflection(user_id, record)
    records.add_skill_tags(user_id, "reflection", rid, skills)
    week = datetime.fromisoformat(record["created_at"]).strftime("%G-W%V")
    with heavy():
        get_vectors().add(user_id, record["text"], "reflection", source_id=rid,
                          metadata={"week": week}, item_id=rid)
    # after a follow-on, only what it added is listed (the rest was listed moments ago)
    known = {(s["framework"], s["id"], s["polarity"]) for s in record.get("known", [])}
    shown = [s for s in skills if s["polarity"] == "demonstrated"
             and (s["framework"], s["id"], "demonstrated") not in known]
    growth = [s for s in skills if s["polarity"] == "growth"
              and (s["framework"], s["id"], "growth") not in known]
    skills_block = render("reflection_saved_skills", lines="\n".join(
        f"{i}. {_quoted(s)}" for i, s in enumerate(shown, 1)
    )) if shown else ""
    growth_block = render("reflection_saved_growth", lines="\n".join(
        f"- {_quoted(s)}" for s in growth)) if growth else ""
    reply = render("reflection_added" if joined else "reflection_saved", week=week,
                   skills_block=f"\n\n{skills_block}" if skills_block else "",
                   growth_block=f"\n\n{growth_block}" if growth_block else "",
                   reject_hint=f"\n\n{render('reflection_reject_hint')}" if shown else "")
    if lang in ("es", "fr", "de"):
        reply += "\n\n" + render(f"reflection_skills_english_only_{lang}")
    reply += _careers_line(careers.goal_note, user_id, shown)
    listed = [ShownSkill(framework=s["framework"], id=s["id"], label=s["label"],
                         also=s.get("also", []), reflection_id=rid) for s in shown]
    return ToolResult(
        kind="reflection_saved", reply=reply,
        facts={"reflection_id": rid, "week": week, "skills": shown, "growth_areas": growth,
               "added_to": joined},
        buttons=[Button(label=f"\u2717 {i}. {s.label}"[:60], data=f"reject {i}")
                 for i, s in enumerate(listed, 1)][:8],
        state=DialogUpdate(awaiting="reject" if shown else None, shown_skills=listed))


# A draft left open longer than this when a new reflection begins was a moment of its own: the
# person told it, got a follow-up, and came back another day to tell something else.
STALE_DRAFT = FOLLOW_ON_WINDOW


def _keep_stale_draft(user_id: str, row: dict[str, Any] | None, now: datetime,
                      always: bool = False) -> tuple[bool, ToolResult] | None:
    """Save the open draft ``row`` when left open since before ``STALE_DRAFT`` (or any open
    draft, ``always``) as its own growth moment (in the week it was told), so that what comes
    next starts a new one; whether it was stale, and the saved result, when one was kept."""
    if row is None or not _draft_from(row).texts:
        return None
    touched = datetime.fromisoformat(str(row["updated_at"]))
    stale = now - touched >= STALE_DRAFT
    if not (stale or always):
        return None
    return stale, save(user_id, dict(row))


def opening(user_id: str, name: str, now: datetime | None = None,
            new: bool = False) -> ToolResult:
    """The weekly opening question, recalling last week's words when there are any. A draft
    left open from an earlier day is saved first as its own moment, and the reply says so
    (it was getting the new week's moment appended to it); so is any open draft when the
    person asks for a new reflection (``new``: "reflect", "start a reflection" in the middle
    of one: the next moment was appended to the one before, under the fresh opening
    question), and the reply shows what was saved, with the skills in it, as "done" would."""
    row = get_records().draft_reflection(user_id)
    kept = _keep_stale_draft(user_id, row, now or datetime.now(UTC), always=new)
    open_row = None if kept else row
    asked = open_row["followups"][-1] if open_row and open_row["followups"] else None
    texts = _draft_from(open_row).texts
    if asked and "answer" not in asked and texts:
        # "hi" in the middle of a moment: its question again, not a fresh opening (the next
        # message went into the open moment under the new week's question)
        quote = texts[0]
        quote = quote if len(quote) <= 80 else quote[:77].rsplit(" ", 1)[0] + "…"
        return ToolResult(kind="opening", reply=render(
            "draft_still_open", quote=quote.rstrip(" .!"), question=asked["question"]),
            state=DialogUpdate(awaiting="reflection"))
    reply = _opening(user_id, accounts.a_name(name) or "there")
    if kept:
        stale, saved = kept
        reply.facts["kept_open_draft"] = True
        if stale:
            reply.reply = f"{render('draft_kept')}\n\n{reply.reply}"
        else:  # what was just saved, then the next moment asked for (not recalled as
            # "earlier this week you said ..." seconds after it was told)
            reply.reply = f"{saved.reply}\n\n{render('draft_kept_now', seed=saved.reply)}"
            reply.buttons = saved.buttons  # "reject 2" refers to the skills just listed
            reply.state.shown_skills = saved.state.shown_skills
    return reply


def _opening(user_id: str, name: str) -> ToolResult:
    saved = get_records().list_reflections(user_id)
    # The next message answers the opening question: a terse one is still a reflection.
    waits = DialogUpdate(awaiting="reflection")
    if not saved:
        return ToolResult(kind="opening", reply=render("opening_first", seed=user_id, name=name),
                          state=waits)
    last = saved[-1]
    slots = last["slots"]
    # what they plan, learnt or did, before a first sentence that may only set the mood
    # ("honestly not great week" was recalled while the week told a charting slip)
    quote = slots.get("next_step") or slots.get("learning") or slots.get("action") or \
        split_sentences(last["text"])[0]
    quote = quote if len(quote) <= 160 else quote[:157].rsplit(" ", 1)[0] + "…"
    quote = quote.rstrip(" .!")
    this_week = datetime.now().strftime("%G-W%V")
    when = render("when_earlier_this_week" if last["week"] == this_week else "when_last_time")
    if last["week"] == _previous_week(this_week):
        when = render("when_last_week")
    return ToolResult(kind="opening", facts={"last_reflection_id": last["id"], "quote": quote},
                      reply=render("opening_recall", seed=last["id"], name=name, quote=quote,
                                   when=when) + _careers_line(careers.opening_note, user_id),
                      state=waits)


def _careers_line(note: Callable[..., str], user_id: str, *args: Any) -> str:
    """A careers note (goal progress, goal reminder) as a new paragraph, or ""."""
    try:
        text = note(user_id, *args)
    except Exception:  # noqa: BLE001 - a careers fault must never break the weekly loop
        log.exception("careers note %s failed", getattr(note, "__name__", note))
        return ""
    return f"\n\n{text}" if text else ""


def _previous_week(week: str) -> str:
    monday = datetime.strptime(f"{week}-1", "%G-W%V-%u")
    return (monday - timedelta(days=7)).strftime("%G-W%V")


def _latest_list(user_id: str) -> list[ShownSkill]:
    """The numbered list of the latest saved reflection (a conversation that saw none)."""
    saved = get_records().list_reflections(user_id)
    if not saved:
        return []
    return [ShownSkill(framework=s["framework"], id=s["id"], label=s["label"],
                       also=s.get("also", []), reflection_id=saved[-1]["id"])
            for s in saved[-1]["skills"] if s.get("polarity") == "demonstrated"]


def reject(user_id: str, which: str, shown: list[ShownSkill]) -> ToolResult:
    """Reject skill number N of the list the user last saw; it is never proposed again.

    Args:
        user_id: whose passport.
        which: the user's words holding the number ("reject 2").
        shown: the numbered list the user last saw (dialog state); when empty, the list of
            the latest saved reflection.
    """
    listed = shown or _latest_list(user_id)
    number = re.search(r"\d+", which)
    if not number or not 1 <= int(number.group()) <= len(listed):
        return ToolResult(kind="reject_unknown", reply=render("skill_reject_unknown"))
    skill = listed[int(number.group()) - 1]
    records = get_records()
    for key in [skill.model_dump(), *skill.also]:
        records.reject_skill(user_id, key["framework"], key["id"])
    source = next((r for r in records.list_reflections(user_id)
                   if r["id"] == skill.reflection_id), None)
    if source is not None:
        source["skills"] = [s for s in source["skills"]
                            if (s["framework"], s["id"]) != (skill.framework, skill.id)]
        records.save_reflection(user_id, source)
    return ToolResult(kind="skill_rejected", facts={"skill": skill.model_dump()},
                      reply=render("skill_rejected", label=skill.label),
                      state=DialogUpdate(awaiting="reject"))
