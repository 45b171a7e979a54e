"""Undo: delete the user's last saved growth moment, only after they say yes.

The first step shows the moment that would go (its week and the user's words) and waits for
a yes; the deletion then removes exactly that moment, even if another one was saved since,
with its skill tags and vectors (:func:`memory.items.delete_reflection`).
"""

from __future__ import annotations

import re
from typing import Any

from agent.reply import Button
from agent.results import DialogUpdate, ToolResult
from memory.items import delete_reflection, last_reflection
from memory.records import get_records
from prompts import render
from prompts.phrasebook import YES, undo_about

AWAITING = "undo_confirm"
_QUOTE_CHARS = 120


def _quote(text: str) -> str:
    """The moment's first words for the confirmation, cut at a word, never mid-word."""
    flat = " ".join(text.split())
    if len(flat) <= _QUOTE_CHARS:
        return flat.rstrip(" .")
    return flat[:_QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;.") + " (and more)"


# words that say nothing of what a moment was about
_FILLER = frozenset(re.findall(r"\w+", "the a an my our his her their that this what i me you "
                               "said say says wrote write told tell about where when was were "
                               "is am are be being been and or of on in at to for with it its "
                               "bit part one thing stuff"))
_WORD = re.compile(r"[a-z0-9+]+")


def _stem(word: str) -> str:
    return word[:5]  # "moaning" / "moan", "manager" / "managers": close enough, and typos


def moment_about(user_id: str, about: str) -> dict[str, Any] | None:
    """The saved moment a person means by what it was about ("being late", "the new
    manager"): the one naming most of its words (any form: the first letters of each), the
    latest on a tie; None when none names any."""
    wanted = {_stem(w) for w in _WORD.findall(about.lower()) if w not in _FILLER and
              len(w) > 1}
    best: tuple[int, int] = (0, -1)
    saved = get_records().list_reflections(user_id)
    for i, row in enumerate(saved):
        words = {_stem(w) for w in _WORD.findall(row["text"].lower())}
        best = max(best, (len(wanted & words), i))
    return saved[best[1]] if best[0] else None


def ask(user_id: str, message: str = "") -> ToolResult:
    """The confirmation question for deleting the last saved moment, or the one the message
    names by what it was about ("scrap the bit about being late"), or that there is none.

    Returns:
        ``undo_confirm``, waiting for a yes about ``reflection_id``, or ``undo_nothing``.
    """
    about = undo_about(message)
    last = moment_about(user_id, about) if about else last_reflection(user_id)
    if last is None and about:
        return ToolResult(kind="undo_nothing", reply=render("undo_about_none", about=about))
    if last is None:
        return ToolResult(kind="undo_nothing", reply=render("undo_nothing"))
    return ToolResult(
        kind="undo_confirm", facts={"reflection_id": last["id"], "week": last["week"]},
        reply=render("undo_about_confirm" if about else "undo_confirm", week=last["week"],
                     quote=_quote(last["text"])),
        buttons=[Button(label=render("button_delete_it"), data="yes, delete it"),
                 Button(label=render("button_keep_it"), data="no, keep it")],
        state=DialogUpdate(awaiting=AWAITING, pending_reflection=last["id"]))


def answer(user_id: str, message: str, reflection_id: str | None) -> ToolResult:
    """Act on the user's answer to the confirmation.

    Args:
        user_id: whose moment it is.
        message: the user's answer, verbatim: only a yes deletes.
        reflection_id: the moment the confirmation showed (dialog state).

    Returns:
        ``undo_done`` (deleted), ``undo_kept`` (not a yes) or ``undo_nothing`` (already gone).
    """
    if not YES.match(message):
        return ToolResult(kind="undo_kept", reply=render("undo_kept"))
    if not reflection_id or not delete_reflection(user_id, reflection_id):
        return ToolResult(kind="undo_nothing", reply=render("undo_nothing"))
    return ToolResult(kind="undo_done", facts={"reflection_id": reflection_id},
                      reply=render("undo_done"))


def undo_turn(user_id: str, message: str, awaiting: str | None,
              pending: str | None) -> ToolResult:
    """Chat flow for undo: ask about the last moment, then act on the answer.

    Args:
        user_id: whose passport.
        message: the user's own words this turn, verbatim.
        awaiting: what the previous reply waited for (dialog state).
        pending: the moment the previous reply asked about (dialog state).
    """
    if awaiting == AWAITING:
        return answer(user_id, message, pending)
    return ask(user_id, message)
