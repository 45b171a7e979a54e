"""The pipeline: sniff -> unbake -> parse -> verify -> normalise, one result per credential.

Nothing here touches the network unless a fetcher is passed; nothing here stores anything.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tools.credentials import normalise, parse
from tools.credentials.formats import verify_json_doc, verify_jws_token
from tools.credentials.limits import MAX_FILE_BYTES, MAX_ITEMS_PER_FILE
from tools.credentials.models import CheckResult, CredentialError, Item
from tools.credentials.network import Fetcher, FetchError
from tools.credentials.sniff import JWS_RE, load_json, sniff
from tools.credentials.unbake import unbake_png, unbake_svg
from tools.credentials.verdict import make_checks

__all__ = ["error_result", "items_from_bytes", "verify_bytes", "verify_path"]


def _payload_item(payload: bytes, container: str) -> Item:
    text = payload.decode("utf-8", errors="replace").strip()
    if text.startswith(("{", "[")):
        return Item("json", load_json(text), container, payload)
    if text.startswith(("https://", "http://")) and len(text) < 2048 and " " not in text:
        return Item("url", text, container, payload)
    if parse_kind(text) == "jws":
        return Item("jws", text, container, payload)
    raise CredentialError(f"The {container} badge holds something that is neither JSON nor a "
                          "signed token.")


def parse_kind(text: str) -> str:
    """'jws' when ``text`` looks like a compact JWS."""
    return sniff(text.encode("ascii", errors="replace"))


def _unwrap(doc: Any) -> list[Any]:
    """A JSON array, or an OB 3.0 / CLR API response (``credential``,
    ``compactJwsStrings``), becomes its list of credentials."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict) and "@context" not in doc and (
            "compactJwsStrings" in doc or "credential" in doc):
        out: list[Any] = []
        for key in ("credential", "compactJwsStrings"):
            value = doc.get(key) or []
            out.extend(value if isinstance(value, list) else [value])
        return out or [doc]
    return [doc]


def items_from_bytes(data: bytes) -> list[Item]:
    """Every credential inside ``data`` (a JSON array counts as several)."""
    kind = sniff(data)
    if kind in ("png", "svg"):
        found = unbake_png(data) if kind == "png" else unbake_svg(data)
        if not found:
            raise CredentialError(f"This {kind.upper()} has no baked badge inside; export it "
                                  "again from the issuer's site.")
        return [_payload_item(p, kind) for _, p in found]
    if kind == "json":
        docs = _unwrap(load_json(data))
        if len(docs) > MAX_ITEMS_PER_FILE:
            raise CredentialError("This file holds too many credentials; split it up.")
        return [Item("jws", d.strip(), "json", d.encode()) if isinstance(d, str)
                and JWS_RE.match(d.strip()) else Item("json", d, "json", data) for d in docs]
    if kind == "jws":
        return [Item("jws", data.decode("ascii").strip(), "jws", data)]
    raise CredentialError("This is not a credential we can read: send a JSON file, a signed "
                          "token, or a baked PNG or SVG badge.")


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def error_result(message: str, filename: str | None, raw: bytes = b"") -> CheckResult:
    """A malformed-input result: verdict invalid, one clear reason, nothing to store."""
    return CheckResult(file=filename, format="unknown", verdict="invalid",
                       checks=make_checks("invalid", "ok", None, "unknown"),
                       reasons=[message], raw=raw)


def verify_item(item: Item, fetcher: Fetcher | None, now: datetime) -> CheckResult:
    """Verify one decoded credential."""
    if item.kind == "url":
        result = _verify_link(item.payload, fetcher, now)
    elif item.kind == "jws":
        result = verify_jws_token(item.payload, fetcher, now)
    else:
        result = verify_json_doc(item.payload, parse.detect(item.payload), fetcher, now)
    if item.container in ("png", "svg"):
        result.reasons.append(f"read from a baked {item.container.upper()} badge")
    result.raw = item.raw
    if result.achievement is not None:
        result.skills = normalise.alignment_skills(result.achievement)
    return result


def _verify_link(url: str, fetcher: Fetcher | None, now: datetime) -> CheckResult:
    """A baked badge that only holds the link to a hosted assertion."""
    if fetcher is None:
        return CheckResult(format="ob2-hosted", verdict="unverifiable-offline",
                           checks=make_checks("unverifiable-offline", "ok", None, "unknown"),
                           reasons=[f"the badge only holds a link to {url}; fetching it needs "
                                    "the network (use --online)"])
    try:
        doc = load_json(fetcher(url))
    except FetchError as exc:
        raise CredentialError(f"The hosted badge at {url} could not be fetched.") from exc
    return verify_json_doc(doc, parse.detect(doc), fetcher, now)


def verify_bytes(data: bytes, filename: str | None = None, *, fetcher: Fetcher | None = None,
                 now: datetime | None = None) -> list[CheckResult]:
    """Verify every credential in ``data``; hostile or malformed input gives one invalid result.

    Args:
        data: file contents or pasted text (JSON, compact JWS, PNG or SVG badge).
        filename: shown in results.
        fetcher: the explicit network step (None = offline, the default).
        now: the clock (tests pin it).
    """
    now = now or datetime.now(UTC)
    try:
        items = items_from_bytes(data)
    except CredentialError as exc:
        return [error_result(str(exc), filename, data[:MAX_FILE_BYTES])]
    results = []
    for item in items:
        start = time.perf_counter()
        try:
            result = verify_item(item, fetcher, now)
        except CredentialError as exc:
            result = error_result(str(exc), filename, item.raw)
        except (RecursionError, MemoryError):
            result = error_result("This credential is too deeply nested or too large to "
                                  "check.", filename, item.raw)
        result.file = filename
        result.reasons = [_one_line(r) for r in result.reasons]
        result.ms = round((time.perf_counter() - start) * 1000, 2)
        results.append(result)
    return results


def verify_path(path: Path, *, fetcher: Fetcher | None = None,
                now: datetime | None = None) -> list[CheckResult]:
    """Read a file (refusing anything over 5 MB) and verify it."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return [error_result("This file is larger than 5 MB; send the credential itself.",
                                 name)]
        data = path.read_bytes()
    except OSError as exc:
        return [error_result(f"Cannot read this file ({exc.strerror}); check the path.", name)]
    return verify_bytes(data, name, fetcher=fetcher, now=now)

