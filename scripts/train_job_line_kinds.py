"""Train the job-ad line-kind head: is a line a requirement or duty, or company, benefit or
application text?

Data (never the aside third of the SkillSpan postings, see ``evals/skillspan_ads.py``):
- ``keep``: the skill-bearing lines of the tuning postings;
- ``company`` / ``benefit``: the job board's own fields of the tuning tech postings, and
  hand labels of the tuning house postings (``evals/data/job_ads/line_kinds.json``);
- ``application``: hand labels of the tuning house postings;
- lines written for this project in other trades and styles (the same file), two thirds of
  each kind; the other third is aside and reported.
- the tuning part of the written ads labelled line by line (``evals/written_ads.py``; every
  third ad is aside), each line as the parser places it and with its context in its ad;
  requirement and duty lines are ``keep``.

Features are the project's sentence embeddings (``memory.embeddings``) plus who a line
speaks of and where it stands in its posting (``tools.job_lines.kind_features``,
``context_features``; a written line stands alone); the model is a
softmax head (``tools.understanding.head``), written with its threshold to
``tools/data/job_line_kinds.npz``. A line is set aside when its ``keep`` probability is
below the threshold: the highest one that, in 3-fold cross-validation over tuning postings,
still keeps at least 98% of the postings' skill-bearing lines (the written ads' kept and
set-aside shares are reported beside it).

Run: ``nice -n 10 .venv/bin/python scripts/train_job_line_kinds.py`` (under a minute on 2
cores; embeddings are cached under /tmp/profiles3/).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evals.skillspan_ads import benefit_company_lines, load_postings, split  # noqa: E402
from evals.written_ads import kind_of, load_ads  # noqa: E402
from evals.written_ads import split as written_ads_split  # noqa: E402
from memory.embeddings import get_embedder  # noqa: E402
from tools.job_ads import placed_lines  # noqa: E402
from tools.job_lines import (  # noqa: E402
    KINDS,
    KINDS_WEIGHTS,
    NEUTRAL_CONTEXT,
    context_features,
    kind_features,
)
from tools.understanding.head import fit  # noqa: E402

LABELS = ROOT / "evals" / "data" / "job_ads" / "line_kinds.json"
CACHE = Path("/tmp/profiles3")
RECALL = 0.98
STEPS, L2 = 2000, 0.3  # chosen by the same cross-validation (MiniLM rows)


def _embed(lines: list[str]) -> np.ndarray:
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    cached = CACHE / f"line_kinds_{digest}.npy"
    if cached.exists():
        return np.asarray(np.load(cached))
    vecs = np.asarray(get_embedder().embed(lines), dtype=np.float32)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(cached, vecs)
    return vecs


def _share(hits: np.ndarray) -> str:
    return f"{int(hits.sum())}/{len(hits)}"


def written_split() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(tuning, aside) of the written lines: every third line of each kind is aside."""
    written = json.loads(LABELS.read_text(encoding="utf-8"))["written"]
    rows = [(line, kind, i) for kind, lines in written.items() for i, line in enumerate(lines)]
    return ([(t, k) for t, k, i in rows if i % 3 != 2], [(t, k) for t, k, i in rows if i % 3 == 2])


def posting_rows() -> list[tuple[str, str, int, np.ndarray]]:
    """(line, kind, posting number, context features) of the tuning postings' lines that
    carry a kind; the context (``tools.job_lines.context_features``) is read over the whole
    posting."""
    hand = json.loads(LABELS.read_text(encoding="utf-8"))["tuning"]
    tuning, _aside = split(load_postings())
    rows: list[tuple[str, str, int, np.ndarray]] = []
    for n, post in enumerate(tuning):
        kinds: dict[int, str] = {}
        if post.key.startswith("tech"):
            kinds = benefit_company_lines(post)
        for kind, numbers in hand.get(post.key, {}).items():
            kinds |= {i: kind for i in numbers if not post.skill[i - 1]}
        context = context_features(post.lines)
        for i, line in enumerate(post.lines, start=1):
            kind = "keep" if post.skill[i - 1] else kinds.get(i)
            if kind:
                rows.append((line, kind, n, context[i - 1]))
    return rows


