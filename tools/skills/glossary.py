"""Trade vocabulary as query expansion: "did obs", "cashed up", "reviewed 6 PRs" in plain words.

People write their week in their trade's own words; the encoder ranks ESCO labels by surface
words, so "obs" (a nurse's vital-signs round) reads as obstetrics and "PR" as public
relations. ``data/glossary.tsv`` (hand-written; see its header) maps such terms to plain,
ESCO-like wording. The tagger embeds, next to each sentence or clause that holds terms, a copy
with every term followed by (or replaced by) its expansion; evidence still points into the
user's own text.

Matching: whole words; a word written in capitals ("PR", "NEWS", "CI") matches only in
capitals (optionally with a plural "s": "PRs"), other words match in any case and in their
plural and verb forms ("tills", "prepped", "cashing up"). At a position the longest term wins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tools.skills.text import Span, content_lemmas

GLOSSARY = Path(__file__).parent / "data" / "glossary.tsv"
Mode = Literal["off", "append", "replace"]

_PIECE = re.compile(r"[^\W_]+|\s+|[^\w\s]")
_WORD = re.compile(r"[^\W_]+")
_IRREGULAR = [
    "do does did done doing", "take takes took taken taking", "run runs ran running",
    "make makes made making", "write writes wrote written writing", "give gives gave given giving",
    "get gets got gotten getting", "go goes went gone going", "lead leads led leading",
    "hang hangs hung hanging", "send sends sent sending", "teach teaches taught teaching",
    "catch catches caught catching", "hold holds held holding", "sell sells sold selling",
    "feed feeds fed feeding", "pay pays paid paying", "build builds built building",
    "put puts putting", "set sets setting", "cut cuts cutting", "pull pulls pulled pulling",
]
_FORMS = {word: frozenset(group.split()) for group in _IRREGULAR for word in group.split()}
_VOWELS = set("aeiou")


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry."""

    term: str
    expansion: str
    trades: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    """A glossary term found in a text: ``text[start:end]`` is the user's own wording."""

    start: int
    end: int
    term: Term


def _stems(word: str) -> set[str]:
    """The stems a past-tense word may come from ("prepped" -> "prep", "tiled" -> "tile")."""
    if len(word) < 5 or not word.endswith("ed"):
        return set()
    stems = {word[:-2], word[:-1]}
    if word[-3] == word[-4]:
        stems.add(word[:-3])
    if word.endswith("ied"):
        stems.add(word[:-3] + "y")
    return stems


