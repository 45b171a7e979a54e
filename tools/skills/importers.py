"""Import official framework downloads into the data dir, and list what is installed.

- ESCO: the CSV download from the ESCO portal (a zip or folder with ``skills_en.csv``; the
  relations zip with ``occupationSkillRelations.csv`` adds occupation -> skill relations).
- O*NET: the database text files (a zip or folder with ``Task Statements.txt``,
  ``Tasks to DWAs.txt``, ``DWA Reference.txt``; ``Occupation Data.txt`` when present).
Both are converted to the built-in shapes (see ``build_frameworks.py``).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from tools.skills.build_frameworks import ESCO_ACK, ONET_CREDIT, write_jsonl_gz
from tools.skills.frameworks import BUILTIN_DIR, FILES, imported_dir, manifest, read_jsonl_gz

csv.field_size_limit(10_000_000)


class ImportErrorForUser(ValueError):
    """A framework file that cannot be imported; the message says what to do."""


WANTED = frozenset({
    "skills_en.csv", "skillGroups_en.csv", "broaderRelationsSkillPillar.csv",
    "occupations_en.csv", "occupationSkillRelations.csv", "Task Statements.txt",
    "Tasks to DWAs.txt", "DWA Reference.txt", "Occupation Data.txt"})
MAX_MEMBER_BYTES = 200 * 1024 * 1024  # the largest official file (ESCO relations) is ~30 MB
CHUNK = 1024 * 1024


def _too_big(name: str) -> ImportErrorForUser:
    return ImportErrorForUser(f"{name} is larger than {MAX_MEMBER_BYTES // (1024 * 1024)} MB "
                              "once unpacked, far beyond the official download; it was refused.")


def _read_capped(stream: IO[bytes], name: str) -> bytes:
    """Read a member chunk by chunk, stopping as soon as it passes the cap (zip sizes lie)."""
    out = bytearray()
    while chunk := stream.read(CHUNK):
        out += chunk
        if len(out) > MAX_MEMBER_BYTES:
            raise _too_big(name)
    return bytes(out)


def _members(path: Path) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of each wanted file in a zip, a folder (and zips inside it), or a
    file; other members are never read, wanted ones are streamed under a size cap."""
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file():
                yield from _members(p)
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                name = Path(info.filename).name
                if info.is_dir() or name not in WANTED:
                    continue
                if info.file_size > MAX_MEMBER_BYTES:
                    raise _too_big(name)
                with zf.open(info) as stream:
                    yield name, _read_capped(stream, name)
    elif path.is_file() and path.name in WANTED:
        with path.open("rb") as stream:
            yield path.name, _read_capped(stream, path.name)


