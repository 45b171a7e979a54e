"""Undo: delete the user's last saved growth moment, only after they say yes.

The first step shows the moment that would go (its week and the user's words) and waits for
a yes; the deletion then removes exactly that moment, even if another one was saved since,
with its skill tags and vectors (:func:`memory.items.delete_reflection`).
"""

from __future__ import annotations

from agent.reply import Button
from agent.results import DialogUpdate, ToolResult
from memory.items import delete_reflection, last_reflection
from prompts import render
from prompts.phrasebook import YES

AWAITING = "undo_confirm"
_QUOTE_CHARS = 120


def _quote(text: str) -> str:
    """The moment's first words for the confirmation, cut at a word, never mid-word."""
    flat = " ".join(text.split())
    if len(flat) <= _QUOTE_CHARS:
        return flat.rstrip(" .")
    return flat[:_QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;.") + " (and more)"


def ask(user_id: str) -> ToolResult:
    """The confirmation question for deleting the last saved moment (or that there is none).

    Returns:
        ``undo_confirm``, waiting for a yes about ``reflection_id``, or ``undo_nothing``.
    """
    last = last_reflection(user_id)
    if last is None:
        return ToolResult(kind="undo_nothing", reply=render("undo_nothing"))
    return ToolResult(
        kind="undo_confirm", facts={"reflection_id": last["id"], "week": last["week"]},
        reply=render("undo_confirm", week=last["week"], quote=_quote(last["text"])),
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
    return ask(user_id)
