"""Chat model choice: an OpenAI(-compatible) model when configured, else the offline coach."""

from __future__ import annotations

from langchain_core.language_models.chat_models import BaseChatModel

from agent.coach import OfflineCoach
from settings import Settings


def chat_model(settings: Settings) -> BaseChatModel:
    """``ChatOpenAI`` when OPENAI_API_KEY or OPENAI_BASE_URL is set; the offline coach otherwise.

    A base URL without a key (Ollama, vLLM, llama.cpp server) gets a placeholder key, since
    those servers ignore it but the client requires one.
    """
    if not settings.llm_enabled:
        return OfflineCoach()
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.model,
        api_key=settings.openai_api_key or "not-needed",  # type: ignore[arg-type]
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout_s,
        max_retries=1,
        temperature=0.3,
    )
