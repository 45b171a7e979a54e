"""Routes of the passport page: ``/p/{token}`` (private) and ``/s/{token}`` (shared).

A token that is forged, expired, for the wrong kind of link, for a deleted user, or for a
revoked share gets the same 404 page; ids in a path are only ever looked up within the
token's user (or the share's picked items), so no URL can reach another user's data.
Responses forbid scripts, framing, caching and referrers.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from agent import accounts
from agent.capabilities import page as page_cap
from channels.page import shares, tokens, vp
from channels.page.html import not_found
from channels.page.render import citation_page, private_page
from channels.page.share_page import shared_page
from prompts import render
from settings import get_settings

router = APIRouter(include_in_schema=False)
MAX_FORM_BYTES = 64_000
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' "
                               "data:; form-action 'self'; base-uri 'none'; "
                               "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer", "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
    "X-Robots-Tag": "noindex, nofollow",
}


def _warm() -> None:
    """Load the embedding model (strengths fold similar skills with it) so that the first
    page of a freshly started server does not pay for it."""
    with contextlib.suppress(Exception):  # warming is an optimisation only
        page_cap.warm_up()


threading.Thread(target=_warm, name="page-warmup", daemon=True).start()


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=HEADERS)


def _missing() -> HTMLResponse:
    return _html(not_found(), 404)


def _owner(token: str) -> tuple[str, int] | None:
    """The user a page token opens and its expiry, when genuine, live and the user exists."""
    payload = tokens.verify(token, "page")
    if payload is None or not isinstance(payload.get("u"), str):
        return None
    if accounts.get_user(payload["u"]) is None:
        return None
    return payload["u"], int(payload["exp"])


def _base(request: Request) -> str:
    settings = get_settings()
    if "public_url" in settings.model_fields_set:
        return settings.public_url.rstrip("/")
    return str(request.base_url).rstrip("/")


def _download(row: dict[str, Any]) -> Response:
    raw, name, mime = vp.original(row)
    return Response(raw, media_type=mime, headers=HEADERS | {
        "Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/p/{token}", response_class=HTMLResponse)
def private(token: str, request: Request) -> HTMLResponse:
    """The owner's passport page."""
    owner = _owner(token)
    if owner is None:
        return _missing()
    user_id, expires = owner
    view = page_cap.passport_view(user_id)
    made = request.query_params.get("shared", "")
    notice = render("page_share_created") if made else ""
    if request.query_params.get("revoked"):
        notice = render("page_share_revoked")
    error = request.query_params.get("error", "")[:300]
    return _html(private_page(view, token, expires, shares.list_shares(user_id),
                              _base(request), notice=notice, error=error))


@router.get("/p/{token}/cite/{fact_id}", response_class=HTMLResponse)
def citation(token: str, fact_id: str) -> HTMLResponse:
    """One citation of the owner: the exact sentence, its date and item."""
    owner = _owner(token)
    cited = page_cap.citation(owner[0], fact_id) if owner else None
    if owner is None or cited is None:
        return _missing()
    return _html(citation_page(page_cap.display_name(owner[0]), cited, token))


@router.get("/p/{token}/credential/{cred_id}")
def private_original(token: str, cred_id: str) -> Response:
    """Download one of the owner's credentials as it arrived."""
    owner = _owner(token)
    row = page_cap.credential_file(owner[0], cred_id) if owner else None
    return _download(row) if row else _missing()


def _create(user_id: str, form: dict[str, list[str]]) -> dict[str, Any]:
    try:
        days = int((form.get("days") or ["30"])[0] or 30)
    except ValueError as exc:
        raise shares.ShareError(render("share_days_not_number")) from exc
    job = (form.get("job_ad") or [""])[0].strip()[:20_000]
    profile = shares.freeze_profile(user_id, job) if job else None
    return shares.create_share(user_id, form.get("credential"), form.get("story"), profile,
                               days)


@router.post("/p/{token}/share")
async def create_share(token: str, request: Request) -> Response:
    """Create a share link from the page's form, then show the page again."""
    owner = _owner(token)
    if owner is None:
        return _missing()
    body = (await request.body())[:MAX_FORM_BYTES].decode("utf-8", errors="replace")
    form = parse_qs(body, max_num_fields=200)
    try:
        row = await asyncio.to_thread(_create, owner[0], form)
    except shares.ShareError as exc:
        from urllib.parse import quote

        return RedirectResponse(f"/p/{token}?error={quote(str(exc))}#share", status_code=303)
    return RedirectResponse(f"/p/{token}?shared={row['id']}#share-{row['id']}",
                            status_code=303)


@router.post("/p/{token}/share/{share_id}/revoke")
def revoke(token: str, share_id: str) -> Response:
    """Revoke one of the owner's share links."""
    owner = _owner(token)
    if owner is None:
        return _missing()
    if not shares.revoke_share(owner[0], share_id) and not any(
            r["id"] == share_id for r in shares.list_shares(owner[0])):
        return _missing()  # not this owner's share (an already revoked one is fine)
    return RedirectResponse(f"/p/{token}?revoked=1#share", status_code=303)


@router.get("/s/{token}", response_class=HTMLResponse)
def shared(token: str) -> HTMLResponse:
    """The public page of a live share: only the picked items."""
    row = shares.open_share(token)
    if row is None:
        return _missing()
    uid, items = str(row["user_id"]), row["items"]
    creds = page_cap.credential_rows(uid, list(items.get("credentials") or []))
    stories = page_cap.story_rows(uid, list(items.get("stories") or []))
    return _html(shared_page(page_cap.display_name(uid), token, str(row["expires_at"]),
                             creds, stories, items.get("profile")))


def _picked_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    ids = set(row["items"].get("credentials") or [])
    return page_cap.picked_credentials(str(row["user_id"]), ids)


@router.get("/s/{token}/credential/{cred_id}")
def shared_original(token: str, cred_id: str) -> Response:
    """Download one shared credential exactly as its issuer signed it."""
    row = shares.open_share(token)
    found = [c for c in _picked_rows(row) if c["id"] == cred_id] if row else []
    return _download(found[0]) if found else _missing()


@router.get("/s/{token}/presentation.json")
def presentation(token: str) -> Response:
    """The shared credentials in one unsigned W3C Verifiable Presentation."""
    row = shares.open_share(token)
    if row is None:
        return _missing()
    body = json.dumps(vp.presentation(_picked_rows(row)), indent=2, ensure_ascii=False)
    return Response(body.encode(), media_type="application/json", headers=HEADERS | {
        "Content-Disposition": 'attachment; filename="presentation.json"'})
