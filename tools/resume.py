"""Rendering a tailored profile: segments (checked), Markdown, and JSON Resume.

Headline, summary, matched strengths with evidence, the chosen STAR story, verified
credentials and honest gaps. JSON Resume keeps citations in ``x-citations`` extension fields
and the requirement-by-requirement match under ``meta["x-talentPassport"]``.
"""

from __future__ import annotations

from typing import Any

from prompts import render as render_template
from tools import stories
from tools.facts import Fact, render, short
from tools.faithfulness import Segment
from tools.profile import Match, Profile

JSON_RESUME_SCHEMA = ("https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/"
                      "schema.json")


def _kind(m: Match) -> str:
    if m.kind == "duty":
        return render_template("resume_duty")
    return render_template("resume_must_have" if m.must else "resume_nice_to_have")


def _quote(fact: Fact) -> Segment:
    mark = render_template("resume_verified_credential") if fact.verified else fact.kind
    return Segment(text=f"\u201c{short(fact.text, 150)}\u201d ({fact.date}, {mark})",
                   cites=[fact.id])


def _heading(template: str) -> Segment:
    """A level-2 Markdown heading whose words are a template."""
    return Segment(text="## " + render_template(template), role="heading")


def blocks(profile: Profile, facts: dict[str, Fact], name: str,
           story: stories.StoryDraft | None = None) -> list[list[Segment]]:
    """The profile as lines of segments (for Markdown, chat and the faithfulness check)."""
    covered = [m for m in profile.matches if m.status == "covered"]
    transfer = [m for m in profile.matches if m.status == "transferable"]
    gaps = [m for m in profile.matches if m.status == "gap"]
    title = profile.job.title or render_template("resume_this_job")
    out: list[list[Segment]] = [[Segment(
        text="# " + render_template("resume_title", name=name, title=title),
        role="requirement")]]
    out.append([_heading("resume_summary")])
    if covered:
        listed = "; ".join(f"\u201c{short(m.requirement, 60)}\u201d" for m in covered[:5])
        out.append([Segment(text=render_template("resume_covered"), role="heading"),
                    Segment(text=f"{listed}.", role="requirement")])
    else:
        out.append([Segment(text=render_template("resume_none_covered"), role="meta")])
    if covered:
        out.append([_heading("resume_matched")])
        for m in covered:
            out.append([Segment(text=f"- **{short(m.requirement, 80)}** ({_kind(m)}):",
                                role="requirement")])
            out += [[Segment(text="  -", role="meta"), _quote(facts[c])] for c in m.cites
                    if c in facts]
            out += _growing(m, facts)
    if transfer:
        out.append([_heading("resume_transferable")])
        for m in transfer:
            out.append([Segment(text=f"- **{short(m.requirement, 80)}** ({_kind(m)}):",
                                role="requirement"),
                        Segment(text=f"{m.why}." if m.why else
                                render_template("resume_related", via=m.via), cites=m.cites)])
            out += [[Segment(text="  -", role="meta"), _quote(facts[c])] for c in m.cites[:1]
                    if c in facts]
    if story and story.item_ids:
        out.append([_heading("resume_story")])
        out += stories.blocks(story)
    creds = [facts[c] for c in profile.credentials if c in facts]
    if creds:
        out.append([_heading("resume_credentials")])
        verified = render_template("resume_verified")
        out += [[Segment(text=f"- {c.text} ({c.date}, {verified})", cites=[c.id])]
                for c in creds]
    if gaps:
        out.append([_heading("resume_gaps")])
        for m in gaps:
            out.append([Segment(text=f"- **{short(m.requirement, 80)}** ({_kind(m)}): "
                                     f"{render_template('resume_gap')} {m.next_step}",
                                role="gap")])
            out += _growing(m, facts)
    left_out, ignored = len(profile.job.set_aside), len(profile.job.ignored)
    if left_out or ignored:
        out.append([Segment(text=render_template(
            "profile_set_aside", instructions=" " + render_template("profile_ignored_instructions")
            if ignored else ""), role="meta")])
    return out


def _growing(m: Match, facts: dict[str, Fact]) -> list[list[Segment]]:
    """The person's own words that they are working on what a requirement asks."""
    return [[Segment(text="  - " + render_template("resume_growing"), role="meta"),
             _quote(facts[g])] for g in m.growing[:1] if g in facts]


def markdown(profile: Profile, facts: dict[str, Fact], name: str,
             story: stories.StoryDraft | None = None) -> tuple[str, list[str]]:
    """Markdown text with ``[n]`` citations and the numbered sources; returns (text, ids)."""
    return render(blocks(profile, facts, name, story), facts)


def _own_keywords(fact: Fact, m: Match) -> list[str]:
    """The user's own skill words for one cited fact: its demonstrated skill labels, and the
    matched technical term when the fact's text names it. Never the ad's wording."""
    words = [str(t["label"]) for t in fact.skills
             if t.get("polarity", "demonstrated") == "demonstrated"]
    if m.term and m.term.lower() in fact.text.lower():
        words.append(m.term)
    return list(dict.fromkeys(words))


def json_resume(profile: Profile, facts: dict[str, Fact], name: str) -> dict[str, Any]:
    """A JSON Resume document with citations in extension fields.

    Only what the evidence holds: no work history is invented (``work`` holds only the work
    the person told in their introduction, in their words, cited), no summary is written
    for the person, skills and keywords are the labels of
    the user's own cited facts, certificates come from verified credentials only. The ad,
    its requirements and the match stay in the labelled job section
    ``meta["x-talentPassport"]``.
    """
    covered = [m for m in profile.matches if m.status != "gap"]
    skills: dict[str, dict[str, Any]] = {}
    for m in covered:
        for cid in m.cites:
            fact = facts.get(cid)
            words = _own_keywords(fact, m) if fact else []
            if not words:
                continue
            entry = skills.setdefault(words[0], {"name": words[0], "keywords": [],
                                                 "x-citations": []})
            entry["keywords"] += [w for w in words if w not in entry["keywords"]]
            if cid not in entry["x-citations"]:
                entry["x-citations"].append(cid)
    certificates = []
    for cid in profile.credentials:
        fact = facts.get(cid)
        if fact is None:
            continue
        name_part, _, issuer = fact.text.partition(", issued by ")
        certificates.append({"name": name_part, "issuer": issuer or None, "date": fact.date,
                             "x-citations": [cid], "x-verified": True})
    return {
        "$schema": JSON_RESUME_SCHEMA,
        "basics": {"name": name},
        "work": [{"summary": f.text, "x-citations": [f.id]} for f in facts.values()
                 if f.kind == "introduction"],
        "skills": list(skills.values()),
        "certificates": certificates,
        "meta": {"x-talentPassport": {
            "job": {"title": profile.job.title, "ad": profile.job.text},
            "coverage": profile.coverage(),
            "requirements": [m.model_dump() for m in profile.matches],
            "ignoredInstructions": profile.job.ignored,
            "citations": {cid: {"date": f.date, "text": f.text, "source": f.source}
                          for cid, f in facts.items()
                          if any(cid in m.cites for m in covered) or cid in profile.credentials
                          or f.kind == "introduction"},
        }},
    }
