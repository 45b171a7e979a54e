"""Text pieces with exact character offsets: sentences, clauses, tokens and their lemmas.

Every span here is a pair ``(start, end)`` into the caller's original string, so evidence is
always ``text[start:end]``, whatever the unicode or whitespace around it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_]+(?:[+#]+|(?:[.'’\-][^\W_]+)+)?[+#]*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n\s*\n|\n(?=\s*[-*•])|[\r\n]+")
_CLAUSE_BREAK = re.compile(
    r"\s*(?:[;:,()–—]|\s-\s|\b(?:and then|but|then|so that|because|while|although|which|"
    r"so|and)\b)\s*",
    re.IGNORECASE,
)
_STOPWORD_TEXT = (
    "a an the of to in on at for with by from and or as is are was were be been being it its "
    "this that these those i me my we our you your he she they them their his her us who whom "
    "which what when where how also very really just some any all can could would should will "
    "shall may might must do does did done have has had having not no so than then there here "
    "into onto about over under up down out off again more most other such own same too only "
    "s t don didn doesn isn wasn aren weren won wouldn shouldn couldn if but while because"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


Span = tuple[int, int]


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[Span]:
    """Sentence spans (stripped of surrounding whitespace), in order; never empty spans."""
    spans: list[Span] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        start, end = _strip(text, pos, match.start())
        if end > start:
            spans.append((start, end))
        pos = match.end()
    start, end = _strip(text, pos, len(text))
    if end > start:
        spans.append((start, end))
    return spans


def clauses(text: str, span: Span) -> list[Span]:
    """Clause spans inside one sentence span, split on punctuation and conjunctions."""
    start, end = span
    out: list[Span] = []
    pos = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        piece = _strip(text, pos, match.start())
        if piece[1] > piece[0]:
            out.append(piece)
        pos = match.end()
    piece = _strip(text, pos, end)
    if piece[1] > piece[0]:
        out.append(piece)
    return out or [span]


_PHRASE_BREAK = re.compile(r"\s+(?:to|for|in order to|by|with|at|on|about)\s+", re.IGNORECASE)


def phrases(text: str, span: Span, min_words: int = 8) -> list[Span]:
    """Shorter pieces of a long clause, split before prepositions ("to", "for", "with" ...).

    Returns an empty list for clauses shorter than ``min_words`` words.
    """
    if len(tokens(text, *span)) < min_words:
        return []
    out: list[Span] = []
    pos = span[0]
    for match in _PHRASE_BREAK.finditer(text, span[0], span[1]):
        piece = _strip(text, pos, match.start())
        if piece[1] > piece[0]:
            out.append(piece)
        pos = match.start()
    piece = _strip(text, pos, span[1])
    if piece[1] > piece[0]:
        out.append(piece)
    merged: list[Span] = []
    for piece in out:  # pieces under 3 words join the previous piece
        if merged and len(tokens(text, *piece)) < 3:
            merged[-1] = (merged[-1][0], piece[1])
        else:
            merged.append(piece)
    if len(merged) > 1 and len(tokens(text, *merged[0])) < 3:
        merged[:2] = [(merged[0][0], merged[1][1])]
    return merged if len(merged) > 1 else []


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Word tokens with offsets: (surface, start, end)."""
    return [(m.group(0), m.start(), m.end())
            for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lower-cased English lemma of one word (cached)."""
    low = word.lower().replace("’", "'")
    if not low.isalpha() or len(low) < 3:
        return low
    import simplemma  # 0.17 s to import: not before the first word that needs it

    return str(simplemma.lemmatize(low, lang="en")).lower()


def lemma_tokens(text: str) -> list[str]:
    """Lemmas of all tokens of a text (stopwords kept, for phrase matching)."""
    return [lemma(t) for t, _, _ in tokens(text)]


def content_lemmas(text: str) -> set[str]:
    """Lemmas of the content words of a text."""
    return {lemma(t) for t, _, _ in tokens(text)} - STOPWORDS
