"""Linked-data proofs: DataIntegrityProof (eddsa-rdfc-2022, ecdsa-rdfc-2019) and
Ed25519Signature2020, each proof of a proof set checked on its own.

Hashing follows the suites: SHA-256 of the canonical proof options (with the document's
``@context``) followed by SHA-256 of the canonical document without its proofs.
"""

from __future__ import annotations

import hashlib
from typing import Any

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from pyld.jsonld import JsonLdError

from tools.credentials import keys
from tools.credentials.jsonld import ContextTampered, DroppedTerm, UnknownContext, canonize
from tools.credentials.models import ProofOutcome
from tools.credentials.network import Fetcher

EDDSA_SUITES = {"eddsa-rdfc-2022", "eddsa-2022"}
ECDSA_SUITES = {"ecdsa-rdfc-2019"}


def issuer_id(doc: dict[str, Any]) -> str | None:
    """The issuer (or VP holder) id of a credential, if it has one."""
    issuer = doc.get("issuer", doc.get("holder"))
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def proof_list(doc: dict[str, Any]) -> list[Any]:
    """The proofs of a document as a list (empty when unsigned)."""
    proof = doc.get("proof")
    if proof is None:
        return []
    return proof if isinstance(proof, list) else [proof]


def signer_not_issuer(signer: str, issuer: str, proof_type: str | None = None) -> ProofOutcome:
    """An intact signature by a key that is not the issuer's.

    A DID key (did:key, did:jwk, did:web) proves only who signed, like a key that travels
    inside a token: the issuer is unconfirmed, the signature is not forged. A hosted Open
    Badges 2.0 key whose document names another owner fails, as that specification requires.
    """
    if signer.startswith("did:"):
        return ProofOutcome("unverifiable-offline", f"the signature is intact, but it was "
                            f"made by {signer}, not by the issuer {issuer}, so the issuer is "
                            "unconfirmed", signer=signer, proof_type=proof_type)
    return ProofOutcome("invalid-signature", f"signed by {signer}, not by the issuer {issuer}",
                        signer=signer, proof_type=proof_type)


def _decode_value(value: Any) -> bytes:
    if not isinstance(value, str) or not value.startswith("z"):
        raise ValueError("proofValue must be base58btc multibase")
    return base58.b58decode(value[1:])


def _check_signature(key: keys.PublicKey, sig: bytes, data: bytes, suite: str) -> bool:
    try:
        if isinstance(key, ed25519.Ed25519PublicKey) and suite != "ecdsa":
            key.verify(sig, data)
            return True
        if isinstance(key, ec.EllipticCurvePublicKey) and suite == "ecdsa" and len(sig) == 64:
            der = encode_dss_signature(int.from_bytes(sig[:32], "big"),
                                       int.from_bytes(sig[32:], "big"))
            key.verify(der, data, ec.ECDSA(hashes.SHA256()))
            return True
    except InvalidSignature:
        return False
    return False


def _suite(proof: dict[str, Any]) -> str | None:
    ptype = proof.get("type")
    if ptype == "Ed25519Signature2020":
        return "eddsa"
    if ptype == "DataIntegrityProof":
        cs = proof.get("cryptosuite")
        if cs in EDDSA_SUITES:
            return "eddsa"
        if cs in ECDSA_SUITES:
            return "ecdsa"
    return None


def verify_proof(doc: dict[str, Any], proof: Any, canon_doc: str | None,
                 fetcher: Fetcher | None) -> ProofOutcome:
    """Check one proof of ``doc``; ``canon_doc`` is the canonical unsecured document."""
    if not isinstance(proof, dict):
        return ProofOutcome("invalid", "a proof is not a JSON object")
    ptype = str(proof.get("type"))
    suite = _suite(proof)
    if suite is None:
        label = f"{ptype} {proof.get('cryptosuite') or ''}".strip()
        return ProofOutcome("unverifiable-offline", f"unsupported proof type {label}",
                            proof_type=ptype)
    try:
        sig = _decode_value(proof.get("proofValue"))
        key, controller = keys.resolve(str(proof.get("verificationMethod") or ""), fetcher)
        options = {k: v for k, v in proof.items() if k != "proofValue"}
        options["@context"] = doc.get("@context")
        canon_opts = canonize(options)
        if canon_doc is None:
            raise ValueError("document could not be canonicalised")
    except keys.KeyUnavailable as exc:
        return ProofOutcome("unverifiable-offline", str(exc), proof_type=ptype)
    except UnknownContext as exc:
        return ProofOutcome("unverifiable-offline", f"unknown context {exc.url}",
                            proof_type=ptype)
    except DroppedTerm as exc:
        return ProofOutcome("invalid-signature",
                            f"the proof field '{exc.term}' is not covered by the signature",
                            proof_type=ptype)
    except (keys.BadKey, ValueError, JsonLdError, ContextTampered) as exc:
        return ProofOutcome("invalid", f"malformed proof: {exc}", proof_type=ptype)
    data = hashlib.sha256(canon_opts.encode()).digest() + hashlib.sha256(
        canon_doc.encode()).digest()
    if not _check_signature(key, sig, data, suite):
        return ProofOutcome("invalid-signature", f"{ptype} signature does not match",
                            signer=controller, proof_type=ptype)
    issuer = issuer_id(doc)
    if issuer and issuer != controller:
        return signer_not_issuer(controller, issuer, ptype)
    return ProofOutcome("valid", f"{ptype} signature verified", signer=controller,
                        proof_type=ptype)


def verify_ld_proofs(doc: dict[str, Any], fetcher: Fetcher | None) -> list[ProofOutcome]:
    """Check every proof of ``doc``; an empty list means the document is unsigned."""
    proofs = proof_list(doc)
    if not proofs:
        return []
    if not isinstance(doc.get("@context"), str | list | dict) or not doc.get("@context"):
        return [ProofOutcome("invalid", "it has no @context, so it is not a verifiable "
                             "credential")]
    unsecured = {k: v for k, v in doc.items() if k != "proof"}
    try:
        canon_doc: str | None = canonize(unsecured)
    except UnknownContext as exc:
        return [ProofOutcome("unverifiable-offline", f"unknown context {exc.url}")]
    except DroppedTerm as exc:
        return [ProofOutcome("invalid-signature",
                             f"the field '{exc.term}' is not defined by the credential's "
                             "contexts, so no signature covers it")]
    except (JsonLdError, ContextTampered, TypeError, ValueError) as exc:
        return [ProofOutcome("invalid", f"the credential is not valid JSON-LD: {exc}")]
    return [verify_proof(doc, p, canon_doc, fetcher) for p in proofs]
