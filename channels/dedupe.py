"""Remember recently seen delivery ids (Telegram update_id, Slack event_id) to drop repeats."""

from __future__ import annotations

import threading
from collections import OrderedDict


class Seen:
    """A bounded, thread-safe set of recent ids."""

    def __init__(self, size: int = 10_000) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def first(self, key: object) -> bool:
        """True the first time ``key`` is seen, False for every repeat."""
        k = str(key)
        with self._lock:
            if k in self._ids:
                return False
            self._ids[k] = None
            while len(self._ids) > self._size:
                self._ids.popitem(last=False)
            return True
