"""The public share page: only what the owner picked, with the originals to verify.

No link on it leads into the owner's private page: stories show their text without
citation links, and a tailored profile shows the quotes it cites inline.
"""

from __future__ import annotations

from typing import Any

from channels.page.html import e, layout
from channels.page.render import credential_card, story_card


def _profile(p: dict[str, Any]) -> str:
    sources = "".join(f"<li><blockquote>{e(c.get('text', ''))}</blockquote>"
                      f'<p class="meta">{e(c.get("date", ""))}, {e(c.get("source", ""))}</p>'
                      "</li>" for c in p.get("citations") or [])
    cover = p.get("coverage")
    return (f'<article class="card"><h3>Profile for: {e(p.get("job") or "this role")}</h3>'
            + (f'<p class="meta">Covers {round(float(cover) * 100)}% of the must-have '
               "requirements.</p>" if isinstance(cover, int | float) else "")
            + f'<p style="white-space:pre-wrap">{e(p.get("body", ""))}</p>'
            + (f"<h4>Sources</h4><ol>{sources}</ol>" if sources else "") + "</article>")


def shared_page(name: str, token: str, expires_at: str, credentials: list[dict[str, Any]],
                stories: list[dict[str, Any]], profile: dict[str, Any] | None) -> str:
    """The page an employer sees.

    Args:
        name: the owner's display name.
        token: the share token (for download links).
        expires_at: when the share ends (ISO).
        credentials: the picked credentials (display rows).
        stories: the picked stories.
        profile: the frozen tailored profile, if picked.
    """
    until = str(expires_at)[:16].replace("T", " ")
    lede = (f'<p class="lede">{e(name)} chose to share this with you. The link works until '
            f"{e(until)} UTC and can be revoked by {e(name)} at any time.</p>")
    parts = []
    if credentials:
        parts.append(
            '<section id="credentials" aria-labelledby="credentials-h">'
            '<h2 id="credentials-h">Credentials</h2><p class="card">Verify them yourself, '
            "independently of us: download each original as its issuer signed it, or "
            f'<a href="/s/{e(token)}/presentation.json" download>all of them in one W3C '
            "Verifiable Presentation</a> (unsigned by us; each credential inside keeps its "
            "issuer's signature).</p>"
            + "".join(credential_card(c, "", f'<a href="/s/{e(token)}/credential/'
                                      f'{e(c["id"])}" download>Download the original '
                                      f'({e(c["format"])})</a>') for c in credentials)
            + "</section>")
    if stories:
        parts.append('<section id="stories" aria-labelledby="stories-h"><h2 id="stories-h">'
                     "Stories</h2>" + "".join(story_card(s, None) for s in stories)
                     + "</section>")
    if profile:
        parts.append('<section id="profile" aria-labelledby="profile-h"><h2 id="profile-h">'
                     f"Tailored profile</h2>{_profile(profile)}</section>")
    return layout(f"{name} · shared from a Talent Passport", "".join(parts), lede)
