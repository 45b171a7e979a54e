"""Shares: what a user picked to show an employer, with an expiry and a revoke switch.

A share is a row of the share store (``memory/shares.py``) holding the picked credential and
story ids and, when asked for, a tailored profile frozen at share time. This module decides
what a share may hold and whether it is still live; the page (``channels/page/shares.py``)
signs and opens its links.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from agent import accounts
from agent.capabilities.page import owns_item
from memory import shares as store
from prompts import render

MAX_DAYS = 365
DEFAULT_DAYS = 30


class ShareError(ValueError):
    """A share request that cannot be honoured; the message is one sentence for the user."""


def _now() -> datetime:
    return datetime.now(UTC)


def now_iso() -> str:
    """The current UTC time as stored in the share rows (ISO 8601, seconds)."""
    return _now().isoformat(timespec="seconds")


def create(user_id: str, credentials: list[str] | None = None,
           stories: list[str] | None = None, profile: dict[str, Any] | None = None,
           days: int = DEFAULT_DAYS) -> dict[str, Any]:
    """Store a share of this user's picked items.

    Args:
        user_id: whose passport.
        credentials: credential ids to show (must be this user's).
        stories: story ids to show (must be this user's).
        profile: a frozen tailored profile (see :func:`freeze_profile`).
        days: how long the link works (1 to 365).

    Returns:
        The share row (``items`` decoded).

    Raises:
        ShareError: nothing picked, an unknown id, or a bad number of days.
    """
    credentials, stories = list(dict.fromkeys(credentials or [])), list(
        dict.fromkeys(stories or []))
    if not (credentials or stories or profile):
        raise ShareError(render("share_nothing_picked"))
    if not 1 <= days <= MAX_DAYS:
        raise ShareError(render("share_days_range", max_days=MAX_DAYS))
    for cid in credentials:
        if not owns_item(user_id, "credentials", cid):
            raise ShareError(render("share_no_credential", id=cid))
    for sid in stories:
        if not owns_item(user_id, "stories", sid):
            raise ShareError(render("share_no_story", id=sid))
    share_id = "shr_" + secrets.token_hex(8)
    expires = (_now() + timedelta(days=days)).isoformat(timespec="seconds")
    items = {"credentials": credentials, "stories": stories, "profile": profile}
    return store.add_share(share_id, user_id, items, expires)


def of_user(user_id: str) -> list[dict[str, Any]]:
    """This user's shares, newest first, each with ``state`` (``active``, ``expired`` or
    ``revoked``)."""
    out = []
    for r in store.user_shares(user_id):
        state = "revoked" if r["revoked_at"] else (
            "expired" if str(r["expires_at"]) <= now_iso() else "active")
        out.append(r | {"state": state})
    return out


def revoke(user_id: str, share_id: str) -> bool:
    """Revoke one of this user's shares at once; False when it is not theirs or unknown."""
    return store.revoke_share(user_id, share_id)


def live(share_id: str) -> dict[str, Any] | None:
    """The share row when it is unexpired, not revoked and its owner still exists; else None."""
    row = store.get_share(share_id)
    if row is None or row["revoked_at"] or str(row["expires_at"]) <= now_iso():
        return None
    if accounts.get_user(str(row["user_id"])) is None:
        return None
    return row


def freeze_profile(user_id: str, job_ad: str) -> dict[str, Any]:
    """A profile tailored to a job ad, frozen for a share: the text without the private
    source list, and the cited quotes with their dates.

    Raises:
        ShareError: the ad names no requirements.
    """
    from agent.capabilities.answers import profile_for  # loads the job-ad model: on use

    out = profile_for(user_id, job_ad)
    if out.kind != "profile":
        raise ShareError(render("share_profile_no_requirements"))
    facts = out.facts
    return {"job": facts.get("job"), "coverage": facts.get("coverage"),
            "body": str(facts.get("text", "")).split("\n\nSources:")[0],
            "citations": [{k: c.get(k) for k in ("date", "source", "text")}
                          for c in facts.get("citations") or []]}
