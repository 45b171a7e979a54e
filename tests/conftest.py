"""Test isolation: every test gets its own data dir and no LLM key; the network is blocked
by pytest-socket (see pyproject), except loopback for our own fake servers."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from agent.service import AgentService
    from evals.credential_signing import EdIssuer
    from tools.skills.tagger import Tagger

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PASSPORT_SHARED_DIR", REPO.parent / "shared")).resolve()

for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "PASSPORT_MODEL", "PASSPORT_RECORDS_URL",
            "PASSPORT_CHECKPOINTS_URL", "PASSPORT_CHROMA_URL", "TELEGRAM_BOT_TOKEN",
            "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
    os.environ.pop(var, None)
os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ["HF_HUB_OFFLINE"] = "1"
# Derived indexes (the skill index takes minutes to build) are shared by every test and kept
# between runs; data dirs stay private per test.
os.environ.setdefault("PASSPORT_CACHE_DIR", str(REPO / ".cache" / "passport"))


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, or skip the test cleanly when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path


def reset_stores() -> None:
    """Drop cached settings and store handles so the next call sees the current env."""
    from memory.records import reset_records
    from memory.vectors import reset_vectors
    from settings import get_settings

    reset_records()
    reset_vectors()
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def issuer() -> EdIssuer:
    """A did:key test issuer that signs real credentials (keys are cheap, canonicalising is
    not, so one per session)."""
    from evals.credential_signing import EdIssuer

    return EdIssuer.new()


@pytest.fixture(scope="session")
def other_issuer() -> EdIssuer:
    """A second, unrelated test issuer."""
    from evals.credential_signing import EdIssuer

    return EdIssuer.new()


@pytest.fixture(scope="session")
def small_index_tagger() -> Tagger:
    """The small test skill tagger (about 2,000 concepts), built or loaded once per session."""
    from tests.tools.skills.helpers import small_tagger

    return small_tagger()


@pytest.fixture
def tagger(small_index_tagger: Tagger) -> Iterator[Tagger]:
    """The small test tagger, installed as the process-wide tagger for one test (the real
    tagging path on a small real index)."""
    from tools.skills.tagging import set_tagger

    set_tagger(small_index_tagger)
    yield small_index_tagger
    set_tagger(None)


@pytest.fixture
async def service(passport_home: Path) -> AsyncIterator[AgentService]:
    """A started agent service (offline coach) on this test's private data dir."""
    from agent.service import AgentService

    async with AgentService() as started:
        yield started


@pytest.fixture(autouse=True)
def passport_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty, private PASSPORT_HOME for each test."""
    home = tmp_path / "passport-home"
    monkeypatch.setenv("PASSPORT_HOME", str(home))
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    reset_stores()
    yield home
    reset_stores()
