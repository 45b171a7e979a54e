"""The page shell shared by the private and shared pages: escaping, layout and style.

Every dynamic value goes through :func:`e` (``html.escape`` with quotes), so text from
credentials and reflections can never become markup; the layout inlines its stylesheet
and loads nothing from anywhere, and the pages carry no script at all.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from prompts import render

STYLE = """
:root{--ink:#111827;--muted:#4b5563;--line:#d1d5db;--bg:#f9fafb;--card:#fff;--link:#1d4ed8;
--ok:#065f46;--okbg:#d1fae5;--warn:#92400e;--warnbg:#fef3c7;--bad:#991b1b;--badbg:#fee2e2}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--ink);background:var(--bg)}
a{color:var(--link);text-underline-offset:2px}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,
summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px}
header,main,footer{max-width:62rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.25rem}h1{font-size:1.7rem;margin:.2rem 0}
h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1rem 0 .3rem}
.lede{color:var(--muted);margin:.2rem 0 .8rem}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem .9rem;padding:0;margin:.6rem 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem;
margin:.6rem 0}
.chart{width:100%;height:auto;display:block;background:var(--card);border:1px solid var(--line);
border-radius:10px}
.chip{display:inline-block;border-radius:999px;padding:.05rem .6rem;font-size:.85rem;
margin:.1rem .2rem .1rem 0;border:1px solid var(--line);background:#f3f4f6;color:var(--ink)}
.ok{background:var(--okbg);color:var(--ok);border-color:#6ee7b7}
.warn{background:var(--warnbg);color:var(--warn);border-color:#fcd34d}
.bad{background:var(--badbg);color:var(--bad);border-color:#fca5a5}
blockquote{margin:.3rem 0;padding:.1rem .8rem;border-left:4px solid #93c5fd;background:#eff6ff}
.meta{color:var(--muted);font-size:.9rem}
dl.verdicts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:.5rem 0}
dl.verdicts dt{font-weight:600}dl.verdicts dd{margin:0}
ul.plain{list-style:none;padding:0}ul.plain li{margin:.35rem 0}
fieldset{border:1px solid var(--line);border-radius:8px;margin:.6rem 0}
label{display:block;margin:.25rem 0}textarea{width:100%;min-height:5rem;font:inherit}
input,textarea,button{font:inherit}
button{background:#1d4ed8;color:#fff;border:0;border-radius:8px;padding:.45rem .9rem;
cursor:pointer}button.secondary{background:#fff;color:var(--bad);border:1px solid var(--bad)}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem;
border-bottom:1px solid var(--line);vertical-align:top}
.url{word-break:break-all;font-family:ui-monospace,monospace;font-size:.85rem}
.notice{border-left:4px solid var(--ok);background:var(--okbg);padding:.5rem .8rem}
.error{border-left:4px solid var(--bad);background:var(--badbg);padding:.5rem .8rem}
footer{color:var(--muted);font-size:.85rem;padding:2rem 1rem}
.groups{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:0 .8rem}
.narrow{display:none}
@media (max-width:40rem){dl.verdicts{grid-template-columns:1fr}td,th{display:block}
.wide{display:none}.narrow{display:block}}
"""


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return escape(str(value), quote=True)


def q(value: str) -> str:
    """Quote a path segment (fact ids hold ``#``)."""
    return quote(value, safe="")


def layout(title: str, body: str, lede: str = "") -> str:
    """A whole page: skip link, header, main, footer, inline style and no script."""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex, nofollow">'
            f'<meta name="referrer" content="no-referrer">'
            f"<title>{e(title)}</title><style>{STYLE}</style></head><body>"
            f'<a class="skip" href="#main">{e(render("page_skip"))}</a>'
            f"<header><h1>{e(title)}</h1>{lede}</header>"
            f'<main id="main">{body}</main>'
            f"<footer>{e(render('page_footer'))}</footer></body></html>")


# Verdict value -> tone; the words are templates named ``page_<verdict>_<value>`` (dashes
# become underscores), e.g. ``page_dates_expired.txt``.
TONES = {
    "proof": {"valid": "ok", "invalid-signature": "bad", "unverifiable-offline": "warn",
              "invalid": "bad"},
    "dates": {"ok": "ok", "expired": "bad", "not-yet-valid": "warn"},
    "status": {"ok": "ok", "revoked": "bad", "suspended": "bad", "unknown": "warn"},
    "issuer": {"known": "ok", "unknown": "warn"},
    "overall": {"valid": "ok", "expired": "warn", "not-yet-valid": "warn", "revoked": "bad",
                "unverifiable-offline": "warn", "invalid-signature": "bad", "invalid": "bad"},
}


def label(verdict: str, value: str) -> tuple[str, str]:
    """The words and tone of one verdict value (an unknown value is shown as it is).

    Args:
        verdict: ``proof``, ``dates``, ``status``, ``issuer`` or ``overall``.
        value: the verdict's value, e.g. ``expired``.

    Returns:
        ``(text, tone)``; tone is ``ok``, ``warn``, ``bad`` or empty.
    """
    tone = TONES[verdict].get(value)
    if tone is None:
        return value, ""
    return render(f"page_{verdict}_{value.replace('-', '_')}"), tone


def chip(text: str, tone: str = "") -> str:
    """A small labelled pill (the words carry the meaning; colour only repeats it)."""
    return f'<span class="chip {e(tone)}">{e(text)}</span>'


def verdicts(cred: dict[str, object]) -> str:
    """The four verdicts of a credential as a definition list."""
    v = cred.get("verdicts") or {}
    assert isinstance(v, dict)
    rows = []
    for key in ("proof", "dates", "status", "issuer"):
        text, tone = label(key, str(v.get(key, "unknown")))
        rows.append(f"<dt>{e(render(f'page_verdict_{key}'))}</dt><dd>{chip(text, tone)}</dd>")
    return f'<dl class="verdicts">{"".join(rows)}</dl>'


def overall(verdict: str) -> str:
    """The overall verdict as a chip."""
    text, tone = label("overall", verdict)
    return chip(("✓ " if verdict == "valid" else "") + text, tone)


def not_found() -> str:
    """The one answer for expired, revoked, forged or unknown links."""
    return layout(render("page_not_found_title"),
                  f'<p class="card">{e(render("page_not_found"))}</p>')
