"""Every row of the shared MANIFEST through `passport verify --json` (skipped when absent).

Offline rows run exactly as a user would; rows whose document must be supplied run with
``--online`` and the network step replaced by a dict-backed fetcher over the companion files.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from channels.cli.main import build_app
from evals.credentials import SHARED_CASES, shared_dir, shared_fetcher

ROWS = [(rel, offline, supplied) for rel, offline, supplied in SHARED_CASES]


def _verify(args: list[str]) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(build_app(), ["verify", *args, "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    return lines[0]


@pytest.fixture
def root():  # type: ignore[no-untyped-def]
    path = shared_dir()
    if not (path / "MANIFEST.md").exists():
        pytest.skip(f"shared fixtures not present: {path}")
    return path


@pytest.mark.parametrize("rel,offline,supplied", ROWS, ids=[r[0].split("/")[-1] for r in ROWS])
def test_manifest_row(root, monkeypatch, rel: str, offline: str, supplied: str) -> None:  # type: ignore[no-untyped-def]
    out = _verify([str(root / rel)])
    assert out["verdict"] == offline, out["reasons"]
    assert set(out["checks"]) >= {"proof", "dates", "status", "issuer"}
    assert {"file", "format", "reasons", "achievement", "skills"} <= set(out)
    fetch = shared_fetcher(root)
    monkeypatch.setattr("agent.capabilities.credentials.default_fetcher",
                        lambda online: fetch if online else None)
    online = _verify([str(root / rel), "--online"])
    assert online["verdict"] == supplied, online["reasons"]


def test_manifest_lists_exactly_our_rows(root) -> None:  # type: ignore[no-untyped-def]
    manifest = (root / "MANIFEST.md").read_text()
    listed = [line.split("|")[1].strip() for line in manifest.splitlines()
              if line.startswith("| ") and (".json" in line.split("|")[1]
                                            or "status" in line.split("|")[1])
              and not line.startswith("| file")]
    listed = [x for x in listed if not x.startswith("dids/")]
    assert len(listed) >= 15
    ours = {rel.split("/", 1)[1] if rel.startswith("dcc-vc") else rel.split("/", 1)[1]
            for rel, _, _ in SHARED_CASES}
    for name in listed:
        assert any(o.endswith(name) for o in ours), name


def test_alignments_fixture_gives_skills(root) -> None:  # type: ignore[no-untyped-def]
    rel = SHARED_CASES[1][0]
    out = _verify([str(root / rel)])
    assert len(out["achievement"]["alignments"]) == 2


def test_tampering_any_field_of_a_real_fixture(root, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from evals.credentials import VCS
    from tools.credentials.verify import verify_bytes

    doc = json.loads((root / VCS / "v2/ed25519/didKey/legacy-noStatus-noExpiry.json").read_text())
    paths = []

    def walk(node, path):  # type: ignore[no-untyped-def]
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in ("@context", "proof"):
                    walk(v, path + [k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + [i])
        else:
            paths.append(path)

    walk(doc, [])
    assert paths
    for path in paths:
        bad = json.loads(json.dumps(doc))
        cur = bad
        for step in path[:-1]:
            cur = cur[step]
        value = cur[path[-1]]
        cur[path[-1]] = value + "x" if isinstance(value, str) else not value \
            if isinstance(value, bool) else value + 1
        assert verify_bytes(json.dumps(bad).encode())[0].verdict == "invalid-signature", path
