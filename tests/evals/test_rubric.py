"""The ICF rubric: skipped without a provider; with one, the real OpenAI client asks the
judge (a fake OpenAI-compatible server on 127.0.0.1) and the scores are parsed."""

from __future__ import annotations

import pytest

from evals.rubric import CRITERIA, parse_scores, score_rubric
from settings import get_settings
from tests.fakes.openai_server import FakeOpenAI, Step

CONVS = [{"id": "a", "turns": [{"user": "I fixed the printer.", "reply": "How did it go?"}],
          "stored": ["I fixed the printer."]},
         {"id": "b", "turns": [{"user": "I ran the bar alone.", "reply": "What did you do?"}]}]


def test_skipped_without_a_provider() -> None:
    assert score_rubric(CONVS)["status"].startswith("skipped")


def test_judge_scores_each_transcript(monkeypatch: pytest.MonkeyPatch) -> None:
    scores = ('{"active_listening": 4, "evokes_awareness": 3, "client_led": 5, '
              '"trust_and_safety": 5, "facilitates_growth": 2}')
    with FakeOpenAI([Step(content=f"Here you go: {scores}"), Step(content="no idea")]) as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        get_settings.cache_clear()
        report = score_rubric(CONVS)
    get_settings.cache_clear()
    assert report["status"] == "scored"
    assert report["scores"]["a"]["facilitates_growth"] == 2
    assert report["scores"]["b"] == {}
    assert report["means"]["active_listening"] == 4.0
    sent = str(fake.requests[0])
    assert "USER: I fixed the printer." in sent and "COACH: How did it go?" in sent
    assert "STORED: I fixed the printer." in sent  # the judge sees what was saved


def test_parse_scores_ignores_out_of_range() -> None:
    assert parse_scores('{"active_listening": 9, "client_led": 3}') == {"client_led": 3}
    assert set(parse_scores("{" + ", ".join(f'"{c}": 1' for c in CRITERIA) + "}")) == set(
        CRITERIA)
