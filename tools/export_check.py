"""The faithfulness check for finished exports: Markdown, JSON, JSON Resume, HTML pages.

Every export may hold only claims the user's own facts support. The job ad and its
requirements may appear only in a clearly labelled job section: ``meta`` of JSON Resume,
``job`` / ``matches`` / ``ignored`` of the JSON result, and requirement lines of the
Markdown that carry their label ("(must-have)", "(nice-to-have)", "(duty)").

Two rules run on every other string:
- ``ad_text``: five or more consecutive words of the ad (or a whole requirement of three
  words or more) that the user's facts do not contain: the employer's words passed off
  as the candidate's.
- the lexical rules of :func:`tools.faithfulness.check_segment` (numbers, dates, titles,
  institutions, names, skills) against all of the user's facts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from tools.facts import Fact
from tools.faithfulness import Check, Segment, Violation, check_segment
from tools.job_ads import JobAd

Format = Literal["md", "json", "jsonresume", "html"]
JOB_KEYS = {"job", "matches", "ignored", "requirements", "x-citations", "sources", "citations",
            "faithfulness", "$schema", "json_resume"}
_LABELLED = re.compile(r"\*\*[^*]+\*\*\s*\((?:must-have|nice-to-have|duty)\)")
_REQ_LINE = re.compile(r"^Requirements of this ad that your own evidence covers:.*$", re.M)
_SOURCE = re.compile(r"^\s*\[\d+\]\s.*\(([A-Za-z]+_[0-9a-f]+#\d+)\)\s*$")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z0-9+#]+")
SPAN = 5
GAP_MARK = "not in your passport yet"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _grams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _strings(doc: Any, facts: Mapping[str, Fact], title: str, top: bool = True
             ) -> Iterator[str]:
    """Every string of a JSON document outside its labelled job sections (the rendered
    ``text`` of a result is read as Markdown)."""
    if isinstance(doc, str):
        yield doc
    elif isinstance(doc, Mapping):
        for key, value in doc.items():
            if key in JOB_KEYS or (top and key == "meta"):
                continue
            if key == "reply":
                continue  # the chat-sized cut of ``text``, which is checked whole
            if key == "text" and isinstance(value, str):
                yield from _text_parts(value, "md", facts, title)
            else:
                yield from _strings(value, facts, title, top=False)
    elif isinstance(doc, list):
        for value in doc:
            yield from _strings(value, facts, title, top=False)


def _text_parts(text: str, fmt: Format, facts: Mapping[str, Fact], title: str) -> list[str]:
    """Lines of a text export, without labelled requirements, the job's quoted title and
    the user's source list."""
    if fmt == "html":
        text = html.unescape(_TAG.sub("\n", text))
    text = text.replace(title, "\u201cthe job\u201d")
    out = []
    for line in _REQ_LINE.sub("", text).splitlines():
        if _LABELLED.search(line) and GAP_MARK in line:
            continue  # an honest gap: the ad's requirement and its next step
        line = _LABELLED.sub("", line)
        source = _SOURCE.match(line)
        if line.strip() and not (source and source.group(1) in facts):
            out.append(line)
    return out


def _ad_spans(part: str, ad_grams: set[tuple[str, ...]], ad_reqs: list[list[str]],
              fact_text: str) -> list[str]:
    words = _words(part)
    found = [" ".join(g) for g in _grams(words, SPAN) & ad_grams]
    joined = " ".join(words)
    found += [" ".join(r) for r in ad_reqs if len(r) >= 3 and f" {' '.join(r)} " in f" {joined} "]
    return sorted({f for f in found if f not in fact_text})


def check_export(content: Any, fmt: Format, facts: Mapping[str, Fact], job: JobAd,
                 name: str = "") -> Check:
    """Check one finished export against one user's facts and the ad it was made for.

    Args:
        content: the export (a JSON document for ``json`` and ``jsonresume``, else text).
        fmt: ``md``, ``json``, ``jsonresume`` or ``html`` (the page and share links).
        facts: this user's facts by id.
        job: the parsed ad.
        name: the person's display name (the one thing an export may say that no fact
            holds); the job title may be named too, as the job's.

    Returns:
        The check; ``ok`` is False when any string outside the labelled job section
        quotes the ad or makes a claim the facts do not support.
    """
    title = f"\u201c{job.title}\u201d" if job.title else "\u201cthis job\u201d"
    parts = list(_strings(content, facts, title)) if fmt in ("json", "jsonresume") else \
        _text_parts(str(content), fmt, facts, title)
    fact_text = " ".join(" ".join(_words(f.support())) for f in facts.values())
    support = " ".join([name, job.title, *(f.support() for f in facts.values())])
    ad_grams = _grams(_words(job.text), SPAN)
    ad_reqs = [_words(r.text) for r in job.requirements + job.duties]
    out: list[Violation] = []
    for i, part in enumerate(parts):
        spans = _ad_spans(part, ad_grams, ad_reqs, fact_text)
        if spans:
            out.append(Violation(segment=i, text=part, rule="ad_text", detail=spans[0]))
        for problem in check_segment(Segment(text=part, role="claim"), support):
            rule, _, detail = problem.partition(":")
            out.append(Violation(segment=i, text=part, rule=f"unsupported_{rule}",
                                 detail=detail))
    return Check(ok=not out, segments=len(parts), violations=out)
