"""Prompts and offline reply templates: one text file per prompt, loaded by name.

Templates use ``str.format`` fields. A file may hold several variants separated by a line
``---``; :func:`render` picks one deterministically from a seed, so replies vary without
randomness.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
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


def asked(text: str) -> set[str]:
    """The questions in a text, normalised (lower case, words only), for comparing."""
    return {" ".join(re.findall(r"[\w']+", q.lower()))
            for q in re.findall(r"[^.!?\n]*\?", text)}


def render_fresh(template: str, seed: str = "", avoid: Iterable[str] = (),
                 **fields: object) -> str:
    """Like :func:`render`, but prefer a variant not said before and asking no question
    already asked in ``avoid`` (earlier replies): repeating itself is how a coach gets stuck
    in a loop.

    Args:
        template: the template name.
        seed: picks the first variant tried.
        avoid: what the coach already said in this conversation.
        fields: the template's fields; variants needing a field that is missing (or None)
            are left out.

    Returns:
        The first fresh variant from the seeded one on; else one not said verbatim; else the
        seeded one.
    """
    variants = load(template)
    start = zlib.crc32(seed.encode()) % len(variants)
    said = {text.strip() for text in avoid}
    before = set().union(*(asked(text) for text in said))
    given = {k: v for k, v in fields.items() if v is not None}
    usable: list[str] = []
    for i in range(len(variants)):
        try:
            usable.append(variants[(start + i) % len(variants)].format(**given).strip())
        except KeyError:
            continue
    if not usable:
        raise KeyError(f"no variant of {template!r} can be filled from {sorted(given)}")
    return next((text for text in usable if text not in said and not asked(text) & before),
                next((text for text in usable if text not in said), usable[0]))
