"""The profiles eval can fail: a parser that finds nothing, or lets benefits through,
misses its targets, and a requirement never found is a miss, not an honoured gap."""

from __future__ import annotations

import re

import pytest

from evals import job_ads_eval
from evals.profiles import _expectations
from tools.job_ads import JobAd, Requirement, parse


def test_a_parser_that_finds_nothing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(job_ads_eval, "parse", lambda text: JobAd(title="", text=text))
    report = job_ads_eval.written_report()
    assert report["gold_found"] == 0.0
    assert any(f.startswith("gold_found") for f in job_ads_eval.failures({}, report))


def test_a_parser_that_keeps_benefits_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def everything(text: str) -> JobAd:
        ad = parse(text)
        ad.requirements += [Requirement(text=a.text, must=True) for a in ad.set_aside]
        return ad

    monkeypatch.setattr(job_ads_eval, "parse", everything)
    report = job_ads_eval.written_report()
    assert report["forbidden_kept"] > 0
    assert job_ads_eval.failures({}, report)


def test_the_real_parser_meets_the_written_targets() -> None:
    assert job_ads_eval.failures({}, job_ads_eval.written_report()) == []


def test_a_requirement_never_found_is_a_miss_not_an_honoured_gap() -> None:
    job = {"expect_covered": ["Python"], "expect_gap": ["Kubernetes"]}
    covered, honoured, false, missing = _expectations({"matches": []}, job)
    assert (covered, honoured, false, missing) == (0, 0, 0, 2)
    found = {"matches": [{"requirement": "Kubernetes", "status": "gap"},
                         {"requirement": "Python", "status": "covered"}]}
    assert _expectations(found, job) == (1, 1, 0, 0)


def test_stories_that_mix_events_fail_the_stories_targets(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    from evals import stories_eval
    from tools import stories

    monkeypatch.setattr(stories, "split_events", lambda facts: [facts])
    report = stories_eval.run_part(stories_eval.load_parts()[1])
    assert report["one_event_share"] < stories_eval.TARGETS["one_event"]
    assert any(f.startswith("stories: one_event") for f in stories_eval.failures(report))


def test_story_sentences_left_in_the_present_or_losing_a_fact_fail(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from evals import story_tense

    aside = story_tense.load_parts()[1]
    monkeypatch.setattr(story_tense, "to_past", lambda text, slot=None: text)
    report = story_tense.run_part(aside)
    assert report["past_right_share"] < story_tense.TARGETS["past_right"]
    assert any(f.startswith("story tense: past_right") for f in story_tense.failures(report))
    monkeypatch.setattr(story_tense, "to_past",
                        lambda text, slot=None: re.sub(r"\d+", "", text).replace(" is ", " was "))
    report = story_tense.run_part(aside)
    assert report["facts_kept_share"] < 1.0
    assert any("facts kept" in f for f in story_tense.failures(report))
