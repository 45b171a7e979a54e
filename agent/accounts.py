"""Accounts: the one door from channels and the CLI to users, identities, consent, API keys
and link codes (channels never open the records store themselves).

Accounts are joined only by a code the person issued from one account and typed into the
other within ten minutes; never by names or e-mail addresses. The redeeming identity moves
onto the issuing user; an account that already holds its own passport is never merged.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from typing import Any

from memory.records import get_records
from memory.schemas import clean_display_name
from prompts import render

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_TTL_S = 600
MAX_FAILURES = 5


def told_name(user_id: str) -> str | None:
    """The name the person told the coach in an introduction ("hi, I'm Gareth"), if any."""
    return clean_display_name(get_records().career_prefs(user_id).get("name"))


def shown_name(user_id: str) -> str | None:
    """How the person is named in what the coach writes for them (a greeting, a profile, the
    page): the name they told the coach, else the platform's, else None."""
    user = get_records().get_user(user_id)
    return a_name(told_name(user_id) or
                  clean_display_name(user["display_name"] if user else None))


def a_name(name: str | None) -> str | None:
    """The name, or None when it has no letter: a terminal or API user named by a number
    ("--user 1") is greeted and shown without it ("Hi there!", not "Hi 1!")."""
    return name if name and any(ch.isalpha() for ch in name) else None


def user_for(provider: str, tenant: str, external_id: str,
             display_name: str | None = None) -> str:
    """The user id behind a platform identity (created on first contact)."""
    return get_records().ensure_user(provider, tenant, external_id, display_name)


def find_user(provider: str, tenant: str, external_id: str) -> str | None:
    """The user id behind a platform identity, or None when there is none yet."""
    return get_records().find_user(provider, tenant, external_id)


def get_user(user_id: str) -> dict[str, Any] | None:
    """The user's row (id, display name, created), or None after forgetting."""
    return get_records().get_user(user_id)


def identities(user_id: str) -> list[dict[str, Any]]:
    """Every platform identity of the user (provider, tenant, external id)."""
    return list(get_records().identities(user_id))


def first_delivery(key: str) -> bool:
    """True for the one worker that sees a platform delivery (a Telegram update, a Slack
    event) first; False for every repeat, on any worker of the store."""
    return get_records().coordination.first_delivery(key)


def all_users() -> list[dict[str, Any]]:
    """Every user with their identities (for an operator's listing)."""
    rec = get_records()
    return [{**u, "identities": rec.identities(str(u["id"]))} for u in rec.list_users()]


def grant_consent(user_id: str, kind: str, text: str) -> None:
    """Record that the user was shown ``text`` and agreed to ``kind`` (e.g. storage)."""
    get_records().grant_consent(user_id, kind, text)


def create_api_key(name: str, label: str = "default") -> tuple[str, str]:
    """A new API key for the HTTP user called ``name`` (created on first use).

    Returns:
        (user id, the key): the key is shown once; only its hash is stored.
    """
    user_id = user_for("http", "api", name, display_name=name)
    key = "tp_" + secrets.token_urlsafe(32)
    get_records().create_api_key(user_id, key, label)
    return user_id, key


def user_for_api_key(key: str) -> str | None:
    """The owner of an API key, or None for an unknown or revoked key."""
    return get_records().user_for_api_key(key) if key else None


def revoke_api_keys(name: str) -> int:
    """Revoke every API key of the HTTP user called ``name``; returns how many."""
    user_id = find_user("http", "api", name)
    return get_records().revoke_api_keys(user_id) if user_id else 0


def issue_code(user_id: str) -> str:
    """A fresh one-time link code for this user, shown as ``ABCD-EFGH``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
    get_records().issue_link_code(user_id, raw, CODE_TTL_S)
    return f"{raw[:4]}-{raw[4:]}"


def _normalise(code: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", code.upper())


def _has_passport(user_id: str) -> bool:
    rec = get_records()
    return bool(rec.list_reflections(user_id) or rec.list_credentials(user_id)
                or rec.list_stories(user_id))


def _limited(key: str) -> bool:
    """Too many wrong codes from this identity lately (counted in the store, so the limit
    holds across every worker)."""
    window = timedelta(seconds=CODE_TTL_S)
    return get_records().coordination.link_failures(key, window) >= MAX_FAILURES


def redeem(code: str, provider: str, tenant: str, external_id: str) -> tuple[bool, str]:
    """Join this identity to the account that issued ``code``.

    Returns:
        (linked, a one-sentence message for the person).
    """
    rec = get_records()
    key = f"{provider}:{tenant}:{external_id}"
    if _limited(key):
        return False, render("link_too_many")
    current = rec.find_user(provider, tenant, external_id)
    if current and _has_passport(current):
        return False, render("link_has_passport")
    owner = rec.redeem_link_code(_normalise(code))
    if owner is None or rec.get_user(owner) is None:
        rec.coordination.note_link_failure(key)
        return False, render("link_unknown")
    if owner == current:
        return False, render("link_same_account")
    rec.link_identity(owner, provider, tenant, external_id)
    if current and not rec.identities(current):
        rec.delete_user(current)
    return True, render("link_done")


def link_reply(user_id: str, args: str, provider: str, tenant: str, external_id: str) -> str:
    """The answer to ``/link`` (issue a code) or ``/link CODE`` (redeem it)."""
    if args.strip():
        return redeem(args, provider, tenant, external_id)[1]
    code = issue_code(user_id)
    return render("link_code", code=code)
