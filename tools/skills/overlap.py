"""Shared words between a sentence and an ESCO preferred label, weighted by rarity.

Dense scores rank labels by overall meaning; a label whose content words the writer actually
used ("plastered two bedrooms" -> "plaster surfaces", "trained two new waiters" -> "train
employees") is more likely right than one that is merely about the same things. The overlap of
a label is the share of its content lemmas' IDF weight found among the sentence's content
lemmas (0 to 1); ``TaggerConfig.word_overlap`` scales it into a bonus that, like the usage
prior, orders candidates but never makes a tag shown on its own (docs/skills.md, "Word
overlap"). O*NET activities get none: their short generic titles ("Coach others") share
words with everything.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from tools.skills.text import content_lemmas, tokens


class WordOverlap:
    """IDF-weighted label lemmas of every concept, flattened for one vector pass a sentence."""

    def __init__(self, labels: list[str], scored: np.ndarray) -> None:
        """Args:
            labels: the preferred label of every concept, in index order.
            scored: which concepts take part (the others always get 0).
        """
        bags = [sorted(content_lemmas(lab)) if ok else [] for lab, ok in zip(labels, scored,
                                                                              strict=True)]
        df = Counter(w for bag in bags for w in bag)
        n = max(1, sum(1 for bag in bags if bag))
        self.vocab = {w: i + 1 for i, w in enumerate(sorted(df))}  # 0: an empty bag's filler
        ids: list[int] = []
        weights: list[float] = []
        self.offsets = np.zeros(len(bags), dtype=np.int64)
        for c, bag in enumerate(bags):
            self.offsets[c] = len(ids)
            idf = [math.log(1 + n / (1 + df[w])) for w in bag]
            total = sum(idf) or 1.0
            ids += [self.vocab[w] for w in bag] or [0]
            weights += [x / total for x in idf] or [0.0]
        self.ids = np.asarray(ids, dtype=np.int64)
        self.weights = np.asarray(weights, dtype=np.float32)

    def of(self, text: str, start: int = 0, end: int | None = None) -> np.ndarray:
        """The overlap of every concept with the content words of ``text[start:end]``.

        Returns:
            (concepts,) float32 in [0, 1].
        """
        present = np.zeros(len(self.vocab) + 1, dtype=bool)
        words = content_lemmas(" ".join(t for t, _, _ in tokens(text, start, end)))
        present[[self.vocab[w] for w in words if w in self.vocab]] = True
        present[0] = False
        return np.add.reduceat(self.weights * present[self.ids], self.offsets)
