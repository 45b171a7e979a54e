"""One credential, one record: the same badge as JSON, as a baked PNG and inside a CLR is
stored once, with every form kept beside it."""

from __future__ import annotations

import json
from typing import Any

from agent.capabilities.credentials import import_bytes
from evals.credential_signing import CLR, DI2, OB3, V1, EdIssuer, ob3, png_with_itxt
from memory.records import credential_identity, get_records


def _clr(issuer: EdIssuer, inner: dict[str, Any]) -> dict[str, Any]:
    return issuer.sign({
        "@context": [V1, CLR, OB3, DI2], "id": "urn:uuid:clr-1",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": {"id": issuer.did, "type": ["Profile"], "name": "Test College"},
        "issuanceDate": "2025-06-01T00:00:00Z", "name": "Transcript",
        "credentialSubject": {"id": "did:example:learner", "type": ["ClrSubject"],
                              "verifiableCredential": [inner]}})


def test_same_badge_in_three_forms_is_stored_once_with_all_forms() -> None:
    issuer = EdIssuer.new()
    rec = get_records()
    uid = rec.ensure_user("cli", "local", "dup", "Dup")
    signed = issuer.sign(ob3(issuer.did, version="v1", suite_ctx=DI2))
    body = json.dumps(signed).encode()
    ids = [cid for data, name in ((body, "badge.json"),
                                  (png_with_itxt("openbadgecredential", body), "badge.png"),
                                  (json.dumps(_clr(issuer, signed)).encode(), "clr.json"))
           for _, cid in import_bytes(uid, data, name, use_tagger=False) if cid]
    badges = [c for c in rec.list_credentials(uid)
              if c["achievement"]["name"] == "Team Leadership"]
    assert len(badges) == 1
    assert ids[:2] == [badges[0]["id"]] * 2  # the CLR import returns the CLR's own id
    forms = rec.credential_forms(uid, badges[0]["id"])
    assert {f["filename"] for f in forms} == {"badge.png", "clr.json"}
    other = rec.ensure_user("cli", "local", "someone-else", "Else")
    assert import_bytes(other, body, "badge.json", use_tagger=False)[0][1] not in ids


def test_identity_is_id_then_issuer_achievement_subject_date_then_bytes() -> None:
    base = {"name": "Forklift", "issuer_name": "Site Safety Ltd", "subject_id": "mailto:a@b.c",
            "issued_on": "2026-03-02T09:00:00Z"}
    assert credential_identity({**base, "credential_id": "urn:x"}, b"1") == \
        credential_identity({"credential_id": "urn:x"}, b"2")
    assert credential_identity(base, b"1") == credential_identity(
        {**base, "issued_on": "2026-03-02T17:30:00Z"}, b"2")
    assert credential_identity(base, b"1") != credential_identity(
        {**base, "subject_id": "mailto:z@b.c"}, b"1")
    assert credential_identity({"name": "Forklift"}, b"1") != credential_identity(
        {"name": "Forklift"}, b"2")
