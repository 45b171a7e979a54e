"""The credentials a share offers, as the issuers signed them, in one W3C Verifiable
Presentation bundle (unsigned by us: we are not the holder's key and vouch for nothing).

Each stored credential keeps the exact bytes it arrived in (for a baked PNG or SVG badge, the
credential text that was inside the image). In the bundle:

- a JSON credential (Open Badges 3.0, CLR 2.0, VCDM 1.1/2.0 with an embedded proof, an
  Open Badges 2.0 assertion) is included as the JSON object it was, untouched, so its
  Data Integrity or linked-data proof still verifies;
- a compact JWS/JWT credential is included as an ``EnvelopedVerifiableCredential`` (VCDM 2.0
  section 4.13): ``id`` is a ``data:`` URL holding the token verbatim, with media type
  ``application/vc+jwt`` for VC-JWTs and ``application/jwt`` for other signed tokens (such as
  Open Badges 2.0 signed assertions);
- bytes that are not text are enveloped the same way as a base64 ``data:`` URL.

An employer can also download each original file by itself from the share page.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

V2 = "https://www.w3.org/ns/credentials/v2"
JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$")


def _enveloped(data_url: str) -> dict[str, Any]:
    return {"@context": V2, "id": data_url, "type": "EnvelopedVerifiableCredential"}


def _jwt_media_type(token: str) -> str:
    try:
        head, body = (json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
                      for p in token.split(".")[:2])
    except (ValueError, UnicodeDecodeError):
        return "application/jwt"
    typ = str(head.get("typ", "")).lower() if isinstance(head, dict) else ""
    is_vc = typ in ("vc+jwt", "vc+ld+jwt") or (isinstance(body, dict) and (
        "vc" in body or "@context" in body))
    return "application/vc+jwt" if is_vc else "application/jwt"


def _pick(doc: Any, row: dict[str, Any]) -> Any:
    """The one credential of a stored file that holds several (a JSON array or an API
    response): matched by credential id, else by name."""
    docs = doc if isinstance(doc, list) else [
        *([doc["credential"]] if isinstance(doc.get("credential"), dict) else
          doc.get("credential") or []), *(doc.get("compactJwsStrings") or [])] \
        if isinstance(doc, dict) and "@context" not in doc else [doc]
    if len(docs) == 1:
        return docs[0]
    ach = row.get("achievement") or {}
    for d in docs:
        if isinstance(d, dict) and ach.get("credential_id") and d.get("id") == ach[
                "credential_id"]:
            return d
    name = str(ach.get("name") or "")
    return next((d for d in docs if name and name in json.dumps(d)), docs[0])


def entry(row: dict[str, Any]) -> Any:
    """One credential for the bundle, from its stored row (``raw`` bytes as they arrived)."""
    raw = bytes(row["raw"])
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return _enveloped("data:application/octet-stream;base64,"
                          + base64.b64encode(raw).decode())
    if text.startswith(("{", "[")):
        try:
            picked = _pick(json.loads(text), row)
        except ValueError:
            picked = None
        if isinstance(picked, str) and JWS.match(picked.strip()):
            text = picked.strip()
        elif picked is not None:
            return picked
    if JWS.match(text):
        return _enveloped(f"data:{_jwt_media_type(text)},{text}")
    return _enveloped("data:text/plain;base64," + base64.b64encode(raw).decode())


def presentation(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """An unsigned Verifiable Presentation holding these credentials as they were issued."""
    return {"@context": [V2], "type": ["VerifiablePresentation"],
            "verifiableCredential": [entry(r) for r in rows]}


def original(row: dict[str, Any]) -> tuple[bytes, str, str]:
    """The original bytes of one credential, a file name and a media type for download."""
    raw = bytes(row["raw"])
    if raw.lstrip()[:1] in (b"{", b"["):
        return raw, f"{row['id']}.json", "application/json"
    if JWS.match(raw.decode("utf-8", errors="replace").strip()):
        return raw, f"{row['id']}.jwt", "application/jwt"
    return raw, f"{row['id']}.bin", "application/octet-stream"
