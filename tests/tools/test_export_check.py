"""Every export is faithful: the ad's words never appear as the user's outside the labelled
job section, in Markdown, JSON, JSON Resume or a page."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from agent.capabilities.answers import profile_for
from tests.tools.facts.seed import seed
from tests.tools.skills.helpers import small_tagger
from tests.tools.test_profile import AD
from tools.export_check import Format, check_export
from tools.facts import facts_for
from tools.job_ads import parse
from tools.skills.tagging import set_tagger

SUPPORT_AD = """Customer Support Lead
Requirements:
- 2+ years in customer support for a software product
- Strong SQL and experience with relational databases
We offer a 4 day week and private medical insurance.
"""


@pytest.fixture(autouse=True)
def small_index() -> Iterator[None]:
    """Requirements are tagged by the real tagger over a small test index."""
    set_tagger(small_tagger())
    yield
    set_tagger(None)


def test_every_format_of_a_real_profile_passes_and_a_planted_summary_fails() -> None:
    uid = seed()
    facts = {f.id: f for f in facts_for(uid)}
    job = parse(SUPPORT_AD)
    out = profile_for(uid, SUPPORT_AD, "jsonresume")
    resume = out.facts["json_resume"]
    assert "summary" not in resume["basics"]
    assert "2+ years" not in str({k: v for k, v in resume.items() if k != "meta"})
    assert resume["meta"]["x-talentPassport"]["job"]["ad"] == SUPPORT_AD
    as_json = {k: v for k, v in out.record().items() if k != "text"}
    exports: list[tuple[Any, Format]] = [(resume, "jsonresume"), (out.facts["text"], "md"),
                                         (as_json, "json")]
    for content, fmt in exports:
        check = check_export(content, fmt, facts, job, "Ana")
        assert check.ok, (fmt, check.violations)

    planted = copy.deepcopy(resume)
    planted["basics"]["summary"] = "2+ years in customer support for a software product."
    check = check_export(planted, "jsonresume", facts, job, "Ana")
    assert not check.ok
    assert {v.rule for v in check.violations} >= {"ad_text", "unsupported_number"}

    keyword = copy.deepcopy(resume)
    keyword["skills"].append({"name": "SQL", "keywords": [
        "Strong SQL and experience with relational databases"]})
    assert any(v.rule == "ad_text" for v in check_export(keyword, "jsonresume", facts,
                                                         job, "Ana").violations)


def test_markdown_and_page_with_ad_text_as_a_claim_fail() -> None:
    uid = seed()
    facts = {f.id: f for f in facts_for(uid)}
    out = profile_for(uid, AD)
    job = parse(AD)
    assert check_export(out.facts["text"], "md", facts, job, "Ana").ok
    claimed = out.facts["text"] + "\nI bring experience migrating databases with no data loss.\n"
    assert not check_export(claimed, "md", facts, job, "Ana").ok
    page = ("<html><body><h1>Ana</h1><p>Experience migrating databases with no data loss"
            "</p></body></html>")
    bad = check_export(page, "html", facts, job, "Ana")
    assert [v.rule for v in bad.violations if v.rule == "ad_text"] == ["ad_text"]
    assert all(v.text != "Ana" for v in bad.violations)
