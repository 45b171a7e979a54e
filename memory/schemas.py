"""Pydantic records shared by every layer: the shapes a passport is made of.

Tools produce them, memory stores them, the agent and channels show them. Nothing here
imports anything else of ours.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

Polarity = Literal["demonstrated", "growth", "negated"]
Framework = Literal["esco", "onet"]


class SkillTag(BaseModel):
    """One skill found in a text, with the exact words that show it."""

    framework: Framework
    id: str = Field(description="ESCO concept URI or O*NET DWA / element id")
    label: str
    score: float
    evidence: str = Field(description="verbatim slice of the input: text[start:end]")
    start: int
    end: int
    polarity: Polarity = "demonstrated"
    also: list[dict[str, str]] = Field(
        default_factory=list,
        description="the same skill in the other framework: [{framework, id, label}]",
    )
    skill_type: str | None = None
    group: str | None = None
    source_id: str | None = Field(default=None, description="item the text came from")


ProofVerdict = Literal["valid", "invalid-signature", "unverifiable-offline", "invalid"]
DatesVerdict = Literal["ok", "expired", "not-yet-valid"]
StatusVerdict = Literal["ok", "revoked", "suspended", "unknown"]
IssuerVerdict = Literal["known", "unknown"]
OverallVerdict = Literal[
    "valid",
    "invalid-signature",
    "expired",
    "not-yet-valid",
    "revoked",
    "unverifiable-offline",
    "invalid",
]


class Verdicts(BaseModel):
    """Four separate checks of a credential; none of them is ever decided by a model."""

    proof: ProofVerdict
    dates: DatesVerdict
    status: StatusVerdict
    issuer: IssuerVerdict
    status_checked_at: datetime | None = None


class Alignment(BaseModel):
    """An Open Badges alignment / CLR result description target, kept as issued."""

    target_name: str | None = None
    target_url: str | None = None
    target_code: str | None = None
    target_framework: str | None = None
    target_type: str | None = None
    target_description: str | None = None


class Achievement(BaseModel):
    """Any credential format, normalised."""

    name: str
    description: str | None = None
    criteria: str | None = None
    issuer_name: str | None = None
    issuer_id: str | None = None
    issued_on: datetime | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    achievement_type: str | None = None
    alignments: list[Alignment] = Field(default_factory=list)
    results: list[dict[str, Any]] = Field(default_factory=list)
    evidence: list[dict[str, Any]] = Field(default_factory=list)
    source_format: str
    subject_id: str | None = None
    credential_id: str | None = None
    image: str | None = None


class Reflection(BaseModel):
    """A saved weekly reflection: the user's words and what the coach found in them."""

    id: str
    user_id: str
    text: str
    created_at: datetime
    week: str = Field(description="ISO week, e.g. 2026-W47")
    followups: list[dict[str, str]] = Field(
        default_factory=list, description="[{question, answer}] in order"
    )
    slots: dict[str, str] = Field(default_factory=dict, description="STAR/Gibbs slot -> quote")
    skills: list[SkillTag] = Field(default_factory=list)


class Story(BaseModel):
    """A STAR story; every section cites the fact ids it came from."""

    id: str
    user_id: str
    title: str
    sections: dict[str, str] = Field(default_factory=dict)
    citations: dict[str, list[str]] = Field(default_factory=dict)
    created_at: datetime
    status: Literal["draft", "saved"] = "draft"


class Memory(BaseModel):
    """One item of long-term semantic memory, as returned by a search."""

    id: str
    user_id: str
    text: str
    kind: str
    created_at: datetime | None = None
    source_id: str | None = None
    distance: float | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)


# Bidirectional overrides, embeddings and isolates (and the marks) reorder text when shown:
# "\u202egnp.exe" reads as "exe.png". Controls (C0, DEL, C1) break lines and terminals.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                           "\u2066\u2067\u2068\u2069")
MAX_NAME_CHARS = 64


def clean_display_name(name: str | None) -> str | None:
    """A display name safe to show anywhere: no bidi controls, no control characters,
    whitespace collapsed, at most 64 characters; None when nothing printable is left.

    Args:
        name: the name a platform reported (untrusted user input).

    Returns:
        The cleaned name, or None.
    """
    if not name:
        return None
    kept = "".join(" " if ch.isspace() else ch for ch in name
                   if ch not in _BIDI_CONTROLS and (ch.isspace() or unicodedata.category(ch)
                                                    not in ("Cc", "Cs", "Co", "Cn")))
    cleaned = " ".join(kept.split())[:MAX_NAME_CHARS].strip()
    return cleaned or None
