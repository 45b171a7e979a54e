"""Train the query-side adapter (``tools/skills/data/adapter.npz``) on CPU with numpy.

``nice -n 10 python -m tools.skills.train_adapter [--steps N] [--cache DIR]``

Pairs (query embedding -> ESCO concept), never from a set we report on:

- SkillSkape train sentences (``../shared/evals/skills/skillskape/train.csv``, MIT) with their
  ESCO labels;
- ESCO alternative labels (and, with ``--mix``, descriptions) -> their concept (already
  embedded in the framework index);
- first-person paraphrases generated from ESCO skill labels (``tools.skills.paraphrase``);
- hand-written first-person diary sentences of about 50 trades with the ESCO skills they show
  (``tools/skills/train_data/diary/*.jsonl``, see its README): every line but each third one
  (0-based 2, 5, 8, ... of each file), which is kept aside to check the adapter on.

The matrix starts at the identity and is trained with a softmax over every ESCO concept's
preferred-label vector (frozen embeddings, temperature ``TAU``) plus ``L2`` towards the
identity, by Adam. Query embeddings are cached under ``--cache`` so a rerun embeds nothing.
Deterministic for a given seed and data; prints how long it took.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tools.skills.adapter import WEIGHTS, save_adapter
from tools.skills.diary import DIARY, Part, training_lines
from tools.skills.paraphrase import paraphrases

TAU = 0.05
L2 = 1.0
SEED = 14
DIM = 384  # MiniLM's embedding width


def _embed_cached(texts: list[str], path: Path) -> np.ndarray:
    """Embeddings of the texts (each distinct text embedded once), cached in ``path``."""
    from memory.embeddings import get_tag_embedder

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    distinct = sorted(set(texts))
    if path.exists() and len(cached := np.load(path)) == len(distinct):
        vectors = cached
    else:
        vectors = get_tag_embedder().embed(distinct)
        np.save(path, vectors)
    row = {t: i for i, t in enumerate(distinct)}
    return np.asarray(vectors[[row[t] for t in texts]])


def skillskape_pairs(shared: Path, label_pos: dict[str, int]) -> tuple[list[str], list[int]]:
    """SkillSkape train sentences with each of their ESCO labels found in our data."""
    texts, targets = [], []
    with (shared / "evals" / "skills" / "skillskape" / "train.csv").open() as fh:
        for row in csv.DictReader(fh):
            for label in ast.literal_eval(row["skills"]):
                pos = label_pos.get(label.strip())
                if pos is not None:
                    texts.append(row["sentence"])
                    targets.append(pos)
    return texts, targets


def diary_pairs(label_pos: dict[str, int], part: Part = "train",
                folders: Sequence[str] = (DIARY.name,)) -> tuple[list[str], list[int]]:
    """The hand-written diary sentences (:mod:`tools.skills.diary`) of some folders under
    ``train_data`` with each of their ESCO labels found in ``label_pos`` (ESCO preferred
    label -> target row). The adapter reads ``diary`` alone (its committed recipe).

    Returns:
        The texts (one per label) and their target rows.
    """
    texts, targets = [], []
    for line in training_lines(part, folders):
        for label in line.labels:
            pos = label_pos.get(label)
            if pos is not None:
                texts.append(line.text)
                targets.append(pos)
    return texts, targets


def _step(w: np.ndarray, x: np.ndarray, y: np.ndarray, targets: np.ndarray,
          cand: np.ndarray) -> tuple[float, np.ndarray]:
    """Loss and gradient of the softmax over the candidate concepts (y indexes ``cand``)."""
    z = x @ w
    norm = np.linalg.norm(z, axis=1, keepdims=True)
    q = z / norm
    logits = q @ targets[cand].T / TAU
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    rows = np.arange(len(y))
    loss = float(-np.log(p[rows, y] + 1e-12).mean())
    p[rows, y] -= 1.0
    dq = (p / len(y)) @ targets[cand] / TAU
    dz = (dq - q * (q * dq).sum(axis=1, keepdims=True)) / norm
    eye = np.eye(len(w), dtype=w.dtype)
    return loss, x.T @ dz + L2 * (w - eye) / len(w)


def train(x: np.ndarray, y: np.ndarray, targets: np.ndarray, steps: int,
          groups: list[np.ndarray], batch: int = 255, negatives: int = 4096,
          lr: float = 2e-3) -> tuple[np.ndarray, list[float]]:
    """Adam on the adapter matrix from the identity; each batch draws equally from every
    group of pair rows (so the many alternative labels do not drown the sentences).

    Returns:
        The matrix and the loss every 50 steps.
    """
    rng = np.random.default_rng(SEED)
    share = batch // len(groups)
    dim = x.shape[1]
    w: np.ndarray = np.eye(dim, dtype=np.float32)
    m, v = np.zeros_like(w), np.zeros_like(w)
    losses: list[float] = []
    for t in range(1, steps + 1):
        pick = np.concatenate([rng.choice(g, share) for g in groups])
        cand, y_local = np.unique(np.r_[y[pick], rng.integers(0, len(targets), negatives)],
                                  return_inverse=True)
        loss, grad = _step(w, x[pick], y_local[: len(pick)], targets, cand)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        if t % 50 == 0:
            losses.append(round(loss, 4))
            print(f"step {t}/{steps} loss {loss:.3f}", flush=True)
    return w, losses


def main(argv: list[str] | None = None) -> None:
    """Build the pairs, train, and write the adapter with its recipe and checksum."""
    from evals.skills import shared_dir
    from tools.skills.index import build_index

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=1200)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/skills/adapter-cache"))
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--paraphrases", type=int, default=6000,
                        help="how many generated first-person sentences (a fixed sample)")
    parser.add_argument("--mix", default="1,0,1,0,1",
                        help="batch shares of SkillSkape, paraphrase, alt-label, description "
                             "and diary pairs (paraphrases lowered first-person RP@5 on the "
                             "tuning part)")
    parser.add_argument("--diary", choices=("train", "all"), default="train",
                        help="which diary lines to train on (all but each third, or all)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    args.cache.mkdir(parents=True, exist_ok=True)
    index = build_index()
    concepts = index.data.concepts
    esco = np.array([c.framework == "esco" for c in concepts])
    esco_pos = np.flatnonzero(esco)
    local = {int(p): i for i, p in enumerate(esco_pos)}
    targets = np.ascontiguousarray(index.vectors["label"][index.preferred_rows[esco_pos]])
    label_pos = {concepts[p].label: local[int(p)] for p in esco_pos}
    ss_texts, ss_y = skillskape_pairs(shared_dir(), label_pos)
    para_texts, para_y = paraphrases([concepts[p] for p in esco_pos], seed=SEED)
    keep = np.random.default_rng(SEED).permutation(len(para_y))[: args.paraphrases]
    para_texts, para_y = [para_texts[i] for i in keep], [para_y[i] for i in keep]
    alt_rows = np.setdiff1d(np.flatnonzero(esco[index.owners["label"]]), index.preferred_rows)
    alt_y = [local[int(o)] for o in index.owners["label"][alt_rows]]
    desc_rows = np.flatnonzero(esco[index.owners["desc"]])
    desc_y = [local[int(o)] for o in index.owners["desc"][desc_rows]]
    para_file = args.cache / f"paraphrases-{len(para_texts)}.npy"
    diary_texts, diary_y = diary_pairs(label_pos, args.diary)
    diary_file = args.cache / ("diary-" + hashlib.sha256(
        "\n".join(diary_texts).encode()).hexdigest()[:12] + ".npy")
    x = np.concatenate([_embed_cached(ss_texts, args.cache / "skillskape.npy"),
                        _embed_cached(para_texts, para_file),
                        index.vectors["label"][alt_rows],
                        index.vectors["desc"][desc_rows],
                        _embed_cached(diary_texts, diary_file)]).astype(np.float32)
    y = np.array(ss_y + para_y + alt_y + desc_y + diary_y)
    print(f"pairs: {len(ss_y)} SkillSkape, {len(para_y)} paraphrases, {len(alt_y)} alt labels,"
          f" {len(diary_y)} diary; embedded in {time.perf_counter() - began:.0f} s", flush=True)
    bounds = np.cumsum([0, len(ss_y), len(para_y), len(alt_y), len(desc_y), len(diary_y)])
    shares = ([int(m) for m in args.mix.split(",")] + [0] * 5)[:5]
    groups = [np.arange(a, b) for a, b, n in zip(bounds[:-1], bounds[1:], shares, strict=True)
              for _ in range(n) if b > a]
    w, losses = train(x, y, targets, args.steps, groups)
    took = time.perf_counter() - began
    digest = save_adapter(w, {
        "recipe": "python -m tools.skills.train_adapter", "steps": args.steps, "tau": TAU,
        "l2": L2, "seed": SEED, "pairs": {"skillskape_train": len(ss_y),
                                          "paraphrases": len(para_y) if shares[1] else 0,
                                          "alt_labels": len(alt_y),
                                          "descriptions": len(desc_y) if shares[3] else 0,
                                          "diary": len(diary_y) if shares[4] else 0},
        "mix": args.mix, "loss_every_50_steps": losses, "seconds": round(took),
        "embedder": "memory.embeddings.get_tag_embedder (int8 MiniLM)"}, args.out)
    print(f"wrote {args.out} sha256 {digest} in {took:.0f} s")


if __name__ == "__main__":
    main()
