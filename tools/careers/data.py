"""The occupation data: ESCO occupations with their skills, ISCO groups, O*NET activities.

Loaded once per process from ``tools/careers/data`` (built by ``build_occupations.py``); every
file is checked against the sha256 in its MANIFEST first, so a damaged or hand-edited file is a
clear error instead of wrong advice.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from tools.skills.frameworks import read_jsonl_gz

DATA_DIR = Path(__file__).parent / "data"
VECTORS = "esco_occupation_vectors.i8.gz"
log = logging.getLogger(__name__)


class DataError(RuntimeError):
    """The occupation data is missing or does not match its MANIFEST."""


@dataclass(frozen=True, slots=True)
class Skill:
    """One ESCO skill an occupation asks for."""

    id: str
    label: str
    type: str | None
    groups: tuple[str, ...]


@dataclass(slots=True)
class Occupation:
    """One ESCO occupation; ``essential`` and ``optional`` are positions in the skill table."""

    id: str
    code: str
    isco: str
    label: str
    alt: list[str]
    description: str
    essential: list[int] = field(default_factory=list)
    optional: list[int] = field(default_factory=list)
    regulated: bool = False  # an EU regulated profession: a recognised qualification first


@dataclass(slots=True, eq=False)
class OccupationData:
    """Everything the careers tools read, with lookups built once (hashed by identity)."""

    occupations: list[Occupation]
    skills: list[Skill]
    isco: dict[str, str]
    onet: list[dict[str, Any]]
    manifest: dict[str, Any]
    skill_pos: dict[str, int]
    vectors: np.ndarray
    groups: dict[str, str] = field(default_factory=dict)
    essential: tuple[np.ndarray, np.ndarray] = field(init=False)
    optional: tuple[np.ndarray, np.ndarray] = field(init=False)
    reach: np.ndarray = field(init=False)  # per skill: how many occupations ask for it

    def __post_init__(self) -> None:
        self.essential = _csr([o.essential for o in self.occupations])
        self.optional = _csr([o.optional for o in self.occupations])
        self.reach = np.zeros(len(self.skills), dtype=np.int32)
        for o in self.occupations:
            self.reach[list(set(o.essential) | set(o.optional))] += 1

    def isco_label(self, code: str) -> str:
        """The ISCO group label of a 4-digit code (empty when unknown)."""
        return self.isco.get(code, "")


def _csr(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """(start offsets, flat positions) of per-occupation skill lists, for vector sums."""
    sizes = np.array([len(x) for x in lists], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    flat = np.array([p for x in lists for p in x], dtype=np.int64)
    return starts, flat


def per_occupation_sum(values: np.ndarray, csr: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """For each occupation, the sum of ``values`` over its skills (0 when it has none)."""
    starts, flat = csr
    ends = np.append(starts[1:], len(flat))
    cum = np.concatenate([[0.0], np.cumsum(values[flat], dtype=np.float64)])
    return np.asarray(cum[ends] - cum[starts], dtype=np.float32)


def manifest(folder: Path = DATA_DIR) -> dict[str, Any]:
    """The MANIFEST (sources, checksums, attribution) of the occupation data."""
    path = folder / "MANIFEST.json"
    if not path.exists():
        raise DataError(f"{path} is missing; run `python -m tools.careers.build_occupations`.")
    return dict(json.loads(path.read_text()))


def verify(folder: Path = DATA_DIR) -> dict[str, Any]:
    """Check every data file against its MANIFEST sha256.

    Returns:
        The MANIFEST.

    Raises:
        DataError: a file is missing or its checksum differs.
    """
    info = manifest(folder)
    for name, expected in info["outputs"].items():
        path = folder / name
        if not path.exists():
            raise DataError(f"{name} is missing from {folder}; rebuild the occupation data.")
        if hashlib.sha256(path.read_bytes()).hexdigest() != expected:
            raise DataError(f"{name} does not match its MANIFEST checksum; rebuild it with "
                            "`python -m tools.careers.build_occupations`.")
    return info


def _vectors(folder: Path, info: dict[str, Any], occupations: list[Occupation]) -> np.ndarray:
    from memory.embeddings import get_embedder
    from settings import get_settings
    from tools.careers.build_occupations import dequantise, occupation_text

    n = len(occupations)
    embedder = get_embedder()
    if embedder.fingerprint() == info["vectors"]["model"]:
        with gzip.open(folder / VECTORS, "rb") as fh:
            return dequantise(fh.read(), n)
    cache = get_settings().cache_dir / "careers" / f"occupations-{embedder.fingerprint()}.npy"
    if cache.exists():
        return np.asarray(np.load(cache), dtype=np.float32)
    log.info("embedding %d occupations for a different embedding model (once)", n)
    texts = [occupation_text({"label": o.label, "description": o.description})
             for o in occupations]
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.save(cache, vectors)
    return vectors


@lru_cache(maxsize=2)
def load(folder: Path = DATA_DIR) -> OccupationData:
    """Load and verify the occupation data (cached per folder)."""
    info = verify(folder)
    skills = [Skill(r["id"], r["label"], r.get("type"), tuple(r.get("groups", [])))
              for r in read_jsonl_gz(folder / "esco_occupation_skills.jsonl.gz")]
    occupations = [Occupation(r["id"], r["code"], r["isco"], r["label"], r["alt"],
                              r["description"], r["essential"], r["optional"],
                              bool(r.get("regulated")))
                   for r in read_jsonl_gz(folder / "esco_occupations.jsonl.gz")]
    return OccupationData(
        occupations=occupations, skills=skills,
        isco=json.loads((folder / "isco_groups.json").read_text()),
        onet=list(read_jsonl_gz(folder / "onet_occupations.jsonl.gz")), manifest=info,
        skill_pos={s.id: i for i, s in enumerate(skills)},
        vectors=_vectors(folder, info, occupations),
        groups=json.loads((folder / "skill_groups.json").read_text()))
