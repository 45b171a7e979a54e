"""`passport verify` stores nothing; `passport import` stores genuine credentials per user."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from channels.cli.main import build_app
from evals.credential_signing import EdIssuer, ob3, png_with_itxt


def _files(tmp_path: Path, issuer: EdIssuer) -> list[Path]:
    good = issuer.sign(ob3(issuer.did))
    bad = copy.deepcopy(good)
    bad["name"] = "Forged"
    paths = [tmp_path / "good.json", tmp_path / "bad.json", tmp_path / "badge.png",
             tmp_path / "junk.svg"]
    paths[0].write_text(json.dumps(good))
    paths[1].write_text(json.dumps(bad))
    paths[2].write_bytes(png_with_itxt("openbadgecredential", json.dumps(good).encode()))
    paths[3].write_bytes(b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>')
    return paths


def _lines(output: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_verify_json_stores_nothing(tmp_path: Path, passport_home: Path, issuer: EdIssuer) -> None:
    res = CliRunner().invoke(build_app(), ["verify", *map(str, _files(tmp_path, issuer)), "--json"])
    assert res.exit_code == 0, res.output
    rows = _lines(res.output)
    assert [r["verdict"] for r in rows] == ["valid", "invalid-signature", "valid", "invalid"]
    assert rows[0]["achievement"]["name"] == "Team Leadership"
    assert {s["framework"] for s in rows[0]["skills"]} == {"esco", "onet"}
    assert not (passport_home / "passport.sqlite3").exists()


def test_verify_plain_words(tmp_path: Path, issuer: EdIssuer) -> None:
    res = CliRunner().invoke(build_app(), ["verify", str(_files(tmp_path, issuer)[1])])
    assert res.exit_code == 0 and "NOT genuine" in res.output


@pytest.mark.usefixtures("tagger")
def test_import_stores_only_genuine_for_that_user(tmp_path: Path, issuer: EdIssuer) -> None:
    files = _files(tmp_path, issuer)
    res = CliRunner().invoke(build_app(), ["import", *map(str, files), "--user", "ana",
                                           "--json"])
    assert res.exit_code == 0, res.output
    rows = _lines(res.output)
    assert [bool(r["stored_id"]) for r in rows] == [True, False, True, False]
    from memory.records import get_records
    from memory.vectors import get_vectors

    rec = get_records()
    ana = rec.find_user("cli", "local", "ana")
    assert ana
    stored = rec.list_credentials(ana)
    assert len(stored) == 2 and stored[0]["verdict"] == "valid"
    assert bytes(stored[0]["raw"]) == files[0].read_bytes()
    assert stored[0]["achievement"]["name"] == "Team Leadership"
    assert get_vectors().search(ana, "team leadership", k=2)
    bob = rec.ensure_user("cli", "local", "bob")
    assert rec.list_credentials(bob) == []
    assert get_vectors().search(bob, "team leadership", k=2) == []


def test_verify_pasted_text_from_stdin(tmp_path: Path, issuer: EdIssuer) -> None:
    text = _files(tmp_path, issuer)[0].read_text()
    res = CliRunner().invoke(build_app(), ["verify", "-", "--json"], input=text)
    assert res.exit_code == 0, res.output
    assert _lines(res.output)[0]["verdict"] == "valid"


def test_trust_makes_issuer_known(tmp_path: Path, issuer: EdIssuer) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(issuer.sign(ob3(issuer.did))))
    app = build_app()
    before = _lines(CliRunner().invoke(app, ["verify", str(path), "--json"]).output)[0]
    assert before["checks"]["issuer"] == "unknown"
    res = CliRunner().invoke(app, ["trust", issuer.did, "--name", "Test College"])
    assert res.exit_code == 0 and issuer.did in res.output
    after = _lines(CliRunner().invoke(app, ["verify", str(path), "--json"]).output)[0]
    assert after["checks"]["issuer"] == "known"
    assert CliRunner().invoke(app, ["trust", "nonsense"]).exit_code == 2


@pytest.mark.usefixtures("tagger")
def test_import_clr_stores_each_genuine_nested_credential(tmp_path: Path, issuer: EdIssuer) -> None:
    from evals.credential_signing import CLR, DI2, OB3, V1

    inner = issuer.sign(ob3(issuer.did, version="v1", suite_ctx=DI2))
    clr = issuer.sign({"@context": [V1, CLR, OB3, DI2], "id": "urn:uuid:clr",
                    "type": ["VerifiableCredential", "ClrCredential"], "name": "Transcript",
                    "issuer": {"id": issuer.did, "type": ["Profile"], "name": "College"},
                    "issuanceDate": "2025-06-01T00:00:00Z",
                    "credentialSubject": {"id": "did:example:a", "type": ["ClrSubject"],
                                          "verifiableCredential": [inner]}})
    path = tmp_path / "clr.json"
    path.write_text(json.dumps(clr))
    res = CliRunner().invoke(build_app(), ["import", str(path), "--user", "ana", "--json"])
    assert res.exit_code == 0, res.output
    from memory.records import get_records

    rec = get_records()
    ana = rec.find_user("cli", "local", "ana")
    assert ana
    stored = rec.list_credentials(ana)
    by_name = {s["achievement"]["name"]: s for s in stored}
    assert set(by_name) == {"Transcript", "Team Leadership"}
    nested_raw = json.loads(bytes(by_name["Team Leadership"]["raw"]))
    assert nested_raw["credentialSubject"]["achievement"]["name"] == "Team Leadership"
