"""The understanding suite: intent, distress and reflection parts on data kept aside.

Numbers are reported on the aside third of ``evals/data/understanding/messages.jsonl``
(every third line), which training never reads. Targets (issue 13): intent accuracy
>= 95%, distress recall >= 98%, false alarms <= 2% on ordinary reflections, and 0
non-reflections read confidently as reflection content. Two more dev sets, split by the
same rule, check the distress gate alone: ``not_distress.jsonl`` (dislikes, preferences,
mild complaints, shift tiredness: false alarms <= 2%) and ``distress_more.jsonl`` (soft
distress; recall >= 98% together with the main set's distress). Reflection parts are checked
on CERED's test split (when ``../shared`` is there) and on first-person sentences from
other trades than teaching.
"""

from __future__ import annotations

import json
from typing import Any

from evals.harness import markdown_table
from tools.understanding import corpus, metrics, parts_data
from tools.understanding.parts import classify_parts
from tools.understanding.understand import Understander

TARGETS = {"intent_accuracy": (">=", 0.95), "distress_recall": (">=", 0.98),
           "false_alarm_rate": ("<=", 0.02), "stored_non_reflections": ("<=", 0)}


def _met(value: float, rule: tuple[str, float]) -> bool:
    op, bound = rule
    return value >= bound if op == ">=" else value <= bound


GATE_TARGETS = {"distress_recall_all": (">=", 0.98), "hard_negative_false_alarm_rate": ("<=", 0.02)}


def _gate(understander: Understander, main_aside: list[corpus.Message]) -> dict[str, Any]:
    """Distress recall over every aside distress message, false alarms on hard negatives."""
    calm = corpus.split(corpus.load(corpus.NOT_DISTRESS))[1]
    more = corpus.split(corpus.load(corpus.DISTRESS_MORE))[1]
    hurting = [r for r in main_aside + more if r.distress]
    caught = sum(understander(r.text).distress.flagged for r in hurting)
    more_caught = sum(understander(r.text).distress.flagged for r in more if r.distress)
    alarms = [r.text for r in calm if understander(r.text).distress.flagged]
    return {"distress_messages_all": len(hurting),
            "distress_recall_all": round(caught / len(hurting), 4),
            "distress_more_recall": round(more_caught / max(len(more), 1), 4),
            "hard_negatives": len(calm),
            "hard_negative_false_alarm_rate": round(len(alarms) / max(len(calm), 1), 4),
            "hard_negative_alarms": alarms}


def _parts() -> dict[str, Any]:
    rows = [json.loads(line) for line in
            corpus.TRADE_PARTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    got = classify_parts([r["text"] for r in rows])
    right = sum(p.kind == r["label"] for p, r in zip(got, rows, strict=True))
    out: dict[str, Any] = {"trade_sentences": len(rows),
                           "trade_accuracy": round(right / len(rows), 4)}
    if corpus.CERED.exists():
        texts, labels = parts_data.load_split("test")
        kinds = [p.kind for p in classify_parts(texts)]
        out["cered_test_accuracy"] = round(
            sum(k == y for k, y in zip(kinds, labels, strict=True)) / len(labels), 4)
    else:
        out["cered_test_accuracy"] = "skipped: ../shared/evals/reflection/cered is absent"
    return out


def run_understanding_eval() -> dict[str, Any]:
    """Score the committed heads on the aside third and the part classifier.

    Returns:
        The report: ``aside`` scores (with confusions), ``gate`` (distress over every
        aside set), ``goals`` (met or not) and ``parts``.
    """
    understander = Understander()
    _tune, aside = corpus.split(corpus.load(corpus.DEV_MESSAGES))
    scores = metrics.score(understander, aside)
    report = scores.as_dict()
    gate = _gate(understander, aside)
    values = {**report, **gate}
    goals = {name: {"target": f"{op} {bound}", "value": values[name],
                    "met": _met(float(values[name]), (op, bound))}  # type: ignore[arg-type]
             for name, (op, bound) in {**TARGETS, **GATE_TARGETS}.items()}
    return {"aside": report, "gate": gate, "misses": scores.misses, "goals": goals,
            "parts": _parts()}


def format_table(report: dict[str, Any]) -> str:
    """The report as Markdown: goals, then confusions and part accuracy."""
    a = report["aside"]
    rows = [[name, g["target"], g["value"], "yes" if g["met"] else "NO"]
            for name, g in report["goals"].items()]
    lines = [f"Understanding on the aside third ({a['messages']} messages, "
             f"{a['distress_messages']} distress, {a['ordinary_reflections']} reflections; "
             f"plus {report['gate']['hard_negatives']} hard negatives and "
             f"{report['gate']['distress_messages_all'] - a['distress_messages']} more "
             "distress messages for the gate).",
             "", markdown_table(["measure", "target", "value", "met"], rows), "",
             f"Each message read in its dialog context (an answer follows a follow-up "
             f"question); without that context: {a['intent_accuracy_no_context']}. "
             f"Reflection and answer merged: {a['content_merged_accuracy']}; requests sent "
             f"mid-reflection kept: {a['requests_mid_reflection']}; unsure: {a['unsure']}; "
             f"language: {a['language_accuracy']}.",
             "Per class (right/total): " + ", ".join(
                 f"{k} {v}" for k, v in a["per_class"].items()) + ".",
             f"Reflection parts: {report['parts']}"]
    if a["confusion"]:
        lines += ["", "Confusions (gold->got): " + ", ".join(
            f"{k} x{v}" for k, v in a["confusion"].items())]
    return "\n".join(lines)
