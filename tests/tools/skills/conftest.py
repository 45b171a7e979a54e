"""Fixtures for the skill tagger tests: one small index per session, installed process-wide."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.tools.skills.helpers import small_tagger
from tools.skills.tagger import Tagger
from tools.skills.tagging import set_tagger


@pytest.fixture(scope="session")
def tagger() -> Iterator[Tagger]:
    """The small test tagger, also installed as the process-wide tagger."""
    t = small_tagger()
    set_tagger(t)
    yield t
    set_tagger(None)
