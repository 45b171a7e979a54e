"""Train the growth head (``tools/skills/data/growth_head.npz``, see :mod:`tools.skills.growth`).

``nice -n 10 python -m tools.skills.train_growth`` (about a minute on 2 cores; embeddings are
cached under ``--cache``).

Rows: the diary training sentences (the folders of ``tools.skills.diary.FOLDERS`` under
``train_data``, all but each third line of each file), ``did`` against ``growth``. The
threshold is chosen by cross-validation that leaves whole files (whole trades) out: the
lowest one at which at most ``MAX_FALSE`` of the did lines read as growth out of fold. The
aside third of the diary is then scored once for the recipe. Deterministic for given data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import numpy as np

from tools.skills.diary import FOLDERS, DiaryLine, training_lines
from tools.skills.growth import WEIGHTS, growth_probabilities
from tools.skills.polarity import states_growth
from tools.understanding.head import Head, fit

MAX_FALSE = 0.04  # did lines read as growth, out of fold
L2 = 1e-3
STEPS = 300
FOLDS = 7


def _label(line: DiaryLine) -> str:
    return "growth" if line.kind == "growth" else "did"


def _embed(texts: list[str], cache: Path) -> np.ndarray:
    from memory.embeddings import get_tag_embedder

    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:12]
    path = cache / f"growth-{key}.npy"
    if not path.exists():
        np.save(path, get_tag_embedder().embed(texts))
    return np.load(path)


def out_of_fold(x: np.ndarray, labels: list[str], files: np.ndarray) -> np.ndarray:
    """P(growth) of every row from a head fitted without the row's files."""
    out = np.zeros(len(labels))
    for fold in range(FOLDS):
        test = files % FOLDS == fold
        head = fit(x[~test], [y for y, t in zip(labels, test, strict=True) if not t],
                   l2=L2, steps=STEPS)
        out[test] = growth_probabilities(x[test], head)
    return out


def threshold_for(p: np.ndarray, labels: list[str]) -> float:
    """The lowest threshold (0.50-0.99) at which at most ``MAX_FALSE`` of did lines pass."""
    did = p[np.array(labels) == "did"]
    for t in np.arange(0.50, 0.995, 0.01):
        if (did >= t).mean() <= MAX_FALSE:
            return round(float(t), 2)
    return 0.99


def _rates(p: np.ndarray, texts: list[str], labels: list[str], t: float) -> dict[str, float]:
    rule = np.array([states_growth(s, (0, len(s))) for s in texts])
    y = np.array(labels)
    both = rule | (p >= t)
    return {"growth_found_rule": round(float(rule[y == "growth"].mean()), 3),
            "growth_found_rule_or_head": round(float(both[y == "growth"].mean()), 3),
            "did_as_growth_rule": round(float(rule[y == "did"].mean()), 3),
            "did_as_growth_rule_or_head": round(float(both[y == "did"].mean()), 3)}


def main(argv: list[str] | None = None) -> None:
    """Cross-validate, fit on the training part, score the aside third, write the head."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/skills/growth-cache"))
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    args.cache.mkdir(parents=True, exist_ok=True)
    train = training_lines("train")
    texts, labels = [r.text for r in train], [_label(r) for r in train]
    x = _embed(texts, args.cache)
    oof = out_of_fold(x, labels, np.array([r.file for r in train]))
    t = threshold_for(oof, labels)
    head = fit(x, labels, l2=L2, steps=STEPS)
    aside = training_lines("aside")
    a_texts, a_labels = [r.text for r in aside], [_label(r) for r in aside]
    a_p = growth_probabilities(_embed(a_texts, args.cache), head)
    digest = Head.save(head, args.out)
    recipe = {"recipe": "python -m tools.skills.train_growth", "rows": len(train),
              "growth_rows": labels.count("growth"), "l2": L2, "steps": STEPS,
              "max_false": MAX_FALSE, "threshold": t, "diary_folders": list(FOLDERS),
              "cross_validated": _rates(oof, texts, labels, t),
              "diary_aside_third": {"rows": len(aside), **_rates(a_p, a_texts, a_labels, t)},
              "embedder": "memory.embeddings.get_tag_embedder (int8 MiniLM)",
              "seconds": round(time.perf_counter() - began), "file": args.out.name,
              "sha256": digest}
    args.out.with_suffix(".json").write_text(json.dumps(recipe, indent=2) + "\n",
                                             encoding="utf-8")
    print(json.dumps(recipe, indent=2))


if __name__ == "__main__":
    main()
