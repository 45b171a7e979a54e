"""The typed result every agent tool returns, as the artifact of its tool message.

The model sees :meth:`ToolResult.content` (the kind, the facts and the offline wording as
JSON); the graph applies :attr:`ToolResult.state` to the dialog state; the service builds the
channel reply (buttons, attachments, data) from the artifact, never from the text.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from agent.reply import Attachment, Button


class ShownSkill(BaseModel):
    """One entry of the numbered skill list the user saw ("reject 2" picks the 2nd)."""

    framework: str
    id: str
    label: str
    also: list[dict[str, Any]] = Field(default_factory=list)
    reflection_id: str | None = None


class DialogUpdate(BaseModel):
    """What a tool result changes in the dialog state (see ``agent/state.py``).

    ``awaiting``, ``pending_upload`` and ``pending_reflection`` describe the reply this result
    belongs to, so every tool result sets them (None clears them); ``shown_skills`` is None
    when unchanged.
    """

    awaiting: str | None = None
    pending_upload: str | None = None
    pending_reflection: str | None = None  # the growth moment a confirmation is about
    shown_skills: list[ShownSkill] | None = None


class ToolResult(BaseModel):
    """One tool's answer: the facts, the offline reply, and what it adds to the conversation."""

    kind: str
    reply: str
    facts: dict[str, Any] = Field(default_factory=dict)
    buttons: list[Button] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    state: DialogUpdate = Field(default_factory=DialogUpdate)

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> ToolResult:
        """A result from a capability's plain dict (``kind``, ``reply``, optional ``buttons``
        and ``awaiting``; every other key is a fact)."""
        facts = {k: v for k, v in value.items()
                 if k not in ("kind", "reply", "buttons", "awaiting", "pending_upload")}
        return cls(kind=str(value["kind"]), reply=str(value.get("reply", "")), facts=facts,
                   buttons=[Button(**b) for b in value.get("buttons", [])],
                   state=DialogUpdate(awaiting=value.get("awaiting"),
                                      pending_upload=value.get("pending_upload")))

    def record(self) -> dict[str, Any]:
        """The facts as one JSON-ready dict: ``kind``, every fact, and ``reply``."""
        return {"kind": self.kind, **self.facts, "reply": self.reply}

    def content(self) -> str:
        """What the model reads: the record as JSON (no files, no dialog state)."""
        return json.dumps(self.record(), default=str, ensure_ascii=False)
