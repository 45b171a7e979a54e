"""Skill-tagging evals: ranking (R-Precision@5, MRR) and thresholded P/R/F1 with speed.

Dev sets are read from ``../shared/evals/skills`` (or ``$PASSPORT_SHARED_DIR/evals/skills``)
and never copied into the repo; our own first-person sets are ``evals/data/reflections_gold.jsonl``
(66 lines with ESCO ids) and ``evals/data/skills/`` (see ``evals.skills_shown``: ranked on its
aside third, plus the shown-tag quality on it and on the word-sense trap set).
"""

from __future__ import annotations

import ast
import csv
import json
import os
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from evals.skills_shown import (
    FIRST_PERSON_SETS,
    Part,
    format_shown,
    load_diary,
    load_set,
    ranking_lines,
    run_shown,
    trade_contexts,
    zero_shot_scores,
)

REPO = Path(__file__).resolve().parent.parent
REFLECTIONS = Path(__file__).parent / "data" / "reflections_gold.jsonl"
IGNORED = {"LABEL NOT PRESENT", "UNDERSPECIFIED", "UNK"}


@dataclass
class GoldSet:
    """Sentences with gold ESCO labels (or ids) and optional O*NET ids."""

    name: str
    texts: list[str]
    gold: list[set[str]]
    by: str = "label"
    onet: list[set[str]] = field(default_factory=list)
    contexts: list[list[str]] = field(default_factory=list)  # per text, the writer's others


def shared_dir() -> Path:
    """The shared folder holding the dev sets."""
    env = os.environ.get("PASSPORT_SHARED_DIR")
    return Path(env) if env else REPO.parent / "shared"


def load_decorte(name: str, root: Path) -> GoldSet:
    """A Decorte et al. validation split, grouped by sentence."""
    gold: dict[str, set[str]] = defaultdict(set)
    with (root / "decorte" / f"{name}_validation_annotations.csv").open() as fh:
        for row in csv.DictReader(fh):
            label = row["label"].strip()
            gold.setdefault(row["sentence"], set())
            if label not in IGNORED:
                gold[row["sentence"]].add(label)
    items = [(s, g) for s, g in gold.items() if g]
    return GoldSet(f"decorte-{name}", [s for s, _ in items], [g for _, g in items])


def load_skillskape(root: Path) -> GoldSet:
    """JobSkape's SkillSkape dev split (UNK sentences have an empty gold set)."""
    texts, gold = [], []
    with (root / "skillskape" / "dev.csv").open() as fh:
        for row in csv.DictReader(fh):
            labels = {x.strip() for x in ast.literal_eval(row["skills"])} - IGNORED
            texts.append(row["sentence"])
            gold.append(labels)
    return GoldSet("skillskape", texts, gold)


