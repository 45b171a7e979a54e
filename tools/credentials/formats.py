"""Per-format verification: linked-data VCs (OB 3.0, CLR 2.0, VPs), VC-JWT and OB 2.0 JWS,
OB 2.0 hosted assertions, LER-RS resumes and Blockcerts."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from tools.credentials import jws as jwslib
from tools.credentials import keys, normalise, parse
from tools.credentials.dates import check_dates
from tools.credentials.models import CheckResult, CredentialError, ProofOutcome
from tools.credentials.network import Fetcher, FetchError
from tools.credentials.proofs import issuer_id, signer_not_issuer, verify_ld_proofs
from tools.credentials.status import StatusOutcome, check_ob2_revocation, check_status
from tools.credentials.trust import trusted_issuers
from tools.credentials.verdict import fold_proofs, make_checks, overall

MAX_NESTED_DEPTH = 3
MAX_LER_VERIFICATIONS = 100


def _issuer_verdict(proof: str, signers: list[str | None]) -> str:
    trusted = trusted_issuers()
    return "known" if proof == "valid" and signers and all(s in trusted for s in signers) \
        else "unknown"


def _dates(doc: dict[str, Any], now: datetime) -> tuple[str, list[str]]:
    try:
        return check_dates(doc, now)
    except (ValueError, OverflowError) as exc:
        raise CredentialError(f"A date in this credential is malformed ({exc}).") from exc


def _finish(fmt: str, proof: str, reasons: list[str], signers: list[str | None],
            dates_doc: dict[str, Any], status: StatusOutcome, now: datetime,
            achievement: Any, nested: list[CheckResult] | None = None) -> CheckResult:
    malformed = None
    try:
        dates, date_reasons = _dates(dates_doc, now)
    except CredentialError as exc:
        dates, date_reasons, malformed = "ok", [], str(exc)
    checks = make_checks(proof, dates, status, _issuer_verdict(proof, signers))
    all_reasons = reasons + date_reasons + ([status.reason] if status.reason else [])
    for child in nested or []:
        label = child.achievement.name if child.achievement else child.format
        all_reasons.append(f"nested credential '{label}': {child.verdict}")
    verdict = overall(checks, status, nested or [])
    if malformed:
        all_reasons.append(malformed)
        verdict = verdict if verdict == "invalid-signature" else "invalid"
    return CheckResult(format=fmt, verdict=verdict, checks=checks, reasons=all_reasons,
                       achievement=achievement, nested=nested or [])


def _nested_docs(doc: dict[str, Any]) -> list[Any]:
    if "VerifiablePresentation" in parse.types_of(doc):
        value = doc.get("verifiableCredential")
    else:
        subject = doc.get("credentialSubject")
        value = subject.get("verifiableCredential") if isinstance(subject, dict) else None
    return [] if value is None else value if isinstance(value, list) else [value]


def verify_json_doc(doc: Any, fmt: str, fetcher: Fetcher | None, now: datetime,
                    depth: int = 0) -> CheckResult:
    """Verify a JSON credential of format ``fmt`` (from :func:`parse.detect`)."""
    if not isinstance(doc, dict) or fmt == "unknown":
        raise CredentialError("This JSON is not a credential format we know (Open Badges, "
                              "CLR, verifiable credential, LER-RS or Blockcerts).")
    if fmt.startswith("ob2"):
        return _verify_ob2_hosted(doc, fetcher, now)
    if fmt == "blockcerts":
        return _finish(fmt, "unverifiable-offline",
                       ["Blockcerts are anchored on a blockchain, which cannot be checked "
                        "offline; the content was read but not verified"], [],
                       doc, StatusOutcome("unknown", None, None), now,
                       normalise.from_blockcerts(doc))
    if fmt == "ler-rs":
        return _verify_ler(doc, fetcher, now, depth)
    outcomes = verify_ld_proofs(doc, fetcher)
    proof, reasons = fold_proofs(outcomes)
    nested: list[CheckResult] = []
    if depth < MAX_NESTED_DEPTH:
        for child in _nested_docs(doc):
            nested.append(_verify_any(child, fetcher, now, depth + 1))
    status = check_status(doc, fetcher, now)
    base = fmt.split("/")[0]
    achievement = normalise.from_vc(doc, base if base != "vp" else "vp")
    return _finish(fmt, proof, reasons, [o.signer for o in outcomes], doc, status, now,
                   achievement, nested)


def _verify_any(child: Any, fetcher: Fetcher | None, now: datetime, depth: int) -> CheckResult:
    raw = child.encode() if isinstance(child, str) else json.dumps(child).encode()
    try:
        if isinstance(child, str):
            result = verify_jws_token(child, fetcher, now)
        else:
            result = verify_json_doc(child, parse.detect(child), fetcher, now, depth)
    except CredentialError as exc:
        from tools.credentials.verify import error_result

        return error_result(str(exc), None, raw)
    result.raw = raw
    if result.achievement is not None:
        result.skills = normalise.alignment_skills(result.achievement)
    return result


def _ler_verifications(doc: dict[str, Any]) -> list[Any]:
    """Verifications attached to the resume and to each of its entries, in order."""
    found: list[Any] = []

    def take(node: dict[str, Any]) -> None:
        for key in ("verifications", "attachments", "verifiableCredential"):
            value = node.get(key)
            if value is not None:
                found.extend(value if isinstance(value, list) else [value])

    take(doc)
    for section in sorted(parse.LER_SECTIONS | {"skills"}):
        items = doc.get(section)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                take(item)
    return found[:MAX_LER_VERIFICATIONS]


def _verify_ler(doc: dict[str, Any], fetcher: Fetcher | None, now: datetime,
                depth: int) -> CheckResult:
    nested = []
    for entry in _ler_verifications(doc):
        value = entry
        if isinstance(entry, dict) and not parse.types_of(entry) & {"VerifiableCredential"}:
            value = entry.get("credential") or entry.get("verifiableCredential") or \
                entry.get("jwt") or entry.get("data") or entry
        nested.append(_verify_any(value, fetcher, now, depth + 1))
    reason = "a self-asserted resume: only its nested verifications can be checked"
    return _finish("ler-rs", "unverifiable-offline", [reason], [], {},
                   StatusOutcome("ok"), now, normalise.from_ler(doc), nested)


def _verify_ob2_hosted(doc: dict[str, Any], fetcher: Fetcher | None,
                       now: datetime) -> CheckResult:
    achievement = normalise.from_ob2(doc, "ob2-hosted")
    url = doc.get("id")
    if fetcher is None or not isinstance(url, str):
        return _finish("ob2-hosted", "unverifiable-offline",
                       ["a hosted Open Badge is verified by fetching it from the issuer, "
                        "which needs the network (use --online)"], [], doc,
                       StatusOutcome("ok"), now, achievement)
    try:
        hosted = json.loads(fetcher(url))
    except (FetchError, ValueError) as exc:
        return _finish("ob2-hosted", "unverifiable-offline",
                       [f"the hosted assertion could not be fetched: {exc}"], [], doc,
                       StatusOutcome("unknown", None, now), now, achievement)
    if not isinstance(hosted, dict) or hosted.get("revoked") is True:
        status = StatusOutcome("revoked", "the issuer marks this badge as revoked", now)
        return _finish("ob2-hosted", "valid", ["hosted assertion fetched"], [], doc, status,
                       now, achievement)
    same = hosted == doc
    proof = "valid" if same else "invalid-signature"
    why = "the issuer's hosted copy matches" if same else \
        "the issuer's hosted copy differs from this one"
    status, _ = check_ob2_revocation(doc, fetcher, now)
    return _finish("ob2-hosted", proof, [why], [], doc, status, now, achievement)


def _jwt_credential(payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(credential, date claims) for both VC-JWT payload shapes."""
    cred = dict(payload["vc"]) if isinstance(payload.get("vc"), dict) else dict(payload)
    if "iss" in payload and "issuer" not in cred:
        cred["issuer"] = payload["iss"]
    if "jti" in payload and "id" not in cred:
        cred["id"] = payload["jti"]
    subject = cred.get("credentialSubject")
    if "sub" in payload and isinstance(subject, dict) and "id" not in subject:
        cred["credentialSubject"] = {**subject, "id": payload["sub"]}
    dates = {k: cred.get(k) for k in ("validFrom", "validUntil", "issuanceDate",
                                      "expirationDate")}
    dates.update({k: payload.get(k) for k in ("nbf", "exp")})
    return cred, dates


