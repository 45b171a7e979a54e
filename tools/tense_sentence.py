"""A story sentence as the past-tense rewriter (``tools.tense``) reads it: its tokens, the
words outside quoted speech, the clause each word is in, and the edits made to it.
"""

from __future__ import annotations

import re

from tools.tense_words import BOUNDARY, CONJ, HOLDS, PERIODS

_TOKEN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|\d+(?:[.,:]\d+)*|\s+|.")
_QUOTE = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|‘[^’]*’|(?<!\w)'[^']*'(?!\w)")


def norm(token: str) -> str:
    """A token in lower case, with a typographic apostrophe as a plain one."""
    return token.replace("’", "'").lower()


def case(new: str, old: str) -> str:
    """The new word with the old one's capital first letter."""
    return new[0].upper() + new[1:] if old[:1].isupper() and new[:1].islower() else new


class Sentence:
    """The tokens of one sentence, its words' positions and clauses, and the edits made."""

    def __init__(self, text: str) -> None:
        self.tokens = _TOKEN.findall(text)
        quoted = [m.span() for m in _QUOTE.finditer(text)]
        self.words: list[int] = []  # token index of each word outside quotes
        self.clause: list[int] = []
        self.after_break: list[bool] = []
        pos, clause, broke = 0, 0, True
        for k, tok in enumerate(self.tokens):
            start, pos = pos, pos + len(tok)
            if any(a <= start < b for a, b in quoted):
                clause, broke = clause + 1, True
                continue
            if tok[0].isalpha():
                low = norm(tok)
                if low in CONJ:
                    clause += 1
                self.words.append(k)
                self.clause.append(clause)
                self.after_break.append(broke)
                broke = low in BOUNDARY or low in ("am", "pm") and self.tokens[k - 1].isdigit()
            elif not tok.isspace():
                clause, broke = (clause + 1, True) if tok in ",;:-–—()" else (clause, broke)
        lows = [norm(self.tokens[k]) for k in self.words]
        self.held = {self.clause[p] for p, low in enumerate(lows) if low in HOLDS or (
            low == "every" and p + 1 < len(lows) and lows[p + 1] in PERIODS)}
        self.edits: dict[int, str] = {}

    def low(self, p: int) -> str:
        """The ``p``-th word in lower case ("" past either end)."""
        return norm(self.tokens[self.words[p]]) if 0 <= p < len(self.words) else ""

    def counted(self, p: int) -> bool:
        """Whether the ``p``-th word follows a number ("10 times", "2 sockets")."""
        if not 0 <= p < len(self.words):
            return False
        k = self.words[p] - 1
        while k >= 0 and self.tokens[k].isspace():
            k -= 1
        return k >= 0 and self.tokens[k][0].isdigit()

    def put(self, p: int, new: str) -> None:
        """Replace the ``p``-th word, keeping its capital."""
        k = self.words[p]
        self.edits[k] = case(new, self.tokens[k])

    def drop(self, p: int) -> None:
        """Take out the ``p``-th word and the space after it."""
        k = self.words[p]
        self.edits[k] = ""
        if k + 1 < len(self.tokens) and self.tokens[k + 1].isspace():
            self.edits[k + 1] = ""

    def text(self) -> str:
        """The sentence with its edits."""
        return "".join(self.edits.get(k, t) for k, t in enumerate(self.tokens))
