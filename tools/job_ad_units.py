"""The units of a job ad: its lines, split into sentences, inline bullets and clauses.

An ad pasted as one paragraph, or as one line from a terminal, still holds its sentences,
its inline labels ("... Bolton About us: Meadowview is ...") and lines of different kinds
joined by commas ("..., 6 months experience minimum, £14.50 an hour, apply via Indeed").
Each becomes a unit of its own, so one requirement is never lost with the pay or the firm
next to it. Every pattern here is linear: boundaries are found by one scan and checked in
Python.
"""

from __future__ import annotations

import re

from tools import job_ad_rules as rules
from tools.job_ad_terms import is_pay

# Candidate sentence ends: ". " / "! " / "? " before anything, " | ", " - we/our", and a
# capital "We" glued to the line before it ("Care assistant, Bolton We're looking ...").
_BOUNDARY = re.compile(r"[.!?]\s+|\s+[|]\s+|\s[-–—]\s(?=(?:[Ww]e|[Oo]ur)\b)|"
                       r"(?<=[\w)])\s+(?=We(?:'re|’re| are| have|'ve| need| want| offer| "
                       r"seek| can)\b)")
_NEXT_UPPER = re.compile(r"[A-Z(\"“‘'0-9•£$€-]")
# Words that end with a period and go on with the same sentence ("incl. weekends").
_ABBREVIATIONS = frozenset({
    "e.g", "i.e", "etc", "incl", "approx", "min", "max", "vs", "nr", "dept", "tel", "mob", "dr",
    "mr", "mrs", "ms", "cf", "ca", "a.m", "p.m", "esp", "resp", "st", "jr", "sr", "inc", "ltd",
    "corp", "mt", "ft"})
# An inline label inside a unit: up to five words, the first capitalised, before a colon.
_COLON = re.compile(r":\s+")
_SHORT = 12  # a piece of at most this many words is never split into sentences
_TELEGRAPHIC = 7  # the longest part of a comma list written as notes (after its first)


def _sentence_end(piece: str, match: re.Match[str]) -> bool:
    """Whether a candidate boundary of :data:`_BOUNDARY` ends a sentence: ". " before a
    capital, a digit or a quote, or before a lower-case word after a real word ("kitchen
    in york. must be able to ..."), never after an abbreviation ("incl. weekends")."""
    if match.group(0)[0] not in ".!?":
        return True
    found = re.search(r"([\w.]+)$", piece[max(0, match.start() - 20):match.start()])
    before = found.group(1).lower().strip(".") if found else ""
    rest = piece[match.end():match.end() + 1]
    if before in _ABBREVIATIONS or (before == "no" and rest.isdigit()):  # "No. 5"
        return False
    if _NEXT_UPPER.match(rest):
        return True
    return rest.isalpha() and len(before) > 1 and not re.search(r"\d", before)


def _label_starts(piece: str) -> list[int]:
    """Where inline labels begin inside a piece ("... Bolton About us: Meadowview ...")."""
    starts: list[int] = []
    for colon in _COLON.finditer(piece):
        begin = max(0, colon.start() - 60)  # a label is short: look back 60 characters
        words = list(re.finditer(r"\S+", piece[begin:colon.start()]))
        for n in range(min(5, len(words) - 1), 0, -1):  # the longest label first
            start = begin + words[-n].start()
            if not piece[start].isupper():  # "the following skills:" goes on its sentence
                continue
            section = rules.section_of(re.sub(r"[*_#]", "", piece[start:colon.start()]))
            if section and section != "open":
                starts.append(start)
                break
    return starts


def sentences(piece: str, short: int = _SHORT) -> list[str]:
    """A long piece of a line split into its sentences and inline labels.

    Args:
        piece: one line, or one inline bullet of it, stripped.
        short: a piece of at most this many words stays whole.

    Returns:
        The sentences in order (the piece itself when it is short or has one sentence).
    """
    ends = [(m.start(), m.end()) for m in _BOUNDARY.finditer(piece)
            if _sentence_end(piece, m)]
    if len(piece.split()) <= short and not _notes(piece, ends):
        return [piece]
    cuts = list(ends)
    cuts += [(start, start) for start in _label_starts(piece)]
    out: list[str] = []
    begin = 0
    for start, end in sorted(cuts):
        if start < begin:
            continue
        out.append(piece[begin:start + (1 if piece[start:start + 1] in ".!?" else 0)])
        begin = end
    out.append(piece[begin:])
    return [s.strip() for s in out if s.strip(" .-")]


