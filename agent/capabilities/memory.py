"""What the coach keeps about a user: show it, search it, export it, forget it."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent.capabilities.answers import with_draft_note
from agent.reply import Attachment, Button
from agent.results import DialogUpdate, ToolResult
from memory.erase import compact_server_files
from memory.records import get_records
from memory.vectors import get_vectors
from prompts import render
from prompts.phrasebook import FORGET_PHRASE, FORGET_PHRASE_TEXT, NO
from settings import get_settings

_RECENT = re.compile(r"\b(?:last week|before|previous(?:ly)?|earlier|recent(?:ly)?|so far)\b",
                     re.I)


def export_user(user_id: str) -> dict[str, Any]:
    """One JSON-ready document with everything kept about the user."""
    data = get_records().export_user(user_id)
    data["memories"] = [m.model_dump(mode="json") for m in get_vectors().list(user_id)]
    data["exported_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    data["format"] = "talent-passport-export/1"
    return data


EXPORT_TTL_S = 24 * 3600


def _exports() -> Path:
    return get_settings().home / "exports"


def remove_exports(user_id: str | None = None) -> int:
    """Delete export files: every one of ``user_id``, and everyone's older than a day."""
    folder, gone = _exports(), 0
    if not folder.is_dir():
        return 0
    cutoff = datetime.now(UTC).timestamp() - EXPORT_TTL_S
    for path in folder.glob("*.json"):
        if (user_id and path.name.startswith(f"{user_id}-")) or path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def forget_user(user_id: str) -> None:
    """Delete the user from records, vector memory and export files so that no file keeps
    them (checkpoints: see the service)."""
    get_vectors().erase(user_id)
    get_records().delete_user(user_id)
    remove_exports(user_id)


def compact_server(chroma_dir: Path) -> int:
    """For an operator: give a stopped Chroma server's folder the rebuild, overwrite and
    vacuum the embedded store gets after each forget; returns the memories kept.

    Raises:
        FileNotFoundError: the folder holds no Chroma store.
    """
    return compact_server_files(chroma_dir)


def repair_vectors() -> int:
    """Re-embed saved reflections that vector memory lacks (a crash between the records save
    and the Chroma write); returns how many were repaired. Runs at start."""
    rec, repaired = get_records(), 0
    for user_id in rec.users_with_reflections():
        vectors = get_vectors()
        saved = rec.list_reflections(user_id)
        present = vectors.existing(user_id, [r["id"] for r in saved])
        for r in saved:
            if r["id"] not in present:
                vectors.add(user_id, r["text"], "reflection", source_id=r["id"],
                            metadata={"week": r["week"]}, item_id=r["id"])
                repaired += 1
    return repaired


def show(user_id: str) -> ToolResult:
    """Counts of everything kept, and the latest reflection."""
    rec = get_records()
    reflections = rec.list_reflections(user_id)
    counts = {"reflections": len(reflections), "credentials": len(rec.list_credentials(user_id)),
              "stories": len(rec.list_stories(user_id)), "skills": len(rec.user_skills(user_id)),
              "memories": get_vectors().count(user_id)}
    latest = ""
    if reflections:
        last = reflections[-1]
        latest = f"\nLatest reflection ({last['week']}): \u201c{_short(last['text'])}\u201d"
    job = rec.career_prefs(user_id).get("job")
    if job:  # said when they introduced themselves (agent/middleware.py)
        latest += f"\nYour work, as you told me: \u201c{job}\u201d"
    kept = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in (
        (counts["reflections"], "reflection", "reflections"),
        (counts["credentials"], "credential", "credentials"),
        (counts["stories"], "story", "stories"), (counts["skills"], "skill tag", "skill tags"),
        (counts["memories"], "memory item", "memory items")))  # "1 reflection", not "1 reflections"
    reply = render("memory_show", "", latest=latest, kept=kept)
    return with_draft_note(user_id, ToolResult(kind="memory_show", facts=counts, reply=reply))


def recall(user_id: str, query: str, k: int = 3) -> ToolResult:
    """The user's own items nearest to the query (recent reflections for 'last week')."""
    items: list[dict[str, Any]] = []
    if _RECENT.search(query):
        for r in get_records().list_reflections(user_id)[-k:]:
            items.append({"id": r["id"], "kind": "reflection", "week": r["week"],
                          "text": r["text"]})
    if not items:
        for m in get_vectors().search(user_id, query, k=k):
            if m.distance is not None and m.distance > 0.8:
                continue
            items.append({"id": m.source_id or m.id, "kind": m.kind,
                          "week": m.metadata.get("week", ""), "text": m.text})
    if not items:
        return ToolResult(kind="recall", facts={"items": []}, reply=render("recall_empty"))
    lines = "\n".join(f"- {i['week'] or i['kind']}: \u201c{_short(i['text'])}\u201d"
                      for i in items)
    return ToolResult(kind="recall", facts={"items": items}, reply=render("recall", lines=lines))


def _export_path(user_id: str, suffix: str = ".json") -> Path:
    """A fresh private path under the data dir's exports (older exports past their day are
    removed first); every name starts with the user's id, so forget finds it."""
    remove_exports()
    get_settings().ensure_home()
    folder = _exports()
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return folder / f"{user_id}-{stamp}{suffix}"


def _write_private(target: Path, content: bytes) -> Path:
    target.write_bytes(content)
    target.chmod(0o600)
    return target


def write_export(user_id: str, target: Path | None = None) -> tuple[Path, bytes]:
    """Write the export to a private file under the data dir (or ``target``)."""
    body = json.dumps(export_user(user_id), indent=2, default=str, ensure_ascii=False).encode()
    return _write_private(target or _export_path(user_id), body), body


def keep_attachment(user_id: str, filename: str, content: bytes) -> Path:
    """Write a reply's file for a channel that cannot attach it (the terminal) to a private
    file under the data dir's exports, where the same rules as for exports hold: removed
    with the user's data on forget, and after a day."""
    return _write_private(_export_path(user_id, f"-{Path(filename).name}"), content)


def export_turn(user_id: str) -> ToolResult:
    """Chat export: write the private copy and attach the same bytes to the reply."""
    path, body = write_export(user_id)
    return ToolResult(kind="export", facts={"path": str(path), "size": len(body)},
                      reply=render("memory_export", size=len(body), where=str(path)),
                      attachments=[Attachment(filename="passport-export.json", content=body)])


def forget_turn(user_id: str, message: str, awaiting: str | None) -> ToolResult:
    """Chat flow for forgetting: ask for the exact phrase, then delete.

    Args:
        user_id: whose passport.
        message: the user's own words this turn, verbatim.
        awaiting: what the previous reply waited for (from the dialog state).
    """
    if awaiting == "forget_confirm" and FORGET_PHRASE.match(message):
        forget_user(user_id)
        return ToolResult(kind="forgotten", facts={"forgotten": True},
                          reply=render("forget_done"))
    if awaiting == "forget_confirm" and NO.match(message):
        return ToolResult(kind="forget_kept", reply=render("forget_kept"))
    again = awaiting == "forget_confirm"  # "yes" alone: the exact words, asked once more
    return ToolResult(kind="forget_confirm",
                      reply=render("forget_confirm_again" if again else "forget_confirm"),
                      buttons=[Button(label=FORGET_PHRASE_TEXT.capitalize(),
                                      data=FORGET_PHRASE_TEXT)],
                      state=DialogUpdate(awaiting="forget_confirm"))


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
