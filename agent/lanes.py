"""Two lanes for a turn's work, so quick turns are not queued behind slow ones.

Most turns are quick (understand the message, ask the next question: about 20 ms of CPU).
A turn that saves a reflection also tags its skills and embeds it into vector memory
(about 120 ms of CPU more). Without a bound, 50 people finishing a reflection at once start
50 taggers, and every quick turn waits for a share of the two cores behind them. The heavy
lane admits ``PASSPORT_HEAVY_WORKERS`` such jobs at a time (one less than the cores, at
least one); the rest wait for a place without using CPU, while quick turns keep the other
core. Waiting jobs hold a thread, so the service gives its event loop a pool big enough
for every turn that can be in flight (:func:`turn_executor`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

TURN_THREADS = 64  # threads for the sync parts of turns (tools, the offline coach)


def default_heavy_workers() -> int:
    """One less than the cores (at least one): the remaining core serves quick turns."""
    return max(1, (os.cpu_count() or 2) - 1)


class HeavyLane:
    """A bounded number of heavy jobs at a time; re-entrant within one thread."""

    def __init__(self, places: int) -> None:
        self.places = max(1, places)
        self._free = threading.BoundedSemaphore(self.places)
        self._held = threading.local()
        self._lock = threading.Lock()
        self.waiting = 0  # jobs waiting for a place now (for /health and the bench)

    @contextmanager
    def place(self) -> Iterator[None]:
        """Run the block holding one place (at once when this thread already holds one)."""
        depth = getattr(self._held, "depth", 0)
        if depth == 0:
            with self._lock:
                self.waiting += 1
            try:
                self._free.acquire()
            finally:
                with self._lock:
                    self.waiting -= 1
        self._held.depth = depth + 1
        try:
            yield
        finally:
            self._held.depth = depth
            if depth == 0:
                self._free.release()


_lane: HeavyLane | None = None
_lane_lock = threading.Lock()


def heavy_lane() -> HeavyLane:
    """The process-wide heavy lane (sized by ``PASSPORT_HEAVY_WORKERS``)."""
    global _lane
    with _lane_lock:
        if _lane is None:
            from settings import get_settings

            _lane = HeavyLane(get_settings().heavy_workers or default_heavy_workers())
        return _lane


@contextmanager
def heavy() -> Iterator[None]:
    """Hold a place in the heavy lane while inside (skill tagging, embedding a memory)."""
    with heavy_lane().place():
        yield


def turn_executor() -> ThreadPoolExecutor:
    """A thread pool for the event loop's sync work, big enough that turns waiting in the
    heavy lane never hold up the quick ones' threads."""
    return ThreadPoolExecutor(max_workers=TURN_THREADS, thread_name_prefix="turn")
