"""A small, cached skill index for tests: the joined pairs, the reflection gold skills and a
fixed sample of both frameworks (about 2,000 concepts), built once into .data/test-cache."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from tools.skills.frameworks import load_frameworks, restrict
from tools.skills.index import build_index
from tools.skills.tagger import Tagger

REPO = Path(__file__).resolve().parents[3]
CACHE = REPO / ".data" / "test-cache"
GOLD = REPO / "evals" / "data" / "reflections_gold.jsonl"
EXTRA = {"lead a team", "Coach others", "use spreadsheets software", "public speaking",
         "feed livestock", "livestock feeding", "immigration law", "apply immigration law"}


@lru_cache(maxsize=1)
def small_tagger() -> Tagger:
    """The test tagger (built on first use, then loaded from the cache)."""
    data = load_frameworks()
    keep = {("esco", e) for e, _ in data.join} | {("onet", o) for _, o in data.join}
    for line in GOLD.read_text().splitlines():
        row = json.loads(line)
        keep |= {("esco", i) for i in row["esco"]} | {("onet", i) for i in row["onet"]}
    esco = [c for c in data.concepts if c.framework == "esco"]
    onet = [c for c in data.concepts if c.framework == "onet"]
    keep |= {("esco", c.id) for c in esco[::15]} | {("onet", c.id) for c in onet[::10]}
    keep |= {(c.framework, c.id) for c in data.concepts if c.label in EXTRA}
    return Tagger(build_index(restrict(data, keep), cache_dir=CACHE))
