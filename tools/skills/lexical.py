"""Exact lexical matching of labels and alternative labels, normalised and lemmatised.

A phrase index maps the space-joined lemmas of a label to the concepts whose label or
alternative label it is. Single words only count when they look like a name (capitals,
digits, ``+#.``), such as "Kubernetes", "SQL" or "C++", or when they are a concept's own
preferred label and not a common word, so that "lead" does not fire on every sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from tools.skills.frameworks import FrameworkData
from tools.skills.text import STOPWORDS, lemma, tokens

MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase of the text equal to a concept's label or alternative label."""

    concept: int
    start: int
    end: int
    words: int
    preferred: bool


def _is_name(surface: str) -> bool:
    return any(ch.isupper() or ch.isdigit() or ch in "+#." for ch in surface[1:]) or (
        surface[:1].isupper() and len(surface) > 1
    )


class PhraseIndex:
    """Lemma-tuple lookup over every label and alternative label."""

    def __init__(self, data: FrameworkData) -> None:
        self._phrases: dict[str, list[tuple[int, bool]]] = {}
        for i, concept in enumerate(data.concepts):
            for surface, preferred in [(concept.label, True)] + [(a, False) for a in concept.alt]:
                self._add(surface, i, preferred)

    def _add(self, surface: str, concept: int, preferred: bool) -> None:
        words = [w for w, _, _ in tokens(surface)]
        if not words or len(words) > MAX_WORDS:
            return
        lemmas = [lemma(w) for w in words]
        if all(k in STOPWORDS for k in lemmas):
            return
        if len(lemmas) == 1 and not (_is_name(words[0]) or (preferred and len(lemmas[0]) > 5)):
            return
        bucket = self._phrases.setdefault(" ".join(lemmas), [])
        if (concept, preferred) not in bucket:
            bucket.append((concept, preferred))

    def find(self, text: str, start: int, end: int) -> list[Match]:
        """All label phrases inside ``text[start:end]``, longest first per position."""
        toks = tokens(text, start, end)
        lemmas = [lemma(t) for t, _, _ in toks]
        found: list[Match] = []
        for i in range(len(toks)):
            for n in range(min(MAX_WORDS, len(toks) - i), 0, -1):
                hits = self._phrases.get(" ".join(lemmas[i : i + n]))
                if not hits:
                    continue
                for concept, preferred in hits:
                    found.append(Match(concept, toks[i][1], toks[i + n - 1][2], n, preferred))
        return found
