"""The eval harness: the suite registry, JSON and table rendering, and the reports folder.

Suites are imported when run (so one suite's heavy imports never slow another); a suite that
cannot be imported fails loudly. Every suite returns a JSON-able dict and
has a ``format_table(report) -> str``; the harness writes ``reports/eval-NAME.json`` and
``.md`` for each.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
REPORTS = REPO / "reports"

# suite name -> (module, run function, keyword arguments)
SUITES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "skills": ("evals.skills", "run_skills_eval", {}),
    "credentials": ("evals.credentials", "run_credentials_eval", {}),
    "coaching": ("evals.coaching", "run_coaching_eval", {}),
    "profiles": ("evals.profiles", "run_profiles_eval", {}),
}


@contextmanager
def temp_home(label: str, keep: Path | None = None) -> Iterator[Path]:
    """Point PASSPORT_HOME at a fresh temporary data dir for the duration, then restore.

    Args:
        label: part of the temporary folder's name.
        keep: use this folder instead of a temporary one (it is not deleted).
    """
    from memory.records import reset_records
    from memory.vectors import reset_vectors
    from settings import get_settings

    old = os.environ.get("PASSPORT_HOME")
    old_cache = os.environ.get("PASSPORT_CACHE_DIR")
    # Derived indexes (the skill index takes minutes to build) stay in the real cache.
    os.environ["PASSPORT_CACHE_DIR"] = str(get_settings().cache_dir)
    with tempfile.TemporaryDirectory(prefix=f"passport-{label}-") as tmp:
        home = keep or Path(tmp)
        os.environ["PASSPORT_HOME"] = str(home)
        reset_records()
        reset_vectors()
        get_settings.cache_clear()
        try:
            yield home
        finally:
            reset_records()
            reset_vectors()
            for var, value in (("PASSPORT_HOME", old), ("PASSPORT_CACHE_DIR", old_cache)):
                if value is None:
                    os.environ.pop(var, None)
                else:
                    os.environ[var] = value
            get_settings.cache_clear()


def machine() -> dict[str, Any]:
    """Where and when a report was made (for comparing runs)."""
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "when": datetime.now(UTC).isoformat(timespec="seconds")}


def load_suite(name: str) -> tuple[Callable[..., dict[str, Any]], Callable[[dict[str, Any]], str]]:
    """The run function and table formatter of a suite.

    Raises:
        KeyError: there is no suite of that name.
    """
    module_name, fn_name, _ = SUITES[name]
    module = importlib.import_module(module_name)
    return getattr(module, fn_name), module.format_table


def run_suite(name: str, **kwargs: Any) -> tuple[dict[str, Any], str]:
    """Run one suite; a suite that fails while running gives a report that says so.

    Returns:
        The JSON report (with ``suite``, ``status`` and ``machine``) and its table.
    """
    run, table = load_suite(name)
    try:
        report = dict(run(**{**SUITES[name][2], **kwargs}))
    except Exception as exc:  # noqa: BLE001 - one broken suite must not hide the others
        broken: dict[str, Any] = {"suite": name, "status": "error",
                                  "detail": f"{type(exc).__name__}: {exc}"}
        return broken, f"{name}: failed ({type(exc).__name__}: {exc})."
    report.setdefault("suite", name)
    report.setdefault("status", "ok")
    report["machine"] = machine()
    return report, table(report)


def write_report(name: str, report: dict[str, Any], table: str,
                 folder: Path = REPORTS) -> tuple[Path, Path]:
    """Write ``NAME.json`` and ``NAME.md`` into the reports folder; returns both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    js, md = folder / f"{name}.json", folder / f"{name}.md"
    js.write_text(json.dumps(report, indent=2, default=str, ensure_ascii=False) + "\n",
                  encoding="utf-8")
    when = report.get("machine", {}).get("when", "")
    if not any(line.startswith("|") for line in table.splitlines()):
        table = f"```\n{table}\n```"  # a plain-text table stays aligned
    md.write_text(f"# {name}\n\n{table}\n\n_Measured {when}._\n", encoding="utf-8")
    return js, md


def markdown_table(headers: list[str], rows: list[list[Any]]) -> str:
    """A Markdown table; floats are shown with one decimal."""
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.1f}" if abs(v) >= 1 else f"{v:.2f}"
        return "" if v is None else str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
