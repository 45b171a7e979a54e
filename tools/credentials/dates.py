"""Validity dates of every format, checked against ``now`` (never decided by a model)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

DatesVerdict = Literal["ok", "expired", "not-yet-valid"]

FROM_FIELDS = ("validFrom", "issuanceDate", "nbf")
UNTIL_FIELDS = ("validUntil", "expirationDate", "expires", "exp")


def parse_date(value: Any) -> datetime | None:
    """Parse an ISO 8601 date(-time) or a Unix timestamp into an aware UTC datetime.

    Raises:
        ValueError: the value is present but not a date.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("a date cannot be a boolean")
    if isinstance(value, int | float):
        return datetime.fromtimestamp(float(value), UTC)
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}"[:80])
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def check_dates(doc: dict[str, Any], now: datetime) -> tuple[DatesVerdict, list[str]]:
    """Return the dates verdict and reasons for a credential-like object.

    Raises:
        ValueError: a date field is malformed.
    """
    reasons: list[str] = []
    for name in FROM_FIELDS:
        start = parse_date(doc.get(name))
        if start and start > now:
            return "not-yet-valid", [f"not valid before {start.isoformat()}"]
    for name in UNTIL_FIELDS:
        end = parse_date(doc.get(name))
        if end and end < now:
            return "expired", [f"expired on {end.isoformat()}"]
    return "ok", reasons
