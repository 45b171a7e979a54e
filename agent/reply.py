"""What one agent turn returns to a channel: text plus optional buttons and files."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Button(BaseModel):
    """A quick reply; ``data`` is sent back as the user's next message when pressed."""

    label: str
    data: str


class Attachment(BaseModel):
    """A file to send to the user (an export, a profile)."""

    filename: str
    content: bytes
    mime: str = "application/json"


class Reply(BaseModel):
    """The coach's answer to one message."""

    text: str
    buttons: list[Button] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    tools: list[str] = Field(default_factory=list, description="tools called this turn")
    data: dict[str, Any] = Field(default_factory=dict, description="structured tool results")
    fallback: bool = Field(default=False, description="offline coach stood in for the LLM")
