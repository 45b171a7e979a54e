"""Exact commands, kept as rules: slash commands, bare command words, "reject N".

Everything that is not an exact command goes to the learned intent head.
"""

from __future__ import annotations

import re

from prompts.phrasebook import FORGET_PHRASE

_SLASH = {
    "help": "help", "start": "small_talk", "reflect": "small_talk", "skip": "skip",
    "save": "save", "cancel": "cancel", "undo": "undo", "memory": "memory_show",
    "export": "export", "forget": "forget", "strengths": "strengths", "story": "story",
    "profile": "profile", "remind": "reminder", "reminder": "reminder", "privacy": "privacy",
    "recall": "recall", "career": "career", "import": "credential",
}
_WORDS = {
    "help": "help", "?": "help", "skip": "skip", "pass": "skip", "next": "skip",
    "save": "save", "save it": "save", "just save": "save", "just save it": "save",
    "cancel": "cancel", "undo": "undo", "export": "export", "strengths": "strengths",
    "my strengths": "strengths", "story": "story", "privacy": "privacy",
    "thanks": "thanks", "thank you": "thanks", "bye": "thanks",
    "hi": "small_talk", "hello": "small_talk", "hey": "small_talk",
}
_SLASH_RE = re.compile(r"^\s*/([a-z_]+)\b", re.I)
_REJECT = re.compile(r"^\s*(?:reject|remove|drop|not)\s*#?\s*(\d+(?:\s*(?:,|and|&)\s*#?\d+)*)"
                     r"\s*\W*$", re.I)
_UNDO = re.compile(r"^\W*(?:oops\W+)?undo\b(?:\s+(?:that|it|the last(?: one)?|that save|"
                   r"the last save))?\W*$", re.I)


def command(text: str) -> str | None:
    """The intent of an exact command, or None when the message is not one.

    Args:
        text: the message, verbatim.

    Returns:
        An intent name (``forget_confirm`` for the explicit confirmation), or None.
    """
    if FORGET_PHRASE.match(text):
        return "forget_confirm"
    slash = _SLASH_RE.match(text)
    if slash and slash.group(1).lower() in _SLASH:
        return _SLASH[slash.group(1).lower()]
    if _REJECT.match(text):
        return "reject"
    if _UNDO.search(text):
        return "undo"
    bare = re.sub(r"[\s!.]+$", "", text.strip().lower())
    return _WORDS.get(bare)


def reject_numbers(text: str) -> list[int]:
    """The item numbers in a "reject N" command (``reject 1 and 3`` -> ``[1, 3]``)."""
    match = _REJECT.match(text)
    return [int(n) for n in re.findall(r"\d+", match.group(1))] if match else []