WRITTEN_GROUP = 1000  # group numbers of the written ads start here (fold: group % 3)
_AD_KINDS = {"requirement": "keep", "duty": "keep", "benefit": "benefit", "company": "company",
             "application": "application"}


def ad_rows() -> list[tuple[str, str, int, np.ndarray]]:
    """(unit, kind, group, context features) of the tuning part of the written ads
    (``evals/written_ads.py``), each unit as the parser places it (headings taken out) and
    its context read over the placed units, as at parse time; meta lines are left out."""
    tuning, _aside = written_ads_split(load_ads())
    rows: list[tuple[str, str, int, np.ndarray]] = []
    for m, ad in enumerate(tuning):
        _ad, placed = placed_lines(ad.text())
        context = context_features([text for _, text, _ in placed])
        for i, (number, text, _section) in enumerate(placed):
            kind = _AD_KINDS.get(kind_of(ad, number, text) or "")
            if kind:
                rows.append((text, kind, WRITTEN_GROUP + m, context[i]))
    return rows


def training_rows() -> tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray]:
    """(lines, kinds, group, features, from a posting) of every training line: the tuning
    postings, the written lines (read alone) and the tuning part of the written ads."""
    rows = posting_rows()
    written, _aside = written_split()
    ads = ad_rows()
    lines = [r[0] for r in rows] + [t for t, _ in written] + [r[0] for r in ads]
    kinds = [r[1] for r in rows] + [k for _, k in written] + [r[1] for r in ads]
    group = np.array([r[2] for r in rows] + list(range(len(written))) + [r[2] for r in ads])
    alone = np.tile(np.array(NEUTRAL_CONTEXT, dtype=np.float32), (len(written), 1))
    context = np.vstack([np.array([r[3] for r in rows]), alone, np.array([r[3] for r in ads])])
    posting = np.array([True] * len(rows) + [False] * (len(written) + len(ads)))
    return lines, kinds, group, kind_features(lines, _embed(lines), context), posting


def main() -> None:
    """Cross-validate the threshold over tuning postings, fit on all, report the aside lines."""
    if not posting_rows():
        raise SystemExit("../shared/evals/skills/skillspan is missing; nothing to train on.")
    _written, aside = written_split()
    lines, kinds, group, x, posting = training_rows()
    keep = np.zeros(len(lines))
    for fold in range(3):
        test = group % 3 == fold
        head = fit(x[~test], [k for k, t in zip(kinds, test, strict=True) if not t],
                   steps=STEPS, l2=L2)
        keep[test] = head.probabilities(x[test])[:, head.labels.index("keep")]
    is_skill = np.array([k == "keep" for k in kinds])
    grid = np.linspace(0.005, 0.9, 180)
    ok = [t for t in grid if (keep[is_skill & posting] >= t).mean() >= RECALL]
    threshold = float(max(ok)) if ok else 0.01
    head = fit(x, kinds, steps=STEPS, l2=L2)
    assert head.labels == KINDS, head.labels
    xa = kind_features([t for t, _ in aside], _embed([t for t, _ in aside]),
                       np.tile(np.array(NEUTRAL_CONTEXT, dtype=np.float32), (len(aside), 1)))
    pa = head.probabilities(xa)
    guess = [KINDS[int(i)] for i in pa.argmax(axis=1)]
    kept = pa[:, KINDS.index("keep")] >= threshold
    report = {
        "lines": len(lines), "threshold": round(threshold, 3),
        "cv_skill_kept": round(float((keep[is_skill & posting] >= threshold).mean()), 3),
        "cv_other_set_aside": round(float((keep[~is_skill & posting] < threshold).mean()), 3),
        "cv_ads_kept": _share(keep[is_skill & ~posting] >= threshold),
        "cv_ads_other_set_aside": _share(keep[~is_skill & ~posting] < threshold),
        "written_aside_lines": len(aside),
        "written_aside_right_keep": int(sum(k == (g == "keep") for (_, g), k in
                                            zip(aside, kept, strict=True))),
        "written_aside_right_kind": int(sum(g == w for (_, g), w in zip(aside, guess,
                                                                         strict=True))),
    }
    sha = head.save(KINDS_WEIGHTS, threshold=np.array(threshold, dtype=np.float32))
    print(json.dumps(report | {"sha256": sha}))


if __name__ == "__main__":
    main()