def _rows(data: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    text = data.decode("utf-8-sig", errors="replace")
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def _esco(files: dict[str, bytes], out: Path) -> dict[str, Any]:
    result: dict[str, Any] = {"framework": "esco"}
    if "skills_en.csv" in files:
        groups = {r["conceptUri"]: r["preferredLabel"]
                  for r in _rows(files.get("skillGroups_en.csv", b""))}
        broader: dict[str, list[str]] = defaultdict(list)
        for r in _rows(files.get("broaderRelationsSkillPillar.csv", b"")):
            if r.get("broaderUri") in groups:
                broader[r["conceptUri"]].append(r["broaderUri"])
        skills = []
        for r in _rows(files["skills_en.csv"]):
            label = r["preferredLabel"].strip()
            alts = sorted({a.strip() for a in r.get("altLabels", "").split("\n")
                           if a.strip() and a.strip() != label})
            skills.append({"id": r["conceptUri"], "label": label, "alt": alts,
                           "description": r.get("description", "").strip(),
                           "type": r.get("skillType") or None,
                           "reuse": r.get("reuseLevel") or None,
                           "groups": broader.get(r["conceptUri"], [])})
        write_jsonl_gz(out / FILES["esco"], skills)
        (out / "esco_groups.json").write_text(json.dumps(groups, ensure_ascii=False))
        result["skills"] = len(skills)
    if "occupations_en.csv" in files:
        labels = {r["conceptUri"]: r["preferredLabel"] for r in _rows(files["occupations_en.csv"])}
        (out / "occupations.json").write_text(json.dumps(labels, ensure_ascii=False))
        result["occupations"] = len(labels)
    if "occupationSkillRelations.csv" in files:
        relations: dict[str, list[str]] = defaultdict(list)
        for r in _rows(files["occupationSkillRelations.csv"]):
            if r.get("relationType") == "essential":
                relations[r["occupationUri"]].append(r["skillUri"])
        labels_path = out / "occupations.json"
        labels = json.loads(labels_path.read_text()) if labels_path.exists() else {}
        (out / "occupation_skills.json").write_text(
            json.dumps({"skills": relations, "labels": labels}, ensure_ascii=False))
        result["occupation_relations"] = sum(len(v) for v in relations.values())
    return result


def _onet(files: dict[str, bytes], out: Path) -> dict[str, Any]:
    tasks = {r["Task ID"]: r for r in _rows(files["Task Statements.txt"], "\t")}
    titles = {r["DWA ID"]: r for r in _rows(files["DWA Reference.txt"], "\t")}
    dwa_tasks: dict[str, set[str]] = defaultdict(set)
    task_dwas: dict[str, set[str]] = defaultdict(set)
    for r in _rows(files["Tasks to DWAs.txt"], "\t"):
        dwa_tasks[r["DWA ID"]].add(r["Task ID"])
        task_dwas[r["Task ID"]].add(r["DWA ID"])
    dwas = [{"id": d, "label": r["DWA Title"].strip(), "iwa": r.get("IWA ID", ""),
             "gwa": r.get("Element ID", ""), "tasks": sorted(dwa_tasks[d], key=int)}
            for d, r in sorted(titles.items())]
    task_rows = [{"id": t, "text": r["Task"].strip(), "occupations": [r["O*NET-SOC Code"]],
                  "dwas": sorted(task_dwas[t])} for t, r in sorted(tasks.items(), key=lambda x:
                                                                   int(x[0]))]
    occupations = {r["O*NET-SOC Code"]: r["Title"]
                   for r in _rows(files.get("Occupation Data.txt", b""), "\t")}
    write_jsonl_gz(out / FILES["onet"], dwas)
    write_jsonl_gz(out / "onet_tasks.jsonl.gz", task_rows)
    (out / "onet_occupations.json").write_text(json.dumps(occupations))
    return {"framework": "onet", "dwas": len(dwas), "tasks": len(task_rows)}


def import_path(path: Path) -> dict[str, Any]:
    """Import an official ESCO or O*NET download into the data dir.

    Returns:
        What was imported (framework, counts, where).
    """
    if not path.exists():
        raise ImportErrorForUser(f"{path} does not exist; give the ESCO zip or O*NET folder.")
    files = dict(_members(path))
    if {"skills_en.csv", "occupationSkillRelations.csv"} & set(files):
        out = imported_dir("esco")
        out.mkdir(parents=True, exist_ok=True)
        result = _esco(files, out)
    elif {"Task Statements.txt", "Tasks to DWAs.txt", "DWA Reference.txt"} <= set(files):
        out = imported_dir("onet")
        out.mkdir(parents=True, exist_ok=True)
        result = _onet(files, out)
    else:
        raise ImportErrorForUser(
            f"{path.name} holds neither ESCO skills_en.csv nor the O*NET text files; "
            "download the ESCO CSV package or the O*NET database (text) and try again.")
    result["path"] = str(out)
    return result


def installed() -> list[dict[str, Any]]:
    """One row per framework: origin, counts and attribution."""
    info = manifest()
    rows = []
    for name, attribution in (("esco", ESCO_ACK), ("onet", ONET_CREDIT)):
        user = imported_dir(name)
        origin = "imported" if (user / FILES[name]).exists() else "built-in"
        folder = user if origin == "imported" else BUILTIN_DIR
        count = sum(1 for _ in read_jsonl_gz(folder / FILES[name]))
        row = {"framework": name, "origin": origin, "path": str(folder), "concepts": count,
               "version": info[name]["version"] if origin == "built-in" else "official download",
               "attribution": attribution}
        if name == "esco":
            row["occupation_relations"] = (user / "occupation_skills.json").exists()
        rows.append(row)
    return rows
