"""Sniff what a blob is (PNG, SVG, JSON, compact JWS) and read JSON safely."""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from tools.credentials.limits import MAX_FILE_BYTES, MAX_JSON_DEPTH
from tools.credentials.models import CredentialError

Kind = Literal["png", "svg", "json", "jws", "unknown"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JWS_RE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$")


def sniff(data: bytes) -> Kind:
    """Guess the container of ``data`` from its first bytes."""
    if len(data) > MAX_FILE_BYTES:
        raise CredentialError("This file is larger than 5 MB; send the credential itself, "
                              "not an archive or a large image.")
    if data.startswith(PNG_SIGNATURE):
        return "png"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[", b"\"")):
        return "json"
    if head.startswith(b"<") and b"<svg" in data[:65536]:
        return "svg"
    try:
        text = data.decode("ascii").strip()
    except UnicodeDecodeError:
        return "unknown"
    if JWS_RE.match(text):
        return "jws"
    return "unknown"


def _depth_ok(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        cur, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return False
        if isinstance(cur, dict):
            stack.extend((v, depth + 1) for v in cur.values())
        elif isinstance(cur, list):
            stack.extend((v, depth + 1) for v in cur)
    return True


def load_json(data: bytes | str) -> Any:
    """Parse JSON with the size and nesting limits; raise CredentialError on junk."""
    if len(data) > MAX_FILE_BYTES:
        raise CredentialError("This credential is larger than 5 MB, which is not supported.")
    text = data.decode("utf-8-sig", errors="strict") if isinstance(data, bytes) else data
    # Cheap pre-check so a deeply nested bomb never reaches the recursive parser.
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH and _max_bracket_depth(text) > \
            MAX_JSON_DEPTH:
        raise CredentialError("This JSON is nested too deeply to be a credential.")
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise CredentialError(f"This is not valid JSON ({exc.__class__.__name__}); "
                              "check the file is complete.") from exc
    if not _depth_ok(value):
        raise CredentialError("This JSON is nested too deeply to be a credential.")
    return value


def _max_bracket_depth(text: str) -> int:
    depth = best = 0
    in_str = esc = False
    for ch in text:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            best = max(best, depth)
        elif ch in "]}":
            depth -= 1
    return best
