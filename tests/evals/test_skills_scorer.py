"""The skill scorer on tiny hand-made cases: ranking, shown-tag metrics and the split rule."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from evals.skills import ranking
from evals.skills_shown import (
    FIRST_PERSON,
    TRAPS,
    Line,
    is_aside,
    load_lines,
    ranking_lines,
    shown_metrics,
)
from memory.schemas import SkillTag


def _tag(label: str, polarity: str = "demonstrated", framework: str = "esco") -> SkillTag:
    return SkillTag(framework=framework, id=label, label=label, score=0.6, evidence="x",  # type: ignore[arg-type]
                    start=0, end=1, polarity=polarity)  # type: ignore[arg-type]


def _line(kind: str, accept: tuple[str, ...] = (), wrong: tuple[str, ...] = ()) -> Line:
    return Line("text", "trade", kind, frozenset(accept), frozenset(wrong))


def test_ranking_rp5_and_mrr_by_hand() -> None:
    keys = ["a", "b", "c", "d", "e", "f", "g"]
    scores = np.array([[7, 6, 5, 4, 3, 2, 1], [1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 0, 0, 0]],
                      dtype=np.float32)
    out = ranking(scores, keys, [{"a", "f"}, {"a"}, set()])
    # row 1: top5 a..e holds a (1 of min(5, 2)); first hit at rank 1
    # row 2: top5 g..c misses a (rank 7); row 3 has no gold and is skipped
    assert out["n"] == 2
    assert out["rp@5"] == pytest.approx(100 * (0.5 + 0.0) / 2)
    assert out["mrr"] == pytest.approx(100 * (1.0 + 1 / 7) / 2)


def test_shown_metrics_by_hand() -> None:
    lines = [_line("did", ("run payroll",), ("public relations",)),
             _line("did", ("lay bricks",)),
             _line("growth", ("SQL",)),
             _line("question", ("SQL",)),
             _line("other", ("lead a team",))]
    tags = [[_tag("run payroll"), _tag("public relations"), _tag("x", "negated")],
            [],
            [_tag("SQL", "growth"), _tag("onet thing", framework="onet")],
            [_tag("SQL")],
            []]
    out = shown_metrics(lines, tags)
    assert out["shown"] == 4  # negated and O*NET tags are not shown as ESCO skills
    assert out["accepted"] == 3 and out["precision"] == pytest.approx(75.0)
    assert (out["correct_lines"], out["reflection_lines"]) == (2, 3)
    assert out["silent_lines"] == 1 and out["wrong_sense"] == 1
    assert (out["growth_flagged"], out["growth_lines"]) == (1, 1)
    assert out["false_strengths"] == 1  # the question showed SQL as a strength


def test_growth_needs_growth_polarity() -> None:
    out = shown_metrics([_line("growth", ("SQL",))], [[_tag("SQL")]])
    assert out["correct_lines"] == 0 and out["growth_flagged"] == 0
    assert out["false_strengths"] == 1


def test_split_rule_and_parts(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    rows = [{"text": f"line {i}", "trade": "t", "kind": "did", "accept": ["a"]}
            for i in range(7)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert [x.text for x in load_lines(path, "aside")] == ["line 2", "line 5"]
    assert len(load_lines(path, "tune")) == 5 and len(load_lines(path, "all")) == 7
    assert [is_aside(i) for i in range(4)] == [False, False, True, False]


def test_committed_dev_sets_are_well_formed() -> None:
    from tools.skills.frameworks import load_frameworks

    labels = {c.label for c in load_frameworks().concepts if c.framework == "esco"}
    first = load_lines(FIRST_PERSON, "all")
    traps = load_lines(TRAPS, "all")
    assert len(first) >= 150 and len({x.trade for x in first}) >= 12
    assert {x.kind for x in first} == {"did", "growth", "negated", "question", "other"}
    for line in first + traps:
        assert line.accept <= labels and line.wrong <= labels, line.text
        assert not line.accept & line.wrong
    texts, gold = ranking_lines(load_lines(FIRST_PERSON, "aside"))
    assert len(texts) == len(gold) >= 40
