"""Public keys from did:key, did:jwk, JWKs, Multikey documents and (online) did:web.

did:key and did:jwk resolve offline. did:web and https key URLs need the fetcher; without it
they raise :class:`KeyUnavailable`, which the verifier reports as "unverifiable-offline". A
did:web fragment is never read as a key.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import base58
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from tools.credentials.network import Fetcher, FetchError

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey

ED25519_PREFIX = b"\xed\x01"
P256_PREFIX = b"\x80\x24"


class KeyUnavailable(Exception):
    """The key cannot be obtained offline (or at all); the message says why."""


class BadKey(Exception):
    """The key material is malformed."""


def b64url_decode(text: str) -> bytes:
    """Decode unpadded base64url, raising ValueError on junk."""
    if not isinstance(text, str):
        raise ValueError("not a string")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def from_multibase(value: str) -> PublicKey:
    """Decode a base58btc multibase multicodec key (Ed25519 or P-256)."""
    if not isinstance(value, str) or not value.startswith("z"):
        raise BadKey("only base58btc multibase keys are supported")
    raw = base58.b58decode(value[1:])
    if raw.startswith(ED25519_PREFIX) and len(raw) == 34:
        return ed25519.Ed25519PublicKey.from_public_bytes(raw[2:])
    if raw.startswith(P256_PREFIX) and len(raw) == 35:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:])
    raise BadKey("unsupported multicodec key type")


def from_jwk(jwk: Any) -> PublicKey:
    """Build a public key from a JWK (OKP Ed25519, EC P-256, RSA)."""
    if not isinstance(jwk, dict):
        raise BadKey("JWK must be an object")
    try:
        kty = jwk.get("kty")
        if kty == "OKP" and jwk.get("crv") == "Ed25519":
            return ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
        if kty == "EC" and jwk.get("crv") == "P-256":
            x = int.from_bytes(b64url_decode(jwk["x"]), "big")
            y = int.from_bytes(b64url_decode(jwk["y"]), "big")
            return ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()
        if kty == "RSA":
            n = int.from_bytes(b64url_decode(jwk["n"]), "big")
            e = int.from_bytes(b64url_decode(jwk["e"]), "big")
            return rsa.RSAPublicNumbers(e, n).public_key()
    except (KeyError, ValueError, TypeError) as exc:
        raise BadKey(f"malformed JWK: {exc}") from exc
    raise BadKey("unsupported JWK key type")


def from_verification_method(vm: Any) -> PublicKey:
    """Read the key out of a verification method object (Multikey, 2020, 2018, JWK, PEM)."""
    if not isinstance(vm, dict):
        raise BadKey("verification method must be an object")
    if "publicKeyMultibase" in vm:
        return from_multibase(vm["publicKeyMultibase"])
    if "publicKeyJwk" in vm:
        return from_jwk(vm["publicKeyJwk"])
    if "publicKeyBase58" in vm:
        raw = base58.b58decode(vm["publicKeyBase58"])
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    if "publicKeyPem" in vm:
        key = serialization.load_pem_public_key(str(vm["publicKeyPem"]).encode())
        if isinstance(key, ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey
                      | rsa.RSAPublicKey):
            return key
    raise BadKey("verification method has no supported key")


def did_web_url(did: str) -> str:
    """The https URL of a did:web DID document."""
    parts = did.split(":")[2:]
    if not parts or not parts[0]:
        raise BadKey(f"malformed did:web {did}")
    host = parts[0].replace("%3A", ":")
    path = "/".join(parts[1:])
    return f"https://{host}/{path}/did.json" if path else f"https://{host}/.well-known/did.json"


def _find_vm(doc: dict[str, Any], vm_id: str, did: str) -> dict[str, Any]:
    frag = vm_id[len(did):] if vm_id.startswith(did) else vm_id
    candidates: list[Any] = []
    for field in ("verificationMethod", "assertionMethod", "publicKey"):
        value = doc.get(field) or []
        candidates.extend(value if isinstance(value, list) else [value])
    for item in candidates:
        if isinstance(item, dict):
            item_id = str(item.get("id", ""))
            if item_id == vm_id or (item_id.startswith("#") and item_id == frag):
                return item
    raise KeyUnavailable(f"the DID document of {did} does not list key {vm_id}")


def resolve(vm_id: str, fetcher: Fetcher | None) -> tuple[PublicKey, str]:
    """Resolve a verification method id to (public key, controller DID or URL).

    Raises:
        KeyUnavailable: needs the network (and none was allowed) or the key is not there.
        BadKey: malformed key material.
    """
    if not isinstance(vm_id, str) or not vm_id:
        raise BadKey("proof has no verificationMethod")
    did, _, frag = vm_id.partition("#")
    if did.startswith("did:key:"):
        ident = did[len("did:key:"):]
        if frag and frag != ident:
            raise BadKey("did:key fragment does not match the key")
        return from_multibase(ident), did
    if did.startswith("did:jwk:"):
        try:
            jwk = json.loads(b64url_decode(did[len("did:jwk:"):]))
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadKey("malformed did:jwk") from exc
        return from_jwk(jwk), did
    if did.startswith("did:web:"):
        url = did_web_url(did)
        doc = _fetch_json(url, fetcher, f"did:web {did}")
        if doc.get("id") != did:
            raise KeyUnavailable(f"the DID document at {url} is not for {did}")
        return from_verification_method(_find_vm(doc, vm_id, did)), did
    if did.startswith("https://") or did.startswith("http://"):
        doc = _fetch_json(did, fetcher, f"key {vm_id}")
        vm = doc if not frag or doc.get("id") == vm_id else _find_vm(doc, vm_id, did)
        owner = vm.get("owner") or vm.get("controller") or (doc.get("id") if vm is not doc
                                                             else None)
        return from_verification_method(vm), str(owner or vm_id)
    raise KeyUnavailable(f"unsupported key reference {vm_id}")


def issuer_profile_key(issuer: str, fetcher: Fetcher | None) -> tuple[PublicKey, str]:
    """The single key an https issuer profile publishes (for tokens that name no key)."""
    doc = _fetch_json(issuer, fetcher, f"issuer profile {issuer}")
    found: list[Any] = []
    for field in ("verificationMethod", "publicKey", "assertionMethod"):
        value = doc.get(field) or []
        found.extend(v for v in (value if isinstance(value, list) else [value])
                     if isinstance(v, dict))
    if len(found) != 1:
        raise KeyUnavailable("the token does not say which key signed it, and the issuer "
                             "profile does not publish exactly one key")
    return from_verification_method(found[0]), issuer


def _fetch_json(url: str, fetcher: Fetcher | None, what: str) -> dict[str, Any]:
    if fetcher is None:
        raise KeyUnavailable(f"{what} needs the network (use --online)")
    try:
        doc = json.loads(fetcher(url))
    except FetchError as exc:
        raise KeyUnavailable(f"{what} could not be resolved: {exc}") from exc
    except ValueError as exc:
        raise KeyUnavailable(f"{what} did not resolve to JSON") from exc
    if not isinstance(doc, dict):
        raise KeyUnavailable(f"{what} did not resolve to a JSON object")
    return doc
