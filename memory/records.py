"""The structured passport: users, identities, reflections, credentials, stories, skills.

SQLite under the data dir by default; PostgreSQL when ``PASSPORT_RECORDS_URL`` is set.
Every method takes the ``user_id`` it acts for and never returns another user's rows.
"""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from memory.coordination import Coordination
from memory.db import Database, Row
from memory.migrations import migrate
from memory.schemas import clean_display_name
from settings import Settings, get_settings


def now_iso() -> str:
    """The current UTC time as ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


UPLOAD_TTL_S = 24 * 3600


def _ago(seconds: int) -> str:
    """The UTC time ``seconds`` ago, as ISO 8601 (comparable with ``now_iso``)."""
    return (datetime.now(UTC) - timedelta(seconds=seconds)).isoformat(timespec="seconds")


def new_id(prefix: str) -> str:
    """A fresh item id such as ``ref_3f9a...``: the prefix says what kind of item it is."""
    return f"{prefix}_{uuid.uuid4().hex[:16]}"


def _loads(row: Row, *fields: str) -> Row:
    for field in fields:
        if isinstance(row.get(field), str):
            row[field] = json.loads(row[field])
    return row


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


_JSON = {
    "reflections": ("followups", "slots", "skills"),
    "credentials": ("achievement", "verdicts", "reasons", "skills"),
    "stories": ("sections", "citations"),
}


class Records:
    """Repository over the records database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        migrate(db)
        self.coordination = Coordination(db)

    # -- users and identities ---------------------------------------------------
    def ensure_user(
        self, provider: str, tenant: str, external_id: str, display_name: str | None = None
    ) -> str:
        """Return the user id for an identity, creating the user on first sight."""
        with self.db.transaction():
            row = self.db.one(
                "SELECT user_id FROM identities WHERE provider=? AND tenant=? AND external_id=?",
                (provider, tenant, external_id),
            )
            if row:
                return str(row["user_id"])
            user_id = new_id("usr")
            self.db.execute(
                "INSERT INTO users (id, display_name, created_at) VALUES (?, ?, ?)",
                (user_id, clean_display_name(display_name) or clean_display_name(external_id),
                 now_iso()),
            )
            self.link_identity(user_id, provider, tenant, external_id)
            return user_id

    def find_user(self, provider: str, tenant: str, external_id: str) -> str | None:
        """The user id behind an identity, or None."""
        row = self.db.one(
            "SELECT user_id FROM identities WHERE provider=? AND tenant=? AND external_id=?",
            (provider, tenant, external_id),
        )
        return str(row["user_id"]) if row else None

    def link_identity(self, user_id: str, provider: str, tenant: str, external_id: str) -> None:
        """Attach another platform identity to an existing user."""
        self.db.execute(
            "INSERT INTO identities (provider, tenant, external_id, user_id, created_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (provider, tenant, external_id) "
            "DO UPDATE SET user_id=excluded.user_id",
            (provider, tenant, external_id, user_id, now_iso()),
        )

    def get_user(self, user_id: str) -> Row | None:
        """The user row, or None."""
        return self.db.one("SELECT * FROM users WHERE id=?", (user_id,))

    def list_users(self) -> list[Row]:
        """All users (for reminders and admin commands)."""
        return self.db.query("SELECT * FROM users ORDER BY created_at")

    def mark_offline_notice(self, user_id: str) -> bool:
        """Record that the offline-mode notice was shown; True if this is the first time."""
        return self.db.execute(
            "UPDATE users SET offline_notice_at=? WHERE id=? AND offline_notice_at IS NULL",
            (now_iso(), user_id),
        ) > 0

    def offline_notice_shown(self, user_id: str) -> bool:
        """True when the user saw the offline-mode notice since the mode last changed."""
        row = self.db.one("SELECT offline_notice_at FROM users WHERE id=?", (user_id,))
        return bool(row and row["offline_notice_at"])

    def clear_offline_notice(self, user_id: str) -> bool:
        """Forget that the notice was shown (an LLM answered): the next offline reply says it
        again. True if it had been shown."""
        return self.db.execute(
            "UPDATE users SET offline_notice_at=NULL WHERE id=? AND offline_notice_at IS NOT NULL",
            (user_id,),
        ) > 0

    # -- reflections --------------------------------------------------------------
    def save_reflection(self, user_id: str, reflection: dict[str, Any]) -> str:
        """Insert or update a reflection (draft or saved); returns its id."""
        rid = reflection.get("id") or new_id("ref")
        created = reflection.get("created_at") or now_iso()
        week = reflection.get("week") or datetime.fromisoformat(created).strftime("%G-W%V")
        values = (
            reflection.get("status", "draft"), reflection.get("text", ""), now_iso(), week,
            json.dumps(reflection.get("followups", [])), json.dumps(reflection.get("slots", {})),
            json.dumps(reflection.get("skills", [])),
        )
        with self.db.transaction():
            updated = self.db.execute(
                "UPDATE reflections SET status=?, text=?, updated_at=?, week=?, followups=?, "
                "slots=?, skills=? WHERE id=? AND user_id=?", (*values, rid, user_id),
            )
            if not updated:
                self.db.execute(
                    "INSERT INTO reflections (status, text, updated_at, week, followups, slots, "
                    "skills, id, user_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (*values, rid, user_id, created),
                )
        return str(rid)

    def set_reflection_skills(self, user_id: str, reflection_id: str,
                              skills: list[dict[str, Any]]) -> None:
        """Replace a saved reflection's skill tags (and their index) in one transaction,
        leaving its text and times as they were (``passport memory retag``)."""
        with self.db.transaction():
            self.db.execute("UPDATE reflections SET skills=? WHERE id=? AND user_id=?",
                            (json.dumps(skills), reflection_id, user_id))
        self.add_skill_tags(user_id, "reflection", reflection_id, skills)

    def draft_reflection(self, user_id: str) -> Row | None:
        """The user's open reflection draft, if any."""
        row = self.db.one(
            "SELECT * FROM reflections WHERE user_id=? AND status='draft' "
            "ORDER BY updated_at DESC LIMIT 1", (user_id,),
        )
        return _loads(row, *_JSON["reflections"]) if row else None

    def last_saved_reflection(self, user_id: str) -> Row | None:
        """The user's most recently saved (or added to) reflection, if any."""
        row = self.db.one(
            "SELECT * FROM reflections WHERE user_id=? AND status='saved' "
            "ORDER BY updated_at DESC LIMIT 1", (user_id,),
        )
        return _loads(row, *_JSON["reflections"]) if row else None

    def list_reflections(self, user_id: str, status: str = "saved") -> list[Row]:
        """The user's reflections, oldest first."""
        rows = self.db.query(
            "SELECT * FROM reflections WHERE user_id=? AND status=? ORDER BY created_at, id",
            (user_id, status),
        )
        return [_loads(r, *_JSON["reflections"]) for r in rows]

    def users_with_reflections(self) -> list[str]:
        """Every user with at least one saved reflection."""
        rows = self.db.query("SELECT DISTINCT user_id FROM reflections WHERE status='saved'")
        return [str(r["user_id"]) for r in rows]

    def get_item(self, user_id: str, table: str, item_id: str) -> Row | None:
        """One reflection, credential or story of this user by id."""
        if table not in _JSON:
            raise ValueError(f"unknown table {table}")
        row = self.db.one(f"SELECT * FROM {table} WHERE id=? AND user_id=?", (item_id, user_id))
        return _loads(row, *_JSON[table]) if row else None

    def delete_item(self, user_id: str, table: str, item_id: str) -> bool:
        """Delete one item of this user; True if it existed."""
        if table not in _JSON:
            raise ValueError(f"unknown table {table}")
        with self.db.transaction():
            self.db.execute("DELETE FROM skills WHERE user_id=? AND source_id=?",
                            (user_id, item_id))
            return self.db.execute(f"DELETE FROM {table} WHERE id=? AND user_id=?",
                                   (item_id, user_id)) > 0

    # -- credentials ----------------------------------------------------------------
    def add_credential(
        self, user_id: str, *, fmt: str, filename: str | None, raw: bytes,
        achievement: dict[str, Any], verdicts: dict[str, Any], verdict: str,
        reasons: list[str], skills: list[dict[str, Any]],
    ) -> str:
        """Store an imported credential with its raw bytes and verdicts; returns its id.

        The same credential arriving again (as JSON, a baked image or nested in a CLR: see
        :func:`credential_identity`) is stored once: this form is kept beside the first
        record, whose id is returned; a valid verdict replaces a weaker one.
        """
        identity = credential_identity(achievement, raw)
        same = self.same_credential(user_id, achievement, raw)
        if same:
            with self.db.transaction():
                self.db.execute(
                    "INSERT INTO credential_forms (id, user_id, credential_id, filename, format, "
                    "raw, sha256, verdict, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    (new_id("form"), user_id, same, filename, fmt, raw,
                     hashlib.sha256(raw).hexdigest(), verdict, now_iso()))
                if verdict == "valid":
                    self.db.execute(
                        "UPDATE credentials SET verdict=?, verdicts=?, reasons=? WHERE id=? "
                        "AND user_id=?", (verdict, json.dumps(verdicts, default=str),
                                          json.dumps(reasons), same, user_id))
            return same
        cid = new_id("cred")
        self.db.execute(
            "INSERT INTO credentials (id, user_id, filename, format, raw, sha256, achievement, "
            "verdicts, verdict, reasons, skills, created_at, identity) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (cid, user_id, filename, fmt, raw, hashlib.sha256(raw).hexdigest(),
             json.dumps(achievement, default=str), json.dumps(verdicts, default=str), verdict,
             json.dumps(reasons), json.dumps(skills, default=str), now_iso(), identity),
        )
        return cid

    def same_credential(self, user_id: str, achievement: dict[str, Any],
                        raw: bytes) -> str | None:
        """The id of this user's stored record of the same credential, or None."""
        identity = credential_identity(achievement, raw)
        row = self.db.one("SELECT id FROM credentials WHERE user_id=? AND identity=? "
                          "ORDER BY created_at, id", (user_id, identity))
        return str(row["id"]) if row else None

    def credential_forms(self, user_id: str, credential_id: str) -> list[Row]:
        """The other forms (format, file name, bytes, verdict) of one stored credential."""
        return self.db.query("SELECT * FROM credential_forms WHERE user_id=? AND "
                             "credential_id=? ORDER BY created_at, id", (user_id, credential_id))

    def update_credential_check(self, user_id: str, cred_id: str, verdicts: dict[str, Any],
                                verdict: str, reasons: list[str]) -> None:
        """Replace a stored credential's verdicts after a new check (e.g. its status list)."""
        self.db.execute("UPDATE credentials SET verdicts=?, verdict=?, reasons=? WHERE id=? "
                        "AND user_id=?", (json.dumps(verdicts, default=str), verdict,
                                          json.dumps(reasons), cred_id, user_id))

    def list_credentials(self, user_id: str) -> list[Row]:
        """The user's credentials, oldest first (raw bytes included)."""
        rows = self.db.query(
            "SELECT * FROM credentials WHERE user_id=? ORDER BY created_at, id", (user_id,)
        )
        return [_loads(r, *_JSON["credentials"]) for r in rows]

    # -- uploads (files sent in chat, kept until imported or the user is forgotten) --
    def add_upload(self, user_id: str, filename: str | None, raw: bytes) -> str:
        """Keep an uploaded file aside; returns its id. Uploads older than a day go first."""
        self.purge_uploads()
        uid = new_id("upl")
        self.db.execute(
            "INSERT INTO uploads (id, user_id, filename, raw, created_at, size) "
            "VALUES (?,?,?,?,?,?)", (uid, user_id, filename, raw, now_iso(), len(raw)),
        )
        return uid

    def get_upload(self, user_id: str, upload_id: str) -> tuple[bytes, str | None] | None:
        """The bytes and name of one of this user's uploads, or None (also once discarded)."""
        row = self.db.one("SELECT raw, filename FROM uploads WHERE id=? AND user_id=?",
                          (upload_id, user_id))
        return (bytes(row["raw"]), row["filename"]) if row and len(row["raw"]) else None

    def discard_upload(self, user_id: str, upload_id: str) -> None:
        """Drop an upload's bytes and name once it was imported; its size still counts
        towards the day's quota until the row expires."""
        self.db.execute("UPDATE uploads SET raw=?, filename=NULL WHERE id=? AND user_id=?",
                        (b"", upload_id, user_id))

    def upload_bytes_today(self, user_id: str) -> int:
        """Bytes this user uploaded in the last 24 hours."""
        row = self.db.one("SELECT COALESCE(SUM(size), 0) AS n FROM uploads WHERE user_id=? "
                          "AND created_at >= ?", (user_id, _ago(UPLOAD_TTL_S)))
        return int(row["n"]) if row else 0

    def purge_uploads(self) -> int:
        """Delete every upload older than a day (imported or not); returns how many."""
        return self.db.execute("DELETE FROM uploads WHERE created_at < ?", (_ago(UPLOAD_TTL_S),))

    # -- stories ----------------------------------------------------------------------
    def save_story(self, user_id: str, story: dict[str, Any]) -> str:
        """Insert or update a story; returns its id."""
        sid = story.get("id") or new_id("sto")
        with self.db.transaction():
            self.db.execute("DELETE FROM stories WHERE id=? AND user_id=?", (sid, user_id))
            self.db.execute(
                "INSERT INTO stories (id, user_id, title, sections, citations, status, "
                "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                (sid, user_id, story.get("title", "Story"), json.dumps(story.get("sections", {})),
                 json.dumps(story.get("citations", {})), story.get("status", "draft"),
                 story.get("created_at") or now_iso(), now_iso()),
            )
        return str(sid)

    def list_stories(self, user_id: str) -> list[Row]:
        """The user's stories, oldest first."""
        rows = self.db.query(
            "SELECT * FROM stories WHERE user_id=? ORDER BY created_at, id", (user_id,)
        )
        return [_loads(r, *_JSON["stories"]) for r in rows]

    # -- skills -------------------------------------------------------------------------
    def add_skill_tags(
        self, user_id: str, source_kind: str, source_id: str, tags: list[dict[str, Any]]
    ) -> None:
        """Index the skill tags found in one item (replacing earlier tags of that item)."""
        with self.db.transaction():
            self.db.execute("DELETE FROM skills WHERE user_id=? AND source_id=?",
                            (user_id, source_id))
            for t in tags:
                self.db.execute(
                    "INSERT INTO skills (user_id, source_kind, source_id, framework, skill_id, "
                    "label, score, evidence, start_at, end_at, polarity, created_at, tag) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                    (user_id, source_kind, source_id, t["framework"], t["id"], t["label"],
                     float(t.get("score", 0)), t.get("evidence", ""), int(t.get("start", 0)),
                     int(t.get("end", 0)), t.get("polarity", "demonstrated"), now_iso(),
                     json.dumps(t, default=str)),
                )

    def user_skills(self, user_id: str) -> list[Row]:
        """Every skill tag of this user, with the item it came from."""
        rows = self.db.query(
            "SELECT * FROM skills WHERE user_id=? ORDER BY created_at", (user_id,)
        )
        return [_loads(r, "tag") for r in rows]

    def reject_skill(self, user_id: str, framework: str, skill_id: str) -> None:
        """Remember that this user rejected a skill; it is not proposed again."""
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO skill_rejections (user_id, framework, skill_id, created_at) "
                "VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                (user_id, framework, skill_id, now_iso()),
            )
            self.db.execute("DELETE FROM skills WHERE user_id=? AND framework=? AND skill_id=?",
                            (user_id, framework, skill_id))

    def rejected_skills(self, user_id: str) -> set[tuple[str, str]]:
        """(framework, skill_id) pairs this user rejected."""
        rows = self.db.query(
            "SELECT framework, skill_id FROM skill_rejections WHERE user_id=?", (user_id,)
        )
        return {(r["framework"], r["skill_id"]) for r in rows}

    # -- reminders and consent ----------------------------------------------------------
    def set_reminder(self, user_id: str, weekday: int, at_time: str, tz: str,
                     channel: str | None = None, target: str | None = None,
                     enabled: bool = True) -> None:
        """Create or replace the user's weekly reminder (weekday 0 = Monday)."""
        self.db.execute(
            "INSERT INTO reminders (user_id, weekday, at_time, tz, channel, target, enabled, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (user_id) DO UPDATE SET "
            "weekday=excluded.weekday, at_time=excluded.at_time, tz=excluded.tz, "
            "channel=COALESCE(excluded.channel, reminders.channel), "
            "target=COALESCE(excluded.target, reminders.target), enabled=excluded.enabled, "
            "updated_at=excluded.updated_at",
            (user_id, weekday, at_time, tz, channel, target, int(enabled), now_iso()),
        )

    def get_reminder(self, user_id: str) -> Row | None:
        """The user's reminder, or None."""
        return self.db.one("SELECT * FROM reminders WHERE user_id=?", (user_id,))

    def list_reminders(self) -> list[Row]:
        """All enabled reminders (re-registered at start)."""
        return self.db.query("SELECT * FROM reminders WHERE enabled=1")

    def mark_reminder_sent(self, user_id: str, week: str) -> None:
        """Record the ISO week a reminder went out."""
        self.db.execute("UPDATE reminders SET last_sent_week=? WHERE user_id=?", (week, user_id))

    def grant_consent(self, user_id: str, kind: str, text: str) -> None:
        """Record the user's consent of a kind (e.g. 'storage') with the words shown."""
        self.db.execute(
            "INSERT INTO consent (user_id, kind, granted_at, text) VALUES (?,?,?,?) "
            "ON CONFLICT (user_id, kind) DO UPDATE SET granted_at=excluded.granted_at",
            (user_id, kind, now_iso(), text),
        )

    def career_prefs(self, user_id: str) -> dict[str, Any]:
        """The user's career interests and goal (empty when never stated)."""
        row = self.db.one("SELECT prefs FROM career_prefs WHERE user_id=?", (user_id,))
        return dict(json.loads(row["prefs"])) if row else {}

    def save_career_prefs(self, user_id: str, prefs: dict[str, Any]) -> None:
        """Keep the user's career interests and goal (replacing the earlier ones)."""
        self.db.execute(
            "INSERT INTO career_prefs (user_id, prefs, updated_at) VALUES (?,?,?) "
            "ON CONFLICT (user_id) DO UPDATE SET prefs=excluded.prefs, "
            "updated_at=excluded.updated_at",
            (user_id, json.dumps(prefs, ensure_ascii=False), now_iso()))

    # -- identity linking and API keys (channels) ---------------------------------------
    def identities(self, user_id: str) -> list[Row]:
        """The platform identities of one user."""
        return self.db.query("SELECT provider, tenant, external_id FROM identities "
                             "WHERE user_id=? ORDER BY created_at", (user_id,))

    def issue_link_code(self, user_id: str, code: str, ttl_s: int = 600) -> None:
        """Store a one-time link code (hashed) for this user, valid for ``ttl_s`` seconds."""
        expires = datetime.fromtimestamp(datetime.now(UTC).timestamp() + ttl_s, UTC)
        with self.db.transaction():
            self.db.execute("DELETE FROM link_codes WHERE user_id=? OR expires_at<?",
                            (user_id, now_iso()))
            self.db.execute("INSERT INTO link_codes (code, user_id, expires_at) VALUES (?,?,?)",
                            (_digest(code), user_id, expires.isoformat(timespec="seconds")))

    def redeem_link_code(self, code: str) -> str | None:
        """The issuing user of a valid code, consuming it (single use); None if unknown or
        expired."""
        with self.db.transaction():
            row = self.db.one("SELECT user_id, expires_at FROM link_codes WHERE code=?",
                              (_digest(code),))
            self.db.execute("DELETE FROM link_codes WHERE code=?", (_digest(code),))
        if row is None or str(row["expires_at"]) < now_iso():
            return None
        return str(row["user_id"])

    def create_api_key(self, user_id: str, key: str, label: str = "default") -> None:
        """Store an API key of this user (only its hash is kept)."""
        self.db.execute("INSERT INTO api_keys (key_hash, user_id, label, created_at) "
                        "VALUES (?,?,?,?)", (_digest(key), user_id, label, now_iso()))

    def user_for_api_key(self, key: str) -> str | None:
        """The user an API key belongs to, or None."""
        row = self.db.one("SELECT user_id FROM api_keys WHERE key_hash=?", (_digest(key),))
        return str(row["user_id"]) if row else None

    def revoke_api_keys(self, user_id: str) -> int:
        """Delete every API key of this user; returns how many there were."""
        return self.db.execute("DELETE FROM api_keys WHERE user_id=?", (user_id,))

    # -- export and forget ----------------------------------------------------------------
    def export_user(self, user_id: str) -> dict[str, Any]:
        """Everything kept about the user in the records database, JSON-ready."""
        creds = self.list_credentials(user_id)
        for c in creds:
            raw = bytes(c.pop("raw"))
            try:
                c["raw_text"] = raw.decode("utf-8")
            except UnicodeDecodeError:
                import base64

                c["raw_base64"] = base64.b64encode(raw).decode()
        q = self.db.query
        return {
            "user": self.get_user(user_id),
            "identities": q("SELECT provider, tenant, external_id, created_at FROM identities "
                            "WHERE user_id=?", (user_id,)),
            "reflections": self.list_reflections(user_id),
            "reflection_drafts": self.list_reflections(user_id, status="draft"),
            "credentials": creds,
            "stories": self.list_stories(user_id),
            "skills": [r["tag"] | {"source_id": r["source_id"], "source_kind": r["source_kind"]}
                       for r in self.user_skills(user_id)],
            "skill_rejections": q("SELECT framework, skill_id, created_at FROM skill_rejections "
                                  "WHERE user_id=?", (user_id,)),
            "reminder": self.get_reminder(user_id),
            "consent": q("SELECT kind, granted_at, text FROM consent WHERE user_id=?", (user_id,)),
            "uploads": q("SELECT id, filename, created_at FROM uploads WHERE user_id=?",
                         (user_id,)),
            "shares": [_loads(r, "items") for r in q(
                "SELECT id, items, created_at, expires_at, revoked_at FROM shares "
                "WHERE user_id=?", (user_id,))],
            "api_keys": q("SELECT label, created_at, last_used_at FROM api_keys "
                          "WHERE user_id=?", (user_id,)),
            "career_prefs": self.career_prefs(user_id),
        }

    def delete_user(self, user_id: str) -> None:
        """Remove the user and every row about them."""
        tables = ["shares", "api_keys", "uploads", "credential_forms", "skills",
                  "skill_rejections", "reminders", "consent", "link_codes", "stories",
                  "credentials", "reflections", "identities", "career_prefs",
                  "memory_versions", "memory_ids",
                  "memory_snapshots"]
        with self.db.transaction():
            for table in tables:
                self.db.execute(f"DELETE FROM {table} WHERE user_id=?", (user_id,))
            self.db.execute("DELETE FROM users WHERE id=?", (user_id,))
        self.db.vacuum()


