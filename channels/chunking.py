"""Split long replies into pieces each platform accepts, at the most natural boundary.

Paragraphs first, then lines, then words, and a hard cut only for a single overlong word.
``measure`` lets a channel count what the platform counts (e.g. the escaped length).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

TELEGRAM_LIMIT = 4096
SLACK_SECTION_LIMIT = 3000


def split(text: str, limit: int, measure: Callable[[str], int] = len) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` by ``measure``, keeping every character
    that matters (whitespace at the cuts is dropped).

    Args:
        text: the reply text.
        limit: the largest piece allowed.
        measure: how the platform counts a piece (``len`` by default).

    Returns:
        The pieces in order; one empty-free list (``[""]`` only for empty input).
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    text = text.strip()
    if measure(text) <= limit:
        return [text]
    sep = next((s for s in ("\n\n", "\n", " ") if s in text), None)
    if sep is None:
        return _hard_cut(text, limit, measure)
    pieces: list[str] = []
    current = ""
    for part in text.split(sep):
        candidate = f"{current}{sep}{part}" if current else part
        if measure(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = part
        if measure(part) > limit:
            *done, current = split(part, limit, measure)
            pieces.extend(done)
    if current:
        pieces.append(current)
    return [p.strip() for p in pieces if p.strip()]


def _hard_cut(text: str, limit: int, measure: Callable[[str], int]) -> list[str]:
    pieces: list[str] = []
    while text:
        size = min(len(text), limit)
        while size > 1 and measure(text[:size]) > limit:
            size -= 1
        pieces.append(text[:size])
        text = text[size:]
    return pieces


_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")


def telegram_html(text: str) -> str:
    """Text as Telegram HTML that always parses: every special character escaped, and only
    our own ``**bold**`` pairs (on one line) turned into ``<b>`` tags."""
    return _BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False))


def slack_escape(text: str) -> str:
    """Text as Slack mrkdwn that cannot ping anyone or form links: &, < and > escaped, and
    ``**bold**`` written the Slack way (``*bold*``)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BOLD.sub(r"*\1*", text)


def telegram_pieces(text: str) -> list[str]:
    """Raw pieces of ``text`` whose Telegram HTML stays under 4096 characters."""
    return split(text, TELEGRAM_LIMIT - 96, lambda s: len(telegram_html(s)))


def telegram_chunks(text: str) -> list[str]:
    """Telegram HTML pieces, each under 4096 characters once escaped."""
    return [telegram_html(p) for p in telegram_pieces(text)]


def slack_chunks(text: str) -> list[str]:
    """Slack mrkdwn pieces, each fitting one section block (3000 characters) once escaped."""
    return [slack_escape(p) for p in split(text, SLACK_SECTION_LIMIT - 100,
                                           lambda s: len(slack_escape(s)))]
