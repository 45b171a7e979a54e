"""The writer's trade as a prior: earlier reflections -> nearest ESCO occupations -> their
skills order the candidates; the shipped data is checked; a user's earlier reflections are
what the reflection flow passes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import tools.skills.tagging as tagging
from agent.capabilities.skills import tag_for_user
from tests.tools.facts.seed import WEEKS, seed
from tools.skills.context import _read, load_occupations, occupation_boost, trade_vector
from tools.skills.prior import OCCUPATIONS, PriorChecksumError

from .helpers import small_tagger

NURSE = ["did the obs round and escalated a patient whose early warning score went up",
         "gave out the morning meds on my bay and checked the controlled drugs",
         "changed a dressing on a pressure sore and updated the care plan"]


@pytest.fixture(autouse=True)
def small_index(tagger: object) -> None:
    """The real tagger over the small test index (tests/conftest.py)."""


def test_a_nurses_week_points_to_nursing_occupations() -> None:
    vector = trade_vector(NURSE)
    assert vector is not None and np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-4)
    base = small_tagger()
    boost, used = occupation_boost(base.position, len(base.framework), vector, 5, 0.06)
    health = ("nurs", "health", "medical", "hospital", "pharmac", "care", "clinical", "patient")
    assert sum(any(w in label for w in health) for label in used) >= 4, used
    levels = np.unique(boost)
    assert boost.max() == pytest.approx(0.06)
    assert np.isclose(levels[:, None], [0.0, 0.03, 0.06], atol=1e-6).any(axis=1).all()
    assert not boost[base.framework == "onet"].any()
    assert trade_vector(NURSE[:1]) is None and trade_vector(["", "  "]) is None
    assert isinstance(base.context(NURSE), np.ndarray) and base.context([]) == 0.0


def test_the_shipped_occupations_are_checked(tmp_path: Path) -> None:
    occupations = load_occupations()
    assert occupations is not None and len(occupations.labels) > 2900
    assert occupations.vectors.shape == (len(occupations.labels), 384)
    copy = tmp_path / OCCUPATIONS.name
    shutil.copy(OCCUPATIONS, copy)
    copy.write_bytes(copy.read_bytes()[:-8] + b"\0" * 8)
    with pytest.raises(PriorChecksumError):
        _read(copy)


def test_half_the_trade_boost_counts_as_evidence_and_never_more() -> None:
    """A bike mechanic's "I rebuilt a hydraulic brake" was 0.005 short of "maintain braking
    system", an essential skill of the occupation they said they do: half of the trade's boost
    now counts towards showing it; a candidate further below is never lifted by the trade."""
    base = small_tagger()
    assert base.config.context_show == 0.5
    mask = base.framework_mask("esco")
    c = int(np.flatnonzero(mask)[0])
    ordering = np.zeros(len(mask), dtype=np.float32)
    ordering[c] = base.config.context_prior
    lift = base.config.context_prior * base.config.context_show
    for own, shown in ((-lift + 0.01, True), (-lift - 0.01, False)):
        row = np.full(len(mask), -1.0, dtype=np.float32)
        row[c] = base.config.threshold["esco"] + base.prior()[c] + own
        assert (tagging._candidates(base, row + ordering, mask, None, ordering=ordering)
                == ([c] if shown else [])), own
        assert tagging._candidates(base, row, mask, None) == []  # no trade known


def test_a_reflection_is_read_with_the_users_earlier_ones(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    seen: list[Any] = []
    real = tagging.tag

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs.get("context"))
        return real(*args, **kwargs)

    monkeypatch.setattr(tagging, "tag", recording)
    uid = seed()
    tags = tag_for_user(uid, "I led a team of five volunteers at the food bank.", source_id="new")
    assert seen[-1] == [text for _, text, _ in WEEKS]
    assert "lead a team" in {t.label for t in tags}
    tag_for_user("someone-new", "I led a team of five volunteers at the food bank.")
    assert seen[-1] == []


def test_earlier_texts_are_embedded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import tools.skills.context as context

    embedded: list[str] = []
    real = context.get_tag_embedder()

    class Counting:
        def embed(self, texts: list[str]) -> np.ndarray:
            embedded.extend(texts)
            return real.embed(texts)

    monkeypatch.setattr(context, "get_tag_embedder", Counting)
    first = trade_vector(NURSE + ["a brand new week on the ward"])
    again = trade_vector(NURSE[1:] + ["a brand new week on the ward", "and one more shift"])
    assert embedded.count("a brand new week on the ward") == 1
    assert embedded.count("and one more shift") == 1
    assert first is not None and again is not None and float(first @ again) > 0.8
    assert not any(text in key for key in context._seen for text in NURSE)  # no user's words
