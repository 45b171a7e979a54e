"""The caring reply for a person in distress: warm, no question, a pointer to human help.

Its wording lives in ``prompts/templates`` (``distress*.txt``, ``after_distress*.txt``,
``helpline_*.txt``), one file per language; the helpline follows ``PASSPORT_LOCALE``
(UK, US, Spain, France, Germany) and always ends with the international directory.
"""

from __future__ import annotations

import re

import prompts
from settings import get_settings

# Country -> template of its best-known free, 24-hour line.
HELPLINES = {"GB": "helpline_gb", "UK": "helpline_gb", "US": "helpline_us",
             "ES": "helpline_es", "FR": "helpline_fr", "DE": "helpline_de"}
LANGS = ("es", "fr", "de")


def _suffix(lang: str) -> str:
    return f"_{lang}" if lang in LANGS else ""


def country(locale: str | None) -> str | None:
    """The country part of a locale (``en_GB`` / ``de-DE`` / ``GB`` -> ``GB``)."""
    if not locale:
        return None
    parts = re.split(r"[_-]", locale.strip())
    return parts[-1].upper() if parts[-1] else None


def helpline(lang: str, locale: str | None = None) -> str:
    """The sentence(s) pointing to human help for this install's country and language.

    Args:
        lang: the person's language (``en``, ``es``, ``fr``, ``de``).
        locale: overrides ``PASSPORT_LOCALE``.

    Returns:
        The local line when the country is known, then the international directory.
    """
    place = country(locale if locale is not None else get_settings().locale)
    lines = [prompts.render(HELPLINES[place])] if place in HELPLINES else []
    lines.append(prompts.render("helpline_intl" + _suffix(lang)))
    return " ".join(lines)


def care_reply(lang: str, seed: str = "", level: str = "") -> str:
    """The reply to a distressed message, in the person's language. Soft wording (level
    ``concern``: "is it normal that I feel guilty when client refuse?") gets care and a
    pointer to human help without opening on danger; explicit words get the crisis reply.
    Both name the emergency number and the helpline."""
    name = "distress_concern" if level == "concern" and lang == "en" else "distress"
    return prompts.render(name + _suffix(lang), seed, helpline=helpline(lang))


def after_care_reply(lang: str, seed: str = "") -> str:
    """The gentle reply on the turns after distress, in the person's language."""
    return prompts.render("after_distress" + _suffix(lang), seed)
