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
lines the parser kept. Writes
``tools/data/job_line_blocks.npz`` and prints the cross-validated counts and its SHA-256.

Run: ``nice -n 10 .venv/bin/python scripts/train_job_line_blocks.py`` (about a minute on 2
cores; embeddings are cached by the two other training scripts under /tmp).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_job_line_kinds as kinds_script  # noqa: E402
import train_job_lines as skill_script  # noqa: E402

from evals.skillspan_ads import benefit_company_lines, load_postings, split  # noqa: E402
from tools import job_ads, job_line_blocks  # noqa: E402
from tools.job_lines import (  # noqa: E402
    KINDS_WEIGHTS,
    NEUTRAL_CONTEXT,
    kind_features,
    threshold,
    trained_models,
)
from tools.understanding.head import Head, fit  # noqa: E402

KEEP_OF_KEPT = 0.99
STEPS, L2 = 1000, 0.03  # chosen by the same cross-validation


def _fold_models() -> list[tuple[tuple[np.ndarray, float], tuple[Head, float]]]:
    """Per fold, the skill-line model and the line-kind head fitted on the other folds,
    each with its committed threshold (chosen by those scripts' own cross-validation)."""
    tuning, _aside = split(load_postings())
    x, y, group = skill_script._xy(tuning)
    rows = kinds_script.posting_rows()
    written, _ = kinds_script.written_split()
    lines = [r[0] for r in rows] + [t for t, _ in written]
    labels = [r[1] for r in rows] + [k for _, k in written]
    kgroup = np.array([r[2] for r in rows] + list(range(len(written))))
    alone = np.tile(np.array(NEUTRAL_CONTEXT, dtype=np.float32), (len(written), 1))
    kx = kind_features(lines, kinds_script._embed(lines),
                       np.vstack([np.array([r[3] for r in rows]), alone]))
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


def kept_rows() -> tuple[np.ndarray, list[str], np.ndarray]:
    """(features, label, posting number) of every line the parser keeps without the second
    look, in the tuning postings that carry a label (skill, benefit or company)."""
    tuning, _aside = split(load_postings())
    models = _fold_models()
    feats: list[np.ndarray] = []
    labels: list[str] = []
    group: list[int] = []
    for n, post in enumerate(tuning):
        skill, kinds = models[n % 3]
        with trained_models(skill, kinds):
            _ad, placed = job_ads.placed_lines("\n".join(post.lines))
            reasons, rows = job_ads.first_look(placed)
        other = benefit_company_lines(post)
        for (number, _line, _section), reason, row in zip(placed, reasons, rows, strict=True):
            label = "keep" if post.skill[number - 1] else ("aside" if number in other else "")
            if reason is None and label:
                feats.append(row)
                labels.append(label)
                group.append(n)
    return np.array(feats), labels, np.array(group)


def main() -> None:
    """Cross-validate the threshold over tuning postings, fit on all, write the head."""
    x, labels, group = kept_rows()
    if not labels:
        raise SystemExit("../shared/evals/skills/skillspan is missing; nothing to train on.")
    keep = np.zeros(len(labels))
    for fold in range(3):
        test = group % 3 == fold
        head = fit(x[~test], [k for k, t in zip(labels, test, strict=True) if not t],
                   steps=STEPS, l2=L2)
        keep[test] = job_line_blocks.keep_probabilities(x[test], head)
    is_skill = np.array([k == "keep" for k in labels])
    grid = np.linspace(0.01, 0.6, 60)
    ok = [t for t in grid if (keep[is_skill] >= t).mean() >= KEEP_OF_KEPT]
    cut = float(max(ok)) if ok else 0.0
    head = fit(x, labels, steps=STEPS, l2=L2)
    report = {
        "kept_lines": len(labels), "threshold": round(cut, 3),
        "cv_skill_lines_kept": f"{int((keep[is_skill] >= cut).sum())}/{int(is_skill.sum())}",
        "cv_benefit_company_still_kept":
            f"{int((keep[~is_skill] >= cut).sum())}/{int((~is_skill).sum())}",
    }
    sha = head.save(job_line_blocks.WEIGHTS, threshold=np.array(cut, dtype=np.float32))
    print(json.dumps(report | {"sha256": sha}))


if __name__ == "__main__":
    main()
