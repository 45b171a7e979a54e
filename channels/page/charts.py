"""Server-side SVG charts for the passport page: the skills map and the growth timeline.

Plain SVG strings, no script, no external fonts: every label is escaped, every shape that
stands for something links to the part of the page that lists it (keyboard reachable), and
each chart has a title and a text alternative; the lists under the charts carry the same
facts for screen readers and small screens.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape
from typing import Any

from agent.capabilities.page import Group
from prompts import render

FILLS = ["#dbeafe", "#dcfce7", "#fef3c7", "#fce7f3", "#ede9fe", "#e0f2fe", "#ffedd5",
         "#f1f5f9"]
VERIFIED = "#0f766e"
INK = "#111827"
COUNTED = ("items", "skills", "reflections", "credentials", "stories")  # count_<kind>_one|many


def count(kind: str, n: int) -> str:
    """``n`` things of a kind in words ("1 item", "3 items")."""
    return render(f"count_{kind}_{'one' if n == 1 else 'many'}", n=n)
MAX_WEEKS = 52


def _worst(row: list[float], side: float) -> float:
    s = sum(row)
    return max(max(side * side * r / (s * s), s * s / (side * side * r)) for r in row)


def squarify(values: list[float], x: float, y: float, w: float, h: float
             ) -> list[tuple[float, float, float, float]]:
    """Squarified treemap rectangles for ``values`` (sorted largest first) in a box."""
    total = sum(values) or 1.0
    areas = [v * w * h / total for v in values]
    rects: list[tuple[float, float, float, float]] = []
    while areas:
        side = min(w, h)
        row = [areas.pop(0)]
        while areas and _worst(row + [areas[0]], side) <= _worst(row, side):
            row.append(areas.pop(0))
        s = sum(row)
        if w >= h:
            cw, cy = s / h, y
            for a in row:
                rects.append((x, cy, cw, a / cw))
                cy += a / cw
            x, w = x + cw, w - cw
        else:
            rh, cx = s / w, x
            for a in row:
                rects.append((cx, y, a / rh, rh))
                cx += a / rh
            y, h = y + rh, h - rh
    return rects


def _fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """Cut a label to what fits in ``width`` pixels (about 0.56 em a character, 0.62 bold)."""
    room = max(0, int(width / (size * (0.62 if bold else 0.56))))
    return text if len(text) <= room else (text[: max(0, room - 1)] + "…" if room > 2 else "")


def _wrap(text: str, width: float, size: float, lines: int) -> list[str]:
    """Greedy word wrap into at most ``lines`` lines (bold), the last one cut to fit."""
    words, out = text.split(), [""]
    for word in words:
        trial = f"{out[-1]} {word}".strip()
        if _fit(trial, width, size, bold=True) == trial or not out[-1]:
            out[-1] = trial
        elif len(out) < lines:
            out.append(word)
        else:
            out[-1] = trial
    return [_fit(line, width, size, bold=True) for line in out if line]


def skills_map(groups: list[Group], width: int = 640, height: int = 280,
               name: str = "map", css: str = "wide") -> str:
    """The skills map: one rectangle per skill group, area by evidence, verified marked.

    Args:
        groups: the skill groups, biggest first.
        width: viewBox width (640 for wide screens, 360 for phones).
        height: viewBox height.
        name: id prefix (two maps share a page: one per screen size).
        css: extra class (``wide`` or ``narrow``; the stylesheet shows one).
    """
    if not groups:
        return ""
    rects = squarify([float(g.items) for g in groups], 0, 0, width, height)
    parts = [f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{name}-title" xmlns="http://www.w3.org/2000/svg">'
             f'<title id="{name}-title">{render("chart_map_title", groups=len(groups))}'
             '</title>']
    for i, (g, (x, y, w, h)) in enumerate(zip(groups, rects, strict=True)):
        fill = FILLS[i % len(FILLS)]
        stroke = f'stroke="{VERIFIED}" stroke-width="4"' if g.verified else \
            'stroke="#ffffff" stroke-width="2"'
        mark = " " + render("chart_verified") if g.verified else ""
        items = count("items", g.items)
        tip = render("chart_group_tip", name=g.name, items=items,
                     skills=count("skills", len(g.skills)), mark=mark)
        parts.append(f'<a href="#group-{i}" aria-label="{escape(tip)}"><g>'
                     f'<title>{escape(tip)}</title>'
                     f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{max(w - 2, 1):.1f}" '
                     f'height="{max(h - 2, 1):.1f}" rx="6" fill="{fill}" {stroke}/>')
        size = 15 if w > 140 and h > 60 else 12
        lines = _wrap(g.name, w - 16, size, 2 if h > 80 else 1) if h > 24 else []
        for n, line in enumerate(lines):
            parts.append(f'<text x="{x + 9:.1f}" y="{y + 8 + size + n * (size + 3):.1f}" '
                         f'font-size="{size}" font-weight="600" fill="{INK}">{escape(line)}'
                         "</text>")
        if h > 48:
            sub = _fit(f"{items}{mark}", w - 16, 12)
            top = y + 8 + size + len(lines) * (size + 3) + 4
            parts.append(f'<text x="{x + 9:.1f}" y="{top:.1f}" font-size="12" '
                         f'fill="{VERIFIED if g.verified else "#374151"}">{escape(sub)}</text>')
        parts.append("</g></a>")
    parts.append("</svg>")
    return "".join(parts)


def _monday(week: str) -> date:
    return datetime.strptime(f"{week}-1", "%G-W%V-%u").date()


def timeline_chart(weeks: list[dict[str, Any]], width: int = 640, height: int = 180,
                   name: str = "tl", css: str = "wide") -> str:
    """Growth moments by week: a bar per week (height = skills shown), a diamond per
    credential dated that week (filled when verified); the last 52 weeks at most."""
    if not weeks:
        return ""
    last = _monday(weeks[-1]["week"])
    first = max(_monday(weeks[0]["week"]), last - timedelta(weeks=MAX_WEEKS - 1))
    span = [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    by_week = {w["week"]: w for w in weeks}
    top = max([sum(len(m["skills"]) or 1 for m in w["moments"]) for w in weeks] + [1])
    left, bottom, plot_h = 8, 26, height - 26 - 32  # room above the bars for diamonds
    step = (width - 2 * left) / len(span)
    bar = max(2.0, min(step * 0.7, 28))
    parts = [f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{name}-title" xmlns="http://www.w3.org/2000/svg">'
             f'<title id="{name}-title">'
             f'{render("chart_timeline_title", moments=sum(len(w["moments"]) for w in weeks))}'
             '</title>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" '
             f'y2="{height - bottom}" stroke="#9ca3af"/>']
    label_every = max(1, round(len(span) / (8 if width >= 500 else 4)))
    for n, monday in enumerate(span):
        wk = monday.strftime("%G-W%V")
        cx = left + step * n + step / 2
        w = by_week.get(wk)
        if n % label_every == 0:
            parts.append(f'<text x="{cx:.1f}" y="{height - 8}" font-size="11" '
                         f'text-anchor="middle" fill="#374151">{monday:%b %d}</text>')
        if not w:
            continue
        if w["moments"]:
            skills = sum(len(m["skills"]) or 1 for m in w["moments"])
            h = max(4.0, plot_h * skills / top)
            tip = render("chart_week_tip", week=wk,
                         reflections=count("reflections", len(w["moments"])),
                         skills=sum(len(m["skills"]) for m in w["moments"]))
            parts.append(f'<a href="#w-{wk}" aria-label="{escape(tip)}"><g>'
                         f'<title>{escape(tip)}</title><rect x="{cx - bar / 2:.1f}" '
                         f'y="{height - bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'rx="2" fill="#2563eb"/></g></a>')
        for c in w["credentials"]:
            fill = VERIFIED if c["verified"] else "#ffffff"
            tip = render("chart_week_credential_verified" if c["verified"]
                         else "chart_week_credential", week=wk, label=c["label"])
            y = 10
            parts.append(f'<a href="#w-{wk}" aria-label="{escape(tip)}"><g>'
                         f'<title>{escape(tip)}</title><path d="M{cx:.1f} {y} l7 7 l-7 7 '
                         f'l-7 -7 z" fill="{fill}" stroke="{VERIFIED}" stroke-width="2"/>'
                         f'</g></a>')
    parts.append("</svg>")
    return "".join(parts)
