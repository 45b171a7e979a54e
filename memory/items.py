"""Removing one saved item of a user everywhere it is kept.

A growth moment lives in three places: its row in the records (source of truth), its skill
tags (the ``skills`` rows whose ``source_id`` is the item) and its vectors in Chroma (the
memories whose ``source_id`` is the item). :func:`delete_reflection` removes all three, for
one user only; "undo" and "delete the last one" use it.
"""

from __future__ import annotations

from typing import Any

from memory.records import get_records
from memory.vectors import get_vectors


def last_reflection(user_id: str) -> dict[str, Any] | None:
    """The user's most recently saved reflection, or None."""
    saved = get_records().list_reflections(user_id)
    return saved[-1] if saved else None


def delete_reflection(user_id: str, reflection_id: str) -> bool:
    """Delete one saved reflection of this user with its skill tags and its vectors.

    The vectors go first: a crash between the two steps then leaves a reflection that recall
    cannot find (harmless, deleted again on the next try), never a deleted moment that
    recall still quotes.

    Args:
        user_id: whose reflection it is; another user's item is never touched.
        reflection_id: the reflection's id (``ref_...``).

    Returns:
        True when the reflection existed for this user and is gone now.
    """
    if get_records().get_item(user_id, "reflections", reflection_id) is None:
        return False
    get_vectors().delete(user_id, source_id=reflection_id)
    return get_records().delete_item(user_id, "reflections", reflection_id)
