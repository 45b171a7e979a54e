"""Recognise the format of a decoded credential: OB 2.0, OB 3.0, CLR 2.0, VC, VP, VC-JWT,
LER-RS or Blockcerts."""

from __future__ import annotations

from typing import Any

OB3_TYPES = {"OpenBadgeCredential", "AchievementCredential"}
LER_SECTIONS = {"employmentHistories", "educationAndLearnings", "educationAttendance",
                "certifications", "licenses", "positionHistories", "qualifications"}


def types_of(doc: dict[str, Any]) -> set[str]:
    """The ``type``/``@type`` values of a JSON object, as a set of strings."""
    value = doc.get("type", doc.get("@type"))
    values = value if isinstance(value, list) else [value]
    return {v for v in values if isinstance(v, str)}


def contexts_of(doc: dict[str, Any]) -> list[str]:
    """The string entries of ``@context``."""
    ctx = doc.get("@context")
    return [c for c in (ctx if isinstance(ctx, list) else [ctx]) if isinstance(c, str)]


def _vc_version(doc: dict[str, Any]) -> str:
    return "vc2" if "https://www.w3.org/ns/credentials/v2" in contexts_of(doc) else "vc1"


def is_blockcerts(doc: dict[str, Any]) -> bool:
    """Blockcerts v2 (MerkleProof2017 signature) or v3 (MerkleProof2019 proof)."""
    if any("blockcerts" in c for c in contexts_of(doc)):
        return True
    for key in ("signature", "proof"):
        value = doc.get(key)
        for p in value if isinstance(value, list) else [value]:
            if isinstance(p, dict) and str(p.get("type", "")).startswith("MerkleProof"):
                return True
            if isinstance(p, dict) and "merkleRoot" in p:
                return True
    return False


def is_ob2(doc: dict[str, Any]) -> bool:
    """An Open Badges 2.0 assertion."""
    ctx = " ".join(contexts_of(doc))
    return "Assertion" in types_of(doc) or "openbadges/v2" in ctx or \
        "openbadgespec.org" in ctx or ("badge" in doc and "recipient" in doc)


def is_ler(doc: dict[str, Any]) -> bool:
    """An HR Open LER-RS resume (4.4 / 4.5 ``type`` URL, the ``LERRS`` token, or its shape)."""
    if any("ler-rs" in t.lower() or t == "LERRS" for t in types_of(doc)):
        return True
    return "person" in doc and bool(LER_SECTIONS & set(doc)) or \
        any("hropenstandards" in c.lower() for c in contexts_of(doc))


def detect(doc: Any) -> str:
    """A format label for a JSON credential, or "unknown"."""
    if not isinstance(doc, dict):
        return "unknown"
    types = types_of(doc)
    if is_blockcerts(doc):
        return "blockcerts"
    if "VerifiablePresentation" in types:
        return "vp"
    if "ClrCredential" in types:
        return f"clr2/{_vc_version(doc)}"
    if "EndorsementCredential" in types:
        return f"ob3-endorsement/{_vc_version(doc)}"
    if types & OB3_TYPES:
        return f"ob3/{_vc_version(doc)}"
    if "VerifiableCredential" in types:
        return f"vc/{_vc_version(doc)}"
    if is_ob2(doc):
        verification = doc.get("verification") or doc.get("verify") or {}
        vtype = verification.get("type") if isinstance(verification, dict) else None
        return "ob2-signed" if vtype in ("signed", "SignedBadge") else "ob2-hosted"
    if is_ler(doc):
        return "ler-rs"
    return "unknown"
