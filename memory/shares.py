"""The share-link store: one row per share (the picked items, expiry, revocation).

All SQL for shares lives here; ``agent/capabilities/shares.py`` decides what a share may hold
and whether it is live, ``channels/page/shares.py`` signs its links.
"""

from __future__ import annotations

import json
from typing import Any

from memory.records import get_records, now_iso


def _row(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["items"] = json.loads(row["items"]) if isinstance(row["items"], str) else row["items"]
    return row


def add_share(share_id: str, user_id: str, items: dict[str, Any], expires_at: str
              ) -> dict[str, Any]:
    """Store a new share and return its row (``items`` decoded)."""
    db = get_records().db
    db.execute("INSERT INTO shares (id, user_id, items, created_at, expires_at) "
               "VALUES (?,?,?,?,?)",
               (share_id, user_id, json.dumps(items, default=str), now_iso(), expires_at))
    return _row(db.one("SELECT * FROM shares WHERE id=?", (share_id,)) or {})


def user_shares(user_id: str) -> list[dict[str, Any]]:
    """This user's shares, newest first."""
    rows = get_records().db.query("SELECT * FROM shares WHERE user_id=? ORDER BY created_at "
                                  "DESC, id", (user_id,))
    return [_row(r) for r in rows]


def get_share(share_id: str) -> dict[str, Any] | None:
    """One share by id (any state), or None."""
    row = get_records().db.one("SELECT * FROM shares WHERE id=?", (share_id,))
    return _row(row) if row else None


def revoke_share(user_id: str, share_id: str) -> bool:
    """Mark one of this user's live shares revoked; False when not theirs or already off."""
    return get_records().db.execute(
        "UPDATE shares SET revoked_at=? WHERE id=? AND user_id=? AND revoked_at IS NULL",
        (now_iso(), share_id, user_id)) > 0
