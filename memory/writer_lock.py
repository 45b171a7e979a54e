"""One process at a time on an embedded data dir: Chroma's embedded store is not safe for two
writers (two processes on one folder corrupted it: "table collections already exists", then
"Error finding id"). The first process to open it holds an exclusive lock on
``<data dir>/writer.lock`` until it exits; a second one is refused with a clear message. Several
workers need the server setup (PostgreSQL and a Chroma server), which has no such limit.
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
from pathlib import Path
from typing import IO

LOCK_FILE = "writer.lock"
_held: dict[Path, IO[str]] = {}
_guard = threading.Lock()


class StoreBusy(RuntimeError):
    """Another process is using this embedded data dir; the message says what to do."""


def hold(home: Path) -> None:
    """Take the data dir's writer lock for this process (again is a no-op).

    Raises:
        StoreBusy: another process holds it.
    """
    path = (home / LOCK_FILE).resolve()
    with _guard:
        if path in _held:
            return
        fh = path.open("a+")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            who = fh.read().strip() or "another process"
            fh.close()
            raise StoreBusy(
                f"The data dir {home} is in use by {who}; only one process may use the "
                "embedded store at a time. Stop that process first, or talk to it (for "
                "example over the REST API of `passport serve`); for several workers set "
                "PASSPORT_RECORDS_URL and PASSPORT_CHROMA_URL.") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} ({' '.join(os.path.basename(a) for a in sys.argv[:2])})")
        fh.flush()
        _held[path] = fh


def release_all() -> None:
    """Let go of every data dir this process holds (tests switch data dirs)."""
    with _guard:
        for fh in _held.values():
            fh.close()
        _held.clear()
