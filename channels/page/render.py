"""The private passport page and its citation pages, rendered on the server as HTML + SVG.

Sections: skills map, growth timeline, strengths, growth areas, credentials with their four
verdicts, stories, reminder settings, and sharing (a plain HTML form: no script). Every
item links to its evidence at ``/p/{token}/cite/{fact_id}``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from agent.capabilities.page import View
from channels.page.charts import count, skills_map, timeline_chart
from channels.page.html import chip, e, label, layout, overall, q, verdicts
from prompts import render

OPEN_WEEKS = 6
SECTIONS = ["skills", "timeline", "strengths", "careers", "credentials", "stories", "reminders",
            "share"]  # each titled by page_section_<key>


def cite(token: str, fact_id: str, text: str) -> str:
    """A link to one citation of the page's owner."""
    return f'<a href="/p/{e(token)}/cite/{e(q(fact_id))}">{e(text)}</a>'


def _cites(token: str, fact_ids: list[str], limit: int = 3) -> str:
    links = [cite(token, f, render("page_evidence_n", n=n))
             for n, f in enumerate(fact_ids[:limit], 1)]
    return f' <span class="meta">({", ".join(links)})</span>' if links else ""


def _skills(view: View, token: str) -> str:
    if not view.groups:
        return f'<p class="card">{render("page_skills_empty")}</p>'
    out = [skills_map(view.groups), skills_map(view.groups, 360, 330, "map-n", "narrow"),
           f'<p class="meta">{render("page_skills_caption")}</p>', '<div class="groups">']
    verified = render("chart_verified")
    for i, g in enumerate(view.groups):
        items = "".join(
            f"<li>{e(s.label)} {chip(count('items', len(s.items)))}"
            f"{chip(verified, 'ok') if s.verified else ''}{_cites(token, s.fact_ids)}</li>"
            for s in g.skills)
        mark = chip(verified, "ok") if g.verified else ""
        out.append(f'<section class="card" id="group-{i}" aria-labelledby="group-{i}-h">'
                   f'<h3 id="group-{i}-h">{e(g.name)} {chip(count("items", g.items))}{mark}</h3>'
                   f'<ul class="plain">{items}</ul></section>')
    return "".join(out) + "</div>"


def _timeline(view: View, token: str) -> str:
    if not view.weeks:
        return f'<p class="card">{render("page_timeline_empty")}</p>'
    out = [timeline_chart(view.weeks), timeline_chart(view.weeks, 360, 160, "tl-n", "narrow"),
           f'<p class="meta">{render("page_timeline_caption")}</p>',
           '<ol class="plain">']
    for n, w in enumerate(reversed(view.weeks)):
        if n == OPEN_WEEKS:
            earlier = render("page_earlier_weeks", n=len(view.weeks) - n)
            out.append(f'</ol><details><summary>{earlier}</summary><ol class="plain">')
        rows = []
        for m in w["moments"]:
            skills = " · ".join(cite(token, s["fact_id"], s["label"]) for s in m["skills"])
            growth = ", ".join(cite(token, g["fact_id"], g["label"]) for g in m["growth"])
            rows.append(f"<blockquote>{e(m['excerpt'])}</blockquote>"
                        f'<p class="meta">{e(m["date"])} · '
                        f'{cite(token, m["fact_id"], render("page_open_reflection"))}'
                        + (f" · {render('page_moment_skills', skills=skills)}" if skills else "")
                        + (f" · {render('page_moment_growth', growth=growth)}" if growth else "")
                        + "</p>")
        for c in w["credentials"]:
            credential = cite(token, c["fact_id"], c["label"])
            rows.append(f'<p>{render("page_week_credential", credential=credential)} '
                        f'{chip(render("chart_verified"), "ok") if c["verified"] else ""}</p>')
        week = render("page_week", week=e(w["week"]))
        out.append(f'<li class="card" id="w-{e(w["week"])}"><h3>{week}</h3>'
                   f'{"".join(rows)}</li>')
    return "".join(out) + ("</ol></details>" if len(view.weeks) > OPEN_WEEKS else "</ol>")


def _quotes(token: str, quotes: list[dict[str, Any]]) -> str:
    return "".join(f"<blockquote>{e(x['quote'])}</blockquote><p class=\"meta\">{e(x['date'])}"
                   f", {e(render('page_verified_credential') if x['verified'] else x['kind'])} · "
                   f"{cite(token, x['fact_id'], render('page_see_source'))}</p>" for x in quotes)


def _strengths(view: View, token: str) -> str:
    if not view.strengths:
        body = f'<p class="card">{render("page_strengths_empty")}</p>'
    else:
        body = "<ol>" + "".join(
            f'<li class="card"><h3>{e(s["label"])}</h3><p class="meta">'
            f'{count("items", s["items"])}'
            + (f' · {render("page_related", related=e(", ".join(s["related"])))}'
               if s["related"] else "")
            + f"</p>{_quotes(token, s['evidence'])}</li>" for s in view.strengths) + "</ol>"
    if view.growth:
        body += f'<h3 id="growth">{render("page_growth_areas")}</h3><ul>' + "".join(
            f'<li class="card"><strong>{e(g["label"])}</strong>{_quotes(token, g["evidence"][:1])}'
            "</li>" for g in view.growth) + "</ul>"
    return body


