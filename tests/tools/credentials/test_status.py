"""Status lists: bit order, revocation, suspension, a list that fails its own checks."""

from __future__ import annotations

import json

import pytest

from evals.credential_signing import EdIssuer, ob3, status_list
from tests.tools.credentials.conftest import NOW
from tools.credentials.network import DictFetcher, SuppliedDocuments
from tools.credentials.status import bit_at
from tools.credentials.verify import verify_bytes

URL = "https://issuer.example.org/status/1"


def test_bit_zero_is_most_significant() -> None:
    assert bit_at(b"\x80\x00", 0) and not bit_at(b"\x80\x00", 7)
    assert bit_at(b"\x00\x01", 15) and not bit_at(b"\x00\x01", 8)


def _cred(issuer: EdIssuer, index: int, purpose: str = "revocation",
          entry_type: str = "BitstringStatusListEntry") -> bytes:
    entry = {"id": f"{URL}#{index}", "type": entry_type, "statusPurpose": purpose,
             "statusListIndex": str(index), "statusListCredential": URL}
    doc = ob3(issuer.did, extra={"credentialStatus": entry})
    if entry_type == "StatusList2021Entry":
        doc["@context"].append("https://w3id.org/vc/status-list/2021/v1")
    return json.dumps(issuer.sign(doc)).encode()


@pytest.mark.parametrize("index,expected", [(8, "revoked"), (7, "valid")])
def test_bitstring(issuer: EdIssuer, index: int, expected: str) -> None:
    fetch = DictFetcher({URL: json.dumps(status_list(issuer, URL, {8}))})
    r = verify_bytes(_cred(issuer, index), now=NOW, fetcher=fetch)[0]
    assert r.verdict == expected, r.reasons
    assert r.checks.status_checked_at is not None


def test_offline_status_is_unknown(issuer: EdIssuer) -> None:
    r = verify_bytes(_cred(issuer, 8), now=NOW)[0]
    assert (r.checks.status, r.verdict) == ("unknown", "unverifiable-offline")


def test_suspension(issuer: EdIssuer) -> None:
    fetch = DictFetcher({URL: json.dumps(status_list(issuer, URL, {3}, purpose="suspension"))})
    r = verify_bytes(_cred(issuer, 3, "suspension"), now=NOW, fetcher=fetch)[0]
    assert r.checks.status == "suspended" and r.verdict == "revoked"


def test_status_list_2021(issuer: EdIssuer) -> None:
    fetch = DictFetcher({URL: json.dumps(status_list(issuer, URL, {5}, bitstring=False))})
    r = verify_bytes(_cred(issuer, 5, entry_type="StatusList2021Entry"), now=NOW,
                     fetcher=fetch)[0]
    assert r.checks.status == "revoked"


def test_tampered_list_is_not_trusted(issuer: EdIssuer) -> None:
    listing = status_list(issuer, URL, set())
    listing["credentialSubject"]["encodedList"] = status_list(issuer, URL, {8})[
        "credentialSubject"]["encodedList"]
    fetch = DictFetcher({URL: json.dumps(listing)})
    r = verify_bytes(_cred(issuer, 8), now=NOW, fetcher=fetch)[0]
    assert r.checks.status == "unknown" and r.verdict == "invalid"
    assert "status list failed verification" in " ".join(r.reasons)


def test_expired_list_is_not_trusted(issuer: EdIssuer) -> None:
    listing = status_list(issuer, URL, set())
    listing.pop("proof")
    listing["validUntil"] = "2026-01-01T00:00:00Z"
    fetch = DictFetcher({URL: json.dumps(issuer.sign(listing))})
    r = verify_bytes(_cred(issuer, 8), now=NOW, fetcher=fetch)[0]
    assert r.verdict == "invalid" and "expired" in " ".join(r.reasons)


def test_supplied_status_list_checks_revocation_offline(issuer: EdIssuer) -> None:
    """The user's own copy of the list: read by its id, its proof checked, no network."""
    listing = json.dumps(status_list(issuer, URL, {8})).encode()
    supplied = SuppliedDocuments([listing])
    revoked = verify_bytes(_cred(issuer, 8), now=NOW, fetcher=supplied)[0]
    assert (revoked.verdict, revoked.checks.status) == ("revoked", "revoked"), revoked.reasons
    assert verify_bytes(_cred(issuer, 7), now=NOW, fetcher=supplied)[0].verdict == "valid"
    forged = json.loads(listing)
    forged["credentialSubject"]["encodedList"] = json.loads(
        json.dumps(status_list(issuer, URL, set())))["credentialSubject"]["encodedList"]
    r = verify_bytes(_cred(issuer, 8), now=NOW,
                     fetcher=SuppliedDocuments([json.dumps(forged).encode()]))[0]
    assert r.verdict == "invalid" and "failed verification" in " ".join(r.reasons)
    other = verify_bytes(_cred(issuer, 8), now=NOW, fetcher=SuppliedDocuments([]))[0]
    assert other.verdict == "unverifiable-offline"
