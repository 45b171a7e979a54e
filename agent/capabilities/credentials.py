"""Credential import and verification for the agent and the CLI: verify, explain, store.

The tools layer decides every verdict; this module only orchestrates it, stores what the
user chose to add (raw bytes, achievement, verdicts, skills) in records and vector memory,
and words the verdicts plainly. ``verify_*`` and ``inspect_credential_bytes`` never store.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from agent.lanes import heavy
from prompts import render
from settings import get_settings
from tools.credentials.models import CheckResult
from tools.credentials.network import Fetcher, FetchError, HttpFetcher, SuppliedDocuments

log = logging.getLogger(__name__)

__all__ = ["CheckResult", "FetchError", "Fetcher", "describe_verdict", "fetcher_with",
           "recheck_with_status_list", "status_list_id", "verdict_words",
           "import_bytes", "import_paths", "inspect_credential_bytes", "list_credentials",
           "list_trusted_issuers", "skills_for", "trust_issuer", "verify_paths"]

NOT_STORED = {"invalid", "invalid-signature"}

VERDICTS = ("valid", "invalid-signature", "expired", "not-yet-valid", "revoked",
            "unverifiable-offline", "invalid")  # each is worded in prompts/templates/verdict_*.txt


def default_fetcher(online: bool) -> Fetcher | None:
    """None offline (the default); a cached, timeout-bounded HTTPS fetcher when online."""
    if not online:
        return None
    return HttpFetcher(cache_dir=get_settings().cache_dir / "credentials", timeout=5.0)


def fetcher_with(status_lists: list[bytes], online: bool) -> Fetcher | None:
    """The fetcher for a check: status list files the user supplied are read offline first.

    Args:
        status_lists: the raw bytes of status list credentials the user brought along.
        online: allow the network for everything else.

    Raises:
        FetchError: a supplied file is not a status list document (not JSON, no id).
    """
    if not status_lists:
        return default_fetcher(online)
    return SuppliedDocuments(status_lists, fallback=default_fetcher(online))


def verify_paths(paths: Iterable[Path | str], online: bool = False,
                 fetcher: Fetcher | None = None) -> list[CheckResult]:
    """Verify files without storing anything; one result per credential found.

    Args:
        paths: files (JSON, JWS/JWT text, baked PNG or SVG).
        online: allow the network step (did:web, status lists, hosted badges).
        fetcher: an explicit fetcher (tests inject one); overrides ``online``.
    """
    from tools.credentials.verify import verify_path  # JSON-LD and proofs: not at start

    fetch = fetcher if fetcher is not None else default_fetcher(online)
    out: list[CheckResult] = []
    for p in paths:
        out.extend(verify_path(Path(p), fetcher=fetch))
    return out


def inspect_credential_bytes(data: bytes, filename: str | None = None, online: bool = False,
                             fetcher: Fetcher | None = None) -> list[CheckResult]:
    """Verify an upload or pasted text without storing it (the chat asks first)."""
    from tools.credentials.verify import verify_bytes  # JSON-LD and proofs: not at start

    fetch = fetcher if fetcher is not None else default_fetcher(online)
    return verify_bytes(data, filename, fetcher=fetch)


def skills_for(result: CheckResult, use_tagger: bool = True) -> list[dict[str, Any]]:
    """Alignment skills as issued, plus tagger skills from the description and criteria."""
    skills = list(result.skills)
    ach = result.achievement
    if ach is None or not use_tagger:
        return skills
    from tools.skills.tagging import MAX_TEXT_CHARS, tag  # loaded on first use: a slow import

    # an absurdly long description (hostile or broken) is tagged by its beginning only
    text = ". ".join(t for t in (ach.name, ach.description, ach.criteria) if t)[:MAX_TEXT_CHARS]
    seen = {(s["framework"], s["id"]) for s in skills}
    try:
        tags = tag(text)
    except Exception:  # noqa: BLE001 - tagging is a bonus, never a reason to fail an import
        log.warning("skill tagging failed for %s", ach.name, exc_info=True)
        return skills
    for t in tags:
        row = t.model_dump() if hasattr(t, "model_dump") else dict(t)
        if (row.get("framework"), row.get("id")) not in seen:
            skills.append({**row, "source": "tagger"})
    return skills


def _store(user_id: str, result: CheckResult, use_tagger: bool) -> str | None:
    from memory.records import get_records
    from memory.vectors import get_vectors

    if result.verdict in NOT_STORED or result.achievement is None:
        return None
    result.skills = skills_for(result, use_tagger)
    ach = result.achievement
    known = get_records().same_credential(user_id, ach.model_dump(mode="json"), result.raw)
    cred_id = get_records().add_credential(
        user_id, fmt=result.format, filename=result.file, raw=result.raw,
        achievement=ach.model_dump(mode="json"), verdicts=result.checks.model_dump(mode="json"),
        verdict=result.verdict, reasons=result.reasons, skills=result.skills)
    if known:  # the same credential in another form: kept with the record, indexed once
        return cred_id
    text = f"Credential: {ach.name}" + (f" from {ach.issuer_name}" if ach.issuer_name else "")
    if ach.description:
        text += f". {ach.description}"
    try:
        with heavy():
            get_vectors().add(user_id, text=text[:2000], kind="credential", source_id=cred_id,
                              metadata={"verdict": result.verdict, "format": result.format,
                                        "name": ach.name})
        tags = [s for s in result.skills if {"framework", "id", "label"} <= set(s)]
        if tags:
            get_records().add_skill_tags(user_id, "credential", cred_id, tags)
    except Exception:  # noqa: BLE001 - the record is stored; memory indexing is best effort
        log.warning("indexing credential %s failed", cred_id, exc_info=True)
    return cred_id


def _store_all(user_id: str, result: CheckResult, use_tagger: bool) -> str | None:
    """Store a credential, then each genuine credential nested in it (CLR, VP, LER-RS)."""
    cred_id = _store(user_id, result, use_tagger)
    for child in result.nested:
        if not child.file:
            child.file = result.file
        _store_all(user_id, child, use_tagger)
    return cred_id


def import_bytes(user_id: str, data: bytes, filename: str | None = None, online: bool = False,
                 fetcher: Fetcher | None = None, use_tagger: bool = True
                 ) -> list[tuple[CheckResult, str | None]]:
    """Verify and store every credential in ``data``; returns (result, stored id or None).

    Malformed or forged credentials (verdict invalid / invalid-signature) are not stored.
    """
    out = []
    for result in inspect_credential_bytes(data, filename, online, fetcher):
        out.append((result, _store_all(user_id, result, use_tagger)))
    return out


def import_paths(user_id: str, paths: Iterable[Path | str], online: bool = False,
                 fetcher: Fetcher | None = None, use_tagger: bool = True,
                 progress: Callable[[Path], None] | None = None
                 ) -> list[tuple[CheckResult, str | None]]:
    """Verify and store every credential in the files; ``progress`` is called per file."""
    from tools.credentials.verify import verify_path

    fetch = fetcher if fetcher is not None else default_fetcher(online)
    out: list[tuple[CheckResult, str | None]] = []
    for p in paths:
        path = Path(p)
        for result in verify_path(path, fetcher=fetch):
            out.append((result, _store_all(user_id, result, use_tagger)))
        if progress:
            progress(path)
    return out


STATUS_LIST_TYPES = {"BitstringStatusListCredential", "StatusList2021Credential"}


def status_list_id(data: bytes) -> str | None:
    """The id of a status list credential in ``data``, or None when it is something else."""
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
    types = doc.get("type") if isinstance(doc, dict) else None
    types = types if isinstance(types, list) else [types]
    if not STATUS_LIST_TYPES & {t for t in types if isinstance(t, str)}:
        return None
    list_id = doc.get("id")
    return list_id if isinstance(list_id, str) else None


def recheck_with_status_list(user_id: str, data: bytes) -> list[tuple[str, str]]:
    """Check again, offline, every stored credential of the user that points to the status
    list in ``data`` (the list's own proof and dates are checked first); their stored
    verdicts are updated. Returns (credential name, new verdict) for each."""
    from memory.records import get_records
    from tools.credentials.verify import verify_bytes

    list_id = status_list_id(data)
    if list_id is None:
        return []
    rec, fetcher, out = get_records(), SuppliedDocuments([data]), []
    for row in rec.list_credentials(user_id):
        raw = bytes(row["raw"])
        if list_id.encode() not in raw:
            continue
        results = verify_bytes(raw, row.get("filename"), fetcher=fetcher)
        if len(results) != 1 or results[0].verdict in NOT_STORED:
            continue
        r = results[0]
        rec.update_credential_check(user_id, str(row["id"]), r.checks.model_dump(mode="json"),
                                    r.verdict, r.reasons)
        name = r.achievement.name if r.achievement else str(row["id"])
        out.append((name, r.verdict))
    return out


def trust_issuer(issuer_id: str, name: str | None = None) -> dict[str, str]:
    """Add an issuer (DID or URL) to the user's trusted list; returns the whole list."""
    from tools.credentials.trust import add_trusted_issuer, trusted_issuers

    add_trusted_issuer(issuer_id.strip(), name)
    return trusted_issuers()


def list_trusted_issuers() -> dict[str, str]:
    """Every trusted issuer: id -> name."""
    from tools.credentials.trust import trusted_issuers

    return trusted_issuers()


def verdict_words(verdict: str) -> str:
    """A verdict in plain words."""
    return render(f"verdict_{verdict}") if verdict in VERDICTS else verdict


def describe_verdict(result: CheckResult) -> str:
    """Plain words for a result: what it is, whether it is genuine, and why."""
    ach = result.achievement
    what = f"\u201c{ach.name}\u201d" if ach else render("verdict_this_file")
    if ach and ach.issuer_name:
        what += f" from {ach.issuer_name}"
    plain = verdict_words(result.verdict)
    lines = [render("verdict_summary", what=what, plain=plain)]
    c = result.checks
    if result.verdict != "invalid" or ach is not None:
        trust = render("issuer_trusted" if c.issuer == "known" else "issuer_untrusted")
        lines.append(render("verdict_checks", proof=c.proof, dates=c.dates, status=c.status,
                            trust=trust))
    for reason in result.reasons[:4]:
        lines.append(f"- {reason}")
    return "\n".join(lines)


def list_credentials(user_id: str) -> list[dict[str, Any]]:
    """The user's stored credentials with their verdicts, oldest first (raw bytes left out)."""
    from memory.records import get_records

    return [{k: v for k, v in r.items() if k != "raw"}
            for r in get_records().list_credentials(user_id)]