def _careers(view: View, token: str) -> str:
    if not view.careers:
        return f'<p class="card">{e(render("careers_page_empty"))}</p>'
    items = []
    for r in view.careers:
        essential = [m for m in r["shown"] if m["essential"]]
        meta = render("careers_page_meta", shown=len(essential), total=r["essential_total"])
        quotes = [{"quote": m["evidence"][0]["words"], "date": m["evidence"][0]["date"],
                   "kind": m["evidence"][0]["kind"], "verified": m["evidence"][0]["verified"],
                   "fact_id": m["evidence"][0]["fact_id"]} for m in r["shown"][:2]]
        missing = render("careers_page_missing", missing=", ".join(r["missing"][:4]))
        items.append(f'<li class="card"><h3>{e(r["label"])}</h3><p class="meta">'
                     f'{chip(r["kind"])} {e(meta)}</p>{_quotes(token, quotes)}'
                     + (f'<p class="meta">{e(missing)}</p>' if r["missing"] else "") + "</li>")
    return (f'<p class="meta">{e(render("careers_page_lede"))}</p><ol>{"".join(items)}</ol>'
            f'<p class="meta">{e(render("careers_attribution"))}</p>')


def credential_card(c: dict[str, Any], link: str, download: str) -> str:
    """One credential: name, issuer, dates, the four verdicts, skills, links."""
    desc = f"<p>{e(c['description'])}</p>" if c["description"] else ""
    skills = "".join(chip(s) for s in c["skills"][:12])
    reasons = "".join(f"<li>{e(r)}</li>" for r in c["reasons"][:6])
    return (f'<article class="card" id="cred-{e(c["id"])}"><h3>{e(c["name"])} '
            f"{overall(c['verdict'])}</h3><p class=\"meta\">"
            + (render("page_issued_by", issuer=e(c["issuer"])) if c["issuer"]
               else render("page_issuer_not_named"))
            + (f" · {e(c['issued'])}" if c["issued"] else "")
            + (f" · {render('page_valid_until', date=e(c['valid_until']))}"
               if c["valid_until"] else "")
            + f"</p>{desc}{verdicts(c)}"
            + (f"<p>{skills}</p>" if skills else "")
            + (f"<details><summary>{render('page_why')}</summary><ul>{reasons}</ul></details>"
               if reasons
               else "")
            + f"<p>{link}{' · ' if link else ''}{download}</p></article>")


def _credentials(view: View, token: str) -> str:
    if not view.credentials:
        return f'<p class="card">{render("page_credentials_empty")}</p>'
    return "".join(credential_card(
        c, cite(token, c["fact_id"], render("page_see_as_evidence")),
        f'<a href="/p/{e(token)}/credential/{e(c["id"])}" download>'
        f'{render("page_download_original", format=e(c["format"]))}</a>')
        for c in view.credentials)


def _section_label(name: str) -> str:
    """A STAR section's heading, as the story itself words it (a stored key from an older
    version without a template keeps its own name)."""
    try:
        return render(f"story_section_{name}")
    except KeyError:
        return name.capitalize()


def story_card(s: dict[str, Any], token: str | None) -> str:
    """One STAR story; with a token, each section links to what it cites."""
    rows = []
    for name, text in s["sections"].items():
        ids = [f for f in s["citations"].get(name, []) if "#" in f]
        links = _cites(token, ids) if token else ""
        rows.append(f"<dt>{e(_section_label(name))}</dt><dd>{e(text)}{links}</dd>")
    status = (chip(render("page_story_saved"), "ok") if s["status"] == "saved"
              else chip(render("page_story_draft")))
    return (f'<article class="card" id="story-{e(s["id"])}"><h3>{e(s["title"])} {status}</h3>'
            f'<p class="meta">{e(s["date"])}</p><dl class="verdicts">{"".join(rows)}</dl>'
            "</article>")


def _reminder(view: View) -> str:
    r = view.reminder
    if not r or not r.get("enabled"):
        example = "<code>/remind sunday 18:00 Europe/Berlin</code>"
        return f'<p class="card">{render("page_reminder_none", example=example)}</p>'
    day = render(f"weekday_{int(r['weekday'])}")
    said = render("page_reminder", day=e(day), time=e(r["at_time"]), tz=e(r["tz"]),
                  channel=e(r.get("channel") or render("page_reminder_chat")),
                  command="<code>/remind</code>")
    return f'<p class="card">{said}</p>'