def _notes(piece: str, ends: list[tuple[int, int]]) -> bool:
    """Whether a short piece is a row of three or more notes, each a sentence of its own
    ("ILS or ALS. Mentorship qualification. Experience with electronic prescribing (EPMA).");
    two are left whole, as a numbered list's "Excel 1. Patience" would be cut wrongly."""
    if not ends or any(piece[a:a + 1] not in ".!?" for a, _ in ends):
        return False
    bounds = [0, *[e for _, e in ends], len(piece)]
    parts = [piece[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    return len(parts) >= 3 and all(1 <= len(p.split()) <= _TELEGRAPHIC for p in parts)


def clause_reason(part: str) -> str | None:
    """What a comma-joined part of a sentence is when it is plainly not a requirement: pay
    with an amount, metadata ("35 hours per week") or how to apply; else None. Company and
    benefit words are no reason here ("ideally in dental", "our main tool")."""
    reason = rules.aside_reason(part)
    if reason in ("metadata", "application") or (reason == "benefit" and is_pay(part)):
        return reason
    return None


def clauses(sentence: str) -> list[str]:
    """A sentence of comma-joined parts of different kinds, split where the kind changes.

    "Counterbalance licence needed, 6 months experience, £14.50 an hour, apply via Indeed"
    holds a requirement, pay and how to apply: each run of parts with the same
    :func:`clause_reason` becomes one unit (each part, when all are short notes); a part
    with no reason goes on the one before it ("£200 a day, van provided"). A sentence whose
    parts agree, or that would leave a one-word part, stays whole.

    Args:
        sentence: one sentence of the ad.

    Returns:
        The sentence's units in order.
    """
    parts = [p for p in re.split(r"(?<=,)\s+|(?<=;)\s+", sentence) if p.strip()]
    if len(parts) < 2 or len(sentence.split()) <= 8:
        return [sentence]
    kinds = [clause_reason(p.strip(" ,;.")) for p in parts]
    if len(set(kinds)) == 1:
        return [sentence]
    # A telegraphic paste ("forklift driver nights, reach licence needed, 6 months
    # experience minimum, £14.50 an hour, ...") is a list: each short part is its own unit.
    telegraphic = len(parts) >= 4 and max(len(p.split()) for p in parts[1:]) <= _TELEGRAPHIC
    for i in range(1, len(parts)):  # "please share your CV with current CTC, notice period"
        if kinds[i] is None and kinds[i - 1] is not None and not telegraphic:
            kinds[i] = kinds[i - 1]
    runs: list[list[str]] = []
    for i, part in enumerate(parts):
        if runs and kinds[i] == kinds[i - 1] and not telegraphic:
            runs[-1].append(part)
        else:
            runs.append([part])
    joined = [" ".join(run).strip().rstrip(",;").strip() for run in runs]
    if min(len(j.split()) for j in joined) < 2:
        return [sentence]
    return joined


# Text copied from web pages and old word processors: soft hyphens and zero-width
# characters inside words ("start\xadup"), and Windows-1252 punctuation read as C1 control
# characters ("world\x92s").
_INVISIBLE = dict.fromkeys(map(ord, "\xad\u200b\u200c\u200d\u2060\ufeff"))
_CP1252 = {0x91: "\u2018", 0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d", 0x95: "\u2022",
           0x96: "\u2013", 0x97: "\u2014", 0x85: "...", 0xa0: " "}


def clean(text: str) -> str:
    """The ad's text with invisible characters taken out, Windows-1252 punctuation read as
    such, and every line break (CRLF, CR) as one newline, so line numbers stay the ad's."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_INVISIBLE | _CP1252)


def units(text: str) -> list[tuple[int, str]]:
    """(line number, text) of each unit of an ad, in order.

    Args:
        text: the ad as pasted.

    Returns:
        Lines split into inline bullets, long ones into sentences and mixed clauses.
    """
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(clean(text).splitlines(), start=1):
        for piece in rules.INLINE_BULLET.split(raw):
            piece = piece.strip()
            if not piece:
                continue
            for sentence in sentences(piece):
                out += [(number, c) for c in clauses(sentence) if c.strip(" .-")]
    return out