def _jws_key(header: dict[str, Any], issuer: str | None,
             fetcher: Fetcher | None) -> tuple[keys.PublicKey, str | None]:
    kid = header.get("kid")
    if isinstance(kid, str) and kid.startswith("#") and issuer:
        kid = issuer + kid
    if isinstance(kid, str) and (kid.startswith("did:") or kid.startswith("http")):
        return keys.resolve(kid, fetcher)
    if "jwk" in header:
        return keys.from_jwk(header["jwk"]), None
    if issuer and issuer.startswith(("did:key:", "did:jwk:")):
        return keys.resolve(issuer, fetcher)
    if issuer and issuer.startswith("https://"):
        return keys.issuer_profile_key(issuer, fetcher)
    raise keys.KeyUnavailable("the token does not say which key signed it")


def verify_jws_token(token: str, fetcher: Fetcher | None, now: datetime) -> CheckResult:
    """A compact JWS: a VC-JWT (either payload shape) or a signed OB 2.0 assertion."""
    jws = jwslib.decode(token)
    payload = jws.payload_json()
    if not isinstance(payload, dict):
        raise CredentialError("The signed token's payload is not a JSON object.")
    if jws.header.get("alg") not in jwslib.ALGORITHMS:
        raise CredentialError(f"Unsupported token algorithm {jws.header.get('alg')!r}; "
                              "RS256, ES256 and EdDSA are supported.")
    if "vc" not in payload and parse.is_ob2(payload):
        return _verify_ob2_signed(jws, payload, fetcher, now)
    cred, date_claims = _jwt_credential(payload)
    fmt = parse.detect(cred)
    fmt = "ob3-jwt" if fmt.startswith("ob3") else "clr2-jwt" if fmt.startswith("clr2") \
        else "vc-jwt"
    issuer = issuer_id(cred)
    outcome = _jws_outcome(jws, issuer, fetcher)
    status = check_status(cred, fetcher, now)
    merged = {**cred, **{k: v for k, v in date_claims.items() if v is not None}}
    return _finish(fmt, outcome.status, [outcome.reason], [outcome.signer], merged, status,
                   now, normalise.from_vc(cred, fmt))


