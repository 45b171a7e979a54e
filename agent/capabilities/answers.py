"""Cited answers: strengths, stories and tailored profiles for the CLI and every channel.

Each answer is built offline from the user's facts, rendered with ``[n]`` citations and a
numbered source list, and checked by the faithfulness checker. In LLM mode the chat model
may polish the wording of the cited sentences; the checker gates that (one repair, else the
offline text) and the check result is logged and returned under ``faithfulness``.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel

from agent import accounts
from agent.capabilities.polish import polish
from agent.lanes import heavy
from agent.reply import Attachment, Button
from agent.results import DialogUpdate, ToolResult
from memory.records import get_records
from memory.vectors import get_vectors
from prompts import render as render_template
from prompts.phrasebook import (
    EXPLICIT_PROFILE,
    PROFILE_ASK,
    PROFILE_LEAD,
    STORY_COMMAND,
    STORY_EDIT,
    STORY_SAVE,
    STORY_SAVE_COMMAND,
    ad_after_lead,
)
from tools import resume, stories
from tools import strengths as strengths_tool
from tools.export_check import check_export
from tools.facts import Fact, facts_for, introduction_facts, render
from tools.faithfulness import Segment, check_segments
from tools.profile import tailor

log = logging.getLogger(__name__)
CHAT_LIMIT = 3500
_model: ContextVar[BaseChatModel | None] = ContextVar("evidence_prose_model", default=None)


@contextmanager
def use_model(model: BaseChatModel | None) -> Iterator[None]:
    """Let the chat model polish prose within this block (the graph sets it per tool call)."""
    token = _model.set(model)
    try:
        yield
    finally:
        _model.reset(token)


def _user_facts(user_id: str, introduction: bool = False
                ) -> tuple[list[Fact], dict[str, Fact]]:
    """The user's facts (with ``introduction``, also the words of their introduction that
    tell their work: evidence of experience for a profile, never a strength)."""
    facts = facts_for(user_id) + (introduction_facts(user_id) if introduction else [])
    return facts, {f.id: f for f in facts}


def _save_button() -> Button:
    return Button(label=render_template("button_save_story"), data=STORY_SAVE_COMMAND)


def _name(user_id: str) -> str:
    return accounts.shown_name(user_id) or "You"


def _terms(facts: list[Fact], extra: list[str] | None = None) -> list[str]:
    return sorted({str(t["label"]) for f in facts for t in f.skills} | set(extra or []))


def finish(kind: str, user_id: str, blocks: list[list[Segment]], by_id: dict[str, Fact],
           data: dict[str, Any], *, job_text: str = "", terms: list[str] | None = None,
           model: BaseChatModel | None = None) -> ToolResult:
    """Check, optionally polish, render and log one answer; returns the tool result."""
    started = time.perf_counter()
    support = f"{job_text}\n{_name(user_id)}"
    terms = terms or []
    check = check_segments([s for b in blocks for s in b], by_id, support, terms)
    info: dict[str, Any] = {"mode": "offline", "ok": check.ok,
                            "violations": [v.model_dump() for v in check.violations]}
    if not check.ok:  # never show a sentence that fails: drop it, keep the rest
        log.warning("faithfulness kind=%s offline text dropped %d sentence(s): %s", kind,
                    len({v.segment for v in check.violations}), check.violations[:3])
        blocks = _drop(blocks, {v.segment for v in check.violations})
        check = check_segments([s for b in blocks for s in b], by_id, support, terms)
        info.update(ok=check.ok, dropped=info["violations"],
                    violations=[v.model_dump() for v in check.violations])
    model = model if model is not None else _model.get()
    if model is not None and check.ok:
        blocks, info = polish(model, blocks, by_id, support, terms)
    text, order = render(blocks, by_id)
    log.info("faithfulness kind=%s user=%s mode=%s ok=%s violations=%d repaired=%s "
             "fallback=%s", kind, user_id, info["mode"], info["ok"], len(info["violations"]),
             info.get("repaired", False), info.get("fallback", False))
    short = len(text) > CHAT_LIMIT
    reply = _fit(blocks, by_id, f"{kind}.md") if short else text
    # what a chat message could not hold travels whole as a file beside it
    attached = [Attachment(filename=f"{kind}.md", content=text.encode(), mime="text/markdown")
                ] if short else []
    return ToolResult(kind=kind, reply=reply, attachments=attached, facts={
        **data, "text": text, "sources": order,
        "citations": [{"n": i, "fact_id": fid, "date": by_id[fid].date,
                       "source": by_id[fid].source, "text": by_id[fid].text}
                      for i, fid in enumerate(order, 1)],
        "faithfulness": info, "ms": round((time.perf_counter() - started) * 1000)})


def _drop(blocks: list[list[Segment]], bad: set[int]) -> list[list[Segment]]:
    """The blocks without the segments at the given flat positions."""
    out, k = [], 0
    for block in blocks:
        kept = [s for j, s in enumerate(block) if k + j not in bad]
        k += len(block)
        if kept:
            out.append(kept)
    return out


def _without_story(blocks: list[list[Segment]]) -> list[list[Segment]]:
    """A profile without its STAR story section (a story has its own command): what a chat
    drops first, so the honest gaps at the end are never the part cut."""
    story = "## " + render_template("resume_story")
    out: list[list[Segment]] = []
    skipping = False
    for block in blocks:
        if block and block[0].role == "heading" and block[0].text.startswith("## "):
            skipping = block[0].text == story
        if not skipping:
            out.append(block)
    return out


def _fit(blocks: list[list[Segment]], by_id: dict[str, Fact], filename: str) -> str:
    """A chat-sized version: without the story section of a profile, then lines dropped from
    the end until it fits; says that the whole is attached as ``filename``."""
    keep = _without_story(blocks)
    note = [[Segment(text=render_template("chat_shortened", filename=filename), role="meta")]]
    while keep:
        text, _ = render(keep + note, by_id)
        if len(text) <= CHAT_LIMIT:
            return text
        keep.pop()
    return render(note, by_id)[0]


def strengths_for(user_id: str, model: BaseChatModel | None = None) -> ToolResult:
    """The user's 3 to 7 strengths with cited evidence, and growth areas kept apart."""
    facts, by_id = _user_facts(user_id)
    result = strengths_tool.strengths(facts)
    out = finish("strengths", user_id, strengths_tool.blocks(result), by_id,
                 {"strengths": [s.model_dump() for s in result.strengths],
                  "growth": [g.model_dump() for g in result.growth]},
                 terms=_terms(facts), model=model)
    return with_draft_note(user_id, out)


