"""`passport bench --load N`: real concurrent users through the HTTP server, counted."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from channels.cli.main import build_app


def test_load_part_reports_errors_throughput_and_latency_per_turn_kind(tmp_path: Path) -> None:
    out = tmp_path / "load.json"
    res = CliRunner().invoke(build_app(), ["bench", "--load", "4", "--json", str(out)])
    assert res.exit_code == 0, res.output
    report = json.loads(out.read_text())
    assert report["users"] == 4 and report["requests"] == 16 and report["errors"] == 0, report
    latency = report["latency_ms"]
    assert set(latency) == {"chat", "saving turn", "strengths"}
    assert latency["chat"]["n"] + latency["saving turn"]["n"] == 12
    assert latency["saving turn"]["n"] == report["reflections_saved"] >= 1
    assert latency["strengths"]["n"] == 4
    assert report["requests_per_s"] > 0
    alone = report["alone"]["latency_ms"]  # CPU per turn kind, one request at a time first
    assert alone["chat"]["n"] + alone["saving turn"]["n"] == 15 and alone["strengths"]["n"] == 5
    assert all(alone[k]["cpu_p50"] > 0 for k in ("chat", "strengths"))
    assert report["cpu_ms_per_request"] > 0 and len(report["load_average"]) == 2
    assert "requests/s" in res.output and "saving turn" in res.output
