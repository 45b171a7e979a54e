"""CLR 2.0 (outer and nested proofs), VPs, endorsements, LER-RS and Blockcerts."""

from __future__ import annotations

import copy
import json
from typing import Any

from evals.credential_signing import CLR, DI2, OB3, V1, V2, EdIssuer, ob3
from tests.tools.credentials.conftest import NOW
from tools.credentials.verify import verify_bytes


def run(doc: Any) -> Any:
    return verify_bytes(json.dumps(doc).encode(), "t.json", now=NOW)[0]


def clr(issuer: EdIssuer, nested: list[dict[str, Any]]) -> dict[str, Any]:
    return {"@context": [V1, CLR, OB3, DI2], "id": "urn:uuid:clr-1",
            "type": ["VerifiableCredential", "ClrCredential"],
            "issuer": {"id": issuer.did, "type": ["Profile"], "name": "Test College"},
            "issuanceDate": "2025-06-01T00:00:00Z", "name": "Transcript",
            "credentialSubject": {"id": "did:example:learner", "type": ["ClrSubject"],
                                  "verifiableCredential": nested}}


def test_clr_outer_and_nested(issuer: EdIssuer) -> None:
    inner = issuer.sign(ob3(issuer.did, version="v1", suite_ctx=DI2))
    doc = issuer.sign(clr(issuer, [inner]))
    r = run(doc)
    assert (r.format, r.verdict) == ("clr2/vc1", "valid"), r.reasons
    assert len(r.nested) == 1 and r.nested[0].verdict == "valid"
    assert r.achievement.name == "Transcript"


def test_clr_with_forged_nested_credential(issuer: EdIssuer) -> None:
    inner = issuer.sign(ob3(issuer.did, version="v1", suite_ctx=DI2))
    forged = copy.deepcopy(inner)
    forged["credentialSubject"]["achievement"]["name"] = "Rocket Science"
    # The CLR issuer signs over the forged copy: the outer proof is fine, the inner is not.
    r = run(issuer.sign(clr(issuer, [forged])))
    assert r.checks.proof == "valid"
    assert r.nested[0].verdict == "invalid-signature"
    assert r.verdict == "invalid-signature"


def test_clr_outer_tampered(issuer: EdIssuer) -> None:
    inner = issuer.sign(ob3(issuer.did, version="v1", suite_ctx=DI2))
    doc = issuer.sign(clr(issuer, [inner]))
    doc["name"] = "Other"
    assert run(doc).verdict == "invalid-signature"


def test_presentation(issuer: EdIssuer, other_issuer: EdIssuer) -> None:
    cred = issuer.sign(ob3(issuer.did))
    vp = {"@context": [V2], "type": ["VerifiablePresentation"], "holder": other_issuer.did,
          "verifiableCredential": [cred]}
    r = run(other_issuer.sign(vp))
    assert (r.format, r.verdict) == ("vp", "valid"), r.reasons
    assert r.nested[0].achievement.name == "Team Leadership"


def test_endorsement(issuer: EdIssuer) -> None:
    doc = {"@context": [V2, OB3], "id": "urn:uuid:e1",
           "type": ["VerifiableCredential", "EndorsementCredential"], "name": "Endorsement",
           "issuer": {"id": issuer.did, "type": ["Profile"], "name": "Peer"},
           "validFrom": "2025-01-01T00:00:00Z",
           "credentialSubject": {"id": "https://example.edu/achievements/lead",
                                 "type": ["EndorsementSubject"],
                                 "endorsementComment": "Excellent programme."}}
    r = run(issuer.sign(doc))
    assert (r.format, r.verdict) == ("ob3-endorsement/vc2", "valid"), r.reasons


def test_ler_rs_with_nested_verifications(issuer: EdIssuer) -> None:
    good = issuer.sign(ob3(issuer.did))
    bad = copy.deepcopy(good)
    bad["name"] = "Changed"
    ler = {"type": "http://schema.hropenstandards.org/4.4/recruiting/json/ler-rs/"
                   "LER-RSType.json",
           "person": {"name": {"formattedName": "Ana Silva"}},
           "employmentHistories": [{"organization": "Acme", "title": "Technician",
                                    "verifications": [good]}],
           "educationAndLearnings": [{"institution": "Test College", "degree": "BSc"}],
           "verifications": [bad]}
    r = run(ler)
    assert r.format == "ler-rs"
    assert sorted(n.verdict for n in r.nested) == ["invalid-signature", "valid"]
    assert r.verdict == "invalid-signature"
    assert r.achievement.name == "Resume of Ana Silva" and len(r.achievement.results) == 2


def test_blockcerts_is_parsed_not_verified() -> None:
    doc = {"@context": [V2, "https://w3id.org/blockcerts/v3"], "id": "urn:uuid:b1",
           "type": ["VerifiableCredential", "BlockcertsCredential"], "issuer": "https://b.org",
           "name": "Diploma", "credentialSubject": {"id": "did:example:x", "name": "Ana"},
           "proof": {"type": "MerkleProof2019", "proofValue": "z..."}}
    r = run(doc)
    assert (r.format, r.verdict) == ("blockcerts", "unverifiable-offline")
    assert "blockchain" in r.reasons[0] and r.achievement.name == "Diploma"
