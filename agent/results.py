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

    ``awaiting``, ``pending_upload``, ``pending_reflection`` and ``pending_ad`` describe the
    reply this result belongs to, so every tool result sets them (None clears them);
    ``shown_skills`` is None when unchanged.
    """

    awaiting: str | None = None
    pending_upload: str | None = None
    pending_reflection: str | None = None  # the growth moment a confirmation is about
    pending_ad: str | None = None  # a job ad sent a line at a time, collected so far
    shown_skills: list[ShownSkill] | None = None


class ToolResult(BaseModel):
    """One tool's answer: the facts, the offline reply, and what it adds to the conversation."""

    kind: str
    reply: str
    facts: dict[str, Any] = Field(default_factory=dict)
    buttons: list[Button] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    state: DialogUpdate = Field(default_factory=DialogUpdate)

    def record(self) -> dict[str, Any]:
        """The facts as one JSON-ready dict: ``kind``, every fact, and ``reply``."""
        return {"kind": self.kind, **self.facts, "reply": self.reply}

    def payload(self) -> dict[str, Any]:
        """The record plus its buttons (when any), for an API or CLI that prints the result."""
        extra = {"buttons": [b.model_dump() for b in self.buttons]} if self.buttons else {}
        return self.record() | extra

    def content(self) -> str:
        """What the model reads: the record as JSON (no files, no dialog state)."""
        return json.dumps(self.record(), default=str, ensure_ascii=False)
