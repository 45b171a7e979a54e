"""Vendored contexts: every file pinned, hashes checked on load, unknown URLs refused."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tools.credentials import jsonld

REQUIRED = [
    "https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    "https://w3id.org/security/data-integrity/v1", "https://w3id.org/security/data-integrity/v2",
    "https://w3id.org/security/multikey/v1", "https://w3id.org/security/suites/ed25519-2020/v1",
    "https://w3id.org/vc/status-list/2021/v1", "https://www.w3.org/ns/credentials/status/v1",
    "https://w3id.org/openbadges/v2", "https://www.w3.org/ns/did/v1",
    "https://w3id.org/security/v1", "https://w3id.org/security/v2",
]


def test_manifest_pins_every_file() -> None:
    manifest = json.loads((jsonld.CONTEXT_DIR / "manifest.json").read_text())
    files = {row["file"] for row in manifest["contexts"]}
    on_disk = {p.name for p in jsonld.CONTEXT_DIR.iterdir() if p.name != "manifest.json"}
    assert files == on_disk
    for row in manifest["contexts"]:
        raw = (jsonld.CONTEXT_DIR / row["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == row["sha256"], row["file"]
        assert row["source"]
        json.loads(raw)
    assert set(REQUIRED) <= {row["url"] for row in manifest["contexts"]}


def test_ob_303_is_the_published_copy() -> None:
    """The spec repo's main branch lacks these terms; the published context has them."""
    ctx = jsonld.load_context("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")
    terms = ctx["@context"]
    assert {"awardedDate", "inLanguage"} <= set(terms)
    assert "inLanguage" in terms["Achievement"]["@context"]
    subject = terms["AchievementSubject"]["@context"]
    assert subject["achievement"]["@id"].endswith("#achievement")


def test_tampered_context_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "contexts"
    shutil.copytree(jsonld.CONTEXT_DIR, copy)
    target = copy / "credentials-v2.jsonld"
    target.write_text(target.read_text().replace("validFrom", "validFrum"))
    monkeypatch.setattr(jsonld, "CONTEXT_DIR", copy)
    jsonld.load_context.cache_clear()
    jsonld._manifest.cache_clear()
    try:
        with pytest.raises(jsonld.ContextTampered):
            jsonld.load_context("https://www.w3.org/ns/credentials/v2")
    finally:
        monkeypatch.undo()
        jsonld.load_context.cache_clear()
        jsonld._manifest.cache_clear()


def test_unknown_context_never_fetched() -> None:
    with pytest.raises(jsonld.UnknownContext) as err:
        jsonld.canonize({"@context": ["https://example.org/ctx/v1"], "name": "x"})
    assert err.value.url == "https://example.org/ctx/v1"
    with pytest.raises(jsonld.UnknownContext):
        jsonld.canonize({"@context": {"@import": "https://example.org/ctx/v2"}, "a": 1})
