"""W3C's own eddsa-rdfc-2022 test vector (vc-di-eddsa, TestVectors/eddsa-rdfc-2022 @6767a89).

It uses the published examples context, which is vendored and hash-pinned like every other
context. Its key is hosted (an https controller document), so the document is supplied here in
place of the network, as the shared DCC fixtures do for did:web.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from tests.tools.credentials.conftest import NOW
from tools.credentials.jsonld import canonize
from tools.credentials.network import DictFetcher
from tools.credentials.verify import verify_bytes

CONTROLLER = "https://vc.example/issuers/5678"
KEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
SIGNED: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2",
                 "https://www.w3.org/ns/credentials/examples/v2"],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": CONTROLLER,
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
    "proof": {
        "type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": f"{CONTROLLER}#{KEY}",
        "proofPurpose": "assertionMethod",
        "proofValue": "z21EVs3eXERqTn4acNHT9viboqgzUaQ3kTmhPT3eA8qrVPE7CrQq78WkzctnMX5W4Crzc"
                      "KnHw8V6dvy5pgWYCU5e9",
    },
}
# combinedHashDataInt.txt: SHA-256(proof options) || SHA-256(canonical document).
DOC_HASH = "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017"
CONTROLLER_DOC = {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    "id": CONTROLLER,
    "verificationMethod": [{"id": f"{CONTROLLER}#{KEY}", "type": "Multikey",
                            "controller": CONTROLLER, "publicKeyMultibase": KEY}],
    "assertionMethod": [f"{CONTROLLER}#{KEY}"],
}


def check(doc: dict[str, Any], fetcher: DictFetcher | None = None) -> Any:
    return verify_bytes(json.dumps(doc).encode(), "alumni.json", now=NOW, fetcher=fetcher)[0]


def test_document_canonicalises_to_the_published_hash() -> None:
    unsecured = {k: v for k, v in SIGNED.items() if k != "proof"}
    assert hashlib.sha256(canonize(unsecured).encode()).hexdigest() == DOC_HASH


def test_vector_verifies_with_the_controller_document_supplied() -> None:
    r = check(SIGNED, DictFetcher({CONTROLLER: json.dumps(CONTROLLER_DOC)}))
    assert (r.verdict, r.checks.proof) == ("valid", "valid"), r.reasons


def test_without_the_key_it_says_why_and_not_unknown_context() -> None:
    r = check(SIGNED)
    assert r.verdict == "unverifiable-offline"
    assert not any("unknown context" in why for why in r.reasons)
    assert any("needs the network" in why for why in r.reasons), r.reasons


def test_tampered_vector_fails() -> None:
    doc = copy.deepcopy(SIGNED)
    doc["credentialSubject"]["alumniOf"] = "Another School"
    r = check(doc, DictFetcher({CONTROLLER: json.dumps(CONTROLLER_DOC)}))
    assert r.verdict == "invalid-signature"
