"""Chat tools for credentials: inspect an upload (stores nothing) and, once the user says
yes, import it. Verdicts come from the tools layer; the wording from ``prompts/``."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langchain_core.tools import tool

from agent.capabilities import credentials as cred_cap
from agent.toolkit import Runtime, result
from prompts import render


def _upload(user_id: str, upload_id: str | None) -> tuple[bytes, str | None] | None:
    from memory.records import get_records

    return get_records().get_upload(user_id, upload_id) if upload_id else None


def _pending(runtime: Runtime) -> str | None:
    for msg in reversed(runtime.state["messages"]):
        if isinstance(msg, AIMessage) and not msg.tool_calls:
            return msg.additional_kwargs.get("pending_upload")
    return None


def inspect_upload(user_id: str, upload_id: str | None) -> dict[str, Any]:
    """Verify the user's upload, explain the verdicts and ask before adding anything."""
    found = _upload(user_id, upload_id)
    if found is None:
        return {"kind": "credential_missing", "reply": render("credential_missing")}
    data, name = found
    results = cred_cap.inspect_credential_bytes(data, name)
    explained = "\n\n".join(cred_cap.describe_verdict(r) for r in results)
    addable = [r for r in results if r.verdict not in cred_cap.NOT_STORED and r.achievement]
    facts = [{"format": r.format, "verdict": r.verdict, "checks": r.checks.model_dump(
        mode="json"), "name": r.achievement.name if r.achievement else None} for r in results]
    if not addable:
        return {"kind": "credential_inspected", "results": facts,
                "reply": render("credential_refused", explained=explained)}
    return {"kind": "credential_inspected", "results": facts, "awaiting": "import_confirm",
            "pending_upload": upload_id,
            "buttons": [{"label": "Add it", "data": "yes"}, {"label": "Not now", "data": "no"}],
            "reply": render("credential_ask", explained=explained)}


def import_upload(user_id: str, upload_id: str | None) -> dict[str, Any]:
    """Store the credentials of an upload the user agreed to add."""
    found = _upload(user_id, upload_id)
    if found is None:
        return {"kind": "credential_missing", "reply": render("credential_missing")}
    data, name = found
    pairs = cred_cap.import_bytes(user_id, data, name)
    if upload_id:  # imported: the credential keeps its own bytes, the upload is not needed
        from memory.records import get_records

        get_records().discard_upload(user_id, upload_id)
    added = [r.achievement.name for r, cid in pairs if cid and r.achievement]
    if not added:
        return {"kind": "credential_imported", "added": [],
                "reply": render("credential_refused", explained="Nothing could be added.")}
    return {"kind": "credential_imported", "added": added,
            "skills": [s.get("label") for r, cid in pairs if cid for s in r.skills][:10],
            "reply": render("credential_added", names=", ".join(f"\u201c{n}\u201d"
                                                                 for n in added))}


@tool
def inspect_credential(runtime: Runtime, upload_id: str | None = None) -> str:
    """Check a credential the user sent or pasted (signature, dates, revocation, issuer) and
    explain the verdicts in plain words. Stores nothing; asks before adding it."""
    ctx = runtime.context
    return result(inspect_upload)(ctx.user_id, ctx.upload_id or upload_id)


@tool
def import_credential(runtime: Runtime, upload_id: str | None = None) -> str:
    """Add the credential the user just agreed to add to their passport."""
    return result(import_upload)(runtime.context.user_id, _pending(runtime) or upload_id)


TOOLS = [inspect_credential, import_credential]
