"""Per-turn context: who is speaking, on which channel, and when.

Hide these arguments from the model: tools read them from the runtime, so a model can never
act for another user by writing a different id into a tool call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True)
class Context:
    """Identity, place and clock of one agent turn.

    ``channel`` and ``target`` say where the conversation happens (e.g. ``telegram`` and the
    chat id, ``slack`` and the DM user id), so a tool that stores something for later (a
    reminder) knows where to send it without the channel storing it again.
    """

    user_id: str
    channel: str = "cli"
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    display_name: str | None = None
    upload_id: str | None = None
    target: str | None = None
