"""Who is speaking: platform identities, and joining two accounts with a one-time code.

Accounts are joined only by a code the person issued from one account and typed into the
other within ten minutes; never by names or e-mail addresses. The redeeming identity moves
onto the issuing user; an account that already holds its own passport is never merged.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from memory.records import get_records

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_TTL_S = 600
MAX_FAILURES = 5


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
        return False, "Too many wrong codes; please wait ten minutes and try again."
    current = rec.find_user(provider, tenant, external_id)
    if current and _has_passport(current):
        return False, ("This account already has its own passport, so I won't merge it; "
                       "send /link here to get a code and enter it on your other account.")
    owner = rec.redeem_link_code(_normalise(code))
    if owner is None or rec.get_user(owner) is None:
        rec.coordination.note_link_failure(key)
        return False, "That code is unknown or has expired; send /link on your other " \
                      "account for a new one."
    if owner == current:
        return False, "That code came from this same account; enter it on your other one."
    rec.link_identity(owner, provider, tenant, external_id)
    if current and not rec.identities(current):
        rec.delete_user(current)
    return True, "Linked: this account now shares one passport with your other account."


def link_reply(user_id: str, args: str, provider: str, tenant: str, external_id: str) -> str:
    """The answer to ``/link`` (issue a code) or ``/link CODE`` (redeem it)."""
    if args.strip():
        return redeem(args, provider, tenant, external_id)[1]
    code = issue_code(user_id)
    return (f"Your one-time link code is {code}. On your other account (Telegram or Slack) "
            f"send: /link {code} (in Slack: /passport link {code}). It expires in 10 minutes "
            "and works once.")
