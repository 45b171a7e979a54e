"""Waiting for an effect that follows an observed event (bounded, never forever)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(probe: Callable[[], T], timeout: float = 5.0) -> T:
    """Poll ``probe`` until it returns something truthy or ``timeout`` seconds pass; returns
    its last value (the caller asserts on it)."""
    deadline = asyncio.get_running_loop().time() + timeout
    value = probe()
    while not value and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
        value = probe()
    return value
