"""Undo: delete the user's last saved growth moment, only after they say yes.

The first step shows the moment that would go (its week and the user's words) and waits for
a yes; the deletion then removes exactly that moment, even if another one was saved since,
with its skill tags and vectors (:func:`memory.items.delete_reflection`).
"""

from __future__ import annotations

import re
from typing import Any

from memory.items import delete_reflection, last_reflection
from prompts import render

AWAITING = "undo_confirm"
YES = re.compile(r"^\s*(?:y|yes|yes please|yep|yeah|yup|sure|ok|okay|do it|delete it|"
                 r"confirm|go ahead|s[ií]|oui|ja)\W*$", re.I)
_QUOTE_CHARS = 120


def _quote(text: str) -> str:
    """The moment's first words for the confirmation, cut at a word, never mid-word."""
    flat = " ".join(text.split())
    if len(flat) <= _QUOTE_CHARS:
        return flat.rstrip(" .")
    return flat[:_QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;.") + " (and more)"


def ask(user_id: str) -> dict[str, Any]:
    """The confirmation question for deleting the last saved moment (or that there is none).

    Returns:
        ``undo_confirm`` with the ``reflection_id`` to delete on a yes, or ``undo_nothing``.
    """
    last = last_reflection(user_id)
    if last is None:
        return {"kind": "undo_nothing", "reply": render("undo_nothing")}
    return {"kind": "undo_confirm", "reflection_id": last["id"], "week": last["week"],
            "reply": render("undo_confirm", week=last["week"], quote=_quote(last["text"])),
            "awaiting": AWAITING}


def answer(user_id: str, message: str, reflection_id: str | None) -> dict[str, Any]:
    """Act on the user's answer to the confirmation.

    Args:
        user_id: whose moment it is.
        message: the user's answer, verbatim: only a yes deletes.
        reflection_id: the moment the confirmation showed.

    Returns:
        ``undo_done`` (deleted), ``undo_kept`` (not a yes) or ``undo_nothing`` (already gone).
    """
    if not YES.match(message):
        return {"kind": "undo_kept", "reply": render("undo_kept")}
    if not reflection_id or not delete_reflection(user_id, reflection_id):
        return {"kind": "undo_nothing", "reply": render("undo_nothing")}
    return {"kind": "undo_done", "reflection_id": reflection_id, "reply": render("undo_done")}
