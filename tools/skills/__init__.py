"""Skill tagging against ESCO and O*NET, offline, with exact evidence.

``tag(text, frameworks=("esco", "onet")) -> list[SkillTag]`` and ``tag_many(texts)`` are the
entry points (imported lazily, so that ``tools.skills.text`` stays light).
"""

from __future__ import annotations

from typing import Any

__all__ = ["tag", "tag_many"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from tools.skills import tagging

        return getattr(tagging, name)
    raise AttributeError(name)
