"""The FastAPI app: REST API, health, and the Telegram webhook and Slack events when configured.

``create_app()`` builds everything from settings; a channel whose variables are unset is not
mounted, so its path answers 404. One :class:`AgentService` serves every channel of the
process. Other features mount their routers on the returned app (``app.include_router``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from agent.service import AgentService
from channels import http_account, http_api, slack, telegram
from channels.page.router import router as page_router
from settings import Settings, get_settings

log = logging.getLogger(__name__)

DESCRIPTION = """Your Talent Passport over HTTP: chat with the coach, import and verify
credentials, tag skills, ask for strengths, stories and tailored profiles, export or delete
everything, and set weekly reminders. Authenticate with `Authorization: Bearer KEY`
(create a key with `passport apikey create --user NAME`)."""


def create_app(settings: Settings | None = None, service: AgentService | None = None) -> FastAPI:
    """Build the app.

    Args:
        settings: configuration (default: from the environment).
        service: the agent service to share (default: a new one for this app).

    Returns:
        The FastAPI app; ``app.state.channels`` lists the mounted chat channels.
    """
    settings = settings or get_settings()
    service = service or AgentService(settings)
    tg = telegram.from_settings(settings, service, webhook=True)
    sl = slack.from_settings(settings, service, http=True)
    channels: list[Any] = [c for c in (tg, sl) if c is not None]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        started: list[Any] = []
        try:
            for channel in channels:
                await channel.start()
                started.append(channel)
            yield
        finally:
            for channel in reversed(started):
                await channel.stop()
            await service.close()

    app = FastAPI(title="Talent Passport", version="0.1.0", description=DESCRIPTION,
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.service = service
    app.state.telegram = tg
    app.state.slack = sl
    app.state.channels = {"http": True, "telegram": tg is not None, "slack": sl is not None}

    @app.get("/health", tags=["health"])
    async def health() -> dict[str, Any]:
        """Liveness, and which chat channels are mounted."""
        return {"status": "ok", "channels": app.state.channels, "llm": service.llm}

    for router in [*http_api.ROUTERS, *http_account.ROUTERS]:
        app.include_router(router)
    app.include_router(page_router)
    if tg is not None:
        app.include_router(tg.router())
    if sl is not None:
        app.include_router(sl.router())
    return app
