"""Schema migrations for the records database, applied in order and recorded.

Append a new entry to ``MIGRATIONS`` for every change; never edit an applied one.
``{blob}`` is replaced by the dialect's bytes type.
"""

from __future__ import annotations

from memory.db import Database

MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE users (
            id TEXT PRIMARY KEY, display_name TEXT, created_at TEXT NOT NULL,
            offline_notice_at TEXT)""",
        """CREATE TABLE identities (
            provider TEXT NOT NULL, tenant TEXT NOT NULL, external_id TEXT NOT NULL,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL, PRIMARY KEY (provider, tenant, external_id))""",
        """CREATE TABLE reflections (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            status TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL, week TEXT NOT NULL, followups TEXT NOT NULL,
            slots TEXT NOT NULL, skills TEXT NOT NULL)""",
        "CREATE INDEX reflections_user ON reflections(user_id, status, created_at)",
        """CREATE TABLE credentials (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            filename TEXT, format TEXT NOT NULL, raw {blob} NOT NULL, sha256 TEXT NOT NULL,
            achievement TEXT NOT NULL, verdicts TEXT NOT NULL, verdict TEXT NOT NULL,
            reasons TEXT NOT NULL, skills TEXT NOT NULL, created_at TEXT NOT NULL)""",
        "CREATE INDEX credentials_user ON credentials(user_id, created_at)",
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            title TEXT NOT NULL, sections TEXT NOT NULL, citations TEXT NOT NULL,
            status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
        """CREATE TABLE skills (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            source_kind TEXT NOT NULL, source_id TEXT NOT NULL, framework TEXT NOT NULL,
            skill_id TEXT NOT NULL, label TEXT NOT NULL, score REAL NOT NULL,
            evidence TEXT NOT NULL, start_at INTEGER NOT NULL, end_at INTEGER NOT NULL,
            polarity TEXT NOT NULL, created_at TEXT NOT NULL, tag TEXT NOT NULL,
            PRIMARY KEY (user_id, source_id, framework, skill_id, start_at))""",
        """CREATE TABLE skill_rejections (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            framework TEXT NOT NULL, skill_id TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (user_id, framework, skill_id))""",
        """CREATE TABLE reminders (
            user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            weekday INTEGER NOT NULL, at_time TEXT NOT NULL, tz TEXT NOT NULL,
            channel TEXT, target TEXT, enabled INTEGER NOT NULL, last_sent_week TEXT,
            updated_at TEXT NOT NULL)""",
        """CREATE TABLE consent (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, granted_at TEXT NOT NULL, text TEXT NOT NULL,
            PRIMARY KEY (user_id, kind))""",
        """CREATE TABLE link_codes (
            code TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            expires_at TEXT NOT NULL)""",
    ],
    [
        """CREATE TABLE uploads (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            filename TEXT, raw {blob} NOT NULL, created_at TEXT NOT NULL)""",
    ],
    [
        """CREATE TABLE api_keys (
            key_hash TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            label TEXT NOT NULL, created_at TEXT NOT NULL, last_used_at TEXT)""",
        "CREATE INDEX api_keys_user ON api_keys(user_id)",
    ],
    [
        """CREATE TABLE shares (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            items TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL,
            revoked_at TEXT)""",
        "CREATE INDEX shares_user ON shares(user_id, created_at)",
    ],
    [  # one credential, one record: other forms of the same credential are kept beside it
        "ALTER TABLE credentials ADD COLUMN identity TEXT",
        "CREATE INDEX credentials_identity ON credentials(user_id, identity)",
        """CREATE TABLE credential_forms (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
            filename TEXT, format TEXT NOT NULL, raw {blob} NOT NULL, sha256 TEXT NOT NULL,
            verdict TEXT NOT NULL, created_at TEXT NOT NULL)""",
    ],
    [
        """CREATE TABLE career_prefs (
            user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            prefs TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    ],
    [
        # Uploads: the size outlives the bytes (a per-user daily quota), rows expire.
        "ALTER TABLE uploads ADD COLUMN size INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX uploads_created ON uploads(created_at)",
    ],
    [
        # Several workers on one store: what used to live in each process.
        "CREATE TABLE deliveries (key TEXT PRIMARY KEY, created_at TEXT NOT NULL)",
        "CREATE INDEX deliveries_created ON deliveries(created_at)",
        """CREATE TABLE turn_locks (
            user_id TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at TEXT NOT NULL)""",
        """CREATE TABLE link_failures (
            key TEXT NOT NULL, at TEXT NOT NULL)""",
        "CREATE INDEX link_failures_key ON link_failures(key, at)",
    ],
    [
        # A per-user version every vector-memory write replaces with a fresh random value:
        # each worker's recall cache compares it before use (deleted with the user; a new
        # row never repeats an old value).
        """CREATE TABLE memory_versions (
            user_id TEXT PRIMARY KEY, version BIGINT NOT NULL)""",
    ],
    [
        # Every vector memory's id by user, so a user's first recall since a worker started
        # reads their vectors by id, not by a metadata filter over the whole collection. A
        # superset: ids are written before the vectors and deleted after them. ``indexed``:
        # the user's memories from before this table are in it too (filled on first use).
        """CREATE TABLE memory_ids (
            user_id TEXT NOT NULL, memory_id TEXT NOT NULL, source_id TEXT,
            PRIMARY KEY (user_id, memory_id))""",
        "CREATE INDEX memory_ids_source ON memory_ids(user_id, source_id)",
        "ALTER TABLE memory_versions ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0",
        # A user's memories as read at their version, for any worker's first recall
        # (memory.snapshots); deleted by every write to their memories.
        """CREATE TABLE memory_snapshots (
            user_id TEXT PRIMARY KEY, version BIGINT NOT NULL, body {blob} NOT NULL)""",
    ],
]


def migrate(db: Database) -> int:
    """Apply pending migrations; returns the schema version now in force."""
    with db.transaction():
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = db.one("SELECT MAX(version) AS v FROM schema_version")
        current = int(row["v"]) if row and row["v"] is not None else 0
        for version, statements in enumerate(MIGRATIONS, start=1):
            if version <= current:
                continue
            for sql in statements:
                db.execute(sql.replace("{blob}", db.blob_type))
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            current = version
    return current
