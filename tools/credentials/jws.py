"""Compact JWS: decode and verify RS256 / ES256 / EdDSA signatures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from tools.credentials.keys import PublicKey, b64url_decode
from tools.credentials.models import CredentialError

ALGORITHMS = {"RS256", "ES256", "EdDSA"}


@dataclass
class CompactJws:
    """A decoded compact JWS (the signature is not checked yet)."""

    header: dict[str, Any]
    payload: bytes
    signing_input: bytes
    signature: bytes

    def payload_json(self) -> Any:
        """The payload parsed as JSON (CredentialError when it is not)."""
        try:
            return json.loads(self.payload)
        except ValueError as exc:
            raise CredentialError("The signed token's payload is not JSON.") from exc


def decode(token: str) -> CompactJws:
    """Split and decode a compact JWS without verifying it."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise CredentialError("This token is not a compact JWS (it needs three parts).")
    try:
        header = json.loads(b64url_decode(parts[0]))
        payload = b64url_decode(parts[1])
        signature = b64url_decode(parts[2])
    except (ValueError, UnicodeDecodeError) as exc:
        raise CredentialError("This token is not valid base64url JSON.") from exc
    if not isinstance(header, dict):
        raise CredentialError("The token header is not a JSON object.")
    return CompactJws(header, payload, f"{parts[0]}.{parts[1]}".encode(), signature)


def verify(jws: CompactJws, key: PublicKey) -> bool:
    """True when the signature matches ``key`` under the header's algorithm."""
    alg = jws.header.get("alg")
    try:
        if alg == "RS256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(jws.signature, jws.signing_input, padding.PKCS1v15(), hashes.SHA256())
            return True
        if alg == "ES256" and isinstance(key, ec.EllipticCurvePublicKey):
            if len(jws.signature) != 64:
                return False
            der = encode_dss_signature(int.from_bytes(jws.signature[:32], "big"),
                                       int.from_bytes(jws.signature[32:], "big"))
            key.verify(der, jws.signing_input, ec.ECDSA(hashes.SHA256()))
            return True
        if alg == "EdDSA" and isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(jws.signature, jws.signing_input)
            return True
    except InvalidSignature:
        return False
    return False
