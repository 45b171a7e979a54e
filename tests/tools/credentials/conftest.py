"""Shared issuers for the credential tests (generated once per session: keys are cheap,
but canonicalising is not)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from evals.credential_signing import EdIssuer

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def issuer() -> EdIssuer:
    return EdIssuer.new()


@pytest.fixture(scope="session")
def other_issuer() -> EdIssuer:
    return EdIssuer.new()
