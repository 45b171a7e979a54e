"""Links to the passport page: the private page link the bots and the CLI hand out, and
the public URL of a share."""

from __future__ import annotations

import time

from channels.page import tokens
from settings import get_settings

PAGE_TTL_S = 3600


def base_url() -> str:
    """Where the app is reached (``PASSPORT_PUBLIC_URL``, default http://127.0.0.1:8000)."""
    return get_settings().public_url.rstrip("/")


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
