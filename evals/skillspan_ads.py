"""Real job postings from the SkillSpan dev split (``../shared``), rebuilt as ads.

The MANIFEST of ``../shared/evals/skills/skillspan`` describes the file: one tokenised
sentence a line with skill and knowledge BIO tags, grouped by (source, idx) in file order
into 58 postings. A sentence with a skill or knowledge span is *skill-bearing*: the parser
must keep it as a requirement or a duty. Postings are split by a fixed rule: every third
posting (index 2, 5, 8, ...) is set aside for reporting; the rest is for tuning.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel

SHARED = Path(__file__).resolve().parents[2] / "shared" / "evals" / "skills" / "skillspan"
DEV = SHARED / "dev.json"
_SPACE_BEFORE = re.compile(r"\s+([.,;:!?)\]%])")
_SPACE_AFTER = re.compile(r"([(\[])\s+")


class Posting(BaseModel):
    """One real posting: its sentences and which of them name a skill or knowledge."""

    key: str
    lines: list[str]
    skill: list[bool]


def detokenize(tokens: list[str]) -> str:
    """Tokens joined as a person would have written them ("Python , SQL ." -> "Python, SQL.")."""
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", " ".join(tokens))).strip()


def load_postings(path: Path = DEV) -> list[Posting]:
    """The postings of the dev file in file order; empty when ``../shared`` is absent."""
    if not path.exists():
        return []
    grouped: dict[str, Posting] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(raw)
        key = f"{row['source']}-{row['idx']}"
        post = grouped.setdefault(key, Posting(key=key, lines=[], skill=[]))
        post.lines.append(detokenize(row["tokens"]))
        post.skill.append(any(t != "O" for t in row["tags_skill"] + row["tags_knowledge"]))
    return list(grouped.values())


def split(postings: list[Posting]) -> tuple[list[Posting], list[Posting]]:
    """(tuning, aside): every third posting is set aside, by position in file order."""
    return ([p for i, p in enumerate(postings) if i % 3 != 2],
            [p for i, p in enumerate(postings) if i % 3 == 2])


LABELS = Path(__file__).parent / "data" / "job_ads" / "skillspan_aside_labels.json"
TUNING_LABELS = Path(__file__).parent / "data" / "job_ads" / "line_kinds.json"


def benefit_company_lines(post: Posting) -> dict[int, str]:
    """1-based line -> "benefit" / "company" for a posting's lines without a skill span.

    Tech postings carry the job board's own fields ("Job benefits:", "Company
    description:"); house postings are labelled by hand: the aside ones in ``LABELS``, the
    tuning ones in ``TUNING_LABELS`` (the line-kind head's training labels).
    """
    out: dict[int, str] = {}
    if post.key.startswith("tech"):
        block = ""
        for number, line in enumerate(post.lines, start=1):
            if line.startswith("Job benefits:"):
                block = "benefit"
            elif line.startswith("Company description:"):
                block = "company"
            elif block and not post.skill[number - 1]:
                out[number] = block
            if line.endswith("Company description:"):
                block = "company"
        return out
    hand = json.loads(LABELS.read_text(encoding="utf-8")).get(post.key) or json.loads(
        TUNING_LABELS.read_text(encoding="utf-8"))["tuning"].get(post.key, {})
    for kind in ("benefit", "company"):
        out |= {n: kind for n in hand.get(kind, []) if not post.skill[n - 1]}
    return out
