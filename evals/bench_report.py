"""The benchmark report: goals, the Markdown table and the turn-latency chart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals.harness import markdown_table


def _ratio(base: float | None, ours: float | None) -> str:
    if not base or not ours:
        return ""
    return f"{base / ours:.1f}x"


def _cell(s: dict[str, Any], digits: int) -> str:
    cpu = f"; {s['cpu_p50']:.{digits}f}" if "cpu_p50" in s else ""
    cpu += f" / {s['cpu_p95']:.{digits}f}" if "cpu_p95" in s else ""
    return f"{s['p50']:.{digits}f} / {s['p95']:.{digits}f}{cpu}"


def goals(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal of the issue with the measured value and whether it is met."""
    turns = report["turn_latency"]
    top = max(turns, key=lambda r: r["memories"]) if turns else None
    tagging, verify = report["tagging"], report["verification"]
    rows: list[tuple[str, str, Any, Callable[[float], bool]]] = [
        ("turn p95 at max memories (ms)", "< 150", top["ours"]["p95"] if top else None,
         lambda v: v < 150),
        ("recall p95, a user's first since start (ms)", "< 30",
         report["recall"]["ours"]["p95"], lambda v: v < 30),
        *_repeat_goal(report["recall"]),
        ("skill tagging (sentences/s)", ">= 200", tagging.get("ours_per_s"),
         lambda v: v >= 200),
        ("credential verification p50 (ms)", "< 50", verify.get("ours", {}).get("p50"),
         lambda v: v < 50),
        ("explore roles p95 (ms)", "< 1000",
         report.get("careers", {}).get("explore", {}).get("p95"), lambda v: v < 1000),
        ("cold start to first reply (s)", "< 3", report["cold_start"]["ours_s"],
         lambda v: v < 3),
    ]
    return [{"goal": g, "target": t, "measured": v, "met": None if v is None else bool(ok(v))}
            for g, t, v, ok in rows]


def _repeat_goal(rc: dict[str, Any]) -> list[tuple[str, str, Any, Callable[[float], bool]]]:
    if "ours_repeat" not in rc:
        return []
    base = rc["baseline_repeat"]["p95"]
    return [("recall p95, the same user again (ms)", f"< baseline ({base})",
             rc["ours_repeat"]["p95"], lambda v: v < base)]


def _recall_rows(report: dict[str, Any]) -> list[list[Any]]:
    """Recall rows: embedded and on a Chroma server, a user's first recall and the next."""
    rows: list[list[Any]] = []
    for key, where in (("recall", "embedded"), ("recall_server", "Chroma server")):
        rc = report.get(key)
        if not rc or "ours" not in rc:
            if rc and "error" in rc:
                rows.append([f"recall, {where}", f"not measured: {rc['error']}", "", ""])
            continue
        size = f"{rc['memories']:,} memories / {rc['users']:,} users"
        for suffix, label in (("_bare", "first since start, no snapshot (older data)"),
                              ("_written", "first since start, after a write"),
                              ("", "first since start"), ("_repeat", "same user again")):
            if f"ours{suffix}" not in rc:
                continue
            o, b = rc[f"ours{suffix}"], rc[f"baseline{suffix}"]
            rows.append([f"recall, {where}, {label}, {size} (ms p50 / p95; cpu p50 / p95)",
                         _cell(o, 1), _cell(b, 1), _ratio(b["p95"], o["p95"])])
    return rows


def format_recall(report: dict[str, Any]) -> str:
    """The recall part alone as Markdown."""
    return markdown_table(["measurement", "ours", "baseline", "baseline / ours"],
                          _recall_rows(report))


