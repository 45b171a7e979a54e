"""Look up ESCO skills while writing training or dev data by hand (never used at run time).

    python scripts/esco_lookup.py occ nurse           # occupations whose name has "nurse"
    python scripts/esco_lookup.py skills "nurse responsible for general care"
                                                       # its essential (*) and optional skills
    python scripts/esco_lookup.py find wound dressing  # label or alt label has all words
    python scripts/esco_lookup.py check FILE.jsonl     # every "labels", "accept" and "wrong"
                                                       # entry is a preferred label

Reads the committed tables in ``tools/skills/data`` (skills and occupations, ESCO v1.1.1).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tools" / "skills" / "data"


def _skills() -> list[dict[str, object]]:
    with gzip.open(DATA / "esco_skills.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _occupations() -> dict[str, tuple[list[int], list[int]]]:
    out = {}
    with gzip.open(DATA / "esco_occupations.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            name, must, may = line.rstrip("\n").split("\t")
            out[name] = ([int(r) for r in must.split(",") if r],
                         [int(r) for r in may.split(",") if r])
    return out


def _prior_order() -> list[str]:
    with gzip.open(DATA / "esco_prior.tsv.gz", "rt", encoding="utf-8") as fh:
        return ["http://data.europa.eu/esco/skill/" + line.split("\t")[0]
                if not line.startswith("http") else line.split("\t")[0] for line in fh]


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "occ":
        needle = " ".join(args).lower()
        for name in _occupations():
            if needle in name.lower():
                print(name)
        return 0
    skills = _skills()
    by_id = {str(s["id"]): s for s in skills}
    if cmd == "skills":
        occ = _occupations().get(" ".join(args))
        if occ is None:
            print("no such occupation (use: occ WORD)")
            return 1
        order = _prior_order()
        for mark, rows in (("*", occ[0]), (" ", occ[1])):
            for r in rows:
                s = by_id.get(order[r])
                if s:
                    print(f"{mark} {s['label']}")
        return 0
    if cmd == "find":
        words = [w.lower() for w in args]
        for s in skills:
            names = [str(s["label"])] + [str(a) for a in s.get("alt") or []]  # type: ignore[attr-defined]
            hit = [n for n in names if all(w in n.lower() for w in words)]
            if hit:
                extra = "" if hit[0] == s["label"] else f"   (alt: {hit[0]})"
                print(f"{s['label']}{extra}")
        return 0
    if cmd == "check":
        labels = {str(s["label"]) for s in skills}
        bad = rows = 0
        for n, line in enumerate(Path(args[0]).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rows += 1
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                bad += 1
                print(f"line {n}: not a JSON object ({err.msg})")
                continue
            # training lines carry "labels"; dev lines "accept" and "wrong"
            for label in [*row.get("labels", []), *row.get("accept", []), *row.get("wrong", [])]:
                if label not in labels:
                    bad += 1
                    print(f"line {n}: not an ESCO preferred label: {label!r}")
            needs = "labels" if "labels" in row else "accept"
            if not row.get(needs) and row.get("kind", "did") in ("did", "growth"):
                bad += 1
                print(f"line {n}: no {needs}")
        print(f"{rows} rows, {bad} problems")
        return 1 if bad else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
