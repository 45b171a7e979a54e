"""Framework data: ESCO skills and O*NET detailed work activities, built in or imported.

Built-in data ships in ``tools/skills/data`` (see ``build_frameworks.py``). A user who imports
the official ESCO download or O*NET database (``passport frameworks import``) gets files of
the same shape under ``PASSPORT_HOME/frameworks/<name>/``, which then take precedence.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from settings import get_settings

BUILTIN_DIR = Path(__file__).parent / "data"
FRAMEWORKS = ("esco", "onet")
FILES = {"esco": "esco_skills.jsonl.gz", "onet": "onet_dwas.jsonl.gz"}


@dataclass(slots=True)
class Concept:
    """One skill (ESCO) or detailed work activity (O*NET) with its surface forms."""

    framework: str
    id: str
    label: str
    alt: list[str] = field(default_factory=list)
    description: str = ""
    skill_type: str | None = None
    reuse: str | None = None
    groups: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FrameworkData:
    """Everything the tagger needs from the installed frameworks."""

    concepts: list[Concept]
    group_labels: dict[str, str]
    join: list[tuple[str, str]]
    occupation_skills: dict[str, list[str]]
    occupation_labels: dict[str, str]
    sources: dict[str, str]
    checksum: str


def imported_dir(name: str) -> Path:
    """Where an imported framework of that name lives in the data dir."""
    return get_settings().home / "frameworks" / name


def data_dir(name: str) -> Path:
    """The directory the framework is read from: imported first, else built in."""
    user = imported_dir(name)
    return user if (user / FILES[name]).exists() else BUILTIN_DIR


def read_jsonl_gz(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a gzip'd JSON-lines file."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _esco(path: Path) -> list[Concept]:
    return [Concept("esco", r["id"], r["label"], r.get("alt", []), r.get("description", ""),
                    r.get("type"), r.get("reuse"), r.get("groups", []))
            for r in read_jsonl_gz(path / FILES["esco"])]


def _onet(path: Path) -> tuple[list[Concept], dict[str, str]]:
    tasks = {t["id"]: t["text"] for t in read_jsonl_gz(path / "onet_tasks.jsonl.gz")}
    concepts = [Concept("onet", r["id"], r["label"].rstrip("."), [], "", "work activity", None,
                        [r["gwa"]], [tasks[t] for t in r["tasks"] if t in tasks])
                for r in read_jsonl_gz(path / FILES["onet"])]
    return concepts, tasks


def _json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text()) if path.exists() else {}


def _checksum(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for p in paths:
        if p.exists():
            digest.update(p.name.encode())
            digest.update(p.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=4)
def _load(esco_dir: Path, onet_dir: Path) -> FrameworkData:
    concepts = _esco(esco_dir)
    onet, _ = _onet(onet_dir)
    concepts += onet
    join: list[tuple[str, str]] = []
    join_path = BUILTIN_DIR / "join.csv"
    with join_path.open() as fh:
        join = [(r["esco_uri"], r["onet_dwa"]) for r in csv.DictReader(fh)]
    relations = _json(esco_dir / "occupation_skills.json")
    groups = {**_json(BUILTIN_DIR / "esco_groups.json"), **_json(esco_dir / "esco_groups.json")}
    return FrameworkData(
        concepts=concepts, group_labels=groups, join=join,
        occupation_skills=relations.get("skills", {}),
        occupation_labels=relations.get("labels", {}),
        sources={"esco": str(esco_dir), "onet": str(onet_dir)},
        checksum=_checksum(_paths(esco_dir, onet_dir)),
    )


def _paths(esco_dir: Path, onet_dir: Path) -> list[Path]:
    return [esco_dir / FILES["esco"], esco_dir / "esco_groups.json", onet_dir / FILES["onet"],
            onet_dir / "onet_tasks.jsonl.gz", BUILTIN_DIR / "join.csv",
            esco_dir / "occupation_skills.json"]


def installed_checksum() -> str:
    """Checksum of the installed framework files, without parsing them (cache keys)."""
    return _checksum(_paths(data_dir("esco"), data_dir("onet")))


def load_frameworks() -> FrameworkData:
    """Load the installed frameworks (cached per data location)."""
    return _load(data_dir("esco"), data_dir("onet"))


def manifest() -> dict[str, Any]:
    """The built-in data manifest (sources, checksums, attribution)."""
    return json.loads((BUILTIN_DIR / "MANIFEST.json").read_text())


def restrict(data: FrameworkData, keep: set[tuple[str, str]]) -> FrameworkData:
    """A smaller copy holding only the given (framework, id) concepts (tests, demos)."""
    from dataclasses import replace

    concepts = [c for c in data.concepts if (c.framework, c.id) in keep]
    return replace(data, concepts=concepts, checksum=f"{data.checksum}-{len(concepts)}")
