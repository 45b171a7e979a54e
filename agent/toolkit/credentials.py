"""Chat tools for credentials: inspect an upload (stores nothing) and, once the user says
yes, import it. Verdicts come from the tools layer; the wording from ``prompts/``."""

from __future__ import annotations

from agent.capabilities import credentials as cred_cap
from agent.reply import Button
from agent.results import DialogUpdate, ToolResult
from agent.toolkit.runtime import Runtime, ToolOutput, agent_tool, dialog_of, run
from memory.records import get_records
from prompts import render


def _upload(user_id: str, upload_id: str | None) -> tuple[bytes, str | None] | None:
    return get_records().get_upload(user_id, upload_id) if upload_id else None


def _missing() -> ToolResult:
    return ToolResult(kind="credential_missing", reply=render("credential_missing"))


def inspect_upload(user_id: str, upload_id: str | None) -> ToolResult:
    """Verify the user's upload, explain the verdicts and ask before adding anything."""
    found = _upload(user_id, upload_id)
    if found is None:
        return _missing()
    data, name = found
    results = cred_cap.inspect_credential_bytes(data, name)
    explained = "\n\n".join(cred_cap.describe_verdict(r) for r in results)
    addable = [r for r in results if r.verdict not in cred_cap.NOT_STORED and r.achievement]
    facts = [{"format": r.format, "verdict": r.verdict, "checks": r.checks.model_dump(
        mode="json"), "name": r.achievement.name if r.achievement else None} for r in results]
    if not addable:
        return ToolResult(kind="credential_inspected", facts={"results": facts},
                          reply=render("credential_refused", explained=explained))
    return ToolResult(kind="credential_inspected", facts={"results": facts},
                      buttons=[Button(label=render("button_add_it"), data="yes"),
                               Button(label=render("button_not_now"), data="no")],
                      reply=render("credential_ask", explained=explained),
                      state=DialogUpdate(awaiting="import_confirm", pending_upload=upload_id))


def import_upload(user_id: str, upload_id: str | None) -> ToolResult:
    """Store the credentials of an upload the user agreed to add."""
    found = _upload(user_id, upload_id)
    if found is None:
        return _missing()
    data, name = found
    pairs = cred_cap.import_bytes(user_id, data, name)
    added = [r.achievement.name for r, cid in pairs if cid and r.achievement]
    if not added:
        nothing = render("credential_nothing_added")
        return ToolResult(kind="credential_imported", facts={"added": []},
                          reply=render("credential_refused", explained=nothing))
    return ToolResult(
        kind="credential_imported",
        facts={"added": added,
               "skills": [s.get("label") for r, cid in pairs if cid for s in r.skills][:10]},
        reply=render("credential_added", names=", ".join(f"\u201c{n}\u201d" for n in added)))


@agent_tool
def inspect_credential(runtime: Runtime, upload_id: str | None = None) -> ToolOutput:
    """Check a credential the user sent or pasted (signature, dates, revocation, issuer) and
    explain the verdicts in plain words. Stores nothing; asks before adding it."""
    ctx = runtime.context
    return run(inspect_upload, ctx.user_id, ctx.upload_id or upload_id)


@agent_tool
def import_credential(runtime: Runtime, upload_id: str | None = None) -> ToolOutput:
    """Add the credential the user just agreed to add to their passport."""
    pending = dialog_of(runtime).pending_upload
    return run(import_upload, runtime.context.user_id, pending or upload_id)


TOOLS = [inspect_credential, import_credential]
