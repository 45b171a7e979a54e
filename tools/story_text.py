"""Sentences a person could send: chat filler taken out of a story line, facts kept.

"ugh honestly the delivery was late lol" -> "The delivery was late." Only filler words
and emoji go; every other word, number and name stays, so the cleaned line still cites
its fact faithfully. A line that is nothing but filler or feeling becomes empty.
"""

from __future__ import annotations

import re

_FILLER = re.compile(
    r"(?<![\w'])(?:ugh+|urgh+|argh+|lol+|lmao|rofl|haha+|hehe+|omg|tbh|tho|idk|imo|ngl|smh|"
    r"honestly|literally|basically|anyway[s]?|so yeah|yeah+|meh|pfff*|phew|welp|"
    r"you know|i mean|like,)(?![\w'])[,!.]*", re.I)
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+|[:;]-?[()DPp]")
_SPACES = re.compile(r"\s{2,}")
# Openers, one or several in a row: "ok so the migration" -> "the migration".
_OPENER = re.compile(r"^(?:\W*(?:so|well|ok(?:ay)?)\b[,.]?\s*)+", re.I)
_FEELING_ONLY = re.compile(r"^(?:(?:long|tough|hard|rough|crazy|busy|mad|good|great|weird) "
                           r"(?:week|day|shift|one)|so tired|tired|exhausted|stressed)\W*$", re.I)


def clean(sentence: str) -> str:
    """The sentence without chat filler, starting with a capital and ending with a stop.

    Args:
        sentence: one verbatim sentence of the user's.

    Returns:
        The cleaned sentence, or "" when nothing but filler or a bare feeling is left.
    """
    # a filler's own comma stays ("felt good tbh, proud of him" -> "felt good, proud of him")
    text = _EMOJI.sub(" ", _FILLER.sub(lambda m: " ," if "," in m.group() else " ", sentence))
    text = _OPENER.sub("", text)
    text = re.sub(r"\bi\b", "I", text)
    text = _SPACES.sub(" ", text).strip(" ,;-")
    text = re.sub(r"\s+([,.!?])", r"\1", text)
    text = re.sub(r",(?:\s*,)+", ",", text)
    if len(re.findall(r"\w+", text)) < 3 or _FEELING_ONLY.match(text):
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."
