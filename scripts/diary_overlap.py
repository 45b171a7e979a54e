"""Drop the lines of a new diary round that are too close to an evaluation line or an earlier
diary line (word Jaccard above 0.4 of any line of ``evals/data``, above 0.3 of an aside line,
above 0.6 of a line of another diary round): writers and dev-set writers can think of the
same scenes, and a near-copy would make a number on the dev sets say little.

    python scripts/diary_overlap.py tools/skills/train_data/diary_round5          # report
    python scripts/diary_overlap.py tools/skills/train_data/diary_round5 --write  # and drop
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


def main(folder: Path, write: bool) -> int:
    evals = []
    for path in sorted((REPO / "evals" / "data").rglob("*.jsonl")):
        rows = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
        evals += [(words(r["text"]), i % 3 == 2) for i, r in enumerate(rows) if "text" in r]
    earlier = [words(json.loads(x)["text"])
               for path in sorted((REPO / "tools" / "skills" / "train_data").glob("*/*.jsonl"))
               if path.parent.resolve() != folder.resolve()
               for x in path.read_text().splitlines() if x.strip()]
    dropped = 0
    for path in sorted(folder.glob("*.jsonl")):
        rows = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
        keep = []
        for row in rows:
            w = words(row["text"])
            near = any(jaccard(w, e) > (0.3 if aside else 0.4) for e, aside in evals)
            copy = any(jaccard(w, e) > 0.6 for e in earlier)
            if near or copy:
                dropped += 1
                print(f"drop ({'dev set' if near else 'earlier round'}): {path.name}: {row['text']}")
            else:
                keep.append(row)
        if write:
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in keep))
    print(f"{dropped} lines {'dropped' if write else 'to drop'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), "--write" in sys.argv[2:]))