def with_draft_note(user_id: str, out: ToolResult) -> ToolResult:
    """A reply that reads the user's evidence (strengths, roles, a growth plan), asked in the
    middle of a reflection, says why what they just told is not counted yet."""
    if get_records().draft_reflection(user_id) is not None:
        out.reply += "\n\n" + render_template("strengths_draft_open")
        out.facts["draft_open"] = True
    return out


def story_for(user_id: str, about: str = "", picked: list[str] | None = None,
              model: BaseChatModel | None = None, keep_draft: bool = True) -> ToolResult:
    """Draft a STAR+L story about a topic (or the richest reflection) and keep it as a draft.

    Args:
        user_id: whose passport.
        about: the topic in the user's words ("the migration"); empty lets the coach pick.
        picked: item ids the user chose.
        model: a chat model to polish the wording (gated); None keeps it offline.
        keep_draft: store the draft so "/story save" can save it later.

    Returns:
        A ``story`` result: the draft (``story``), its ``story_id`` when kept, the cited text,
        and a save button when the draft has material.
    """
    facts, by_id = _user_facts(user_id)
    draft = stories.draft(facts, about, picked)
    data: dict[str, Any] = {"story": stories.to_dict(draft)}
    if draft.item_ids and keep_draft:
        data["story_id"] = get_records().save_story(user_id, {
            "title": draft.title, "sections": draft.texts(), "citations": draft.citations(),
            "status": "draft"})
    out = finish("story", user_id, stories.blocks(draft), by_id, data, terms=_terms(facts),
                 model=model)
    if draft.item_ids:
        out.buttons = [_save_button()]
        out.reply += f"\n\n{render_template('story_edit_hint')}"
    return out