def _jws_outcome(jws: jwslib.CompactJws, issuer: str | None,
                 fetcher: Fetcher | None) -> ProofOutcome:
    try:
        key, controller = _jws_key(jws.header, issuer, fetcher)
    except keys.KeyUnavailable as exc:
        return ProofOutcome("unverifiable-offline", str(exc))
    except keys.BadKey as exc:
        return ProofOutcome("invalid", f"malformed key: {exc}")
    if not jwslib.verify(jws, key):
        return ProofOutcome("invalid-signature", f"{jws.header.get('alg')} signature does not "
                            "match")
    if controller is None:
        return ProofOutcome("unverifiable-offline", "the signature is intact, but the key "
                            "travels inside the token, so the issuer is unconfirmed")
    if issuer and controller not in (issuer, jws.header.get("kid")):
        return signer_not_issuer(controller, issuer)
    return ProofOutcome("valid", f"{jws.header.get('alg')} signature verified",
                        signer=controller)


def _verify_ob2_signed(jws: jwslib.CompactJws, payload: dict[str, Any],
                       fetcher: Fetcher | None, now: datetime) -> CheckResult:
    verification = payload.get("verification") or {}
    creator = verification.get("creator") if isinstance(verification, dict) else None
    header = dict(jws.header)
    if isinstance(creator, str) and "kid" not in header:
        header["kid"] = creator
    if jws.header.get("alg") != "RS256":
        raise CredentialError("A signed Open Badge 2.0 must use RS256.")
    status, issuer = check_ob2_revocation(payload, fetcher, now)
    outcome = _jws_outcome(jwslib.CompactJws(header, jws.payload, jws.signing_input,
                                             jws.signature), issuer, fetcher)
    if outcome.status == "unverifiable-offline" and fetcher is None:
        outcome.reason = "the issuer's public key is hosted on the web (use --online)"
    return _finish("ob2-signed", outcome.status, [outcome.reason], [outcome.signer], payload,
                   status, now, normalise.from_ob2(payload, "ob2-signed"))