def _share(view: View, token: str, shares: list[dict[str, Any]], base: str) -> str:
    creds = "".join(f'<label><input type="checkbox" name="credential" value="{e(c["id"])}"> '
                    f'{e(c["name"])} ({e(label("overall", c["verdict"])[0])})'
                    "</label>" for c in view.credentials)
    stories = "".join(f'<label><input type="checkbox" name="story" value="{e(s["id"])}"> '
                      f'{e(s["title"])}</label>' for s in view.stories)
    form = (f'<form class="card" method="post" action="/p/{e(token)}/share">'
            f"<p>{render('page_share_intro')}</p>"
            + (f"<fieldset><legend>{render('page_share_credentials')}</legend>{creds}"
               "</fieldset>" if creds else "")
            + (f"<fieldset><legend>{render('page_share_stories')}</legend>{stories}"
               "</fieldset>" if stories else "")
            + f'<label for="job">{render("page_share_job")}</label>'
            '<textarea id="job" name="job_ad" maxlength="20000"></textarea>'
            f'<label for="days">{render("page_share_days")}</label><input id="days" name="days" '
            'type="number" min="1" max="365" value="30" inputmode="numeric">'
            f'<p><button type="submit">{render("page_share_create")}</button></p></form>')
    rows = []
    for s in shares:
        what = render("page_share_what_profile" if s["items"].get("profile")
                      else "page_share_what",
                      credentials=len(s["items"].get("credentials") or []),
                      stories=len(s["items"].get("stories") or []))
        url = f"{base}/s/{s['token']}"
        link = (f'<a class="url" href="/s/{e(s["token"])}">{e(url)}</a>'
                if s["state"] == "active" else f'<span class="url">{e(url)}</span>')
        revoke = (f'<form method="post" action="/p/{e(token)}/share/{e(s["id"])}/revoke">'
                  f'<button class="secondary" type="submit">{render("page_share_revoke")}'
                  '</button></form>'
                  if s["state"] == "active" else chip(s["state"], "bad"))
        rows.append(f'<tr id="share-{e(s["id"])}"><td>{link}<div class="meta">{e(what)}'
                    f"</div></td><td>{e(str(s['expires_at'])[:16].replace('T', ' '))} UTC"
                    f"</td><td>{revoke}</td></tr>")
    table = (f'<table><thead><tr><th scope="col">{render("page_share_link")}</th>'
             f'<th scope="col">{render("page_share_expires")}</th>'
             f'<th scope="col">{render("page_share_state")}</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>'
             if rows else f'<p class="meta">{render("page_share_none")}</p>')
    return form + f"<h3>{render('page_share_yours')}</h3>" + table


def private_page(view: View, token: str, expires: int, shares: list[dict[str, Any]],
                 base: str, notice: str = "", error: str = "") -> str:
    """The whole private page.

    Args:
        view: the owner's data.
        token: the page token (every link carries it).
        expires: when the token expires (Unix seconds).
        shares: the owner's share links.
        base: the public base URL for share links.
        notice: a one-line confirmation to show on top.
        error: a one-line problem to show on top.
    """
    until = datetime.fromtimestamp(expires, UTC).strftime("%Y-%m-%d %H:%M UTC")
    c = view.counts
    lede = ('<p class="lede">' + render(
        "page_lede", reflections=count("reflections", c["reflections"]),
        credentials=count("credentials", c["credentials"]), verified=c["verified"],
        stories=count("stories", c["stories"]), until=e(until)) + "</p>"
            '<nav aria-label="Sections"><ul>' + "".join(
                f'<li><a href="#{k}">{render(f"page_section_{k}")}</a></li>' for k in SECTIONS)
            + "</ul></nav>")
    top = (f'<p class="notice" role="status">{e(notice)}</p>' if notice else "") + (
        f'<p class="error" role="alert">{e(error)}</p>' if error else "")
    parts = {"skills": _skills(view, token), "timeline": _timeline(view, token),
             "strengths": _strengths(view, token), "careers": _careers(view, token),
             "credentials": _credentials(view, token),
             "stories": "".join(story_card(s, token) for s in view.stories)
             or f'<p class="card">{render("page_stories_empty")}</p>',
             "reminders": _reminder(view), "share": _share(view, token, shares, base)}
    body = top + "".join(f'<section id="{k}" aria-labelledby="{k}-h"><h2 id="{k}-h">'
                         f'{render(f"page_section_{k}")}</h2>{parts[k]}</section>'
                         for k in SECTIONS)
    return layout(render("page_title", name=view.name), body, lede)


def citation_page(name: str, cited: dict[str, Any], token: str) -> str:
    """One citation: the exact sentence, its date, and the whole item it came from."""
    fact = cited["fact"]
    skills = "".join(chip(str(s.get("label"))) for s in fact.get("skills") or [])
    body = (f'<article class="card"><h2>{render("page_cited_sentence")}</h2>'
            f"<blockquote>{e(fact['text'])}</blockquote>"
            f'<p class="meta">{e(fact["date"])} · {e(fact["source"])}'
            + (f" · {render('page_verified_credential')}" if fact.get("verified") else "")
            + "</p>" + (f"<p>{render('page_skills_in_it', skills=skills)}</p>" if skills
                        else "") + "</article>"
            f'<article class="card"><h2>{render("page_whole_item", kind=e(cited["kind"]))}</h2>'
            f'<p style="white-space:pre-wrap">{e(cited["item_text"])}</p></article>'
            f'<p><a href="/p/{e(token)}">{render("page_back")}</a></p>')
    return layout(render("page_evidence_title", name=name), body)