def save_story(user_id: str, story_id: str | None = None,
               edits: dict[str, str] | None = None) -> ToolResult:
    """Apply the user's edits to a drafted story and save it as a memory item.

    Args:
        user_id: whose passport.
        story_id: the story to save; the latest draft by default.
        edits: section -> the user's own new text (replaces that section).

    Returns:
        A ``story_saved`` result (facts ``story_id``, ``sections``) or ``story_missing``.
    """
    rows = get_records().list_stories(user_id)
    row = next((r for r in reversed(rows) if (r["id"] == story_id if story_id
                                              else r["status"] == "draft")), None)
    if row is None:
        return ToolResult(kind="story_missing", reply=render_template("story_missing"))
    sections = dict(row["sections"])
    citations = dict(row["citations"])
    for name, text in (edits or {}).items():
        if name not in stories.SECTIONS:
            raise ValueError(f"Unknown section {name!r}; use one of {', '.join(stories.SECTIONS)}.")
        sections[name] = text.strip()
        citations[name] = ["user-edit"]
    row.update(sections=sections, citations=citations, status="saved")
    sid = get_records().save_story(user_id, row)
    body = "\n".join(f"{k.capitalize()}: {v}" for k, v in sections.items() if v)
    with heavy():
        get_vectors().add(user_id, f"Story: {row['title']}\n{body}"[:4000], "story",
                          source_id=sid, item_id=sid)
    return ToolResult(kind="story_saved", reply=render_template("story_saved", title=row["title"]),
                      facts={"story_id": sid, "sections": sections})


def story_turn(user_id: str, message: str) -> ToolResult:
    """A chat turn about stories: save the draft, edit a section, or draft a new one."""
    body = STORY_COMMAND.sub("", message)
    if STORY_SAVE.match(body):
        return save_story(user_id)
    edit = STORY_EDIT.match(body)
    if edit:
        rows = [r for r in get_records().list_stories(user_id) if r["status"] == "draft"]
        if not rows:
            return save_story(user_id)
        row = rows[-1]
        row["sections"][edit.group(1).lower()] = edit.group(2).strip()
        row["citations"][edit.group(1).lower()] = ["user-edit"]
        get_records().save_story(user_id, row)
        return ToolResult(kind="story_edited", facts={"story_id": row["id"]},
                          buttons=[_save_button()],
                          reply=render_template("story_edited", section=edit.group(1).lower()))
    return story_for(user_id, stories.topic(message))


STORY_CANDIDATES = 4  # covered requirements whose stories are drafted to pick the fullest


