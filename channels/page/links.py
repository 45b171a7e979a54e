"""Links to the passport page: the private page link the bots and the CLI hand out, and
the public URL of a share."""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from channels.page import tokens
from settings import get_settings

PAGE_TTL_S = 3600
SERVER_FILE = "server.json"


def _server_file() -> Path:
    return get_settings().home / SERVER_FILE


def record_server(host: str, port: int) -> None:
    """Note where ``passport serve`` listens, so links printed elsewhere point at it.

    Args:
        host: the interface it binds (a wildcard is reached on 127.0.0.1).
        port: the port it binds.
    """
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    path = _server_file()
    get_settings().ensure_home()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"url": f"http://{shown}:{port}", "pid": os.getpid()}))
    os.replace(tmp, path)


def clear_server() -> None:
    """Forget the note of this process's server (at shutdown)."""
    with contextlib.suppress(OSError, ValueError):
        path = _server_file()
        if json.loads(path.read_text()).get("pid") == os.getpid():
            path.unlink()


def running_server_url() -> str | None:
    """The address of the ``passport serve`` running on this data dir, if one runs."""
    try:
        note = json.loads(_server_file().read_text())
        os.kill(int(note["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    url = note.get("url")
    return url if isinstance(url, str) else None


def base_url() -> str:
    """Where the app is reached: ``PASSPORT_PUBLIC_URL`` when set, else the running server's
    real address, else http://127.0.0.1:8000."""
    settings = get_settings()
    if "public_url" not in settings.model_fields_set:
        settings_url = running_server_url() or settings.public_url
    else:
        settings_url = settings.public_url
    return settings_url.rstrip("/")


def page_token(user_id: str, ttl_s: int = PAGE_TTL_S) -> tuple[str, int]:
    """A fresh private-page token for this user and its expiry (Unix seconds)."""
    expires = int(time.time()) + ttl_s
    return tokens.sign("page", expires, u=user_id), expires


def page_link(user_id: str, ttl_s: int = PAGE_TTL_S) -> str:
    """The private passport page link of this user, valid for ``ttl_s`` seconds (1 hour).

    Args:
        user_id: whose page.
        ttl_s: how long the link works.

    Returns:
        An absolute URL under the public base URL.
    """
    return f"{base_url()}/p/{page_token(user_id, ttl_s)[0]}"


def page_reply(user_id: str, ttl_s: int = PAGE_TTL_S) -> str:
    """The chat answer to /passport: the link, how long it works, and a privacy note."""
    minutes = ttl_s // 60
    return (f"Your passport page (private; the link works for {minutes} minutes, so please "
            f"don't forward it): {page_link(user_id, ttl_s)}\nTo show an employer, create a "
            "share link on the page; you can revoke it at any time.")
