"""Importing the official ESCO download (from ../shared when present) and O*NET text files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from agent.capabilities.skills import import_framework, list_frameworks
from tests.conftest import shared_path
from tools.skills import importers
from tools.skills.frameworks import FILES, imported_dir, load_frameworks, read_jsonl_gz


def test_import_official_esco_download() -> None:
    folder = shared_path("taxonomies", "esco-v1.1.1")
    result = import_framework(folder)
    assert result["framework"] == "esco" and result["skills"] == 13896
    assert result["occupation_relations"] > 50_000
    skills = {r["id"]: r for r in read_jsonl_gz(imported_dir("esco") / FILES["esco"])}
    handle = skills["http://data.europa.eu/esco/skill/28d715e3-3e5b-4fb6-8dd2-4be4919c8587"]
    assert handle["label"] == "handle customer complaints"
    assert handle["reuse"] and handle["type"] == "skill/competence" and handle["description"]
    rows = {r["framework"]: r for r in list_frameworks()}
    assert rows["esco"]["origin"] == "imported" and rows["esco"]["occupation_relations"]
    data = load_frameworks()
    assert sum(c.framework == "esco" for c in data.concepts) == 13896
    assert data.occupation_skills


def test_import_onet_text_files(tmp_path: Path) -> None:
    (tmp_path / "Task Statements.txt").write_text(
        "O*NET-SOC Code\tTask ID\tTask\n43-4051.00\t1\tResolve complaints from customers.\n")
    (tmp_path / "Tasks to DWAs.txt").write_text(
        "O*NET-SOC Code\tTask ID\tDWA ID\n43-4051.00\t1\t4.A.4.a.8.I03.D05\n")
    (tmp_path / "DWA Reference.txt").write_text(
        "Element ID\tIWA ID\tDWA ID\tDWA Title\n4.A.4.a.8\t4.A.4.a.8.I03\t4.A.4.a.8.I03.D05\t"
        "Resolve customer complaints or problems.\n")
    (tmp_path / "Occupation Data.txt").write_text(
        "O*NET-SOC Code\tTitle\tDescription\n43-4051.00\tCustomer Service Representatives\tx\n")
    result = import_framework(tmp_path)
    assert result == {"framework": "onet", "dwas": 1, "tasks": 1,
                      "path": str(imported_dir("onet"))}
    dwas = list(read_jsonl_gz(imported_dir("onet") / FILES["onet"]))
    assert dwas[0]["tasks"] == ["1"] and dwas[0]["gwa"] == "4.A.4.a.8"
    occupations = json.loads((imported_dir("onet") / "onet_occupations.json").read_text())
    assert occupations == {"43-4051.00": "Customer Service Representatives"}


def test_zip_members_are_streamed_under_a_cap(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A small zip that unpacks to a huge wanted member is refused; others are never read."""
    monkeypatch.setattr(importers, "MAX_MEMBER_BYTES", 1024 * 1024)
    bomb = tmp_path / "esco.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("skills_en.csv", b"conceptUri,preferredLabel\n" + b"x" * (3 * 1024 * 1024))
    assert bomb.stat().st_size < 64 * 1024
    with pytest.raises(importers.ImportErrorForUser, match="larger than 1 MB"):
        importers.import_path(bomb)
    mixed = tmp_path / "onet.zip"
    with zipfile.ZipFile(mixed, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("db/Read Me.bin", b"\0" * (3 * 1024 * 1024))
        zf.writestr("db/Task Statements.txt",
                    "O*NET-SOC Code\tTask ID\tTask\n11-1011.00\t7\tPlan.\n")
        zf.writestr("db/Tasks to DWAs.txt", "O*NET-SOC Code\tTask ID\tDWA ID\n11-1011.00\t7\tD1\n")
        zf.writestr("db/DWA Reference.txt",
                    "Element ID\tIWA ID\tDWA ID\tDWA Title\nE\tI\tD1\tPlan work.\n")
    reads: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        reads.append(name.filename if isinstance(name, zipfile.ZipInfo) else str(name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    assert importers.import_path(mixed)["dwas"] == 1
    assert "db/Read Me.bin" not in reads and len(reads) == 3