def format_table(report: dict[str, Any]) -> str:
    """The benchmark as Markdown: every measurement, ours beside the baseline."""
    rows: list[list[Any]] = []
    for r in report["turn_latency"]:
        o, b = r["ours"], r["baseline"]
        rows.append([f"reflection turn with understanding, {r['memories']:,} memories "
                     "(ms p50 / p95; cpu p50 / p95)",
                     _cell(o, 0), _cell(b, 0), _ratio(b["p95"], o["p95"])])
    saves = [r for r in report["turn_latency"] if r.get("ours_save_turn", {}).get("n")]
    if saves:
        top = max(saves, key=lambda r: r["memories"])
        rows.append([f"of which the saving turn, {top['memories']:,} memories (ms p50 / p95; "
                     "cpu p50 / p95)", _cell(top["ours_save_turn"], 0), "", ""])
    rows.extend(_recall_rows(report))
    tg = report["tagging"]
    if "ours_per_s" in tg:
        rows.append([f"skill tagging, batch of {tg['sentences']} (sentences/s)",
                     tg["ours_per_s"], tg["baseline_per_s"],
                     _ratio(tg["ours_per_s"], tg["baseline_per_s"])])
    if "ours_accurate_per_s" in tg:
        rows.append(["skill tagging, accurate mode as in a turn (sentences/s)",
                     tg["ours_accurate_per_s"], tg["baseline_per_s"],
                     _ratio(tg["ours_accurate_per_s"], tg["baseline_per_s"])])
    un = report.get("understanding", {})
    if "p50" in un:
        rows.append([f"understanding one message, {un['messages']} messages (ms p50 / p95; "
                     "cpu p50 / p95)", _cell(un, 1), "", ""])
    vf = report["verification"]
    if "ours" in vf:
        rows.append([f"credential verification, {vf['credentials']} credentials "
                     "(ms p50 / p95)", f"{vf['ours']['p50']:.1f} / {vf['ours']['p95']:.1f}",
                     "same tools", ""])
    cr = report.get("careers", {})
    if "explore" in cr:
        rows.append([f"explore roles / growth plan, {cr['personas']} personas (ms p50 / p95)",
                     f"{_cell(cr['explore'], 0)}; {_cell(cr['plan'], 0)}", "", ""])
    cs = report["cold_start"]
    rows.append(["cold start to first reply (s; cpu s)",
                 f"{cs['ours_s']:.2f}; {cs.get('ours_cpu_s', 0):.2f}",
                 f"{cs['baseline_s']:.2f}; {cs.get('baseline_cpu_s', 0):.2f}",
                 _ratio(cs["baseline_s"], cs["ours_s"])])
    rows.append(["peak RSS of that process (MB)", cs["ours_rss_mb"], cs["baseline_rss_mb"], ""])
    rows.append(["peak RSS of the whole bench run (MB)", report["peak_rss_mb"], "", ""])
    table = markdown_table(["measurement", "ours", "baseline", "baseline / ours"], rows)
    goal_rows = [[g["goal"], g["target"], g["measured"],
                  "n/a" if g["met"] is None else ("yes" if g["met"] else "NO")]
                 for g in report["goals"]]
    note = " (quick sizes)" if report.get("quick") else ""
    return (f"{table}\n\nGoals{note}:\n\n"
            f"{markdown_table(['goal', 'target', 'measured', 'met'], goal_rows)}")


def chart(report: dict[str, Any], path: Path) -> Path:
    """Draw turn latency (p50 and p95) against stored memories, ours and the baseline."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    turns = sorted(report["turn_latency"], key=lambda r: r["memories"])
    xs = list(range(len(turns)))  # evenly spaced levels (0 has no place on a log axis)
    labels = [f"{r['memories']:,}" for r in turns]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    for who, color in (("ours", "#1f77b4"), ("baseline", "#d62728")):
        name = "Talent Passport" if who == "ours" else "baseline (create_agent + InMemoryStore)"
        ax.plot(xs, [r[who]["p95"] for r in turns], "o-", color=color, label=f"{name} p95")
        ax.plot(xs, [r[who]["p50"] for r in turns], "o--", color=color, alpha=0.6,
                label=f"{name} p50")
    ax.axhline(150, color="grey", linestyle=":", label="goal: p95 < 150 ms")
    ax.set_xticks(xs, labels)
    ax.set_xlabel("memories stored for the user")
    ax.set_ylabel("reflection turn latency (ms)")
    ax.set_title("Reflection turn latency vs stored memories (offline coach)")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
