"""The agent's tools: capabilities wrapped for LangGraph, all of them listed here."""

from __future__ import annotations

from langchain_core.tools import BaseTool

from agent.toolkit import answers, credentials
from agent.toolkit.foundation import foundation_tools


def all_tools() -> list[BaseTool]:
    """Every tool the agent has: the foundation, credentials, and cited answers."""
    return [*foundation_tools(), *credentials.TOOLS, *answers.TOOLS]