def credential_identity(achievement: dict[str, Any], raw: bytes) -> str:
    """What makes two imports the same credential: its id, else issuer + achievement +
    subject + issue date, else the exact bytes (with the name and issuer they carry).

    Args:
        achievement: the normalised achievement (``memory.schemas.Achievement`` as JSON).
        raw: the bytes as imported.

    Returns:
        A stable key; equal keys mean one credential.
    """
    if achievement.get("credential_id"):
        return "id:" + str(achievement["credential_id"]).strip()
    issuer = achievement.get("issuer_id") or achievement.get("issuer_name")
    subject, issued = achievement.get("subject_id"), str(achievement.get("issued_on") or "")
    if issuer and subject and issued and achievement.get("name"):
        parts = [str(issuer), str(achievement["name"]), str(subject), issued[:10]]
        return "sig:" + hashlib.sha256("\x1f".join(p.strip().lower() for p in parts)
                                       .encode()).hexdigest()
    named = "\x1f".join(str(achievement.get(k) or "") for k in ("name", "issuer_name"))
    return "sha:" + hashlib.sha256(raw + named.encode()).hexdigest()


_lock = threading.Lock()
_instances: dict[str, Records] = {}


def get_records(settings: Settings | None = None) -> Records:
    """The records repository for the configured store (one per target per process)."""
    settings = settings or get_settings()
    target = settings.records_url or str(settings.ensure_home() and settings.sqlite_path)
    with _lock:
        if target not in _instances:
            _instances[target] = Records(Database(target))
        return _instances[target]


def reset_records() -> None:
    """Close every open repository (tests and `memory forget` use this)."""
    with _lock:
        for rec in _instances.values():
            rec.db.close()
        _instances.clear()