def _verb_forms(stem: str) -> set[str]:
    """Past tense and "-ing" forms of a stem ("prep" -> "prepped", "prepping")."""
    out = {stem + "ed", stem + "ing"}
    if stem.endswith("e"):
        out |= {stem + "d", stem[:-1] + "ing"}
    if stem.endswith("y") and stem[-2:-1] not in _VOWELS:
        out.add(stem[:-1] + "ied")
    if len(stem) >= 3 and stem[-1] not in _VOWELS | {"w", "x", "y"} and stem[-2] in _VOWELS \
            and stem[-3] not in _VOWELS:
        out |= {stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
    return out


def forms(word: str) -> frozenset[str]:
    """Plural and verb forms of one lower-case word (irregular verbs from a small table).

    A word written in the past tense names an activity: it matches its verb forms only
    ("patched", "patching", not the noun "patch"; "bussed", not "bus"). A word in "-ing" is
    often a trade's noun ("sourcing", "marking", "fencing"): it matches only as written (and
    its plural). Other words take their plurals and verb forms.

    Args:
        word: a lower-case word as written in the glossary ("prep", "cashed", "recs").

    Returns:
        Every surface form that counts as the same word.
    """
    if word in _FORMS:
        return _FORMS[word]
    if len(word) < 3 or not word.isalpha():
        return frozenset({word, word + "s"}) if word.isalpha() else frozenset({word})
    stems = _stems(word)
    if stems:
        return frozenset({word}.union(*(_verb_forms(b) for b in stems)))
    out = {word, word + "s"}
    if word.endswith("ing"):
        return frozenset(out)
    out |= {word + "es"} | _verb_forms(word)
    if word.endswith("y") and word[-2:-1] not in _VOWELS:
        out.add(word[:-1] + "ies")
    return frozenset(out)


def _first_keys(term: str) -> set[str]:
    """The surface forms a term's first word may take in a text (lower case unless capitals)."""
    pieces = _PIECE.findall(term)
    first = pieces[0]
    if _is_caps(first):
        return {first, first + "s"}
    keys = set(forms(first.lower())) if first.isalpha() else {first.lower()}
    if len(pieces) > 2 and pieces[1] == "-":  # "stand-up" is also written "standup"
        keys |= forms((first + pieces[2]).lower())
    return keys


def _is_caps(piece: str) -> bool:
    return any(c.isupper() for c in piece) and not any(c.islower() for c in piece)


def term_pattern(term: str) -> str:
    """The regular expression of one term (without the surrounding word boundaries).

    Args:
        term: the term as written in the glossary.

    Returns:
        A pattern: capitals literal (a final one may take "s"), other words in any case and
        form, spaces as any whitespace, a hyphen as a hyphen or nothing.
    """
    pieces = _PIECE.findall(term)
    words = [i for i, p in enumerate(pieces) if p[0].isalnum()]
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if piece.isspace():
            out.append(r"\s+")
        elif piece == "-":
            out.append("-?")
        elif not piece[0].isalnum():
            out.append(re.escape(piece))
        elif _is_caps(piece) or piece.isdigit():
            plural = "(?:s|'s)?" if i == words[-1] and _is_caps(piece) else ""
            out.append(re.escape(piece) + plural)
        else:
            alts = sorted(forms(piece.lower()), key=lambda f: (-len(f), f))
            out.append("(?i:" + "|".join(re.escape(a) for a in alts) + ")")
    return "".join(out)


class Glossary:
    """Finds glossary terms in text and writes expanded copies of text units."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = sorted(terms, key=lambda t: (-len(t.term), t.term))
        # terms by the surface forms of their first word, so a text is scanned word by word
        # and only the few terms that can start at a word are tried there
        self._by_first: dict[str, list[tuple[Term, re.Pattern[str]]]] = {}
        for t in self.terms:
            pattern = re.compile(term_pattern(t.term) + r"(?![^\W_])")
            for key in _first_keys(t.term):
                self._by_first.setdefault(key, []).append((t, pattern))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Non-overlapping terms inside ``text[start:end]``, left to right, longest first.

        Args:
            text: the whole text (offsets index it).
            start: where to start looking.
            end: where to stop (the end of the text by default).

        Returns:
            The hits, each with offsets into ``text``.
        """
        stop = len(text) if end is None else end
        hits: list[Hit] = []
        pos = start
        for word in _WORD.finditer(text, start, stop):
            if word.start() < pos:
                continue
            found = word.group(0)
            tried = self._by_first.get(found, []) + self._by_first.get(found.lower(), [])
            for term, pattern in sorted(tried, key=lambda tp: -len(tp[0].term)):
                m = pattern.match(text, word.start(), stop)
                if m:
                    hits.append(Hit(m.start(), m.end(), term))
                    pos = m.end()
                    break
        return hits

    def expand(self, text: str, span: Span, mode: Mode = "append") -> str | None:
        """The unit ``text[span]`` with each term followed by ("append") or replaced by
        ("replace") its expansion; None when it holds no term or the mode is "off".

        Args:
            text: the whole text.
            span: the unit's (start, end) in ``text``.
            mode: "append", "replace" or "off".

        Returns:
            The text to embed for the extra unit, or None.
        """
        hits = self.find(text, *span) if mode != "off" else []
        if not hits:
            return None
        parts: list[str] = []
        pos = span[0]
        for hit in hits:
            parts.append(text[pos : hit.start])
            said = text[hit.start : hit.end]
            parts.append(f"{said} ({hit.term.expansion})" if mode == "append"
                         else hit.term.expansion)
            pos = hit.end
        parts.append(text[pos : span[1]])
        return "".join(parts)


def other_sense(hits: Iterable[Hit], start: int, end: int, label: str) -> bool:
    """Whether a one-word label mention at ``[start, end)`` lies inside a glossary term and
    the label shares no content word with the term or its plain words: then the trade's sense
    wins ("PR" in "reviewed 6 PRs" is a pull request, not public relations).

    Args:
        hits: the glossary terms found in the sentence.
        start: start of the label mention.
        end: end of the label mention.
        label: the preferred label of the concept it names.

    Returns:
        True when the mention must not count for that concept.
    """
    own = content_lemmas(label)
    return any(h.start <= start and end <= h.end
               and not own & content_lemmas(f"{h.term.term} {h.term.expansion}")
               for h in hits)


def read_terms(path: Path = GLOSSARY) -> list[Term]:
    """The entries of a glossary file (``#`` comments and the header row skipped).

    Raises:
        ValueError: a malformed row or a term listed twice.
    """
    terms: list[Term] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("term\t"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or not all(c.strip() for c in cols):
            raise ValueError(f"{path.name} line {n}: expected term, expansion, trades")
        key = cols[0] if _is_caps(cols[0]) else cols[0].lower()
        if key in seen:
            raise ValueError(f"{path.name} line {n}: {cols[0]!r} is listed twice")
        seen.add(key)
        terms.append(Term(cols[0].strip(), cols[1].strip(),
                          tuple(t.strip() for t in cols[2].split(";"))))
    return terms


@functools.cache
def load_glossary(path: Path = GLOSSARY) -> Glossary:
    """The committed glossary (parsed and compiled once per process)."""
    return Glossary(read_terms(path))
