"""The trusted-issuer list: a small built-in list plus the user's own additions.

The user's list is ``$PASSPORT_HOME/trusted_issuers.json``: ``[{"id": DID or URL, "name":
...}]``. An issuer is "known" only when a proof by that issuer's key was verified.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from settings import get_settings

BUILTIN = Path(__file__).parent / "trusted_issuers.json"


def user_list_path() -> Path:
    """Where the user's trusted issuers are kept."""
    return get_settings().home / "trusted_issuers.json"


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return []
    return [row for row in data if isinstance(row, dict) and isinstance(row.get("id"), str)] \
        if isinstance(data, list) else []


def trusted_issuers() -> dict[str, str]:
    """id -> display name of every trusted issuer (built-in first, then the user's)."""
    rows = _read(BUILTIN) + _read(user_list_path())
    return {row["id"]: str(row.get("name") or row["id"]) for row in rows}


def add_trusted_issuer(issuer_id: str, name: str | None = None) -> None:
    """Add an issuer to the user's list (idempotent)."""
    path = user_list_path()
    rows = _read(path)
    if not any(row["id"] == issuer_id for row in rows):
        rows.append({"id": issuer_id, "name": name or issuer_id})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rows, indent=2))
