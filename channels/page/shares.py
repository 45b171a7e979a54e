"""Share links: what a user picked to show an employer, with an expiry and a revoke switch.

A share is a row (``shares`` table) holding the picked credential and story ids and, when
asked for, a tailored profile frozen at share time. Its public link carries a signed token
naming the share; the row decides whether it is still live, so revoking takes effect at
once, and a revoked or expired share answers exactly like one that never existed.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from agent import accounts
from agent.capabilities.page import owns_item
from channels.page import tokens
from memory import shares as store

MAX_DAYS = 365
DEFAULT_DAYS = 30


class ShareError(ValueError):
    """A share request that cannot be honoured; the message is one sentence for the user."""


def _now() -> datetime:
    return datetime.now(UTC)


def now_iso() -> str:
    """The current UTC time as stored in the share rows (ISO 8601, seconds)."""
    return _now().isoformat(timespec="seconds")


def share_token(row: dict[str, Any]) -> str:
    """The signed token of a share (the same every time: HMAC is deterministic)."""
    expires = datetime.fromisoformat(str(row["expires_at"]))
    return tokens.sign("share", int(expires.timestamp()), s=str(row["id"]))


def create_share(user_id: str, credentials: list[str] | None = None,
                 stories: list[str] | None = None, profile: dict[str, Any] | None = None,
                 days: int = DEFAULT_DAYS) -> dict[str, Any]:
    """Create a share of this user's picked items.

    Args:
        user_id: whose passport.
        credentials: credential ids to show (must be this user's).
        stories: story ids to show (must be this user's).
        profile: a tailored profile result to freeze into the share.
        days: how long the link works (1 to 365).

    Returns:
        The share row with ``token``.

    Raises:
        ShareError: nothing picked, an unknown id, or a bad number of days.
    """
    credentials, stories = list(dict.fromkeys(credentials or [])), list(
        dict.fromkeys(stories or []))
    if not (credentials or stories or profile):
        raise ShareError("Pick at least one credential, story or tailored profile to share.")
    if not 1 <= days <= MAX_DAYS:
        raise ShareError(f"A share link can last 1 to {MAX_DAYS} days.")
    for cid in credentials:
        if not owns_item(user_id, "credentials", cid):
            raise ShareError(f"There is no credential {cid} in your passport.")
    for sid in stories:
        if not owns_item(user_id, "stories", sid):
            raise ShareError(f"There is no story {sid} in your passport.")
    share_id = "shr_" + secrets.token_hex(8)
    expires = (_now() + timedelta(days=days)).isoformat(timespec="seconds")
    items = {"credentials": credentials, "stories": stories, "profile": profile}
    row = store.add_share(share_id, user_id, items, expires)
    return row | {"token": share_token(row)}


def list_shares(user_id: str) -> list[dict[str, Any]]:
    """This user's shares, newest first, each with ``token`` and ``state``
    (``active``, ``expired`` or ``revoked``)."""
    out = []
    for r in store.user_shares(user_id):
        state = "revoked" if r["revoked_at"] else (
            "expired" if str(r["expires_at"]) <= now_iso() else "active")
        out.append(r | {"token": share_token(r), "state": state})
    return out


def revoke_share(user_id: str, share_id: str) -> bool:
    """Revoke one of this user's shares at once; False when it is not theirs or unknown."""
    return store.revoke_share(user_id, share_id)


def open_share(token: str) -> dict[str, Any] | None:
    """The live share a token names: genuine, unexpired and not revoked; else None."""
    payload = tokens.verify(token, "share")
    if payload is None:
        return None
    row = store.get_share(str(payload.get("s")))
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
    from agent.capabilities.answers import profile_for

    out = profile_for(user_id, job_ad)
    if out.get("kind") != "profile":
        raise ShareError("I could not find any requirements in that job ad; paste the whole "
                         "ad or leave the profile out.")
    return {"job": out.get("job"), "coverage": out.get("coverage"),
            "body": str(out.get("text", "")).split("\n\nSources:")[0],
            "citations": [{k: c.get(k) for k in ("date", "source", "text")}
                          for c in out.get("citations") or []]}
