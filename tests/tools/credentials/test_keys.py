"""Keys: did:key and did:jwk offline; did:web only through the injected fetcher."""

from __future__ import annotations

import json

import pytest

from evals.credential_signing import EdIssuer, ob3
from tests.tools.credentials.conftest import NOW
from tools.credentials import keys
from tools.credentials.network import DictFetcher
from tools.credentials.verify import verify_bytes

DID = "did:web:issuer.example.org:badges"
DOC_URL = "https://issuer.example.org/badges/did.json"


def _did_doc(issuer: EdIssuer, did: str = DID) -> str:
    mb = issuer.did.split(":")[-1]
    return json.dumps({"@context": ["https://www.w3.org/ns/did/v1"], "id": did,
                       "verificationMethod": [{"id": f"{did}#key-1", "type": "Multikey",
                                               "controller": did, "publicKeyMultibase": mb}],
                       "assertionMethod": [f"{did}#key-1"]})


def test_did_web_url() -> None:
    assert keys.did_web_url(DID) == DOC_URL
    assert keys.did_web_url("did:web:example.org") == "https://example.org/.well-known/did.json"
    assert keys.did_web_url("did:web:example.org%3A8443") == \
        "https://example.org:8443/.well-known/did.json"


def test_did_web_offline_then_supplied(issuer: EdIssuer) -> None:
    doc = json.dumps(issuer.sign(ob3(DID), vm=f"{DID}#key-1")).encode()
    offline = verify_bytes(doc, now=NOW)[0]
    assert offline.verdict == "unverifiable-offline" and "needs the network" in offline.reasons[0]
    fetch = DictFetcher({DOC_URL: _did_doc(issuer)})
    online = verify_bytes(doc, now=NOW, fetcher=fetch)[0]
    assert online.verdict == "valid", online.reasons
    assert fetch.calls == [DOC_URL]


def test_did_web_fragment_is_never_the_key(issuer: EdIssuer) -> None:
    """A did:web whose fragment is a multibase key must still be resolved, not trusted."""
    frag = issuer.did.split(":")[-1]
    doc = json.dumps(issuer.sign(ob3(DID), vm=f"{DID}#{frag}")).encode()
    assert verify_bytes(doc, now=NOW, fetcher=DictFetcher({}))[0].verdict == \
        "unverifiable-offline"


def test_did_web_key_not_listed_or_wrong_document(issuer: EdIssuer,
                                                  other_issuer: EdIssuer) -> None:
    doc = json.dumps(issuer.sign(ob3(DID), vm=f"{DID}#key-9")).encode()
    r = verify_bytes(doc, now=NOW, fetcher=DictFetcher({DOC_URL: _did_doc(issuer)}))[0]
    assert r.verdict == "unverifiable-offline" and "does not list" in r.reasons[0]
    doc = json.dumps(issuer.sign(ob3(DID), vm=f"{DID}#key-1")).encode()
    r = verify_bytes(doc, now=NOW, fetcher=DictFetcher({DOC_URL: _did_doc(other_issuer)}))[0]
    assert r.verdict == "invalid-signature"
    r = verify_bytes(doc, now=NOW, fetcher=DictFetcher(
        {DOC_URL: _did_doc(issuer, "did:web:evil.example")}))[0]
    assert r.verdict == "unverifiable-offline"


def test_did_key_fragment_must_match(issuer: EdIssuer, other_issuer: EdIssuer) -> None:
    with pytest.raises(keys.BadKey):
        keys.resolve(f"{issuer.did}#{other_issuer.did.split(':')[-1]}", None)
    with pytest.raises(keys.KeyUnavailable):
        keys.resolve("https://example.org/key", None)


def test_ecdsa_rdfc_2019_with_p256_did_key() -> None:
    import hashlib

    import base58
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    from tools.credentials.jsonld import canonize

    key = ec.generate_private_key(ec.SECP256R1())
    point = key.public_key().public_bytes(serialization.Encoding.X962,
                                          serialization.PublicFormat.CompressedPoint)
    did = "did:key:z" + base58.b58encode(b"\x80\x24" + point).decode()
    doc = ob3(did)
    proof = {"type": "DataIntegrityProof", "cryptosuite": "ecdsa-rdfc-2019",
             "created": "2026-01-01T00:00:00Z", "verificationMethod": f"{did}#{did[8:]}",
             "proofPurpose": "assertionMethod"}
    data = hashlib.sha256(canonize({**proof, "@context": doc["@context"]}).encode()).digest() \
        + hashlib.sha256(canonize(doc).encode()).digest()
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    proof["proofValue"] = "z" + base58.b58encode(r.to_bytes(32, "big") + s.to_bytes(32, "big")
                                                 ).decode()
    signed = {**doc, "proof": proof}
    assert verify_bytes(json.dumps(signed).encode(), now=NOW)[0].verdict == "valid"
    signed["name"] = "x"
    assert verify_bytes(json.dumps(signed).encode(), now=NOW)[0].verdict == "invalid-signature"


def test_https_issuer_profile_key(issuer: EdIssuer) -> None:
    profile_url = "https://example.edu/issuers/565049"
    mb = issuer.did.split(":")[-1]
    vm = f"{profile_url}#{mb}"
    doc = json.dumps(issuer.sign(ob3(profile_url), vm=vm)).encode()
    profile = {"id": profile_url, "type": ["Profile"], "verificationMethod": [
        {"id": vm, "type": "Multikey", "controller": profile_url, "publicKeyMultibase": mb}]}
    assert verify_bytes(doc, now=NOW)[0].verdict == "unverifiable-offline"
    fetch = DictFetcher({profile_url: json.dumps(profile)})
    assert verify_bytes(doc, now=NOW, fetcher=fetch)[0].verdict == "valid"
    assert fetch.calls == [profile_url]
