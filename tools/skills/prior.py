"""How widely used each ESCO skill is: a small prior for ranking what a person did.

People write about the skills many jobs share ("handle customer complaints", "train
employees") far more often than about skills of one niche occupation ("read dance scores"),
yet a sentence's words can match a niche label just as closely. ESCO records, per occupation,
its essential and optional skills, and per skill a reuse level (transversal, cross-sector,
sector-specific, occupation-specific). The prior of a skill is

    ``occupations * log(1 + essential + optional / 2) / log(1 + 300)``
    ``+ reuse`` when the skill is transversal or cross-sector,

added to its dense score (weights in ``TaggerConfig``). It was measured on the tuning part of
our first-person set and on the Decorte dev sets (docs/skills.md, "Occupation-count prior").

The counts are derived from the official ESCO v1.1.1 download by a reproducible build step,
``python -m tools.skills.prior DIR`` (DIR holds ``esco-v1.1.1-classification-en-csv.zip`` and
``esco-v1.1.1-relations-csv.zip``); the output ``data/esco_prior.tsv.gz`` is committed with
its recipe and SHA-256 in ``data/esco_prior.json``.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import hashlib
import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"
TABLE = DATA / "esco_prior.tsv.gz"
RECIPE = DATA / "esco_prior.json"
OCCUPATIONS = DATA / "esco_occupations.tsv.gz"
SCALE = float(np.log1p(300.0))  # a skill essential to 300 occupations gets the full weight
WIDE = {"transversal": 1, "cross-sector": 2}  # reuse levels that earn the reuse weight
_URI = "http://data.europa.eu/esco/skill/"


class PriorChecksumError(ValueError):
    """The prior table does not match the checksum its recipe records."""


@functools.cache
def load_counts(path: Path = TABLE) -> dict[str, tuple[int, int, bool]]:
    """ESCO skill URI -> (essential, optional, wide reuse), from a table checked against the
    recipe beside it (``esco_prior.json``); empty when the table is absent.

    Raises:
        PriorChecksumError: the table was changed after it was built.
    """
    if not path.exists():
        return {}
    recipe = json.loads(path.with_name(RECIPE.name).read_text(encoding="utf-8"))
    out: dict[str, tuple[int, int, bool]] = {}
    for line in checked_lines(path, recipe.get("sha256")):
        key, essential, optional, reuse = line.split("\t")
        out[_URI + key] = (int(essential), int(optional), reuse != "0")
    return out


def checked_lines(path: Path, sha256: object) -> list[str]:
    """The lines of a gzipped table whose bytes match the SHA-256 its recipe records.

    Raises:
        PriorChecksumError: the table was changed after it was built.
    """
    raw = path.read_bytes()
    if sha256 != hashlib.sha256(raw).hexdigest():
        raise PriorChecksumError(f"{path.name} does not match the SHA-256 in {RECIPE.name}; "
                                 "rebuild it with python -m tools.skills.prior.")
    return gzip.decompress(raw).decode("utf-8").splitlines()


def prior_vector(ids: list[str], occupations: float, reuse: float) -> np.ndarray:
    """The prior of each concept id (0 for ids the table lacks: O*NET, unknown skills).

    Args:
        ids: concept ids in index order.
        occupations: weight of the occupation count.
        reuse: weight of a transversal or cross-sector reuse level.

    Returns:
        (len(ids),) float32.
    """
    counts = load_counts() if occupations or reuse else {}
    out = np.zeros(len(ids), dtype=np.float32)
    for i, uri in enumerate(ids):
        found = counts.get(uri)
        if found:
            essential, optional, wide = found
            out[i] = occupations * np.log1p(essential + optional / 2) / SCALE + reuse * wide
    return out


def build(folder: Path, out: Path = TABLE) -> dict[str, object]:
    """Count occupations per skill from the official ESCO download and write the table.

    Returns:
        The recipe written beside the table (sources' and output's SHA-256, counts).
    """
    classification = folder / "esco-v1.1.1-classification-en-csv.zip"
    relations = folder / "esco-v1.1.1-relations-csv.zip"
    essential: Counter[str] = Counter()
    optional: Counter[str] = Counter()
    with zipfile.ZipFile(relations) as z, z.open("occupationSkillRelations.csv") as fh:
        for row in csv.DictReader(io.TextIOWrapper(fh, "utf-8")):
            (essential if row["relationType"] == "essential" else optional)[row["skillUri"]] += 1
    rows = []
    with zipfile.ZipFile(classification) as z, z.open("skills_en.csv") as fh:
        for row in csv.DictReader(io.TextIOWrapper(fh, "utf-8")):
            uri = row["conceptUri"]
            if uri.startswith(_URI):
                rows.append(f"{uri[len(_URI):]}\t{essential[uri]}\t{optional[uri]}\t"
                            f"{WIDE.get(row['reuseLevel'], 0)}")
    rows.sort()
    body = gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), mtime=0)
    out.write_bytes(body)
    jobs = occupation_rows(classification, relations, [r.split("\t")[0] for r in rows])
    jobs_body = gzip.compress(("\n".join(jobs) + "\n").encode("utf-8"), mtime=0)
    out.with_name(OCCUPATIONS.name).write_bytes(jobs_body)
    recipe: dict[str, object] = {
        "recipe": "python -m tools.skills.prior <folder of the official ESCO v1.1.1 zips>",
        "columns": "skill uuid, essential-for occupations, optional-for occupations, "
                   "reuse (1 transversal, 2 cross-sector, 0 other)",
        "skills": len(rows),
        "sources": {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                    for p in (classification, relations)},
        "attribution": "This service uses the ESCO classification of the European Commission. "
                       "Modified: occupation-skill relations counted per skill.",
        "file": out.name, "sha256": hashlib.sha256(body).hexdigest(),
        "occupations": {"file": OCCUPATIONS.name, "count": len(jobs),
                        "columns": "preferred label, essential skill rows, optional skill rows "
                                   "(rows of the skill table, 0-based)",
                        "sha256": hashlib.sha256(jobs_body).hexdigest()}}
    out.with_name(RECIPE.name).write_text(json.dumps(recipe, indent=2) + "\n", encoding="utf-8")
    return recipe


def occupation_rows(classification: Path, relations: Path, skills: list[str]) -> list[str]:
    """One line per ESCO occupation: its preferred label and its essential and optional
    skills as rows of the (sorted) skill table."""
    row_of = {_URI + key: i for i, key in enumerate(skills)}
    linked: dict[str, tuple[list[int], list[int]]] = {}
    with zipfile.ZipFile(relations) as z, z.open("occupationSkillRelations.csv") as fh:
        for rel in csv.DictReader(io.TextIOWrapper(fh, "utf-8")):
            if rel["skillUri"] in row_of:
                pair = linked.setdefault(rel["occupationUri"], ([], []))
                pair[rel["relationType"] != "essential"].append(row_of[rel["skillUri"]])
    out = []
    with zipfile.ZipFile(classification) as z, z.open("occupations_en.csv") as fh:
        for occ in csv.DictReader(io.TextIOWrapper(fh, "utf-8")):
            must, may = linked.get(occ["conceptUri"], ([], []))
            if must or may:
                out.append(f"{occ['preferredLabel'].strip()}\t{','.join(map(str, sorted(must)))}\t"
                           f"{','.join(map(str, sorted(may)))}")
    return sorted(out)


def main() -> None:
    """Command line: build the table from a folder holding the official ESCO zips."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, nargs="?",
                        default=Path(__file__).resolve().parents[3] / "shared" / "taxonomies"
                        / "esco-v1.1.1")
    recipe = build(parser.parse_args().folder)
    print(f"{recipe['skills']} skills -> {TABLE} (sha256 {recipe['sha256']})")


if __name__ == "__main__":
    main()
