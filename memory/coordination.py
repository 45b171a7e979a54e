"""What several workers on one store must agree on, kept in the store, not in a process.

- A delivery (Telegram update, Slack event) is handled once: its key is inserted into
  ``deliveries`` and only the worker whose insert took it goes on.
- A weekly reminder is claimed before it is sent: one conditional UPDATE of
  ``reminders.last_sent_week`` succeeds for one worker only, so exactly one send.
- A user's turns run one at a time across workers: a lease row in ``turn_locks`` (the same
  SQL on SQLite and PostgreSQL; a crashed holder's lease runs out).
- Wrong link codes are counted in ``link_failures``, so the limit holds on every worker.
- Every write to a user's vector memory gives them a fresh random version in
  ``memory_versions``; a worker's recall cache is used only while the version is the one it
  was filled at. Their memories' ids are kept in ``memory_ids``, so any worker reads a
  user's vectors by id.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from memory.db import Database

DELIVERY_TTL = timedelta(days=2)  # Telegram and Slack retry for far less than this
LEASE = timedelta(minutes=5)  # longer than any turn; a crashed worker's lock expires
POLL_S = 0.05


def _iso(when: datetime) -> str:
    return when.isoformat(timespec="milliseconds")


def _now() -> datetime:
    return datetime.now(UTC)


class Coordination:
    """Store-backed primitives over the records database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"

    def first_delivery(self, key: str) -> bool:
        """True for the one worker that records ``key`` first; False for every repeat."""
        now = _now()
        self.db.execute("DELETE FROM deliveries WHERE created_at < ?",
                        (_iso(now - DELIVERY_TTL),))
        return self.db.execute("INSERT INTO deliveries (key, created_at) VALUES (?, ?) "
                               "ON CONFLICT (key) DO NOTHING", (key, _iso(now))) == 1

    def claim_reminder(self, user_id: str, week: str) -> bool:
        """Claim this week's reminder of a user before sending it; True for one worker."""
        return self.db.execute(
            "UPDATE reminders SET last_sent_week=? WHERE user_id=? AND enabled<>0 AND "
            "(last_sent_week IS NULL OR last_sent_week<>?)", (week, user_id, week)) == 1

    def release_reminder(self, user_id: str, week: str, previous: str | None) -> None:
        """Give a claimed reminder back (its send failed), so it can be retried."""
        self.db.execute("UPDATE reminders SET last_sent_week=? WHERE user_id=? AND "
                        "last_sent_week=?", (previous, user_id, week))

    def note_link_failure(self, key: str) -> None:
        """Count one wrong link code for an identity."""
        self.db.execute("INSERT INTO link_failures (key, at) VALUES (?, ?)",
                        (key, _iso(_now())))

    def link_failures(self, key: str, window: timedelta) -> int:
        """Wrong link codes of an identity within ``window`` (older ones are dropped)."""
        since = _iso(_now() - window)
        self.db.execute("DELETE FROM link_failures WHERE at < ?", (since,))
        row = self.db.one("SELECT COUNT(*) AS n FROM link_failures WHERE key=? AND at >= ?",
                          (key, since))
        return int(row["n"]) if row else 0

    def memory_version(self, user_id: str) -> int:
        """The user's vector-memory version (0: no write recorded, never to be cached)."""
        row = self.db.one("SELECT version FROM memory_versions WHERE user_id=?", (user_id,))
        return int(row["version"]) if row else 0

    def bump_memory_version(self, user_id: str) -> None:
        """Give the user a fresh vector-memory version (after a write to their memories).
        Random, not counted: after a forget deletes the row, a new one cannot repeat a value
        some worker's copy was filled at. The user's saved snapshot goes with the old
        version (``memory.snapshots``)."""
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO memory_versions (user_id, version) VALUES (?, ?) ON CONFLICT "
                "(user_id) DO UPDATE SET version=excluded.version",
                (user_id, secrets.randbits(62) + 1))
            self.db.execute("DELETE FROM memory_snapshots WHERE user_id=?", (user_id,))

    def memory_ids(self, user_id: str) -> list[str] | None:
        """Every id of the user's memories (and maybe some deleted ones), or None while
        the index may miss memories written before it existed (see ``index_memories``)."""
        rows = self.db.query(
            "SELECT m.memory_id FROM memory_versions v LEFT JOIN memory_ids m "
            "ON m.user_id=v.user_id WHERE v.user_id=? AND v.indexed<>0", (user_id,))
        if not rows:
            return None
        return [str(r["memory_id"]) for r in rows if r["memory_id"] is not None]

    def note_memory_ids(self, user_id: str, ids: list[str],
                        source_ids: list[str | None]) -> None:
        """Record memory ids before their vectors are written."""
        with self.db.transaction():
            for mid, source in zip(ids, source_ids, strict=True):
                self.db.execute(
                    "INSERT INTO memory_ids (user_id, memory_id, source_id) VALUES (?, ?, ?) "
                    "ON CONFLICT (user_id, memory_id) DO NOTHING", (user_id, mid, source))

    def drop_memory_ids(self, user_id: str, source_id: str | None = None) -> None:
        """Forget the ids of deleted memories (all of the user's, or one source's)."""
        if source_id is None:
            self.db.execute("DELETE FROM memory_ids WHERE user_id=?", (user_id,))
        else:
            self.db.execute("DELETE FROM memory_ids WHERE user_id=? AND source_id=?",
                            (user_id, source_id))

    def index_memories(self, user_id: str, ids: list[str],
                       source_ids: list[str | None]) -> None:
        """Record the ids of every memory the user has (read from the vector store) and
        mark the index complete for them. A user with no version row and no memories gets
        no row: nothing to index, and no row naming someone who may have been forgotten."""
        if not ids and self.memory_version(user_id) == 0:
            return
        with self.db.transaction():
            self.note_memory_ids(user_id, ids, source_ids)
            if self.memory_version(user_id) == 0:
                self.bump_memory_version(user_id)
            self.db.execute("UPDATE memory_versions SET indexed=1 WHERE user_id=?",
                            (user_id,))

    def try_lock(self, user_id: str) -> bool:
        """Take the user's turn lock if it is free or its lease ran out."""
        now = _now()
        return self.db.execute(
            "INSERT INTO turn_locks (user_id, owner, expires_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET owner=excluded.owner, "
            "expires_at=excluded.expires_at WHERE turn_locks.expires_at < ?",
            (user_id, self.owner, _iso(now + LEASE), _iso(now))) == 1

    def unlock(self, user_id: str) -> None:
        """Release the user's turn lock if this worker holds it."""
        self.db.execute("DELETE FROM turn_locks WHERE user_id=? AND owner=?",
                        (user_id, self.owner))

    @asynccontextmanager
    async def turn(self, user_id: str) -> AsyncIterator[None]:
        """Hold the user's turn lock for the duration of one turn (waits for it)."""
        while not await asyncio.to_thread(self.try_lock, user_id):
            await asyncio.sleep(POLL_S)
        try:
            yield
        finally:
            await asyncio.to_thread(self.unlock, user_id)
