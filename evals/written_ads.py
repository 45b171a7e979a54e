"""Job ads written for this project, every line labelled: what the parser must keep and what
it must set aside.

``evals/data/job_ads/written_lines.jsonl`` holds one ad a row (invented, not taken from any
posting): its sector, country and style, and its lines in order, each with a kind:
``requirement``, ``duty`` (the parser must keep them), ``benefit``, ``company`` (it must
set them aside), ``application``, ``meta``, ``instruction`` (it should set them aside),
``heading`` or ``other`` (not scored). A line
marked ``same_line`` goes on the line before it, so one-paragraph ads hold several kinds in
one physical line. Ads are split by a fixed rule: every third ad (index 2, 5, 8, ... in
file order) is aside for reporting; the rest may train the job-ad heads.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from tools.job_ads import JobAd, parse

DATA = Path(__file__).parent / "data" / "job_ads" / "written_lines.jsonl"
# twelve more, written later by a writer who never saw our code or data (2026-12-02): kitchen
# porter to housing officer, three with a line planted for AI screeners; split on its own
STRANGERS = DATA.with_name("written_lines_2.jsonl")
# and twelve more by a third stranger (2026-12-02): dental nurse to junior data analyst, eleven
# countries, three planted lines (one in an HTML comment); first read 0.895 / 1 of 20 aside
STRANGERS_3 = DATA.with_name("written_lines_3.jsonl")
# (report key, file, how the line names it) per set of strangers' ads
STRANGER_SETS = (("written_lines_2_aside", STRANGERS, ", strangers"),
                 ("written_lines_3_aside", STRANGERS_3, ", third stranger"))
Kind = Literal["requirement", "duty", "benefit", "company", "application", "meta", "heading",
               "instruction", "other"]
# kinds neither kept nor set aside by the measure: headings, and lines such as "An exciting
# opportunity has arisen ..." that are neither a need nor the firm's own text
UNSCORED = ("heading", "other")
KEEP = ("requirement", "duty")
FIRM = ("benefit", "company")
TARGETS = {"kept_share": 0.90, "benefit_company_kept": 0}
_SPACE = re.compile(r"\s+")


class Piece(BaseModel):
    """One labelled line (or sentence of a paragraph) of a written ad."""

    kind: Kind
    text: str
    same_line: bool = False


class WrittenAd(BaseModel):
    """One invented ad with its labelled lines."""

    ad: str
    sector: str
    country: str
    style: str
    lines: list[Piece] = Field(default_factory=list)

    def text(self) -> str:
        """The ad as a person would paste it."""
        rows: list[str] = []
        for piece in self.lines:
            if piece.same_line and rows:
                rows[-1] += " " + piece.text
            else:
                rows.append(piece.text)
        return "\n".join(rows)

    def numbered(self) -> list[tuple[int, Piece]]:
        """Each piece with the 1-based physical line it stands on in :meth:`text`."""
        out: list[tuple[int, Piece]] = []
        number = 0
        for i, piece in enumerate(self.lines):
            number += not (piece.same_line and i > 0)
            out.append((number, piece))
        return out


def load_ads(path: Path = DATA) -> list[WrittenAd]:
    """The written ads in file order."""
    return [WrittenAd.model_validate_json(raw)
            for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]


def split(ads: list[WrittenAd]) -> tuple[list[WrittenAd], list[WrittenAd]]:
    """(tuning, aside): every third ad is aside, by position in file order."""
    return ([a for i, a in enumerate(ads) if i % 3 != 2],
            [a for i, a in enumerate(ads) if i % 3 == 2])


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def kind_of(ad: WrittenAd, number: int, unit: str) -> Kind | None:
    """The kind of the labelled piece a parser unit (or requirement) comes from.

    Args:
        ad: the written ad.
        number: the physical line the unit stands on (1-based).
        unit: its text, as the parser holds it.

    Returns:
        The piece's kind; None when the unit is not inside one piece of that line.
    """
    low = _norm(unit)
    found = {p.kind for n, p in ad.numbered() if n == number and low and low in _norm(p.text)}
    return found.pop() if len(found) == 1 else None


def kept_pieces(ad: WrittenAd, parsed: JobAd) -> list[bool]:
    """Per piece of ``ad``, whether a requirement or duty of ``parsed`` came from it (a
    requirement that spans two pieces counts for both)."""
    kept = [(r.line, _norm(r.text)) for r in parsed.requirements + parsed.duties]
    out = []
    for number, piece in ad.numbered():
        text = _norm(piece.text)
        out.append(any(line == number and (t in text or text in t) for line, t in kept))
    return out


def report(part: str = "aside", ads: list[WrittenAd] | None = None) -> dict[str, Any]:
    """Requirement and duty lines kept, benefit/company and other lines kept, on one part.

    Args:
        part: ``aside`` (every third ad) or ``tuning``.
        ads: the ads to read (default: :func:`load_ads`).

    Returns:
        A JSON-able report with the share of requirement/duty lines kept (target >= 0.90),
        the benefit/company lines kept (target 0), application/meta lines kept, and the
        lines that went wrong.
    """
    tuning, aside = split(load_ads() if ads is None else ads)
    counts = {"keep": 0, "keep_kept": 0, "firm": 0, "firm_kept": 0, "other": 0, "other_kept": 0}
    wrong: list[str] = []
    for ad in aside if part == "aside" else tuning:
        for (_n, piece), kept in zip(ad.numbered(), kept_pieces(ad, parse(ad.text())),
                                     strict=True):
            group = ("keep" if piece.kind in KEEP else "firm" if piece.kind in FIRM else
                     "other" if piece.kind not in UNSCORED else "")
            if not group:
                continue
            counts[group] += 1
            counts[f"{group}_kept"] += kept
            if kept != (group == "keep"):
                wrong.append(f"{ad.ad} [{piece.kind}] {piece.text[:70]}")
    return {"part": part, "ads": len(aside if part == "aside" else tuning),
            "requirement_duty_lines": counts["keep"],
            "kept_share": round(counts["keep_kept"] / max(counts["keep"], 1), 3),
            "benefit_company_lines": counts["firm"],
            "benefit_company_kept": counts["firm_kept"],
            "application_meta_lines": counts["other"],
            "application_meta_kept": counts["other_kept"], "wrong": wrong}


def failures(written: dict[str, Any]) -> list[str]:
    """The targets the written ads' report misses, in words."""
    out = []
    if written["kept_share"] < TARGETS["kept_share"]:
        out.append(f"written ads ({written['part']}): requirement/duty lines kept "
                   f"{written['kept_share']} (target >= {TARGETS['kept_share']})")
    if written["benefit_company_kept"] > TARGETS["benefit_company_kept"]:
        out.append(f"written ads ({written['part']}): benefit/company lines kept "
                   f"{written['benefit_company_kept']} (target 0)")
    return out
