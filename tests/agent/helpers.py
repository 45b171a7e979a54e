"""Small helpers for agent tests: run a scripted conversation through the real service."""

from __future__ import annotations

from agent.reply import Reply
from agent.service import AgentService
from evals import checks


async def converse(service: AgentService, user_id: str, messages: list[str],
                   conversation: str = "t1", channel: str = "cli") -> list[Reply]:
    """Send each message in turn and collect the replies."""
    return [await service.handle(user_id, m, channel=channel, conversation=conversation)
            for m in messages]


def questions(reply: Reply | str) -> list[str]:
    """The question sentences of a reply (the offline notice and quotes excluded), each
    counted: "What changed? And how did you feel?" asks two."""
    return checks.questions(reply if isinstance(reply, str) else reply.text)


async def new_user_says(service: AgentService, name: str, messages: list[str],
                        conversation: str = "c1") -> str:
    """A new terminal user ``name`` who sends ``messages``; returns their user id."""
    user_id = service.user_for("cli", "local", name, name)
    await converse(service, user_id, messages, conversation=conversation)
    return user_id
