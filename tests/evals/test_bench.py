"""`passport bench --quick` runs end to end: ours beside the baseline, real numbers, a chart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from channels.cli.main import build_app


@pytest.mark.slow
@pytest.mark.usefixtures("tagger")
def test_quick_bench_reports_ours_and_baseline(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(build_app(), ["bench", "--quick", "--no-reports",
                                              "--json", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    levels = [r["memories"] for r in report["turn_latency"]]
    assert levels == [0, 100, 1000]
    for row in report["turn_latency"]:
        for who in ("ours", "baseline"):
            assert row[who]["n"] == 6 and 0 < row[who]["p50"] <= row[who]["p95"]
    assert report["recall"]["ours"]["p95"] > 0 and report["recall"]["baseline"]["p95"] > 0
    assert report["cold_start"]["ours_s"] > 0 and report["cold_start"]["ours_rss_mb"] > 0
    assert {g["goal"] for g in report["goals"]} >= {
        "recall p95, a user's first since start (ms)", "recall p95, the same user again (ms)"}
    assert "baseline / ours" in result.output


@pytest.mark.slow
@pytest.mark.usefixtures("tagger")
def test_recall_part_measures_embedded_and_a_chroma_server(tmp_path: Path) -> None:
    out = tmp_path / "recall.json"
    result = CliRunner().invoke(build_app(), ["bench", "--recall", "--quick",
                                              "--json", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    for key in ("recall", "recall_server"):
        rc = report[key]
        assert rc["queried"] == rc["users"] == 20, rc
        for who in ("ours", "baseline", "ours_repeat", "baseline_repeat"):
            assert rc[who]["n"] == 15 and 0 < rc[who]["p50"] <= rc[who]["p95"]
    assert report["recall"]["cached_vectors"] == 2000  # every queried user's memories
    assert "Chroma server, same user again" in result.output


def test_chart_is_drawn(tmp_path: Path) -> None:
    from evals.bench_report import chart

    row = {"p50": 10.0, "p95": 20.0, "n": 3}
    report = {"turn_latency": [{"memories": n, "ours": row, "baseline": row}
                               for n in (0, 1000, 10000)]}
    path = chart(report, tmp_path / "turn_latency.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
