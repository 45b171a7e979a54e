"""The hand-written diary sentences (``train_data/diary``, see its README): read and split in
one place, for the build steps that train on them and the evals that measure on them.

Every third line of each file (0-based 2, 5, 8, ...) is the aside third, which no training
step reads.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

TRAIN_DATA = Path(__file__).parent / "train_data"
DIARY = TRAIN_DATA / "diary"
# the folders the shipped query encoder and growth head are built from, in this order
FOLDERS = ("diary", "diary_round2", "diary_round3")
Part = Literal["train", "aside", "all"]


@dataclass(frozen=True)
class DiaryLine:
    """One diary sentence with the ESCO labels its writer gave."""

    text: str
    labels: tuple[str, ...]
    trade: str
    kind: str  # "did" or "growth"
    file: int  # position of its file in name order (whole trades share one)


def diary_lines(part: Part = "train", folder: Path = DIARY) -> list[DiaryLine]:
    """The lines of one part, file by file in name order.

    Args:
        part: ``train`` (all but each third line of each file), ``aside`` (each third) or
            ``all``.
        folder: where the ``*.jsonl`` files are.

    Returns:
        The lines in file order (empty when the folder is absent).
    """
    out = []
    for number, path in enumerate(sorted(folder.glob("*.jsonl"))):
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()
                if x.strip()]
        out += [DiaryLine(r["text"], tuple(r["labels"]), r["trade"], r["kind"], number)
                for i, r in enumerate(rows)
                if part == "all" or (i % 3 == 2) == (part == "aside")]
    return out


def training_lines(part: Part = "train", folders: Sequence[str] = FOLDERS) -> list[DiaryLine]:
    """The lines of one part of several folders under ``train_data``, each file numbered once
    across all of them (so a split by file keeps whole trades apart)."""
    out: list[DiaryLine] = []
    for name in folders:
        first = max((x.file for x in out), default=-1) + 1
        out += [replace(x, file=first + x.file) for x in diary_lines(part, TRAIN_DATA / name)]
    return out
