"""Skill tagging against ESCO and O*NET, offline, with exact evidence.

The entry point is ``tag_many(texts, frameworks=("esco", "onet"), top=None, ...)``: texts in,
ranked ``SkillTag`` lists out (what may be shown without ``top``; K ranked candidates with
``top=K``). ``tag(text)`` is a thin alias for one text, kept because the agent's capabilities
call it. Both are imported lazily, so that ``tools.skills.text`` stays light.
"""

from __future__ import annotations

from typing import Any

__all__ = ["tag", "tag_many"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from tools.skills import tagging

        return getattr(tagging, name)
    raise AttributeError(name)
