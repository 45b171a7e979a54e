"""Train the understanding heads and write them, with SHA-256s, to ``weights/``.

Run ``python -m tools.understanding.train`` (add ``--encoder minilm`` or ``--out DIR``
to train for a measurement). Deterministic: fixed data order, fixed folds, full-batch
gradient descent. Trains only on the tuning two thirds of the dev set plus the
exemplars in ``data/``; never on the aside third. The reflection-part head trains on
CERED (``../shared``) and is skipped, keeping the committed one, when that is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

from tools.understanding import corpus, distress, parts_data, spelling
from tools.understanding.cache import encode_cached
from tools.understanding.encoder import CHOSEN
from tools.understanding.head import Head, fit

FOLDS = 5
INTENT_L2 = 1e-3
# Picked by out-of-fold recall and false alarms on the tuning rows (see docs/understanding.md).
DISTRESS_L2 = 5e-2
DISTRESS_POSITIVE_WEIGHT = 1.0


def training_messages() -> list[corpus.Message]:
    """The tuning part of the dev set followed by the exemplars."""
    return corpus.dev_tuning() + corpus.load(corpus.EXEMPLARS)


def _folds(n: int) -> list[np.ndarray]:
    return [np.arange(n)[np.arange(n) % FOLDS == k] for k in range(FOLDS)]


def train_intent(rows: list[corpus.Message], tune_count: int,
                 table: dict[str, np.ndarray]) -> tuple[Head, float]:
    """Fit the intent head and pick its confidence threshold by out-of-fold predictions.

    Args:
        rows: training messages; the first ``tune_count`` are the dev tuning rows.
        tune_count: how many leading rows are folded for the threshold.
        table: vectors by text (see :func:`vector_table`).

    Returns:
        The head and the confidence under which a decision counts as unsure.
    """
    x = np.vstack([table[r.text] for r in rows])
    labels = [r.intent for r in rows]
    conf, right = [], []
    for fold in _folds(tune_count):
        keep = np.setdiff1d(np.arange(len(rows)), fold)
        head = fit(x[keep], [labels[i] for i in keep], l2=INTENT_L2)
        probs = head.probabilities(x[fold])
        conf += list(probs.max(axis=1))
        guesses = [head.labels[int(k)] for k in probs.argmax(1)]
        right += [g == labels[i] for g, i in zip(guesses, fold, strict=True)]
    threshold = _confidence_threshold(np.array(conf), np.array(right))
    return fit(x, labels, l2=INTENT_L2), threshold


def _confidence_threshold(conf: np.ndarray, right: np.ndarray) -> float:
    """The highest threshold that leaves at most 10% of tuning decisions unsure, or the
    lowest one above which out-of-fold decisions are at least 97% right."""
    for t in np.arange(0.05, 0.6, 0.01):
        sure = conf >= t
        if right[sure].mean() >= 0.97 or sure.mean() < 0.9:
            return float(round(t, 2))
    return 0.6


def _distress_rows(rows: list[corpus.Message]) -> tuple[list[str], list[str]]:
    """Whole messages with their label, plus every sentence of calm messages as calm."""
    texts, labels = [], []
    for r in rows:
        texts.append(r.text)
        labels.append("distress" if r.distress else "calm")
        if not r.distress:
            for piece in _pieces(r.text):
                texts.append(piece)
                labels.append("calm")
    return texts, labels


def _fit_distress(rows: list[corpus.Message], table: dict[str, np.ndarray]) -> Head:
    texts, labels = _distress_rows(rows)
    x = np.vstack([table[t] for t in texts])
    ratio = labels.count("calm") / max(labels.count("distress"), 1)
    return fit(x, labels, l2=DISTRESS_L2,
               class_weight={"distress": DISTRESS_POSITIVE_WEIGHT * ratio, "calm": 1.0})


def _pieces(text: str) -> list[str]:
    pieces = distress.sentences(text)
    return pieces if len(pieces) > 1 else []


def vector_table(texts: list[str], encoder: str) -> dict[str, np.ndarray]:
    """Vectors of the given texts and of their sentences, encoded in one cached batch."""
    unique = list(dict.fromkeys(t for text in texts for t in [text, *_pieces(text)]))
    return dict(zip(unique, encode_cached(unique, encoder), strict=True))


def message_score(head: Head, text: str, table: dict[str, np.ndarray]) -> float:
    """The gate's score for one message: the max over the whole and its sentences."""
    pieces = _pieces(text)
    vectors = np.vstack([table[t] for t in [text, *pieces]])
    return float(distress.piece_scores(head, text, pieces, vectors).max())


