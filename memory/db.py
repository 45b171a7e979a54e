"""A thin, portable SQL connection: SQLite embedded, PostgreSQL by URL.

Queries are written once with ``?`` placeholders and portable SQL (``ON CONFLICT`` upserts,
TEXT ids); the PostgreSQL driver gets them rewritten to ``%s``. Every write runs in a
transaction that commits before the call returns, so a crash after a call loses nothing.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Row = dict[str, Any]


class Database:
    """One connection guarded by a lock; rows come back as dicts."""

    def __init__(self, url_or_path: str | Path) -> None:
        target = str(url_or_path)
        self._lock = threading.RLock()
        self.is_postgres = target.startswith(("postgres://", "postgresql://"))
        if self.is_postgres:
            import psycopg
            from psycopg.rows import dict_row

            self._conn: Any = psycopg.connect(target, row_factory=dict_row, autocommit=False)
        else:
            if target.startswith("sqlite:///"):
                target = target[len("sqlite:///") :]
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(target, check_same_thread=False, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")  # deleted rows are zeroed, not left behind
            self._conn = conn
        self._depth = 0

    def vacuum(self) -> None:
        """SQLite: rewrite the file without free pages and empty the write-ahead log (after a
        user is forgotten, so no page or log frame keeps their words). PostgreSQL: nothing
        (the server reclaims space with its own VACUUM)."""
        if self.is_postgres:
            return
        with self._lock:
            self._conn.commit()
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @property
    def blob_type(self) -> str:
        """The column type for raw bytes."""
        return "BYTEA" if self.is_postgres else "BLOB"

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.is_postgres else sql

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Group several statements; commits on success, rolls back on error."""
        with self._lock:
            self._depth += 1
            try:
                yield self
                if self._depth == 1:
                    self._conn.commit()
            except BaseException:
                if self._depth == 1:
                    self._conn.rollback()
                raise
            finally:
                self._depth -= 1

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement in a transaction; returns the affected row count."""
        with self.transaction():
            cur = self._conn.execute(self._sql(sql), tuple(params))
            return int(cur.rowcount or 0)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a read and return every row as a dict."""
        with self._lock:
            cur = self._conn.execute(self._sql(sql), tuple(params))
            rows = [dict(r) for r in cur.fetchall()]
            if self._depth == 0:
                self._conn.commit() if self.is_postgres else None
            return rows

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        """The first row of a read, or None."""
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()
