"""Every format to one :class:`Achievement`, plus skills read from alignment targets.

ESCO skill URIs and O*NET codes are taken exactly as the issuer wrote them.
"""

from __future__ import annotations

import re
from typing import Any

from memory.schemas import Achievement, Alignment
from tools.credentials.dates import parse_date

ESCO_PREFIX = "http://data.europa.eu/esco/"
ONET_CODE = re.compile(r"^\d{2}-\d{4}(\.\d{2})?$|^\d(\.[A-Za-z0-9]+)+$")


def _text(value: Any, limit: int = 4000) -> str | None:
    if isinstance(value, str):
        return value[:limit]
    if isinstance(value, dict):
        return _text(value.get("@value") or value.get("narrative") or value.get("name"), limit)
    if isinstance(value, list) and value:
        return _text(value[0], limit)
    return None


def _date(value: Any) -> Any:
    try:
        return parse_date(value)
    except (ValueError, OverflowError):
        return None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in _as_list(value) if isinstance(v, dict)]


def _alignments(value: Any) -> list[Alignment]:
    out = []
    for a in _dicts(value):
        out.append(Alignment(
            target_name=_text(a.get("targetName")), target_url=_text(a.get("targetUrl")),
            target_code=_text(a.get("targetCode")),
            target_framework=_text(a.get("targetFramework")),
            target_type=_text(a.get("targetType")),
            target_description=_text(a.get("targetDescription"))))
    return out


def _issuer(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, str):
        return None, value
    if isinstance(value, dict):
        return _text(value.get("name")), _text(value.get("id"))
    return None, None


def _image(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) and not value.startswith("data:") else None


def from_vc(doc: dict[str, Any], source_format: str) -> Achievement:
    """OB 3.0 / CLR 2.0 / endorsement / generic VC (or a VC-JWT's credential)."""
    subject = next(iter(_dicts(doc.get("credentialSubject"))), {})
    ach = subject.get("achievement")
    ach = ach[0] if isinstance(ach, list) and ach and isinstance(ach[0], dict) else ach
    ach = ach if isinstance(ach, dict) else {}
    issuer_name, issuer_id = _issuer(doc.get("issuer"))
    types = [t for t in _as_list(doc.get("type")) if isinstance(t, str)]
    name = (_text(ach.get("name")) or _text(doc.get("name")) or _text(subject.get("name"))
            or (types[-1] if types else "Credential"))
    criteria = ach.get("criteria")
    return Achievement(
        name=name,
        description=_text(ach.get("description")) or _text(doc.get("description")),
        criteria=_text(criteria.get("narrative") or criteria.get("id"))
        if isinstance(criteria, dict) else _text(criteria),
        issuer_name=issuer_name, issuer_id=issuer_id,
        issued_on=_date(doc.get("awardedDate") or doc.get("validFrom")
                        or doc.get("issuanceDate")),
        valid_from=_date(doc.get("validFrom") or doc.get("issuanceDate")),
        valid_until=_date(doc.get("validUntil") or doc.get("expirationDate")),
        achievement_type=_text(ach.get("achievementType")) or (types[-1] if types else None),
        alignments=_alignments(ach.get("alignment")),
        results=_dicts(subject.get("result")),
        evidence=_dicts(doc.get("evidence")),
        source_format=source_format,
        subject_id=_text(subject.get("id")), credential_id=_text(doc.get("id")),
        image=_image(ach.get("image") or doc.get("image")),
    )


def from_ob2(doc: dict[str, Any], source_format: str) -> Achievement:
    """An Open Badges 2.0 assertion (the BadgeClass may be embedded or only a URL)."""
    badge = doc.get("badge")
    badge_obj = badge if isinstance(badge, dict) else {}
    issuer_name, issuer_id = _issuer(badge_obj.get("issuer"))
    criteria = badge_obj.get("criteria")
    name = _text(badge_obj.get("name")) or (f"Open Badge ({badge})" if isinstance(badge, str)
                                            else "Open Badge")
    return Achievement(
        name=name, description=_text(badge_obj.get("description")),
        criteria=_text(criteria.get("narrative") or criteria.get("id"))
        if isinstance(criteria, dict) else _text(criteria),
        issuer_name=issuer_name, issuer_id=issuer_id,
        issued_on=_date(doc.get("issuedOn")), valid_from=_date(doc.get("issuedOn")),
        valid_until=_date(doc.get("expires")), achievement_type="BadgeClass",
        alignments=_alignments(badge_obj.get("alignment")),
        evidence=_dicts(doc.get("evidence")), source_format=source_format,
        subject_id=_text((doc.get("recipient") or {}).get("identity"))
        if isinstance(doc.get("recipient"), dict) else None,
        credential_id=_text(doc.get("id")), image=_image(doc.get("image")
                                                         or badge_obj.get("image")),
    )


def from_blockcerts(doc: dict[str, Any]) -> Achievement:
    """A Blockcerts certificate (v2 or v3)."""
    if "badge" in doc:
        return from_ob2(doc, "blockcerts")
    return from_vc(doc, "blockcerts")


def from_ler(doc: dict[str, Any]) -> Achievement:
    """An HR Open LER-RS resume, summarised as one record (entries go in ``results``)."""
    raw_person = doc.get("person")
    person: dict[str, Any] = raw_person if isinstance(raw_person, dict) else {}
    name = person.get("name")
    full = _text(name.get("formattedName") if isinstance(name, dict) else name) or "resume"
    entries: list[dict[str, Any]] = []
    for key in ("employmentHistories", "educationAndLearnings", "educationAttendance",
                "certifications", "licenses", "positionHistories", "qualifications"):
        for item in _dicts(doc.get(key)):
            entries.append({"section": key, **{k: v for k, v in item.items()
                                               if isinstance(v, str | int | float)}})
    return Achievement(name=f"Resume of {full}", description=_text(doc.get("narrative")),
                       achievement_type="LER-RS", results=entries[:200],
                       source_format="ler-rs")


def alignment_skills(achievement: Achievement) -> list[dict[str, Any]]:
    """Skills named by alignment targets, taken as given (ESCO URIs, O*NET codes)."""
    out: list[dict[str, Any]] = []
    for a in achievement.alignments:
        url, code = a.target_url or "", a.target_code or ""
        framework_text = (a.target_framework or "").lower()
        if url.startswith(ESCO_PREFIX) or "esco" in framework_text:
            out.append({"framework": "esco", "id": url or code,
                        "label": a.target_name or url, "source": "alignment"})
        elif "o*net" in framework_text or "onet" in framework_text or "onet" in url \
                or (code and ONET_CODE.match(code)):
            out.append({"framework": "onet", "id": code or url,
                        "label": a.target_name or code, "source": "alignment"})
    return out
