"""Signed, expiring tokens for page and share links: HMAC-SHA256 over a small JSON payload.

A token is ``<payload>.<signature>``, both base64url without padding. The payload carries
what the link opens (``k``: ``page`` or ``share``), whose or which (``u`` / ``s``) and the
expiry (``exp``, Unix seconds). The key is ``PASSPORT_SECRET_KEY`` when set, else a random
key generated once and kept (mode 0600) in the data dir, so links survive a restart and stop
working everywhere when the key changes.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from pathlib import Path
from typing import Any

from settings import get_settings

log = logging.getLogger(__name__)

KEY_FILE = "page-secret.key"
MAX_TOKEN_CHARS = 600


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


KEY_HEX_CHARS = 64


def _usable(text: str) -> bool:
    """A key file's text is a whole key: at least 64 characters (ours are 32 random bytes
    in hex; an operator's own longer key is kept)."""
    return len(text) >= KEY_HEX_CHARS


def _write_key(path: Path, replace: bool) -> None:
    """Write a fresh key to a private temporary file, flushed to disk, then move it into
    place in one step: a crash leaves the old file or the new one, never a torn one.
    Without ``replace`` an existing file (another process's key) wins."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(KEY_HEX_CHARS // 2))
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def secret_key() -> bytes:
    """The signing key: ``PASSPORT_SECRET_KEY``, else the data dir's key file (created once).

    A key file that is empty or short (an interrupted first write) is replaced by a
    fresh key: signing with it would let anyone forge links. Links signed before stop
    working, which is the safe outcome.
    """
    settings = get_settings()
    if settings.secret_key:
        return settings.secret_key.encode()
    path = settings.ensure_home() / KEY_FILE
    if not path.exists():
        _write_key(path, replace=False)
    text = path.read_text().strip()
    if not _usable(text):
        log.warning("the page link key file %s was unusable (%d characters); a new key was "
                    "written", path, len(text))
        _write_key(path, replace=True)
        text = path.read_text().strip()
    return text.encode()


def _mac(body: str) -> str:
    return _b64(hmac.new(secret_key(), body.encode(), hashlib.sha256).digest())


def sign(kind: str, expires_at: int, **claims: str) -> str:
    """A token for ``kind`` valid until ``expires_at`` (Unix seconds).

    Args:
        kind: what the link opens (``page`` or ``share``).
        expires_at: expiry as Unix seconds.
        claims: short string claims (``u`` user id, ``s`` share id).

    Returns:
        The URL-safe token.
    """
    payload = {"k": kind, "exp": int(expires_at), **claims}
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    return f"{body}.{_mac(body)}"


def verify(token: str, kind: str, now: float | None = None) -> dict[str, Any] | None:
    """The payload of a genuine, unexpired token of ``kind``; None for anything else.

    Args:
        token: the token from the URL.
        kind: the kind the route expects.
        now: the clock (tests pin it).
    """
    if not token or len(token) > MAX_TOKEN_CHARS or token.count(".") != 1:
        return None
    body, mac = token.split(".")
    if not hmac.compare_digest(mac.encode(), _mac(body).encode()):
        return None
    try:
        payload = json.loads(_unb64(body))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict) or payload.get("k") != kind:
        return None
    exp = payload.get("exp")
    if not isinstance(exp, int) or exp <= (time.time() if now is None else now):
        return None
    return payload
