"""VC-JWT in both payload shapes, OB 2.0 signed JWS, and baked PNG / SVG badges."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from evals.credential_signing import (
    EdIssuer,
    es256_jws,
    ob3,
    p256_did_jwk,
    png_with_itxt,
    rs256_jws,
    rsa_pem,
    svg_with,
)
from tests.tools.credentials.conftest import NOW
from tools.credentials.network import DictFetcher
from tools.credentials.verify import verify_bytes

KEY_URL = "https://badges.example.org/keys/1"


def run(data: bytes, fetcher: DictFetcher | None = None):  # type: ignore[no-untyped-def]
    return verify_bytes(data, "t", now=NOW, fetcher=fetcher)


def test_vc_jwt_vc_claim_es256_did_jwk() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    did = p256_did_jwk(key)
    cred = ob3(did, version="v1")
    payload = {"vc": cred, "iss": did, "jti": cred["id"], "nbf": 1735689600,
               "sub": "did:example:learner"}
    token = es256_jws(key, payload, {"alg": "ES256", "kid": did + "#0"})
    r = run(token.encode())[0]
    assert (r.format, r.verdict) == ("ob3-jwt", "valid"), r.reasons
    tampered = es256_jws(key, payload, {"alg": "ES256", "kid": did + "#0"})
    head, body, sig = tampered.split(".")
    other = es256_jws(key, {**payload, "sub": "did:example:mallory"},
                      {"alg": "ES256", "kid": did + "#0"}).split(".")[1]
    assert run(f"{head}.{other}.{sig}".encode())[0].verdict == "invalid-signature"


def test_vc_jwt_top_level_vcdm2_eddsa(issuer: EdIssuer) -> None:
    cred = ob3(issuer.did)
    token = issuer.jws({**cred, "iss": issuer.did, "exp": 1767225600})  # 2026-01-01
    r = run(token.encode())[0]
    assert r.checks.proof == "valid" and r.verdict == "expired"


def test_jwk_in_header_is_integrity_only(issuer: EdIssuer) -> None:
    token = issuer.jws(ob3("did:example:someone"), {"kid": None, "jwk": issuer.jwk()})
    r = run(token.encode())[0]
    assert r.verdict == "unverifiable-offline"
    assert "issuer is unconfirmed" in r.reasons[0]


def _ob2(verification: dict) -> dict:  # type: ignore[type-arg]
    return {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
            "id": "https://badges.example.org/assertions/1",
            "recipient": {"type": "email", "hashed": False, "identity": "ana@example.org"},
            "badge": {"type": "BadgeClass", "id": "https://badges.example.org/b/1",
                      "name": "First Aid", "description": "Can give first aid.",
                      "criteria": {"narrative": "Pass the course."},
                      "issuer": {"id": "https://badges.example.org/i", "name": "Red Org"},
                      "alignment": [{"targetName": "first aid",
                                     "targetUrl": "http://data.europa.eu/esco/skill/fa"}]},
            "issuedOn": "2025-05-01T00:00:00Z", "verification": verification}


def test_ob2_signed_rs256() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = rs256_jws(key, _ob2({"type": "SignedBadge", "creator": KEY_URL}))
    offline = run(token.encode())[0]
    assert (offline.format, offline.verdict) == ("ob2-signed", "unverifiable-offline")
    fetch = DictFetcher({KEY_URL: json.dumps({"type": "CryptographicKey", "id": KEY_URL,
                                              "publicKeyPem": rsa_pem(key)})})
    online = run(token.encode(), fetch)[0]
    assert online.verdict == "valid", online.reasons
    assert online.achievement.name == "First Aid"
    assert online.skills[0]["framework"] == "esco"
    head, _, sig = token.split(".")
    forged = rs256_jws(key, _ob2({"type": "SignedBadge", "creator": KEY_URL,
                                  "x": 1})).split(".")[1]
    assert run(f"{head}.{forged}.{sig}".encode(), fetch)[0].verdict == "invalid-signature"


def test_ob2_hosted() -> None:
    doc = _ob2({"type": "HostedBadge"})
    assert run(json.dumps(doc).encode())[0].verdict == "unverifiable-offline"
    fetch = DictFetcher({doc["id"]: json.dumps(doc)})
    assert run(json.dumps(doc).encode(), fetch)[0].verdict == "valid"
    changed = {**doc, "issuedOn": "2020-01-01T00:00:00Z"}
    assert run(json.dumps(changed).encode(), fetch)[0].verdict == "invalid-signature"


@pytest.mark.parametrize("compressed", [False, True])
def test_png_ob3(issuer: EdIssuer, compressed: bool) -> None:
    body = json.dumps(issuer.sign(ob3(issuer.did))).encode()
    r = run(png_with_itxt("openbadgecredential", body, compressed))[0]
    assert r.verdict == "valid" and "baked PNG" in r.reasons[-1]


def test_png_ob2_jws_and_svg_forms(issuer: EdIssuer) -> None:
    signed = issuer.sign(ob3(issuer.did))
    token = issuer.jws(ob3(issuer.did))
    assert run(png_with_itxt("openbadges", token.encode()))[0].checks.proof == "valid"
    assert run(svg_with("credential", json.dumps(signed)))[0].verdict == "valid"
    assert run(svg_with("credential", verify=token))[0].checks.proof == "valid"
    assert run(svg_with("assertion", verify=token))[0].checks.proof == "valid"


SVG11_DOCTYPE = (b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                 b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                 b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n')


def test_svg_with_standard_doctype_is_read(issuer: EdIssuer) -> None:
    """Badge artwork often starts with the SVG 1.1 DOCTYPE; only entities stay refused."""
    signed = issuer.sign(ob3(issuer.did))
    r = run(SVG11_DOCTYPE + svg_with("credential", json.dumps(signed)))[0]
    assert r.verdict == "valid", r.reasons


def test_several_at_once(issuer: EdIssuer) -> None:
    docs = [issuer.sign(ob3(issuer.did)), ob3(issuer.did)]
    results = run(json.dumps(docs).encode())
    assert [r.verdict for r in results] == ["valid", "invalid"]


def test_ob2_signed_revocation_list_and_key_owner() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    issuer_url, list_url = "https://badges.example.org/i", "https://badges.example.org/rev"
    assertion = _ob2({"type": "SignedBadge", "creator": KEY_URL})
    assertion["badge"]["issuer"] = issuer_url
    token = rs256_jws(key, assertion).encode()
    key_doc = {"type": "CryptographicKey", "id": KEY_URL, "owner": issuer_url,
               "publicKeyPem": rsa_pem(key)}
    profile = {"id": issuer_url, "type": "Profile", "name": "Red Org",
               "revocationList": list_url}
    docs = {KEY_URL: json.dumps(key_doc), issuer_url: json.dumps(profile),
            list_url: json.dumps({"id": list_url, "revokedAssertions": []})}
    assert run(token, DictFetcher(docs))[0].verdict == "valid"
    docs[list_url] = json.dumps({"revokedAssertions": [
        {"id": assertion["id"], "revocationReason": "issued in error"}]})
    r = run(token, DictFetcher(docs))[0]
    assert r.verdict == "revoked" and "issued in error" in " ".join(r.reasons)
    docs[KEY_URL] = json.dumps({**key_doc, "owner": "https://evil.example.org/i"})
    docs[list_url] = json.dumps({"revokedAssertions": []})
    assert run(token, DictFetcher(docs))[0].verdict == "invalid-signature"


def test_png_holding_only_a_hosted_link() -> None:
    doc = _ob2({"type": "HostedBadge"})
    png = png_with_itxt("openbadges", doc["id"].encode())
    offline = run(png)[0]
    assert offline.verdict == "unverifiable-offline" and "only holds a link" in offline.reasons[0]
    online = run(png, DictFetcher({doc["id"]: json.dumps(doc)}))[0]
    assert online.verdict == "valid" and online.achievement.name == "First Aid"


def test_vc_jwt_without_kid_uses_the_issuer_profile_key() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    issuer = "https://example.edu/issuers/565049"
    cred = ob3(issuer, version="v1")
    token = rs256_jws(key, {"vc": cred, "iss": issuer, "nbf": 1262304000})
    assert "needs the network" in run(token.encode())[0].reasons[0]
    profile = {"id": issuer, "type": "Profile", "publicKey": [
        {"id": issuer + "#key", "type": "CryptographicKey", "publicKeyPem": rsa_pem(key)}]}
    r = run(token.encode(), DictFetcher({issuer: json.dumps(profile)}))[0]
    assert r.verdict == "valid", r.reasons


def test_api_response_with_json_and_jws_credentials(issuer: EdIssuer) -> None:
    response = {"credential": [issuer.sign(ob3(issuer.did))],
                "compactJwsStrings": [issuer.jws({**ob3(issuer.did), "iss": issuer.did})]}
    results = run(json.dumps(response).encode())
    assert [(r.format, r.verdict) for r in results] == [("ob3/vc2", "valid"),
                                                        ("ob3-jwt", "valid")]
    quoted = run(json.dumps(issuer.jws({**ob3(issuer.did), "iss": issuer.did})).encode())
    assert quoted[0].verdict == "valid"
