"""The second look at a job ad's kept lines: does the line, in its block, ask something of
the reader, or does it tell what the reader gets or who the firm is?

The line-kind head (:mod:`tools.job_lines`) judges each line by itself at a threshold that
keeps nearly every skill line, so long company and benefit paragraphs in an ad's own words
pass it. This head reads each line that is still kept together with:
- the line-kind probabilities of the line and of its neighbours (company text comes in
  blocks: a line between lines the head doubts is doubtful too);
- whether the line names a skill (:func:`tools.job_lines.skill_scores`);
- what the reader *gets* ("you will gain / meet / be offered", a career, a package, a
  dynamic environment) against what the reader *does or brings* ("you will develop",
  "we are looking for", "if you have");
- statements about the organisation in the past or present perfect ("has developed",
  "was established in 2015", "over the past 25 years") and its people in numbers;
- the section the line stands in and its length.

A logistic head (:mod:`tools.understanding.head`, two classes) over these features is
trained by ``scripts/train_job_line_blocks.py`` on the lines the parser keeps in the tuning
postings, with every other feature computed out of fold; it writes
``tools/data/job_line_blocks.npz`` with the threshold chosen by cross-validation.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from tools import job_ad_rules as rules
from tools.job_lines import KINDS, org_subject
from tools.skills.frameworks import BUILTIN_DIR, FILES, read_jsonl_gz
from tools.understanding.head import Head

WEIGHTS = Path(__file__).parent / "data" / "job_line_blocks.npz"
SECTIONS = ("must", "nice", "duty", "stack", "company", None)
WIDTH = 30  # features per line
FEATURE_INDEX = {"keep": 0, "company": 1, "benefit": 2}  # log line-kind probabilities
DOES = WIDTH - 2  # column of :func:`_does`' first feature: the line says what is done

_REWARD = re.compile(
    r"\b(?:opportunit\w*|career|package|salary|pension|bonus|benefits?|holidays?|learning "
    r"curve|development plan|atmosphere|culture|colleagues|flexib\w*|environment|"
    r"challenging|exciting|dynamic|friendly|inspiring|enthusiastic|great|attractive|"
    r"competitive|offered|offers?|prospect|appointed|terms|we invest|you will get|growth|"
    r"rewarding)\b", re.I)
_GETS = re.compile(
    r"\byou(?:'ll| will| can)? (?:(?:also )?(?:get|gain|enjoy|experience|meet|join|become|"
    r"be part of|be offered|have the (?:advantage|opportunity|chance)|have an?|be trusted|"
    r"take off|learn|grow|receive|benefit))\b|\b(?:by joining|when you join|being a part|"
    r"what makes|part of an?)\b", re.I)
_ORG = re.compile(
    r"\b(?:founded|established|offices?|employees|staff members|professionals|countries|"
    r"headquarter\w*|global|world'?s|leading|mission|since|over the (?:past|last)|"
    r"has (?:been|developed|grown|become)|have been|was (?:established|founded)|"
    r"more than \d+|\d+ (?:years|people|countries|employees|academics))\b", re.I)
_YOU_DO = re.compile(
    r"\byou(?:'ll| will)(?: also)? (?:be (?:responsible|expected|working on|involved|leading|"
    r"in charge)|develop|manage|work on|lead|design|build|support|deliver|ensure|drive|own|"
    r"create|coordinate|analy[sz]e|maintain|implement|write|report|conduct|perform|plan|"
    r"provide|need|have (?:a|an)? ?(?:degree|experience|knowledge))", re.I)
_SEEK = re.compile(
    r"\b(?:looking for|seeking|seeks|hiring|recruiting|if you|you are|you have|you'll need|"
    r"we need|we want|we expect|your (?:tasks|role|job|responsibilit\w+) )", re.I)
_PAST = re.compile(
    r"\b(?:has|have) (?:been|developed|grown|become|established|built|achieved)\b|"
    r"\b(?:was|were) (?:established|founded|awarded|chosen|created)\b|\bsince \d|"
    r"\bin (?:19|20)\d\d\b|\bover the (?:past|last)\b", re.I)
# The job itself as the subject: "The job is daily cleaning of rooms", "Your role involves".
_JOB_IS = re.compile(r"^(?:the|this|your) (?:job|role|work|position|post) (?:is|involves|"
                     r"includes|consists of|covers|will (?:be|involve|include))\b"
                     r"(?! (?:based|located|full|part|permanent|temporary|offered|funded|open|"
                     r"available|established|part of|an? (?:full|part|permanent|temporary|"
                     r"fixed|great|unique|exciting)))", re.I)
_YOU_VERB = re.compile(r"\byou(?:'ll| will| would| are to)(?: also| be able to)? ([a-z-]+)", re.I)
_WE = re.compile(r"\b(?:we|our|us)\b", re.I)
_YOU = re.compile(r"\b(?:you|your)\b", re.I)


@lru_cache(maxsize=1)
def skill_verbs() -> frozenset[str]:
    """Words that open ESCO skill labels (built in) far more often than knowledge labels:
    the verbs of what a person does ("record", "support", "build", "work")."""
    skill: Counter[str] = Counter()
    knowledge: Counter[str] = Counter()
    for row in read_jsonl_gz(BUILTIN_DIR / FILES["esco"]):
        counts = skill if row.get("type") == "skill/competence" else knowledge
        counts.update(label.split()[0].lower() for label in [row["label"], *row.get("alt", [])]
                      if label.split())
    return frozenset(w for w, n in skill.items() if n >= 5 and n > 4 * knowledge[w])


# Verbs of what the reader gets, not does: "Receive a uniform", "Join our pension scheme".
_REWARD_VERBS = frozenset({"receive", "get", "gain", "join", "take", "grow", "learn", "have",
                           "come", "enjoy", "earn", "benefit", "access", "become", "be"})


def opens_with_deed(text: str) -> bool:
    """Whether a line opens with a verb of doing ("Manage the events budget ...",
    "Reporting any changes ..."), not of getting ("Receive a free uniform")."""
    first = re.match(r"[a-z-]+", rules.strip_bullet(text).lower())
    return first is not None and first.group(0) in skill_verbs() and \
        first.group(0) not in _REWARD_VERBS


def _does(text: str) -> list[float]:
    """Whether the line says what is done: it opens with a verb of doing ("Record care
    notes ...") or has the job as its subject ("The job is daily cleaning of rooms"); and
    whether "you will" goes on with a verb of doing ("you will carry out ...")."""
    bare = rules.strip_bullet(text)
    first = re.match(r"[a-z-]+", bare.lower())
    after = _YOU_VERB.search(text)
    verbs = skill_verbs()
    return [float((first is not None and first.group(0) in verbs) or bool(_JOB_IS.match(bare))),
            float(after is not None and after.group(1).lower() in verbs)]


def _cues(text: str) -> list[float]:
    """What a line says by its words: rewards, who acts, the firm's history, its cues."""
    words = max(len(text.split()), 1)
    return [float(bool(_REWARD.search(text))), 5 * len(_REWARD.findall(text)) / words,
            float(bool(_GETS.search(text))), float(bool(_ORG.search(text))),
            float(bool(_YOU_DO.search(text))), float(bool(rules.REQUIREMENT_CUE.search(text))),
            float(bool(rules.MUST_CUE.search(text))), float(org_subject(text)),
            5 * len(_WE.findall(text)) / words, 5 * len(_YOU.findall(text)) / words,
            3 * text.count("<ORGANIZATION>") / words, min(words, 40) / 40]


def features(texts: list[str], sections: list[str | None], kind_probs: np.ndarray,
             skill: list[float]) -> np.ndarray:
    """One feature row per placed line of an ad, in the ad's order.

    Args:
        texts: the placed lines (after headings are taken out), in order.
        sections: the section each line stands in (``None`` outside any).
        kind_probs: the line-kind head's probabilities, one row per line (columns
            ``tools.job_lines.KINDS``).
        skill: the skill-line probability of each line.

    Returns:
        A float32 array, one row per line.
    """
    n = len(texts)
    keep = kind_probs[:, KINDS.index("keep")] if n else np.zeros(0)
    rows = []
    for i, text in enumerate(texts):
        near = [float(keep[j]) for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < n]
        beside = [float(keep[j]) for j in (i - 1, i + 1) if 0 <= j < n]
        row = [float(np.log(kind_probs[i, KINDS.index(k)] + 1e-3))
               for k in ("keep", "company", "benefit")]
        row += [skill[i], float(np.mean(near)) if near else 0.5,
                min(beside, default=0.5), max(beside, default=0.5)]
        row += _cues(text) + [i / max(n - 1, 1), float(bool(_SEEK.search(text))),
                              float(bool(_PAST.search(text)))]
        row += [float(sections[i] == s) for s in SECTIONS] + _does(text)
        rows.append(row)
    return np.array(rows, dtype=np.float32).reshape(n, WIDTH)


@lru_cache(maxsize=1)
def _model() -> tuple[Head, float] | None:
    if not WEIGHTS.exists():
        return None
    with np.load(WEIGHTS, allow_pickle=False) as data:
        return Head.load(WEIGHTS), float(data["threshold"])


def keep_probabilities(rows: np.ndarray, head: Head | None = None) -> np.ndarray:
    """The probability that each line (a row of :func:`features`) is a requirement or duty.

    A line that says what is done (it opens with a verb of doing, "Record care notes ...",
    or the job is its subject, "The job is daily cleaning ...") is kept (1.0) whatever its
    block.

    Args:
        rows: :func:`features` of an ad's lines.
        head: the head to use (default: the committed one; none trained: all ones).

    Returns:
        One probability per row.
    """
    model = (head, 0.0) if head is not None else _model()
    if model is None or not len(rows):
        return np.ones(len(rows))
    probs = model[0].probabilities(rows)[:, model[0].labels.index("keep")]
    return np.where(rows[:, DOES] > 0, 1.0, probs)


def threshold() -> float:
    """The trained keep threshold (0 when no head is trained)."""
    model = _model()
    return model[1] if model else 0.0
