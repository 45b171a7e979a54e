"""How to apply, the contract and the place are never requirements, even under a
requirements heading and with "must" in them; requirements that use the same words stay."""

from __future__ import annotations

import time

import pytest

from tools.job_ad_terms import HOW_TO_APPLY, terms_reason
from tools.job_ads import parse


def _under_requirements(line: str) -> tuple[bool, list[str]]:
    """Whether the line (4th of a small ad, under "Essential criteria") is kept, and why not."""
    ad = parse(f"Kitchen supervisor\nEssential criteria:\nFood hygiene level 3\n{line}\n"
               "Able to lead a team of six\nWhat we offer\nStaff meals on shift")
    kept = any(r.line == 4 for r in ad.requirements + ad.duties)
    return kept, [a.why for a in ad.set_aside if a.line == 4]


@pytest.mark.parametrize(("line", "why"), [
    ("Applicants must email a CV and short cover letter to rota@copperpot.example by 9 May.",
     "application"),
    ("Kindly share your latest resume with current and expected salary.", "application"),
    ("Interviews are expected to take place in the week of 23 June.", "application"),
    ("Closing date: midnight Sunday", "metadata"),
    ("Shortlisted candidates will be invited to a trial shift.", "application"),
    ("Applications should be completed on the council's careers portal.", "application"),
    ("To apply, pop in and ask for Tomasz, or ring Tomasz on 0113 496 0721.", "application"),
    ("Please quote reference KS-118 on your form.", "application"),
    ("This is a 9 month fixed-term post covering maternity leave.", "metadata"),
    ("Permanent, full time, 40 hrs", "metadata"),
    ("Based at our Headingley site.", "metadata"),
    ("Department of Hospitality Services, Facilities Directorate", "metadata"),
])
def test_application_and_contract_lines_are_set_aside(line: str, why: str) -> None:
    kept, reasons = _under_requirements(line)
    assert not kept
    assert reasons == [why]


@pytest.mark.parametrize("line", [
    "Able to apply allergen controls and HACCP procedures on every shift.",
    "Must be confident sending supplier orders and checking invoices.",
    "Experience of interviewing and training new kitchen staff.",
    "Skilled at writing funding applications to local trusts.",
    "Happy to take phone calls on a busy reservations line.",
    "Must hold a valid work permit for Ireland.",
])
def test_requirements_with_the_same_words_stay(line: str) -> None:
    assert terms_reason(line) is None
    assert _under_requirements(line)[0]


def test_terms_patterns_run_in_linear_time() -> None:
    for line in ("send " * 16000, "a" * 80000, "apply " * 16000, "x@" * 40000,
                 "based in " + "leeds " * 14000, "Department of " + "x " * 40000):
        began = time.perf_counter()
        HOW_TO_APPLY.search(line)
        terms_reason(line)
        assert time.perf_counter() - began < 2.0
