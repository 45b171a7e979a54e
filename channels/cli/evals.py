"""`passport eval` and `passport bench`: how good and how fast, measured the same way."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

EVAL_HELP = """Run quality evals offline and deterministically; print a table per suite.

Writes `reports/eval-SUITE.json` and `.md` in the repository (the committed latest
reports); `--json OUT` also writes the JSON to OUT. Exits 1 when a coaching check fails,
the profiles suite misses a target, or a suite breaks.
"""

BENCH_HELP = """Benchmark ours side by side with the baseline (plain create_agent +
InMemoryStore, same tools): reflection turn latency at 0, 1k and 10k stored memories,
recall at 100k memories across 1k users, skill tagging, credential verification, cold
start and peak RSS. The synthetic bench store is built once under the data dir (the first
full run embeds and inserts 100k memories: minutes); `--quick` runs small sizes in seconds.
Writes `reports/bench.json`, `.md` and `turn_latency.png` (with `--quick`: `reports/tmp/`).
"""


class Suite(StrEnum):
    """Which eval suite to run."""

    skills = "skills"
    credentials = "credentials"
    coaching = "coaching"
    profiles = "profiles"
    careers = "careers"
    understanding = "understanding"
    all = "all"


JsonOut = Annotated[Path | None, typer.Option("--json", help="Also write the JSON here.")]
NoReports = Annotated[bool, typer.Option("--no-reports", help="Do not update reports/.")]


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=str, ensure_ascii=False) + "\n",
                    encoding="utf-8")


def register(app: typer.Typer) -> None:
    """Add the `eval` and `bench` commands."""

    @app.command("eval", help=EVAL_HELP)
    def eval_(suite: Annotated[Suite, typer.Argument(help="Which suite to run.")] = Suite.all,
              json_out: JsonOut = None, no_reports: NoReports = False,
              llm: Annotated[bool, typer.Option(
                  "--llm", help="Coaching: let the configured LLM answer (default: the "
                                "offline coach, the frozen reference).")] = False) -> None:
        from evals.harness import REPORTS, SUITES, run_suite, write_report

        names = list(SUITES) if suite is Suite.all else [suite.value]
        results: dict[str, Any] = {}
        failed = False
        for name in names:
            typer.echo(f"== {name}", err=True)
            report, table = run_suite(name, **({"llm": True} if llm and name == "coaching"
                                                else {}))
            results[name] = report
            typer.echo(f"\n## {name}\n\n{table}\n")
            if not no_reports and not llm and report.get("status") in ("ok", "failed"):
                write_report(f"eval-{name}", report, table, REPORTS)
            failed = failed or report.get("status") in ("error", "failed")
            summary = report.get("summary", {})
            if name == "coaching" and summary.get("conversations_passed") != summary.get(
                    "conversations"):
                failed = True
        if json_out:
            _write_json(json_out, results[names[0]] if len(names) == 1 else results)
        if failed:
            raise typer.Exit(1)

    @app.command("bench", help=BENCH_HELP)
    def bench(json_out: JsonOut = None,
              quick: Annotated[bool, typer.Option("--quick", help="Small sizes, in seconds.")]
              = False, no_reports: NoReports = False,
              load: Annotated[int | None, typer.Option(
                  "--load", help="Only the load part: this many concurrent users through the "
                  "real HTTP server (errors, throughput, p50/p95 per turn kind).",
                  min=1, max=1000)] = None,
              recall_only: Annotated[bool, typer.Option(
                  "--recall", help="Only the recall part: embedded and on a Chroma server "
                  "(`chroma run` over the bench store), ours beside the baseline.")] = False
              ) -> None:
        from evals.bench import format_table, run_bench
        from evals.harness import REPORTS, write_report

        if load is not None:
            from evals.bench_load import format_load, run_load

            result = run_load(load)
            typer.echo(format_load(result))
            if json_out:
                _write_json(json_out, result)
            return

        if recall_only:
            from evals.bench import run_recall
            from evals.bench_report import format_recall

            result = run_recall(quick=quick)
            typer.echo(format_recall(result))
            if json_out:
                _write_json(json_out, result)
            return

        folder = None if no_reports else (REPORTS / "tmp" if quick else REPORTS)
        report = run_bench(quick=quick, reports=folder)
        table = format_table(report)
        typer.echo(table)
        if folder is not None:
            write_report("bench", report, table, folder)
        if json_out:
            _write_json(json_out, report)
