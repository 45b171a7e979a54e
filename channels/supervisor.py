"""Degrade, don't die: a chat channel that cannot reach its platform at start is retried in
the background with backoff, while the REST API and ``/health`` serve.

Each channel gets one first attempt inline (bounded by ``FIRST_TRY_S``), so a reachable
platform is up before the server takes requests; a refused, failing or silent one moves to a
background task that retries with exponential backoff (``BACKOFF_S`` doubling up to
``MAX_BACKOFF_S``). ``states()`` is what ``/health`` reports.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

log = logging.getLogger(__name__)

FIRST_TRY_S = 5.0
BACKOFF_S = 2.0
MAX_BACKOFF_S = 300.0


class Startable(Protocol):
    """A chat channel: started once, stopped at shutdown."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


@dataclass
class ChannelState:
    """Where one channel stands."""

    state: str = "starting"  # starting | up | retrying | stopped
    attempts: int = 0
    error: str | None = None
    since: float = field(default_factory=time.time)

    def public(self) -> dict[str, Any]:
        """The JSON shape shown by ``/health``."""
        return {"state": self.state, "attempts": self.attempts, "error": self.error,
                "since": round(self.since, 3)}


class Supervisor:
    """Starts channels, keeps retrying the ones that fail, stops the ones that started."""

    def __init__(self, channels: dict[str, Startable]) -> None:
        self.channels = channels
        self._states = {name: ChannelState() for name in channels}
        self._tasks: list[asyncio.Task[None]] = []
        self._up: list[str] = []

    def states(self) -> dict[str, dict[str, Any]]:
        """Every channel's state, by name."""
        return {name: s.public() for name, s in self._states.items()}

    async def _attempt(self, name: str, timeout: float | None) -> bool:
        state = self._states[name]
        state.attempts += 1
        try:
            await asyncio.wait_for(self.channels[name].start(), timeout)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure to reach a platform degrades
            state.state, state.error, state.since = "retrying", _brief(exc), time.time()
            log.warning("the %s channel could not start (attempt %d): %s; retrying in the "
                        "background", name, state.attempts, state.error)
            with contextlib.suppress(Exception):
                await self.channels[name].stop()
            return False
        state.state, state.error, state.since = "up", None, time.time()
        self._up.append(name)
        log.info("the %s channel is up", name)
        return True

    async def _retry(self, name: str) -> None:
        delay = BACKOFF_S
        while True:
            await asyncio.sleep(delay)
            if await self._attempt(name, None if delay >= MAX_BACKOFF_S else delay * 4):
                return
            delay = min(delay * 2, MAX_BACKOFF_S)

    async def start(self) -> None:
        """One inline attempt per channel; the failures go on in the background."""
        for name in self.channels:
            if not await self._attempt(name, FIRST_TRY_S):
                self._tasks.append(asyncio.create_task(self._retry(name), name=f"retry-{name}"))

    async def stop(self) -> None:
        """Cancel the retries and stop the channels that started, newest first."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for name in reversed(self._up):
            with contextlib.suppress(Exception):
                await self.channels[name].stop()
            self._states[name].state = "stopped"


def _brief(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return text[:300]
