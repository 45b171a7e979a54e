"""Linked-data proofs: both suites, both VC versions, proof sets, tampering, safe mode."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from evals.credential_signing import DI2, ED2020, EdIssuer, ob3
from tests.tools.credentials.conftest import NOW
from tools.credentials.jsonld import DroppedTerm
from tools.credentials.verify import verify_bytes


def run(doc: Any) -> Any:
    return verify_bytes(json.dumps(doc).encode(), "t.json", now=NOW)[0]


@pytest.mark.parametrize("version,suite,ctx", [
    ("v2", "eddsa-rdfc-2022", None),
    ("v2", "Ed25519Signature2020", ED2020),
    ("v1", "eddsa-rdfc-2022", DI2),
    ("v1", "Ed25519Signature2020", ED2020),
])
def test_both_suites_on_both_versions(issuer: EdIssuer, version: str, suite: str,
                                      ctx: str | None) -> None:
    r = run(issuer.sign(ob3(issuer.did, version=version, suite_ctx=ctx), suite))
    assert r.verdict == "valid", r.reasons
    assert r.format == f"ob3/vc{version[1]}"
    assert r.checks.proof == "valid" and r.checks.dates == "ok"


def test_two_proofs_each_checked(issuer: EdIssuer) -> None:
    doc = issuer.sign(issuer.sign(ob3(issuer.did, suite_ctx=ED2020)), "Ed25519Signature2020")
    assert run(doc).verdict == "valid"
    bad = copy.deepcopy(doc)
    sig = bad["proof"][1]["proofValue"]
    bad["proof"][1]["proofValue"] = sig[:-2] + ("11" if sig[-2:] != "11" else "22")
    r = run(bad)
    assert r.verdict == "invalid-signature"


def _leaves(node: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(node, dict):
        return [p for k, v in node.items() if k not in ("@context", "proof")
                for p in _leaves(v, path + (k,))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, path + (i,))]
    return [path]


def _tamper(doc: dict[str, Any], path: tuple) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    cur = doc
    for step in path[:-1]:
        cur = cur[step]
    value = cur[path[-1]]
    cur[path[-1]] = (value + "x" if isinstance(value, str) else not value
                     if isinstance(value, bool) else value + 1)
    return doc


def test_tampering_any_signed_field_is_invalid(issuer: EdIssuer) -> None:
    signed = issuer.sign(ob3(issuer.did))
    paths = _leaves(signed)
    assert len(paths) > 20
    for path in paths:
        r = run(_tamper(signed, path))
        assert r.verdict == "invalid-signature", (path, r.reasons)
    r = run(_tamper(signed, ("proof", "created")))
    assert r.verdict == "invalid-signature"


def test_injected_unsigned_field_is_never_verified(issuer: EdIssuer) -> None:
    signed = issuer.sign(ob3(issuer.did))
    signed["credentialSubject"]["grade"] = "A+"
    r = run(signed)
    assert r.verdict == "invalid-signature"
    assert any("grade" in x for x in r.reasons)


def test_unsigned_field_before_signing_also_fails(issuer: EdIssuer) -> None:
    """Safe mode: an undefined term is refused even when the issuer signed it."""
    doc = ob3(issuer.did)
    doc["favouriteColour"] = "blue"
    with pytest.raises(DroppedTerm):
        issuer.sign(doc)


def test_unknown_context_is_unverifiable_offline(issuer: EdIssuer) -> None:
    doc = issuer.sign(ob3(issuer.did))
    doc["@context"].append("https://example.org/unknown/v9")
    r = run(doc)
    assert r.verdict == "unverifiable-offline"
    assert "unknown context https://example.org/unknown/v9" in r.reasons


def test_signed_by_someone_else(issuer: EdIssuer, other_issuer: EdIssuer) -> None:
    """An intact signature by another did:key: issuer unconfirmed, never valid, not forged."""
    doc = other_issuer.sign(ob3(issuer.did))
    r = run(doc)
    assert (r.verdict, r.checks.proof, r.checks.issuer) == (
        "unverifiable-offline", "unverifiable-offline", "unknown")
    assert "signature is intact" in r.reasons[0] and "issuer is unconfirmed" in r.reasons[0]
    assert other_issuer.did in r.reasons[0]
    doc["name"] = "Tampered after signing"
    assert run(doc).verdict == "invalid-signature"
    token = other_issuer.jws({**ob3(issuer.did), "iss": issuer.did}).encode()
    jwt = verify_bytes(token, "t.jwt", now=NOW)[0]
    assert jwt.verdict == "unverifiable-offline" and "issuer is unconfirmed" in jwt.reasons[0]


def test_unsigned_credential_is_invalid(issuer: EdIssuer) -> None:
    r = run(ob3(issuer.did))
    assert r.verdict == "invalid" and r.checks.proof == "invalid"


def test_dates(issuer: EdIssuer) -> None:
    expired = run(issuer.sign(ob3(issuer.did, extra={"validUntil": "2026-01-01T00:00:00Z"})))
    assert (expired.verdict, expired.checks.dates) == ("expired", "expired")
    future = run(issuer.sign(ob3(issuer.did, extra={"validFrom": "2027-01-01T00:00:00Z"})))
    assert future.verdict == "not-yet-valid"


def test_trusted_issuer_becomes_known(issuer: EdIssuer) -> None:
    from tools.credentials.trust import add_trusted_issuer

    doc = issuer.sign(ob3(issuer.did))
    assert run(doc).checks.issuer == "unknown"
    add_trusted_issuer(issuer.did, "Test College")
    assert run(doc).checks.issuer == "known"


def test_normalised_achievement_and_alignment_skills(issuer: EdIssuer) -> None:
    r = run(issuer.sign(ob3(issuer.did)))
    a = r.achievement
    assert a.name == "Team Leadership" and a.issuer_name == "Test College"
    assert a.criteria == "Lead a project team for a term."
    assert a.source_format == "ob3" and len(a.alignments) == 2
    assert {(s["framework"], s["id"]) for s in r.skills} == {
        ("esco", "http://data.europa.eu/esco/skill/0a0b1c2d-teamwork"), ("onet", "11-1021.00")}
    assert r.raw.startswith(b"{")


def test_injection_under_relative_id_is_refused(issuer: EdIssuer) -> None:
    """RDF silently drops nodes with relative ids; safe mode must not let them pass."""
    signed = issuer.sign(ob3(issuer.did))
    signed["evidence"] = [{"id": "not-absolute", "type": ["Evidence"], "name": "Fake award"}]
    r = run(signed)
    assert r.verdict == "invalid-signature"
