"""Mend typos in the words that carry a request, before a message is encoded.

"can u sumarise my strenths" reads as a help request to the encoder: both words that say
what is asked are misspelt. The keywords are learned from the training messages: words of
five letters or more that occur in requests (strengths, summarise, export, privacy, ...)
and never in reflection content. A word that no training message uses and that is one
slip (a letter left out, one too many, or two neighbours swapped) from exactly one keyword
becomes that keyword. A changed letter is not mended: between real words it is more often
another word ("forgot", "forget") than a typo. Words any training message uses are never
touched. Only the intent head reads the mended text: the distress gate reads what the
person wrote ("dreading" is one letter from "reading"), and nothing mended is stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_LENGTH = 5


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (letters only)."""
    return [w.lower() for w in WORD.findall(text)]


def keywords(requests: Iterable[str], content: Iterable[str]) -> tuple[list[str], list[str]]:
    """The request keywords and the whole known vocabulary of the training messages.

    Args:
        requests: texts of training messages that are requests or commands.
        content: texts of reflections and answers.

    Returns:
        (keywords, known words), each sorted.
    """
    asked = {w for t in requests for w in words(t)}
    told = {w for t in content for w in words(t)}
    keys = sorted(w for w in asked - told if len(w) >= MIN_LENGTH)
    return keys, sorted(asked | told)


def pack(items: Iterable[str]) -> np.ndarray:
    """Words as one UTF-8 byte array (small inside an ``.npz``)."""
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


def unpack(data: np.ndarray) -> list[str]:
    """The words :func:`pack` stored."""
    return [w for w in bytes(data).decode("utf-8").split("\n") if w]


def one_slip(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one letter left out or added, or by a swap of
    two neighbouring letters."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y),
             len(short))
    return short[i:] == long[i + 1:]


class Speller:
    """Mends misspelt request keywords (see the module docstring)."""

    def __init__(self, keys: Iterable[str], known: Iterable[str]) -> None:
        self.keys = tuple(keys)
        self.known = frozenset(known) | frozenset(self.keys)

    def mend(self, text: str) -> str:
        """``text`` with each misspelt keyword replaced by the keyword.

        Args:
            text: the message, verbatim.

        Returns:
            The text the heads read (unchanged when nothing is misspelt).
        """
        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            low = word.lower()
            if len(low) < MIN_LENGTH - 1 or low in self.known:
                return word
            near = [k for k in self.keys if one_slip(low, k)]
            return near[0] if len(near) == 1 else word
        return WORD.sub(fix, text)
