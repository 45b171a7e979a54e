"""The faithfulness checker: every sentence maps to the user's facts, nothing is invented.

One checker for offline and LLM text. A draft is a list of segments (sentence, cited fact ids,
role). A ``claim`` must cite at least one fact of this user, and may contain no number, date,
month, proper name, acronym, job title, institution, degree or skill term that its cited facts
(text, date, source label, skill labels) do not contain. ``gap`` and ``requirement`` segments
talk about the job ad, so the ad is their only support; ``question``, ``heading`` and ``meta``
segments support nothing, so they may contain no such term at all. Free text (an LLM reply)
is parsed into claim segments with ``[n]`` markers pointing into a numbered source list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, Field

from tools.facts import Fact

Role = Literal["claim", "question", "heading", "gap", "requirement", "meta"]


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


NUMBER_WORDS = _set("two three four five six seven eight nine ten eleven twelve fifteen "
                    "twenty thirty forty fifty hundred thousand million billion dozen twice")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
TITLES = _set("phd ph.d doctorate doctoral doctor dr msc mba bsc master's masters bachelor "
              "bachelor's degree diploma graduate engineer manager director lead head senior "
          "junior principal chief ceo cto cfo vp president founder cofounder co-founder "
          "professor lecturer developer architect analyst consultant specialist officer "
          "supervisor intern expert certified licensed veteran")
INSTITUTIONS = _set("university universities college school institute academy bootcamp company "
                "corporation inc ltd gmbh llc agency ministry hospital")
TECH = _set("python java javascript typescript sql postgres postgresql mysql kubernetes docker aws "
        "azure gcp linux excel tableau react node.js golang rust c++ c# php ruby scala spark "
        "hadoop terraform git jira salesforce sap figma photoshop matlab tensorflow pytorch "
        "kotlin swift html css django flask fastapi airflow snowflake powerbi zendesk")
# Capitalised words our own templates use; anything else capitalised needs support.
COMMON = _set("i i'm i've i'd you your you're we our it its this that these those the a an "
              "and or but so if when what which who how why where here there my me he she "
              "they them their his her no not yes next then also only just one story star "
              "situation task action result learning strengths strength growth areas area "
              "sources source verified credential reflection gap gaps covered transferable "
              "summary headline skills skill evidence matched matches must-have nice-to-have "
              "requirement requirements profile stories chosen honest not stated yet "
              "write tell add try take build show keep practise practice ask describe "
              "note is are was were be been have has had do does did will would can could "
              "from for with of in on at to by as about after before over under week "
              "title draft saved edit save related similar via because through based "
              "quote quotes mentioned mention candidate job ad role tailored markdown json "
              "ok okay sure great thanks thank well done nice good here's let's backed "
              "none all any each every some more most less")

_CITE = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
_FACT_CITE = re.compile(r"\s*\[\[?([A-Za-z]+_[0-9a-f]+#\d+)\]?\]")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.+#&-]*[A-Za-z0-9+#]|[A-Za-z]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


class Segment(BaseModel):
    """One sentence of a derived text, with the facts it cites and what kind of sentence."""

    text: str
    cites: list[str] = Field(default_factory=list)
    role: Role = "claim"
    quiet: bool = Field(default=False, description="checked, but its markers are not shown")


class Violation(BaseModel):
    """One broken rule in one segment."""

    segment: int
    text: str
    rule: str
    detail: str = ""


class Check(BaseModel):
    """The result of checking one draft."""

    ok: bool
    segments: int
    violations: list[Violation] = Field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").lower())


def _words(text: str) -> list[str]:
    return [w.strip(".'-") for w in _WORD.findall(text.replace("’", "'"))]


def _numbers(text: str) -> set[str]:
    """Numbers in a text; an ISO date counts as one token (its parts are not numbers)."""
    found = set(_DATE.findall(text))
    text = _DATE.sub(" ", text)
    found |= {n.replace(",", "").lstrip("0") or "0" for n in _NUMBER.findall(text)}
    low = _norm(text)
    found |= {w for w in NUMBER_WORDS if re.search(rf"\b{w}\b", low)}
    return found


def _support_numbers(support: str) -> set[str]:
    """Numbers a support text allows: its own, and the year and month name of its dates."""
    nums = _numbers(support)
    for year, month, _ in re.findall(r"(\d{4})-(\d{2})-(\d{2})", support):
        nums.add(year)
        nums.add(MONTHS[int(month) - 1] if 1 <= int(month) <= 12 else "")
    return nums


def _has(term: str, support_low: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(term)}", support_low) is not None


def check_segment(seg: Segment, support: str, skill_terms: Iterable[str] = ()) -> list[str]:
    """The rules one segment breaks against its support text (empty list when faithful)."""
    text = _FACT_CITE.sub("", _CITE.sub("", seg.text))
    text = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", text)  # list markers are layout
    text = re.sub(r"[*_`#>]", " ", text)
    low, sup = _norm(text), _norm(support)
    problems: list[str] = []
    sup_nums = _support_numbers(sup)
    for n in sorted(_numbers(text) - sup_nums):
        problems.append(f"number:{n}")
    words = _words(text)
    for w in set(words):
        wl = w.lower()
        if wl in MONTHS and w[0].isupper() and wl not in sup_nums and not _has(wl, sup):
            problems.append(f"date:{w}")
        elif wl in TITLES and not _has(wl, sup):
            problems.append(f"title:{w}")
        elif wl in INSTITUTIONS and not _has(wl, sup):
            problems.append(f"institution:{w}")
        elif wl in TECH and not _has(wl, sup):
            problems.append(f"skill:{w}")
        elif (w[0].isupper() or sum(c.isupper() for c in w) >= 2) and wl not in COMMON \
                and wl not in MONTHS and not _has(wl, sup):
            problems.append(f"name:{w}")
    for term in skill_terms:
        t = _norm(term)
        if len(t) > 3 and _has(t, low) and not _has(t, sup):
            problems.append(f"skill:{term}")
    return sorted(set(problems))


def check_segments(segments: Sequence[Segment], facts: Mapping[str, Fact], job_text: str = "",
                   skill_terms: Iterable[str] = ()) -> Check:
    """Check a structured draft against one user's facts.

    Args:
        segments: the draft, sentence by sentence.
        facts: this user's facts by id (another user's ids are unknown here).
        job_text: the job ad, the only support of ``gap`` and ``requirement`` segments.
        skill_terms: skill labels worth checking (the job's requirements, the user's tags).

    Returns:
        The check, with every violation found.
    """
    terms = sorted({t for t in skill_terms if t})
    out: list[Violation] = []
    for i, seg in enumerate(segments):
        if not seg.text.strip():
            continue
        unknown = [c for c in seg.cites if c not in facts]
        for c in unknown:
            out.append(Violation(segment=i, text=seg.text, rule="unknown_citation", detail=c))
        if seg.role == "claim":
            if not seg.cites:
                out.append(Violation(segment=i, text=seg.text, rule="uncited"))
            support = " ".join(facts[c].support() for c in seg.cites if c in facts)
        elif seg.role in ("gap", "requirement"):
            support = job_text
        else:
            support = ""
        for p in check_segment(seg, support, terms):
            rule, _, detail = p.partition(":")
            out.append(Violation(segment=i, text=seg.text, rule=f"unsupported_{rule}",
                                 detail=detail))
    return Check(ok=not out, segments=len(segments), violations=out)


def parse_text(text: str, sources: Sequence[str]) -> list[Segment]:
    """Split free text (an LLM reply) into segments; ``[n]`` cites ``sources[n-1]``.

    Sentences ending in "?" are questions; lines starting with "#" are headings; the
    numbered source list itself (lines like ``[1] 2026-11-03 ...``) is dropped, since the
    caller rebuilds it from the facts.
    """
    segments: list[Segment] = []
    for line in text.splitlines():
        if re.match(r"^\s*\[\d+\]\s", line) or not line.strip():
            continue
        if re.match(r"^\s*#{1,6}\s", line):
            segments.append(Segment(text=line, role="heading"))
            continue
        for sent in _sentences_with_cites(line):
            cites = []
            for group in _CITE.findall(sent):
                for n in group.split(","):
                    k = int(n) - 1
                    cites.append(sources[k] if 0 <= k < len(sources) else f"[{n.strip()}]")
            cites += _FACT_CITE.findall(sent)
            role: Role = "question" if sent.rstrip().endswith("?") and not cites else "claim"
            segments.append(Segment(text=sent, cites=cites, role=role))
    return segments


def _sentences_with_cites(line: str) -> list[str]:
    """Sentences of one line, each keeping the citation markers that follow it."""
    pieces = re.split(r"((?<=[.!?])(?:\s*\[\d+(?:\s*,\s*\d+)*\])*)\s+(?=[A-Z\"“*(\-])", line)
    out: list[str] = []
    for k in range(0, len(pieces), 2):
        sent = pieces[k] + (pieces[k + 1] if k + 1 < len(pieces) else "")
        if sent.strip():
            out.append(sent.strip())
    return out


def check_text(text: str, sources: Sequence[str], facts: Mapping[str, Fact],
               skill_terms: Iterable[str] = ()) -> Check:
    """Check free text whose ``[n]`` markers point into ``sources`` (fact ids)."""
    return check_segments(parse_text(text, sources), facts, skill_terms=skill_terms)
