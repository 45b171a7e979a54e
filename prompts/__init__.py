"""Prompts and offline reply templates: one text file per prompt, loaded by name.

Templates use ``str.format`` fields. A file may hold several variants separated by a line
``---``; :func:`render` picks one deterministically from a seed, so replies vary without
randomness.
"""

from __future__ import annotations

import zlib
from functools import cache
from pathlib import Path

_DIR = Path(__file__).parent / "templates"


@cache
def load(name: str) -> list[str]:
    """All variants of the prompt called ``name`` (file ``templates/NAME.txt``)."""
    path = _DIR / f"{name}.txt"
    if not path.is_file():
        raise KeyError(f"no prompt named {name!r}")
    text = path.read_text(encoding="utf-8")
    return [part.strip("\n") for part in text.split("\n---\n") if part.strip()]


def render(template: str, seed: str = "", **fields: object) -> str:
    """Fill one variant of a template; the seed picks the variant."""
    variants = load(template)
    variant = variants[zlib.crc32(seed.encode()) % len(variants)]
    return variant.format(**fields).strip()


def render_fresh(template: str, seed: str, said: frozenset[str]) -> str:
    """A variant not yet said in this conversation, when there is one: repeating a message
    verbatim is how a coach gets stuck in a loop.

    Args:
        template: the template name.
        seed: picks the first variant tried.
        said: what the coach already said (first paragraphs of its replies).
    """
    first = render(template, seed=seed)
    if first not in said:
        return first
    for variant in load(template):
        if "{" not in variant and variant.strip() not in said:
            return variant.strip()
    return first
