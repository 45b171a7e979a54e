"""Test and eval issuers: generated keys that sign credentials exactly as real issuers do."""

from __future__ import annotations

import base64
import copy
import gzip
import hashlib
import json
import struct
import zlib
from dataclasses import dataclass
from typing import Any

import base58
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from tools.credentials.jsonld import canonize

V1 = "https://www.w3.org/2018/credentials/v1"
V2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
ED2020 = "https://w3id.org/security/suites/ed25519-2020/v1"
DI2 = "https://w3id.org/security/data-integrity/v2"
CLR = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
ESCO = "http://data.europa.eu/esco/skill/0a0b1c2d-teamwork"


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class EdIssuer:
    """An Ed25519 did:key issuer."""

    key: ed25519.Ed25519PrivateKey

    @classmethod
    def new(cls) -> EdIssuer:
        return cls(ed25519.Ed25519PrivateKey.generate())

    @property
    def did(self) -> str:
        raw = self.key.public_key().public_bytes(serialization.Encoding.Raw,
                                                 serialization.PublicFormat.Raw)
        return "did:key:z" + base58.b58encode(b"\xed\x01" + raw).decode()

    @property
    def vm(self) -> str:
        return f"{self.did}#{self.did.split(':')[-1]}"

    def sign(self, doc: dict[str, Any], suite: str = "eddsa-rdfc-2022",
             vm: str | None = None) -> dict[str, Any]:
        """Add one proof (keeps existing proofs: a proof set)."""
        doc = copy.deepcopy(doc)
        existing = doc.pop("proof", None)
        proof: dict[str, Any] = {"type": "DataIntegrityProof", "cryptosuite": suite} \
            if suite != "Ed25519Signature2020" else {"type": "Ed25519Signature2020"}
        proof.update({"created": "2026-01-01T00:00:00Z", "verificationMethod": vm or self.vm,
                      "proofPurpose": "assertionMethod"})
        options = dict(proof, **{"@context": doc["@context"]})
        data = hashlib.sha256(canonize(options).encode()).digest() + \
            hashlib.sha256(canonize(doc).encode()).digest()
        proof["proofValue"] = "z" + base58.b58encode(self.key.sign(data)).decode()
        proofs = ([] if existing is None else existing if isinstance(existing, list)
                  else [existing]) + [proof]
        doc["proof"] = proofs[0] if len(proofs) == 1 else proofs
        return doc

    def jwk(self) -> dict[str, str]:
        raw = self.key.public_key().public_bytes(serialization.Encoding.Raw,
                                                 serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": b64u(raw)}

    def jws(self, payload: dict[str, Any], header: dict[str, Any] | None = None) -> str:
        head = {"alg": "EdDSA", "kid": self.vm, **(header or {})}
        signing = f"{b64u(json.dumps(head).encode())}.{b64u(json.dumps(payload).encode())}"
        return f"{signing}.{b64u(self.key.sign(signing.encode()))}"


def es256_jws(key: ec.EllipticCurvePrivateKey, payload: dict[str, Any],
              header: dict[str, Any]) -> str:
    signing = f"{b64u(json.dumps(header).encode())}.{b64u(json.dumps(payload).encode())}"
    r, s = decode_dss_signature(key.sign(signing.encode(), ec.ECDSA(hashes.SHA256())))
    return f"{signing}.{b64u(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def p256_did_jwk(key: ec.EllipticCurvePrivateKey) -> str:
    nums = key.public_key().public_numbers()
    jwk = {"kty": "EC", "crv": "P-256", "x": b64u(nums.x.to_bytes(32, "big")),
           "y": b64u(nums.y.to_bytes(32, "big"))}
    return "did:jwk:" + b64u(json.dumps(jwk).encode())


def rs256_jws(key: rsa.RSAPrivateKey, payload: dict[str, Any]) -> str:
    head = {"alg": "RS256"}
    signing = f"{b64u(json.dumps(head).encode())}.{b64u(json.dumps(payload).encode())}"
    sig = key.sign(signing.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing}.{b64u(sig)}"


def rsa_pem(key: rsa.RSAPrivateKey) -> str:
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def ob3(issuer: str, *, version: str = "v2", extra: dict[str, Any] | None = None,
        suite_ctx: str | None = None) -> dict[str, Any]:
    """An unsigned OB 3.0 OpenBadgeCredential with an ESCO and an O*NET alignment."""
    ctx = [V2 if version == "v2" else V1, OB3] + ([suite_ctx] if suite_ctx else [])
    doc: dict[str, Any] = {
        "@context": ctx, "id": "urn:uuid:6b0c0f3e-1111-4a5a-9c1e-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Test College"},
        "name": "Team Leadership",
        "credentialSubject": {
            "id": "did:example:learner", "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.edu/achievements/lead", "type": ["Achievement"],
                "name": "Team Leadership", "description": "Led a team of five.",
                "criteria": {"narrative": "Lead a project team for a term."},
                "achievementType": "Competency",
                "alignment": [
                    {"type": ["Alignment"], "targetName": "lead a team", "targetUrl": ESCO,
                     "targetFramework": "ESCO"},
                    {"type": ["Alignment"], "targetName": "Management of Personnel",
                     "targetUrl": "https://www.onetonline.org/link/summary/11-1021.00",
                     "targetCode": "11-1021.00", "targetFramework": "O*NET"}]}}}
    doc["validFrom" if version == "v2" else "issuanceDate"] = "2025-01-01T00:00:00Z"
    doc.update(extra or {})
    return doc


def status_list(issuer: EdIssuer, url: str, revoked: set[int], *, bitstring: bool = True,
                purpose: str = "revocation", size: int = 16 * 1024) -> dict[str, Any]:
    """A signed BitstringStatusListCredential (or StatusList2021Credential)."""
    bits = bytearray(size // 8)
    for i in revoked:
        bits[i // 8] |= 0x80 >> (i % 8)
    packed = b64u(gzip.compress(bytes(bits)))
    if bitstring:
        doc = {"@context": [V2], "id": url, "type": ["VerifiableCredential",
                                                     "BitstringStatusListCredential"],
               "issuer": issuer.did, "validFrom": "2025-01-01T00:00:00Z",
               "credentialSubject": {"id": url + "#list", "type": "BitstringStatusList",
                                     "statusPurpose": purpose, "encodedList": "u" + packed}}
    else:
        doc = {"@context": [V1, "https://w3id.org/vc/status-list/2021/v1", DI2], "id": url,
               "type": ["VerifiableCredential", "StatusList2021Credential"],
               "issuer": issuer.did, "issuanceDate": "2025-01-01T00:00:00Z",
               "credentialSubject": {"id": url + "#list", "type": "StatusList2021",
                                     "statusPurpose": purpose, "encodedList": packed}}
    return issuer.sign(doc)


def png_with_itxt(keyword: str, text: bytes, compressed: bool = False) -> bytes:
    """A 1x1 PNG carrying an iTXt chunk, as badge bakers write it."""
    def chunk(ctype: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + ctype + body + struct.pack(
            ">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00\x00\x00")
    payload = zlib.compress(text) if compressed else text
    itxt = keyword.encode() + b"\x00" + bytes([1 if compressed else 0, 0]) + b"\x00\x00" + payload
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"iTXt", itxt)
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


def svg_with(tag: str, body: str = "", verify: str | None = None) -> bytes:
    attr = f' verify="{verify}"' if verify else ""
    inner = f"<![CDATA[{body}]]>" if body else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:openbadges="http://openbadges.org" width="1" height="1">'
            f"<openbadges:{tag}{attr}>{inner}</openbadges:{tag}></svg>").encode()
