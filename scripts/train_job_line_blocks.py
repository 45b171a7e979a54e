"""Train the second-look head of job ads (``tools.job_line_blocks``): of the lines the
parser keeps, which are company or benefit text read in their block?

Data: the tuning postings of SkillSpan dev (never the aside third, see
``evals/skillspan_ads.py``). Each tuning posting is parsed with the skill-line model and the
line-kind head fitted on the *other two folds* of postings (so every feature of a line is
out of fold, as it will be on a new ad), with the second look switched off. Every line the
parser keeps is a row: skill-bearing lines are ``keep``, board-labelled or hand-labelled
benefit and company lines (``benefit_company_lines``) are ``aside``; other lines are left
out. A two-class head (``tools.understanding.head``) is fitted; its threshold is the
highest one that, in 3-fold cross-validation over tuning postings (lines that open with a
verb of doing always kept, as in the parser), still keeps ``KEEP_OF_KEPT`` of the skill
lines the parser kept. The tuning part of the written ads (``evals/written_ads.py``) is
parsed the same way, out of fold, and reported; ``TRAIN_ON_WRITTEN`` says whether it is
trained on too. Writes
``tools/data/job_line_blocks.npz`` and prints the cross-validated counts and its SHA-256.

Run: ``nice -n 10 .venv/bin/python scripts/train_job_line_blocks.py`` (about a minute on 2
cores; embeddings are cached by the two other training scripts under /tmp).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_job_line_kinds as kinds_script  # noqa: E402
import train_job_lines as skill_script  # noqa: E402
from train_job_line_kinds import WRITTEN_GROUP  # noqa: E402

from evals.skillspan_ads import Posting, benefit_company_lines, load_postings, split  # noqa: E402
from evals.written_ads import FIRM, KEEP, WrittenAd, kind_of, load_ads  # noqa: E402
from evals.written_ads import split as written_ads_split  # noqa: E402
from tools import job_ads, job_line_blocks  # noqa: E402
from tools.job_lines import (  # noqa: E402
    KINDS_WEIGHTS,
    threshold,
    trained_models,
)
from tools.understanding.head import Head, fit  # noqa: E402

KEEP_OF_KEPT = 0.99
# The written ads' tuning rows are read out of fold and reported; training on them too kept
# more benefit/company lines of the postings in cross-validation (46 of 72 against 43, the
# written ads' 16 of 25 either way), so they are not trained on.
TRAIN_ON_WRITTEN = False
STEPS, L2 = 1000, 0.03  # chosen by the same cross-validation


@lru_cache(maxsize=1)
def _fold_models() -> list[tuple[tuple[np.ndarray, float], tuple[Head, float]]]:
    """Per fold, the skill-line model and the line-kind head fitted on the other folds,
    each with its committed threshold (chosen by those scripts' own cross-validation)."""
    tuning, _aside = split(load_postings())
    x, y, group = skill_script._xy(tuning)
    _lines, labels, kgroup, kx, _posting = kinds_script.training_rows()
    skill_min = threshold()
    with np.load(KINDS_WEIGHTS, allow_pickle=False) as data:
        keep_min = float(data["threshold"])
    out = []
    for fold in range(3):
        w = skill_script.fit(x[group % 3 != fold], y[group % 3 != fold])
        train = kgroup % 3 != fold
        head = fit(kx[train], [k for k, t in zip(labels, train, strict=True) if t],
                   steps=kinds_script.STEPS, l2=kinds_script.L2)
        out.append(((w.astype(np.float32), skill_min), (head, keep_min)))
    return out


Labeller = Callable[[int, str], str]


def _parsed_rows(ads: list[tuple[int, str, Labeller]]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """(features, label, group) of every line the parser keeps without the second look.

    Args:
        ads: (group, text, labeller) per ad: the ad is parsed with the models fitted on the
            folds other than ``group % 3``; the labeller gives a line (number, text) its
            label, ``keep`` or ``aside``, or "" to leave it out.
    """
    models = _fold_models()
    feats: list[np.ndarray] = []
    labels: list[str] = []
    group: list[int] = []
    for n, text, label_of in ads:
        with trained_models(*models[n % 3]):
            _ad, placed = job_ads.placed_lines(text)
            reasons, rows = job_ads.first_look(placed)
        for (number, line, _section), reason, row in zip(placed, reasons, rows, strict=True):
            label = label_of(number, line)
            if reason is None and label:
                feats.append(row)
                labels.append(label)
                group.append(n)
    return np.array(feats), labels, np.array(group)


def _posting_labeller(post: Posting) -> Labeller:
    other = benefit_company_lines(post)
    return lambda number, _line: ("keep" if post.skill[number - 1] else
                                  "aside" if number in other else "")


def _ad_labeller(ad: WrittenAd) -> Labeller:
    def label(number: int, line: str) -> str:
        kind = kind_of(ad, number, line)
        return "keep" if kind in KEEP else ("aside" if kind in FIRM else "")
    return label


def kept_rows() -> tuple[np.ndarray, list[str], np.ndarray]:
    """(features, label, posting number) of every line the parser keeps without the second
    look, in the tuning postings that carry a label (skill, benefit or company)."""
    tuning, _aside = split(load_postings())
    return _parsed_rows([(n, "\n".join(post.lines), _posting_labeller(post))
                         for n, post in enumerate(tuning)])


def written_rows() -> tuple[np.ndarray, list[str], np.ndarray]:
    """(features, label, group) of every line the parser keeps without the second look in
    the tuning part of the written ads (``evals/written_ads.py``): requirement and duty
    lines are ``keep``, benefit and company lines ``aside``. The skill-line model and the
    line-kind head fitted on the other folds give their features, as for a new ad."""
    tuning, _aside = written_ads_split(load_ads())
    return _parsed_rows([(WRITTEN_GROUP + m, ad.text(), _ad_labeller(ad))
                         for m, ad in enumerate(tuning)])


def _count(hits: np.ndarray) -> str:
    return f"{int(hits.sum())}/{len(hits)}"


def main() -> None:
    """Cross-validate the threshold over tuning postings, fit, write the head."""
    x, labels, group = kept_rows()
    if not labels:
        raise SystemExit("../shared/evals/skills/skillspan is missing; nothing to train on.")
    xw, wlabels, wgroup = written_rows()
    posting = np.array([True] * len(labels) + [False] * len(wlabels))
    x, labels, group = np.vstack([x, xw]), labels + wlabels, np.concatenate([group, wgroup])
    train = posting | TRAIN_ON_WRITTEN
    keep = np.zeros(len(labels))
    for fold in range(3):
        test = group % 3 == fold
        fold_train = train & ~test
        head = fit(x[fold_train], [k for k, t in zip(labels, fold_train, strict=True) if t],
                   steps=STEPS, l2=L2)
        keep[test] = job_line_blocks.keep_probabilities(x[test], head)
    is_skill = np.array([k == "keep" for k in labels])
    grid = np.linspace(0.01, 0.6, 60)
    ok = [t for t in grid if (keep[is_skill & posting] >= t).mean() >= KEEP_OF_KEPT]
    cut = float(max(ok)) if ok else 0.0
    head = fit(x[train], [k for k, t in zip(labels, train, strict=True) if t],
               steps=STEPS, l2=L2)
    kept = keep >= cut
    report = {
        "kept_lines": int(train.sum()), "threshold": round(cut, 3),
        "cv_skill_lines_kept": _count(kept[is_skill & posting]),
        "cv_benefit_company_still_kept": _count(kept[~is_skill & posting]),
        "cv_written_requirement_duty_kept": _count(kept[is_skill & ~posting]),
        "cv_written_benefit_company_still_kept": _count(kept[~is_skill & ~posting]),
    }
    sha = head.save(job_line_blocks.WEIGHTS, threshold=np.array(cut, dtype=np.float32))
    print(json.dumps(report | {"sha256": sha}))


if __name__ == "__main__":
    main()
