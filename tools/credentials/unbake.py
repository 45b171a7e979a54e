"""Take the credential out of a baked badge image (PNG iTXt or SVG), with limits.

PNG: an ``iTXt`` chunk with keyword ``openbadges`` (OB 2.0) or ``openbadgecredential``
(OB 3.0), optionally zlib-compressed. SVG (parsed with defusedxml, so no entities or external
references): ``<openbadges:assertion>`` or ``<openbadges:credential>`` holding JSON (often in
CDATA) or a JWS in its ``verify`` attribute. A plain ``<!DOCTYPE>`` (the SVG 1.1 one is common
in badge artwork) is allowed: expat never fetches the external DTD it names, and any entity
declaration, internal or external, is still refused.
"""

from __future__ import annotations

import struct
import zlib

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from tools.credentials.limits import (
    MAX_DECOMPRESSED_BYTES,
    MAX_PNG_CHUNK_BYTES,
    MAX_PNG_CHUNKS,
)
from tools.credentials.models import CredentialError
from tools.credentials.sniff import PNG_SIGNATURE

PNG_KEYWORDS = {b"openbadges", b"openbadgecredential"}
OB_NAMESPACE = "http://openbadges.org"


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, MAX_DECOMPRESSED_BYTES + 1)
    except zlib.error as exc:
        raise CredentialError("The badge image holds a corrupt compressed credential.") from exc
    if len(out) > MAX_DECOMPRESSED_BYTES or inflater.unconsumed_tail:
        raise CredentialError("The badge image's embedded credential expands beyond 2 MB; "
                              "it was refused.")
    return out


def _itxt(body: bytes) -> tuple[bytes, bytes] | None:
    keyword, sep, rest = body.partition(b"\x00")
    if not sep or keyword not in PNG_KEYWORDS or len(rest) < 2:
        return None
    compressed, _method = rest[0], rest[1]
    rest = rest[2:]
    _lang, _, rest = rest.partition(b"\x00")
    _translated, _, text = rest.partition(b"\x00")
    return keyword, (_inflate(text) if compressed else text)


def unbake_png(data: bytes) -> list[tuple[str, bytes]]:
    """Return [(keyword, payload bytes)] for every baked credential chunk in a PNG."""
    if not data.startswith(PNG_SIGNATURE):
        raise CredentialError("This is not a PNG image.")
    pos, found, count = len(PNG_SIGNATURE), [], 0
    while pos + 8 <= len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        count += 1
        if count > MAX_PNG_CHUNKS or length > MAX_PNG_CHUNK_BYTES:
            raise CredentialError("This PNG has too many or too large chunks to be a badge.")
        body = data[pos + 8:pos + 8 + length]
        if len(body) < length:
            raise CredentialError("This PNG is truncated; export the badge again.")
        if ctype == b"iTXt":
            hit = _itxt(body)
            if hit:
                found.append((hit[0].decode(), hit[1]))
        elif ctype == b"IEND":
            break
        pos += 12 + length
    return found


def unbake_svg(data: bytes) -> list[tuple[str, bytes]]:
    """Return [(tag, payload bytes)] for every baked credential element in an SVG."""
    try:
        root = ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                      forbid_external=True)
    except DefusedXmlException as exc:
        raise CredentialError("This SVG declares entities or external references, which are "
                              "refused for safety.") from exc
    except ElementTree.ParseError as exc:
        raise CredentialError("This SVG is not well-formed XML.") from exc
    found = []
    for tag in ("assertion", "credential"):
        for el in root.iter(f"{{{OB_NAMESPACE}}}{tag}"):
            verify = el.get("verify")
            text = (el.text or "").strip()
            if verify:
                found.append((tag, verify.strip().encode()))
            elif text:
                found.append((tag, text.encode()))
    return found
