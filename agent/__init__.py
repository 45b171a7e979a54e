"""The agent: service, graph, tools, coach. Importing it defers third-party package bodies a
reply does not use (``agent.imports``), before anything imports them."""

from agent.imports import defer_unused

defer_unused()
