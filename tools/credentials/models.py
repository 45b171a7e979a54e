"""Result shapes of the credential pipeline, shared by every stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from memory.schemas import Achievement, Verdicts

ProofStatus = Literal["valid", "invalid-signature", "unverifiable-offline", "invalid"]


class CredentialError(Exception):
    """Input we refuse (too big, malformed, hostile); the message is one user-facing sentence."""


@dataclass
class ProofOutcome:
    """The verdict on one proof (or one JWS) and why."""

    status: ProofStatus
    reason: str
    signer: str | None = None
    proof_type: str | None = None


@dataclass
class Item:
    """One credential found in an input: its payload and how it was packaged."""

    kind: Literal["json", "jws", "url"]
    payload: Any
    container: str = "json"
    raw: bytes = b""
    notes: list[str] = field(default_factory=list)


class CheckResult(BaseModel):
    """The outcome for one credential: one JSON object per credential in ``--json``."""

    file: str | None = None
    format: str
    verdict: str
    checks: Verdicts
    reasons: list[str] = Field(default_factory=list)
    achievement: Achievement | None = None
    skills: list[dict[str, Any]] = Field(default_factory=list)
    ms: float | None = None
    nested: list[CheckResult] = Field(default_factory=list)
    raw: bytes = Field(default=b"", exclude=True, repr=False)

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape (no raw bytes)."""
        return self.model_dump(mode="json", exclude={"raw"}, exclude_none=False)
