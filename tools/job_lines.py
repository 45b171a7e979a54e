"""The learned line decisions for job ads: does a line name a skill, and what kind is it?

Two heads over one sentence embedding (``memory.embeddings``) per line:
- a logistic regression (plus a few surface features) that says whether a line names a
  skill or knowledge, trained by ``scripts/train_job_lines.py``
  (``tools/data/job_lines.json``);
- a softmax line-kind head (``keep``, ``company``, ``benefit``, ``application``) that sets
  aside company, benefit and application text in any wording, trained by
  ``scripts/train_job_line_kinds.py`` (``tools/data/job_line_kinds.npz``).
Both were trained on the tuning part of real postings only. Headings, metadata shapes and
instruction-like lines are decided by rules in :mod:`tools.job_ads` before this runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from memory.embeddings import get_embedder
from tools.understanding.head import Head

WEIGHTS = Path(__file__).parent / "data" / "job_lines.json"
KINDS_WEIGHTS = Path(__file__).parent / "data" / "job_line_kinds.npz"
KINDS = ("application", "benefit", "company", "keep")
_VERB_START = re.compile(r"^(?:you(?:'ll| will)|we(?:'re| are) looking|must|should|"
                         r"experience|knowledge|ability|proven|strong|good|excellent|"
                         r"familiar|understanding|degree)\b", re.I)


def features(lines: list[str], vecs: np.ndarray) -> np.ndarray:
    """Embedding plus surface features: length, a requirement-like opening, a placeholder."""
    extra = np.array([[min(len(line.split()), 40) / 40,
                       float(bool(_VERB_START.search(line))),
                       float(line.count("<") / max(len(line.split()), 1))]
                      for line in lines], dtype=np.float32).reshape(len(lines), 3)
    return np.hstack([np.asarray(vecs, dtype=np.float32), extra])


_WE = re.compile(r"\b(?:we|our|us|ours|we're|we've)\b", re.I)
_YOU = re.compile(r"\b(?:you|your|you'll|you're|you've)\b", re.I)
_NEEDS = re.compile(r"\b(?:experience|knowledge|skills?|ability|able|degree|proficien\w*|"
                    r"familiar\w*|must|required|essential)\b", re.I)


# The organisation as the subject of the line: "The Department of Law is one of ...",
# "About <ORGANIZATION> ... is a medical research organization", "The Centre collaborates".
_ORG_SUBJECT = re.compile(
    r"^(?:(?:about|who we are|background|the (?:research )?project)\b[\w<>() ]{0,60}?\s)?"
    r"(?:(?:the|this|our|its|an?)\s+(?:[\w<>()-]+\s+){0,5}?(?:department|centre|center|lab|"
    r"laboratory|group|section|faculty|university|institute|school|partnership|programme|"
    r"program|project|hub|organi[sz]ation|company|firm|team|unit|division|business|"
    r"collaboration)|(?:the\s+)?<organization>(?:\s+<organization>)*)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:is|are|was|were|has|have|had|will|\w+s|\w+ed)\b", re.I)
_CANDIDATE = re.compile(r"\b(?:candidate|applicant|you(?:'ll| will) (?:be|work|lead|need|have)|"
                        r"will be expected|looking|seeking|hiring|searching)\b", re.I)


def org_subject(line: str) -> bool:
    """Whether a line speaks of the organisation in the third person, not of the reader."""
    return bool(_ORG_SUBJECT.search(line)) and not _CANDIDATE.search(line)


NEUTRAL_CONTEXT = (0.5, 0.25, 0.0)  # a line seen alone: mid-ad, no "we" around it


def context_features(lines: list[str]) -> np.ndarray:
    """Where each line stands in its ad and who its neighbours speak of.

    Company text clusters at the start and the end of an ad and comes in blocks about
    "we": per line, its relative position, its distance to the nearer end, and the share of
    "we/our" words in the two lines before and after it.

    Args:
        lines: the ad's lines in order.

    Returns:
        One row of three features per line.
    """
    last = max(len(lines) - 1, 1)
    we = [len(_WE.findall(line)) / max(len(line.split()), 1) for line in lines]
    rows = []
    for i in range(len(lines)):
        near = [we[j] for j in range(max(0, i - 2), min(len(lines), i + 3)) if j != i]
        rows.append([i / last, min(i, len(lines) - 1 - i) / last,
                     5 * float(np.mean(near)) if near else 0.0])
    return np.array(rows, dtype=np.float32).reshape(len(lines), 3)


def kind_features(lines: list[str], vecs: np.ndarray, context: np.ndarray | None = None
                  ) -> np.ndarray:
    """Embedding plus who a line speaks of: the firm ("we", "our", a name placeholder, the
    organisation as subject), the reader ("you"), whether it names a need ("experience",
    "must"), and where it stands in the ad (:func:`context_features` of ``lines`` unless
    ``context`` is given)."""
    extra = []
    for line in lines:
        words = max(len(line.split()), 1)
        extra.append([5 * len(_WE.findall(line)) / words, 5 * len(_YOU.findall(line)) / words,
                      3 * line.count("<ORGANIZATION>") / words, float(bool(_NEEDS.search(line))),
                      min(words, 40) / 40, float(org_subject(line))])
    where = context_features(lines) if context is None else context
    return np.hstack([np.asarray(vecs, dtype=np.float32),
                      np.array(extra, dtype=np.float32).reshape(len(lines), 6), where])


@dataclass
class _Training:
    skill: tuple[np.ndarray, float] | None = None
    kinds: tuple[Head, float] | None = None


_TRAINING = _Training()


@contextmanager
def trained_models(skill: tuple[np.ndarray, float], kinds_head: tuple[Head, float]
                   ) -> Iterator[None]:
    """Use other weights than the committed ones inside the block (cross-validation in the
    training scripts: models fitted on the other folds).

    Args:
        skill: the skill-line weights (bias last) and threshold.
        kinds_head: the line-kind head and its keep threshold.
    """
    _TRAINING.skill, _TRAINING.kinds = skill, kinds_head
    try:
        yield
    finally:
        _TRAINING.skill = _TRAINING.kinds = None


def _model() -> tuple[np.ndarray, float]:
    return _TRAINING.skill or _committed()


@lru_cache(maxsize=1)
def _committed() -> tuple[np.ndarray, float]:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return np.asarray(data["weights"], dtype=np.float32), float(data["threshold"])


def threshold() -> float:
    """The trained decision threshold (probability)."""
    return _model()[1]


def _kinds_model() -> tuple[Head, float]:
    return _TRAINING.kinds or _committed_kinds()


@lru_cache(maxsize=1)
def _committed_kinds() -> tuple[Head, float]:
    head = Head.load(KINDS_WEIGHTS)
    with np.load(KINDS_WEIGHTS, allow_pickle=False) as data:
        return head, float(data["threshold"])


def embed_lines(lines: list[str]) -> np.ndarray:
    """One sentence embedding per line (rows), for :func:`skill_scores` and :func:`kinds`."""
    return np.asarray(get_embedder().embed(lines)) if lines else np.zeros((0, 384))


def skill_scores(lines: list[str], vecs: np.ndarray | None = None) -> list[float]:
    """Probability that each line names a skill or knowledge a job needs.

    Args:
        lines: ad lines, verbatim.
        vecs: their embeddings (:func:`embed_lines`), computed when not given.

    Returns:
        One probability per line, in order (empty for no lines).
    """
    if not lines:
        return []
    w, _ = _model()
    x = features(lines, embed_lines(lines) if vecs is None else vecs)
    return [float(p) for p in 1 / (1 + np.exp(-(x @ w[:-1] + w[-1])))]


def kind_probabilities(lines: list[str], vecs: np.ndarray) -> np.ndarray:
    """The line-kind head's probabilities, one row per line, columns :data:`KINDS`.

    Args:
        lines: the ad's lines, verbatim and in order (their order is a feature).
        vecs: their embeddings (:func:`embed_lines`).

    Returns:
        A (lines x kinds) array.
    """
    if not lines:
        return np.zeros((0, len(KINDS)))
    head, _ = _kinds_model()
    return np.asarray(head.probabilities(kind_features(lines, vecs)))


def kinds(probs: np.ndarray) -> list[str]:
    """The kind of each line: ``keep`` (a requirement or duty), or the reason to set it
    aside (``company``, ``benefit``, ``application``) when the head is sure enough.

    Args:
        probs: :func:`kind_probabilities` of the ad's lines.

    Returns:
        One kind per line, in order.
    """
    head, keep_min = _kinds_model()
    keep = head.labels.index("keep")
    out: list[str] = []
    for row in probs:
        if row[keep] >= keep_min:
            out.append("keep")
        else:
            others = [k for k in range(len(row)) if k != keep]
            out.append(head.labels[max(others, key=lambda k: float(row[k]))])
    return out
