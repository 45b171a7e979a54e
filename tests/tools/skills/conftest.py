"""Fixtures for the skill tagger tests: one small index per session, installed process-wide
for every test that asks for it (importing a framework resets the process-wide tagger)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.tools.skills.helpers import small_tagger
from tools.skills.tagger import Tagger
from tools.skills.tagging import set_tagger


@pytest.fixture(scope="session")
def small_index_tagger() -> Tagger:
    """The small test tagger, built or loaded once per session."""
    return small_tagger()


@pytest.fixture
def tagger(small_index_tagger: Tagger) -> Iterator[Tagger]:
    """The small test tagger, installed as the process-wide tagger for one test."""
    set_tagger(small_index_tagger)
    yield small_index_tagger
    set_tagger(None)