def train_distress(rows: list[corpus.Message], tune_count: int,
                   table: dict[str, np.ndarray]) -> tuple[Head, float]:
    """Fit the distress head; its threshold keeps every out-of-fold distress message.

    The threshold is the lowest out-of-fold score of a tuning distress message that the
    crisis rules do not already catch, times 0.8 for margin, so that unseen softer
    wording still passes the gate.

    Args:
        rows: training messages; the first ``tune_count`` are folded for the threshold.
        tune_count: how many leading rows are dev tuning rows.
        table: vectors by text (see :func:`vector_table`).

    Returns:
        The head and the probability at which ``concern`` starts.
    """
    scores, positive = [], []
    for fold in _folds(tune_count):
        keep = [rows[i] for i in np.setdiff1d(np.arange(len(rows)), fold)]
        head = _fit_distress(keep, table)
        scores += [message_score(head, rows[i].text, table) for i in fold]
        positive += [rows[i].distress and not distress.rule_level(rows[i].text)
                     for i in fold]
    pos = np.array(scores)[np.array(positive)]
    threshold = float(round(pos.min() * 0.8, 3))
    return _fit_distress(rows, table), threshold


def speller_arrays(rows: list[corpus.Message]) -> dict[str, np.ndarray]:
    """The request keywords and known words the intent head's speller mends toward."""
    told = {"reflection", "answer", "distress"}
    asks = [r.text for r in rows if r.intent not in told | {"profile"}]  # ads: any word
    keys, _ = spelling.keywords(asks, [r.text for r in rows if r.intent in told])
    known = sorted({w for r in rows for w in spelling.words(r.text)})
    return {"keywords": spelling.pack(keys), "known": spelling.pack(known)}


def write_manifest(out: Path, encoder: str, extra: dict[str, object]) -> None:
    """Record each ``.npz``'s SHA-256, the encoder and the training counts."""
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(out.glob("*.npz"))}
    manifest = {"encoder": encoder, "files": files, **extra}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Train every head and write the weights and the manifest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", default=CHOSEN)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "weights")
    parser.add_argument("--skip-parts", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = training_messages()
    tune_count = len(corpus.dev_tuning())
    table = vector_table([r.text for r in rows], args.encoder)
    intent, intent_t = train_intent(rows, tune_count, table)
    intent.save(args.out / "intent.npz", threshold=np.array(intent_t), **speller_arrays(rows))
    gate, gate_t = train_distress(rows, tune_count, table)
    gate.save(args.out / "distress.npz", threshold=np.array(gate_t))
    extra: dict[str, object] = {"intent_threshold": intent_t, "distress_threshold": gate_t,
                                "training_messages": len(rows)}
    if not args.skip_parts and corpus.CERED.exists():
        extra["parts"] = parts_data.train_parts(args.out, args.encoder)
    elif (args.out / "MANIFEST.json").exists():
        old = json.loads((args.out / "MANIFEST.json").read_text(encoding="utf-8"))
        extra["parts"] = old.get("parts", {})
    write_manifest(args.out, args.encoder, extra)
    print(json.dumps(extra, indent=2))


if __name__ == "__main__":
    main()
