"""What the user enjoys and would rather avoid, read from their own words.

"I love being outdoors, hate sitting at a desk all day" -> enjoy ["being outdoors"], avoid
["sitting at a desk all day"]. The phrases are the user's words, cut at the cue; nothing is
inferred beyond them. Kept as the user's interests (``CareerPrefs``).
"""

from __future__ import annotations

import re

from tools.careers.models import Interests

ENJOY = re.compile(r"\b(?:i|i'?d|we)\s+(?:really\s+|also\s+|do\s+|would\s+)?(?:enjoy|love|"
                   r"like|prefer|am into|want to work (?:with|in|on))\s+(?P<x>[^.;!?\n]+)|"
                   r"\b(?:i'?m into|happiest when)\s+(?P<y>[^.;!?\n]+)", re.I)
AVOID = re.compile(r"\b(?:i\s+)?(?:(?:really\s+)?(?:hate|dislike|avoid|can'?t stand)|"
                   r"(?:do not|don'?t|dont|never) (?:want|like|enjoy|wanna)(?: to)?|"
                   r"rather (?:not|avoid)|no more|"
                   # "what could I do instead of teaching?", "something away from retail"
                   r"instead of|other than|apart from|away from|(?:get|move|step) out of|"
                   r"leav(?:e|ing) (?=\w+ing\b|retail|care|nursing|teaching|hospitality)|"
                   r"quit(?:ting)?|"
                   # "cant be up on roofs forever with my back", "not sure I can do clinical
                   # work forever": what they will not keep doing (cut at "forever" below)
                   r"(?:can'?t|cannot|won'?t be able to|not sure i can|don'?t think i can)\s+"
                   r"(?:be|keep|stay|do|go on|carry on)(?:\s+doing|\s+being)?"
                   r"(?=\s[^.;!?\n]*\b(?:forever|for ever|much longer|any ?more|all my life|"
                   r"the rest of my life)\b)|"
                   # "something with planning, not carrying parcels in the rain"
                   r"(?:,|\bbut)\s*(?:definitely\s+|just\s+)?not(?=\s+\w+ing\b))\s+(?P<x>[^.;!?\n]+)",
                   re.I)
SPLIT = re.compile(r"\s*(?:,|\bbut\b|\band (?:i|i'?d|would)\b|\b(?:forever|for ever|much longer|"
                   r"any ?more|all my life|(?:for )?the rest of my life|with my (?:back|knees|"
                   r"body|health|hands))\b)\s*", re.I)


# what stands before the thing itself: "something with planning", "a job in logistics"
_VAGUE_START = re.compile(r"^(?:(?:something|anything|a job|a role|work|jobs|roles|stuff)\s+"
                          r"(?:with|in|around|involving|that involves|where i can|where i)\s+|"
                          r"(?:doing|working (?:with|in|on))\s+(?=\w))", re.I)
_FILLER_END = re.compile(r"(?:\s+(?:please|pls|plz|though|tho|thanks|really|anymore|"
                         r"any more|lol|haha|honestly|tbh))+\s*$", re.I)


def _phrases(pattern: re.Pattern[str], text: str) -> list[str]:
    out = []
    for found in pattern.finditer(text):
        part = SPLIT.split(found.group("x") or found.group("y") or "")[0].strip(" -")
        part = _FILLER_END.sub("", part)  # "away from retail please" -> "retail"
        part = _VAGUE_START.sub("", part)  # "something with planning" -> "planning"
        if len(part) >= 3 and part.lower() not in {"it", "that", "this", "sure", "really"}:
            out.append(part)
    return out


def parse_interests(text: str) -> Interests | None:
    """The enjoy / avoid phrases in a message, or None when it states neither."""
    avoid = _phrases(AVOID, text)
    enjoy = [p for p in _phrases(ENJOY, text)
             if not any(p in a or a in p for a in avoid)]
    if not enjoy and not avoid:
        return None
    return Interests(enjoy=enjoy, avoid=avoid, asked=True)


def merge(old: Interests, new: Interests) -> Interests:
    """Add newly stated interests to the kept ones (latest wording wins on repeats)."""
    enjoy = [e for e in old.enjoy if e.lower() not in {a.lower() for a in new.avoid}]
    avoid = [a for a in old.avoid if a.lower() not in {e.lower() for e in new.enjoy}]
    return Interests(enjoy=list(dict.fromkeys(enjoy + new.enjoy))[-5:],
                     avoid=list(dict.fromkeys(avoid + new.avoid))[-5:], asked=True)
