"""Every registered eval suite imports and has its table formatter (a broken import fails
here, loudly, instead of a suite silently reporting itself missing)."""

from __future__ import annotations

import pytest

from evals.harness import SUITES, load_suite


@pytest.mark.parametrize("name", sorted(SUITES))
def test_registered_suite_loads(name: str) -> None:
    run, table = load_suite(name)
    assert callable(run) and callable(table)