def load_reflections(path: Path = REFLECTIONS) -> GoldSet:
    """Our own first-person reflection sentences with ESCO URIs and O*NET DWA ids."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return GoldSet("reflections", [r["text"] for r in rows], [set(r.get("esco", [])) for r in rows],
                   by="id", onet=[set(r.get("onet", [])) for r in rows])


def available_sets(root: Path | None = None, part: Part = "aside") -> list[GoldSet]:
    """Every gold set that is present (dev sets skipped when the shared folder is absent);
    of our first-person set, the given part (the aside third by default)."""
    root = (root or shared_dir()) / "evals" / "skills"
    sets: list[GoldSet] = []
    if (root / "decorte").exists():
        sets += [load_decorte("tech", root), load_decorte("house", root)]
    if (root / "skillskape").exists():
        sets.append(load_skillskape(root))
    if REFLECTIONS.exists():
        sets.append(load_reflections())
    for name, paths in FIRST_PERSON_SETS:
        lines = load_set(paths, part)
        if not lines:
            continue
        texts, gold = ranking_lines(lines)
        sets.append(GoldSet(name, texts, gold))
        others = dict(zip([x.text for x in lines], trade_contexts(lines), strict=True))
        sets.append(GoldSet(name + " + trade", texts, gold,
                            contexts=[others[t] for t in texts]))
    diary = load_diary()
    if diary:
        texts, gold = ranking_lines(diary)
        sets.append(GoldSet("diary (training data, aside)", texts, gold))
    return sets


def ranking(scores: np.ndarray, keys: list[str], gold: Sequence[set[str]]) -> dict[str, float]:
    """R-Precision@5 and MRR over the full label space; rows without gold are skipped."""
    rp, rr = [], []
    for row, g in zip(scores, gold, strict=True):
        if not g:
            continue
        order = np.argsort(-row)
        top5 = {keys[i] for i in order[:5]}
        rp.append(len(top5 & g) / min(5, len(g)))
        ranks = [r for r, i in enumerate(order[:1000]) if keys[i] in g]
        rr.append(1.0 / (ranks[0] + 1) if ranks else 0.0)
    return {"rp@5": 100 * float(np.mean(rp)), "mrr": 100 * float(np.mean(rr)), "n": len(rp)}


def prf(pred: Sequence[set[str]], gold: Sequence[set[str]]) -> dict[str, float]:
    """Micro precision / recall / F1 (percent)."""
    tp = sum(len(p & g) for p, g in zip(pred, gold, strict=True))
    n_pred, n_gold = sum(len(p) for p in pred), sum(len(g) for g in gold)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": 100 * p, "recall": 100 * r, "f1": 100 * f}


def _esco_keys(tagger: Any, cols: list[int], by: str) -> list[str]:
    concepts = tagger.index.data.concepts
    return [concepts[c].id if by == "id" else concepts[c].label for c in cols]


def _predicted(tags: list[Any], by: str, framework: str) -> set[str]:
    out: set[str] = set()
    for t in tags:
        pairs = [(t.framework, t.id, t.label)] + [(a["framework"], a["id"], a["label"])
                                                   for a in t.also]
        out |= {i if by == "id" else lab for fw, i, lab in pairs if fw == framework}
    return out


def evaluate_set(gold: GoldSet, tagger: Any, fast: bool = False) -> dict[str, Any]:
    """Ranking, thresholded P/R/F1 and speed of the tagger on one gold set."""
    from tools.skills.tagging import tag_many, text_scores

    scores, cols = text_scores(gold.texts, "esco", tagger=tagger, fast=fast,
                               contexts=gold.contexts or None)
    result: dict[str, Any] = {"set": gold.name, "mode": "fast" if fast else "accurate",
                              "sentences": len(gold.texts)}
    result.update(ranking(scores, _esco_keys(tagger, cols, gold.by), gold.gold))
    began = time.perf_counter()
    if gold.contexts:  # one writer at a time
        tags = [tag_many([t], ("esco", "onet"), tagger=tagger, fast=fast, context=c)[0]
                for t, c in zip(gold.texts, gold.contexts, strict=True)]
    else:
        tags = tag_many(gold.texts, ("esco", "onet"), tagger=tagger, fast=fast)
    result["sentences_per_s"] = len(gold.texts) / (time.perf_counter() - began)
    result.update(prf([_predicted(t, gold.by, "esco") for t in tags], gold.gold))
    if gold.onet:
        onet_scores, onet_cols = text_scores(gold.texts, "onet", tagger=tagger, fast=fast)
        onet_keys = [tagger.index.data.concepts[c].id for c in onet_cols]
        rank = ranking(onet_scores, onet_keys, gold.onet)
        result["onet_rp@5"], result["onet_mrr"] = rank["rp@5"], rank["mrr"]
        onet = prf([_predicted(t, "id", "onet") for t in tags], gold.onet)
        result.update({f"onet_{k}": v for k, v in onet.items()})
    return result


def zero_shot_row(gold: GoldSet, tagger: Any) -> dict[str, Any]:
    """The zero-shot baseline on one set: ranking by cosine to the preferred labels."""
    scores, cols = zero_shot_scores(gold.texts, tagger)
    return {"set": gold.name, "mode": "zero-shot", "sentences": len(gold.texts),
            **ranking(scores, _esco_keys(tagger, cols, gold.by), gold.gold)}


def run_skills_eval(sets: list[str] | None = None, tagger: Any = None,
                    modes: tuple[str, ...] = ("accurate", "fast"),
                    part: Part = "aside") -> dict[str, Any]:
    """Run the skill evals on every available gold set (or the named ones).

    Args:
        sets: names to keep (``decorte-tech``, ``decorte-house``, ``skillskape``,
            ``reflections``, ``first-person``); all available by default.
        tagger: a specific tagger; the process-wide one by default.
        modes: ``accurate`` (sentences, clauses, phrases: single texts) and/or ``fast``
            (whole sentences: the batch default); a ``zero-shot`` row per set is always added.
        part: the part of our first-person and trap sets (``aside`` to report, ``tune``
            while tuning).

    Returns:
        A JSON-able report: per set RP@5, MRR, P/R/F1 (percent), sentences/s; the shown-tag
        quality on our first-person and trap sets (``shown``); and the config.
    """
    from dataclasses import asdict

    from tools.skills.tagging import get_tagger

    tagger = tagger or get_tagger()
    tagger.score_texts(["warm up the embedding model."])
    chosen = [g for g in available_sets(part=part) if sets is None or g.name in sets]
    results = [evaluate_set(g, tagger, fast=mode == "fast") for mode in modes for g in chosen]
    results += [zero_shot_row(g, tagger) for g in chosen if not g.contexts]
    return {"sets": results, "shown": run_shown(tagger, part), "config": asdict(tagger.config),
            "esco_concepts": int((tagger.framework == "esco").sum()),
            "index_load_s": tagger.index.load_seconds,
            "baseline_note": BASELINE_NOTE}


BASELINE_NOTE = (
    "MANIFEST zero-shot MiniLM on the TEST splits: RP@5 TECH 45.5 (48 with alt labels), "
    "HOUSE 33.1 (about 38), SkillSkape RP@5 34.8 / MRR 43.6."
)
COLUMNS = [("set", "set"), ("mode", "mode"), ("n", "n"), ("rp@5", "RP@5"), ("mrr", "MRR"),
           ("precision", "P"), ("recall", "R"), ("f1", "F1"), ("sentences_per_s", "sent/s")]


def format_table(report: dict[str, Any]) -> str:
    """The report as a plain-text (Markdown) table."""
    lines = ["| " + " | ".join(h for _, h in COLUMNS) + " |",
             "|" + "---|" * len(COLUMNS)]
    for row in report["sets"]:
        cells = [f"{row[k]:.1f}" if isinstance(row.get(k), float) else str(row.get(k, ""))
                 for k, _ in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
        if "onet_rp@5" in row:
            lines.append(f"| {row['set']} (O*NET) | {row['mode']} | {row['n']} | "
                         f"{row['onet_rp@5']:.1f} | "
                         f"{row['onet_mrr']:.1f} | {row['onet_precision']:.1f} | "
                         f"{row['onet_recall']:.1f} | {row['onet_f1']:.1f} | |")
    if report.get("shown"):
        lines += ["", "Shown tags (what the coach shows a person):", "",
                  format_shown(report["shown"])]
    return "\n".join(lines)


if __name__ == "__main__":
    report = run_skills_eval()
    print(json.dumps(report, indent=2))
    print(format_table(report))
