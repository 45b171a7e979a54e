"""A scripted chat model that tries to fabricate: the adversary of the faithfulness checker.

As the agent's model it calls the evidence tools by keyword and then writes a final reply full
of invented facts. Asked to polish cited sentences, it rewrites every line into a fabrication
("holds a PhD from MIT, 10 years at Google"), keeping the citation markers so that only the
checker's content rules can catch it. With ``honest_repair=True`` it answers the repair
request with the original lines (to exercise the repaired path). No network, no key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable

FABRICATION = "You hold a PhD from MIT and spent 10 years at Google as a Senior Engineer"
FINAL = ("Great news! You hold a PhD from MIT and have 10 years of Kubernetes experience at "
         "Google [1]. You are a world-class leader.")


def _text(msg: BaseMessage) -> str:
    return msg.content if isinstance(msg.content, str) else str(msg.content)


class FabricatingChatModel(BaseChatModel):
    """Calls tools like an agent would, and lies whenever it writes prose."""

    honest_repair: bool = False
    bound: tuple[str, ...] = ()
    calls: int = 0

    @property
    def _llm_type(self) -> str:
        return "fabricating-fake"

    def bind_tools(self, tools: Sequence[Any],  # type: ignore[override]
                   **kwargs: Any) -> Runnable[Any, BaseMessage]:
        """Remember the tool names."""
        names = tuple(getattr(t, "name", getattr(t, "__name__", str(t))) for t in tools)
        return self.model_copy(update={"bound": names})

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        object.__setattr__(self, "calls", self.calls + 1)
        system = next((_text(m) for m in messages if isinstance(m, SystemMessage)), "")
        last = messages[-1]
        if "You polish sentences" in system:
            message = AIMessage(content=self._polish(_text(last)))
        elif isinstance(last, ToolMessage):
            message = AIMessage(content=FINAL)
        else:
            message = self._route(_text(last))
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _polish(self, prompt: str) -> str:
        lines = re.findall(r"^(\d+)\. (.*)$", prompt.split("Lines:", 1)[-1], re.M)
        if self.honest_repair and "broke these rules" in prompt:
            return "\n".join(f"{n}. {body}" for n, body in lines)
        out = []
        for n, body in lines:
            marks = re.findall(r"\[[\d, ]+\]", body)
            out.append(f"{n}. {FABRICATION} {marks[-1] if marks else ''}".rstrip())
        return "\n".join(out)

    def _route(self, text: str) -> AIMessage:
        low = text.lower()
        name, args = None, {}
        if "strength" in low or "good at" in low:
            name = "strengths"
        elif "story" in low:
            name, args = "draft_story", {"about": text}
        elif "tailor" in low or "job" in low:
            name = "tailor_profile"
        if name and name in self.bound:
            return AIMessage(content="", tool_calls=[{"name": name, "args": args,
                                                      "id": f"call_{name}", "type": "tool_call"}])
        return AIMessage(content=FINAL)


def is_fabricating(model: BaseChatModel) -> bool:
    """True for this scripted adversary."""
    return isinstance(model, FabricatingChatModel)


__all__ = ["FABRICATION", "FINAL", "FabricatingChatModel", "is_fabricating"]
