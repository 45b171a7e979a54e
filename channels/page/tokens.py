"""Signed, expiring tokens for page and share links: HMAC-SHA256 over a small JSON payload.

A token is ``<payload>.<signature>``, both base64url without padding. The payload carries
what the link opens (``k``: ``page`` or ``share``), whose or which (``u`` / ``s``) and the
expiry (``exp``, Unix seconds). The key is ``PASSPORT_SECRET_KEY`` when set, else a random
key generated once and kept (mode 0600) in the data dir, so links survive a restart and stop
working everywhere when the key changes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from typing import Any

from settings import get_settings

KEY_FILE = "page-secret.key"
MAX_TOKEN_CHARS = 600


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def secret_key() -> bytes:
    """The signing key: ``PASSPORT_SECRET_KEY``, else the data dir's key file (created once)."""
    settings = get_settings()
    if settings.secret_key:
        return settings.secret_key.encode()
    path = settings.ensure_home() / KEY_FILE
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it first; read theirs
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


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
