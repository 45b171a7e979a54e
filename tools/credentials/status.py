"""Revocation and suspension: Bitstring Status List, StatusList2021 and 1EdTech lists.

Status lists live on the web, so offline the status is "unknown". With a fetcher, the list
credential's own proof and dates are checked before a single bit of it is trusted; bit 0 is
the most significant bit of the first byte.
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from tools.credentials.dates import check_dates
from tools.credentials.limits import MAX_STATUS_LIST_BYTES
from tools.credentials.network import Fetcher, FetchError
from tools.credentials.proofs import verify_ld_proofs

LIST_ENTRY_TYPES = {"BitstringStatusListEntry", "StatusList2021Entry"}
EDTECH_TYPES = {"1EdTechRevocationList"}


@dataclass
class StatusOutcome:
    """The status verdict; ``failed`` means a list was fetched but could not be trusted."""

    status: Literal["ok", "revoked", "suspended", "unknown"]
    reason: str | None = None
    checked_at: datetime | None = None
    failed: bool = False
    needs_network: bool = False


def _entries(doc: dict[str, Any]) -> list[Any]:
    value = doc.get("credentialStatus")
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _decode_bits(encoded: Any) -> bytes:
    if not isinstance(encoded, str) or not encoded:
        raise ValueError("encodedList is missing")
    text = encoded[1:] if encoded.startswith("u") else encoded
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    inflater = zlib.decompressobj(wbits=47)
    bits = inflater.decompress(raw, MAX_STATUS_LIST_BYTES)
    if inflater.unconsumed_tail:
        raise ValueError("status list is too large")
    return bits


def bit_at(bits: bytes, index: int) -> bool:
    """Bit ``index`` of a status list, bit 0 being the most significant bit of byte 0."""
    if index < 0 or index // 8 >= len(bits):
        raise IndexError("status index outside the list")
    return bool((bits[index // 8] >> (7 - index % 8)) & 1)


def _fetch_list(url: str, fetcher: Fetcher) -> dict[str, Any]:
    doc = json.loads(fetcher(url))
    if not isinstance(doc, dict):
        raise ValueError("status list is not a JSON object")
    return doc


def _check_list_entry(entry: dict[str, Any], fetcher: Fetcher, now: datetime) -> StatusOutcome:
    url = entry.get("statusListCredential")
    purpose = entry.get("statusPurpose", "revocation")
    try:
        index = int(entry.get("statusListIndex"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return StatusOutcome("unknown", "the status entry has no valid statusListIndex",
                             now, failed=True)
    if not isinstance(url, str):
        return StatusOutcome("unknown", "the status entry has no statusListCredential",
                             now, failed=True)
    try:
        listing = _fetch_list(url, fetcher)
    except (FetchError, ValueError) as exc:
        return StatusOutcome("unknown", f"status list could not be fetched: {exc}", now)
    proofs = verify_ld_proofs(listing, fetcher)
    if not proofs or any(p.status != "valid" for p in proofs):
        why = proofs[0].reason if proofs else "it is unsigned"
        return StatusOutcome("unknown", f"the status list failed verification ({why})",
                             now, failed=True)
    dates, _ = check_dates(listing, now)
    if dates != "ok":
        return StatusOutcome("unknown", f"the status list is {dates}", now, failed=True)
    subject = listing.get("credentialSubject")
    try:
        if not isinstance(subject, dict):
            raise ValueError("status list has no credentialSubject")
        revoked = bit_at(_decode_bits(subject.get("encodedList")), index)
    except (ValueError, IndexError, zlib.error) as exc:
        return StatusOutcome("unknown", f"the status list could not be read: {exc}",
                             now, failed=True)
    if not revoked:
        return StatusOutcome("ok", None, now)
    if purpose == "suspension":
        return StatusOutcome("suspended", f"suspended (status list bit {index} is set)", now)
    return StatusOutcome("revoked", f"revoked (status list bit {index} is set)", now)


def _check_edtech(entry: dict[str, Any], doc: dict[str, Any], fetcher: Fetcher,
                  now: datetime) -> StatusOutcome:
    try:
        listing = _fetch_list(str(entry.get("id")), fetcher)
    except (FetchError, ValueError) as exc:
        return StatusOutcome("unknown", f"revocation list could not be fetched: {exc}", now)
    revoked = listing.get("revokedCredentials") or []
    for item in revoked if isinstance(revoked, list) else []:
        if isinstance(item, dict) and item.get("id") == doc.get("id"):
            reason = item.get("revocationReason") or "listed as revoked"
            return StatusOutcome("revoked", f"revoked by the issuer: {reason}", now)
    return StatusOutcome("ok", None, now)


def check_status(doc: dict[str, Any], fetcher: Fetcher | None, now: datetime) -> StatusOutcome:
    """Status of a credential: ok when it declares none, unknown when it needs the network."""
    entries = _entries(doc)
    if not entries:
        return StatusOutcome("ok", None, None)
    if fetcher is None:
        return StatusOutcome("unknown", "revocation status needs the network (use --online)",
                             None, needs_network=True)
    worst = StatusOutcome("ok", None, now)
    for entry in entries:
        if not isinstance(entry, dict):
            return StatusOutcome("unknown", "credentialStatus is malformed", now, failed=True)
        etype = entry.get("type")
        if etype in LIST_ENTRY_TYPES:
            out = _check_list_entry(entry, fetcher, now)
        elif etype in EDTECH_TYPES:
            out = _check_edtech(entry, doc, fetcher, now)
        else:
            out = StatusOutcome("unknown", f"unsupported status type {etype}", now)
        if out.status in ("revoked", "suspended") or (out.status == "unknown"
                                                      and worst.status == "ok"):
            worst = out
    return worst


def _json_or_fetch(value: Any, fetcher: Fetcher) -> dict[str, Any] | None:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.startswith("http"):
        doc = json.loads(fetcher(value))
        return doc if isinstance(doc, dict) else None
    return None


def check_ob2_revocation(assertion: dict[str, Any], fetcher: Fetcher | None,
                         now: datetime) -> tuple[StatusOutcome, str | None]:
    """OB 2.0: follow badge -> issuer -> revocationList; returns (status, issuer id)."""
    if fetcher is None:
        return StatusOutcome("unknown", "the issuer's revocation list needs the network",
                             None, needs_network=True), None
    try:
        badge = _json_or_fetch(assertion.get("badge"), fetcher) or {}
        issuer = _json_or_fetch(badge.get("issuer"), fetcher) or {}
        listing = _json_or_fetch(issuer.get("revocationList"), fetcher)
    except (FetchError, ValueError) as exc:
        return StatusOutcome("unknown", f"the issuer's revocation list could not be fetched: "
                             f"{exc}", now), None
    issuer_id = issuer.get("id") if isinstance(issuer.get("id"), str) else None
    if listing is None:
        return StatusOutcome("ok", None, now), issuer_id
    revoked = listing.get("revokedAssertions") or []
    for item in revoked if isinstance(revoked, list) else []:
        rid = item.get("id") if isinstance(item, dict) else item
        if rid == assertion.get("id"):
            why = item.get("revocationReason") if isinstance(item, dict) else None
            return StatusOutcome("revoked", f"revoked by the issuer: {why or 'no reason given'}",
                                 now), issuer_id
    return StatusOutcome("ok", None, now), issuer_id