def profile_for(user_id: str, job_text: str, fmt: str = "md",
                model: BaseChatModel | None = None) -> ToolResult:
    """A profile tailored to a job ad: covered, transferable and gap, with citations.

    Args:
        user_id: whose passport.
        job_text: the ad, verbatim (data, never instructions).
        fmt: ``md``, ``json`` or ``jsonresume`` (all are returned; this picks ``text``).
        model: a chat model to polish the wording (gated); None keeps it offline.

    Returns:
        A ``profile`` result (job, coverage, matches, JSON Resume, cited text, ``format``),
        or ``profile_ask`` when the ad names no requirements.
    """
    from tools.skills.tagging import tag_many

    if fmt not in ("md", "json", "jsonresume"):
        raise ValueError(f"Unknown format {fmt!r}; use md, json or jsonresume.")
    facts, by_id = _user_facts(user_id, introduction=True)
    with heavy():
        profile = tailor(job_text, facts, lambda texts: tag_many(list(texts)))
    if not (profile.job.requirements or profile.job.duties):
        return ToolResult(kind="profile_ask", reply=render_template(
            "profile_no_requirements", ask=render_template("profile_ask_ad")),
            state=DialogUpdate(awaiting="job_ad"))
    name = _name(user_id)
    # the story of the first covered requirement is told from the evidence that covers it
    # (drafted by topic alone, a "pivot tables" requirement got the SQL struggle as its story);
    # the introduction tells a job, not an event: no story is drafted from it
    def told(m: Any) -> list[str]:
        return list(dict.fromkeys(by_id[c].item_id for c in m.cites
                                  if c in by_id and by_id[c].kind != "introduction"))

    # ... the covered requirement whose evidence tells the fullest story, the first among
    # equals ("my first assignment for CIPD" tells no deed; the rota she built does)
    covered = [(m, cited) for m in profile.matches if m.status == "covered"
               and (cited := told(m))][:STORY_CANDIDATES]
    drafts = [(m, stories.draft(facts, m.requirement, cited[:1])) for m, cited in covered]
    top, story = max(drafts, key=lambda d: ("action" in d[1].sections, len(d[1].sections)),
                     default=(None, None))  # max keeps the first of equals
    if top and story is not None and not story.sections:  # its evidence is a credential
        story = stories.draft(facts, top.requirement)
    labels = [lab for m in profile.matches for lab in m.labels]
    json_resume = resume.json_resume(profile, by_id, name)
    out = finish("profile", user_id, resume.blocks(profile, by_id, name, story), by_id,
                 {"job": profile.job.title, "coverage": profile.coverage(),
                  "matches": [m.model_dump() for m in profile.matches],
                  "ignored": profile.job.ignored, "json_resume": json_resume},
                 job_text="\n".join([job_text, *labels]), terms=_terms(facts, labels),
                 model=model)
    out.facts["format"] = fmt
    # the JSON Resume travels beside the chat reply (a CV builder reads it) once the export
    # checker finds nothing in it the person's items do not support
    check = check_export(json_resume, "jsonresume", by_id, profile.job, name)
    if check.ok:
        out.attachments.append(Attachment(
            filename="resume.json", mime="application/json",
            content=json.dumps(json_resume, ensure_ascii=False, indent=2).encode()))
        out.reply = f"{out.reply}\n\n{render_template('profile_resume_attached')}"
    else:
        log.warning("export check: resume.json not attached (%d violation(s): %s)",
                    len(check.violations), check.violations[:2])
    return out


def profile_turn(user_id: str, message: str, collected: str | None = None) -> ToolResult:
    """A chat turn: the ad is the message after "tailor my profile for this job:", or, on
    "that's the whole ad", the lines of it sent one at a time (``collected``)."""
    from agent.intents import AD_END

    if AD_END.match(message):
        if collected and len(collected.split()) >= 6:
            return with_draft_note(user_id, profile_for(user_id, collected))
        return ToolResult(kind="ad_text_end", reply=render_template("ad_text_end"))
    lead = PROFILE_LEAD.match(message)
    ad = ad_after_lead(message)
    # the ad is awaited: the next message that reads as one is it. One line without the
    # request's lead is the request in other words, never the ad ("hello. Name is Dave, 58,
    # bus driver for First in Bristol" was read as a profile request and tailored for)
    if len(ad.split()) < 6 or (lead is None and not EXPLICIT_PROFILE.match(message)
                               and "\n" not in ad) or PROFILE_ASK.search(ad):
        # a first piece of the ad ("HGV Class 1 Driver – Nights") is collected with the rest
        template = "ad_text_more" if ad and collected is not None else "profile_ask_ad"
        return ToolResult(kind="profile_ask", reply=render_template(template),
                          state=DialogUpdate(awaiting="job_ad"))
    return with_draft_note(user_id, profile_for(user_id, ad))
