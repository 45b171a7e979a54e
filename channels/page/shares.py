"""Share links: the signed public link of a share, and opening one.

What a share may hold, its expiry and revocation are decided by ``agent/capabilities/
shares.py``. The public link carries a signed token naming the share; the row decides whether
it is still live, so revoking takes effect at once, and a revoked or expired share answers
exactly like one that never existed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from agent.capabilities import shares as shares_cap
from agent.capabilities.shares import DEFAULT_DAYS, MAX_DAYS, ShareError, freeze_profile
from channels.page import tokens

__all__ = ["DEFAULT_DAYS", "MAX_DAYS", "ShareError", "create_share", "freeze_profile",
           "list_shares", "open_share", "revoke_share", "share_token"]


def share_token(row: dict[str, Any]) -> str:
    """The signed token of a share (the same every time: HMAC is deterministic)."""
    expires = datetime.fromisoformat(str(row["expires_at"]))
    return tokens.sign("share", int(expires.timestamp()), s=str(row["id"]))


def create_share(user_id: str, credentials: list[str] | None = None,
                 stories: list[str] | None = None, profile: dict[str, Any] | None = None,
                 days: int = DEFAULT_DAYS) -> dict[str, Any]:
    """Create a share of this user's picked items (see :func:`agent.capabilities.shares.create`).

    Returns:
        The share row with ``token``.

    Raises:
        ShareError: nothing picked, an unknown id, or a bad number of days.
    """
    row = shares_cap.create(user_id, credentials, stories, profile, days)
    return row | {"token": share_token(row)}


def list_shares(user_id: str) -> list[dict[str, Any]]:
    """This user's shares, newest first, each with ``token`` and ``state``
    (``active``, ``expired`` or ``revoked``)."""
    return [r | {"token": share_token(r)} for r in shares_cap.of_user(user_id)]


def revoke_share(user_id: str, share_id: str) -> bool:
    """Revoke one of this user's shares at once; False when it is not theirs or unknown."""
    return shares_cap.revoke(user_id, share_id)


def open_share(token: str) -> dict[str, Any] | None:
    """The live share a token names: genuine, unexpired and not revoked; else None."""
    payload = tokens.verify(token, "share")
    if payload is None:
        return None
    return shares_cap.live(str(payload.get("s")))
