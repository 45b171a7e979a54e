"""The fixed clock of the credential tests (the issuers are shared: tests/conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
