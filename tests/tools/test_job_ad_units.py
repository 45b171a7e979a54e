"""Ads pasted as one paragraph or one line: sentences (also lower-case ones), inline labels,
a title glued to the first sentence and comma-joined notes each become units of their own,
and a sentence with a subject or verb is never taken for the title."""

from __future__ import annotations

import time

from tools import job_ad_rules as rules
from tools.job_ad_units import clauses, sentences, units
from tools.job_ads import parse


def _kept(text: str) -> list[str]:
    ad = parse(text)
    return [r.text for r in ad.requirements + ad.duties]


def test_lower_case_paragraph_is_split_into_its_sentences() -> None:
    text = ("pot wash / kitchen porter wanted for our pub kitchen in ripon. must be able to "
            "work weekends and late nights, washing pots and keeping the kitchen spotless. "
            "no experience needed as full training given. £11.44 ph. message us on facebook")
    kept = _kept(text)
    assert any(t.startswith("must be able to work weekends") and "£" not in t for t in kept)
    assert not any("11.44" in t or "facebook" in t for t in kept)
    assert not any(t.startswith("pot wash") for t in kept)


def test_abbreviations_do_not_end_a_sentence() -> None:
    assert len(sentences("Experience of bookkeeping software e.g. Xero or Sage, incl. VAT "
                         "returns and payroll for about 40 small clients.")) == 1
    assert len(sentences("Dr. Mensah runs the clinic at No. 5 Harbour Street and needs a "
                         "receptionist three mornings a week.")) == 1
    assert sentences("Shift starts at 6am sharp on weekdays. we need you there by 5.45 to "
                     "open the bakery ovens.")[1].startswith("we need you")


def test_title_glued_to_the_first_sentence_is_taken_apart() -> None:
    ad = parse("Night care assistant, Wigan We're looking for a patient carer for our 32 bed "
               "residential home. You'll help residents with washing, repositioning and "
               "getting settled, and record care on Nourish. Enhanced DBS required.")
    assert ad.title == "Night care assistant, Wigan"
    assert any(d.text.startswith("You'll help residents") for d in ad.duties)
    assert any(r.text == "Enhanced DBS required." for r in ad.requirements)


def test_inline_labels_in_a_one_line_paste_open_their_sections() -> None:
    ad = parse("Groundworker - Swindon About us: Kestrel Civils has built roads and drainage "
               "across Wiltshire since 1991. Requirements: CSCS card, 2 years groundworks "
               "experience, happy working outdoors in all weathers. What we offer: £16 per "
               "hour, overtime at time and a half, free PPE. How to apply: ring Sandra on "
               "01793 000 000.")
    assert ad.title == "Groundworker - Swindon"
    aside = {a.text: a.why for a in ad.set_aside}
    assert aside["About us: Kestrel Civils has built roads and drainage across Wiltshire "
                 "since 1991."] == "company"
    assert any("free PPE" in t and why == "benefit" for t, why in aside.items())
    assert any(r.text.startswith("CSCS card, 2 years") and r.must for r in ad.requirements)
    assert not any("PPE" in r.text or "Sandra" in r.text for r in ad.requirements)


def test_a_sentence_with_a_subject_or_verb_is_no_title() -> None:
    assert rules.title("Looking for a barista who can do latte art") is None
    assert rules.title("We need a tandoor chef for weekends") is None
    assert rules.title("Sous Chef - Riverside Brasserie") == "Sous Chef - Riverside Brasserie"
    assert rules.title("Claims Handler II") == "Claims Handler II"
    assert rules.title("Care Assistant I") == "Care Assistant I"
    assert parse("Looking for a barista who can do latte art").title == ""


def test_first_sentence_naming_the_role_is_the_title_not_a_requirement() -> None:
    ad = parse("Trainee payroll officer for a school trust in Derby. You will process "
               "monthly payroll for 600 staff in Sage and answer pay queries from schools. "
               "Good Excel is essential, a CIPP qualification is desirable.")
    assert ad.title == "Trainee payroll officer for a school trust in Derby"
    assert not any("school trust" in r.text for r in ad.requirements)
    assert any(r.text.startswith("Good Excel is essential") for r in ad.requirements)


def test_comma_notes_with_pay_and_how_to_apply_are_split() -> None:
    text = ("Needed HGV class 2 driver for early shifts Bedford, CPC and tacho card needed, "
            "2 yrs multi drop experiance, £15.20 an hour, paid weekly, apply thru Indeed")
    assert clauses(text)[-1] == "apply thru Indeed"
    kept = _kept(text)
    assert "CPC and tacho card needed" in kept
    assert not any("15.20" in t or "Indeed" in t for t in kept)


def test_a_clause_of_pay_leaves_the_requirement_whole() -> None:
    assert clauses("Experience of Sage payroll and pensions auto-enrolment, £28k per year, "
                   "hybrid working") == ["Experience of Sage payroll and pensions "
                                         "auto-enrolment", "£28k per year, hybrid working"]
    assert clauses("Interested applicants kindly mail your resume to the HR desk, mention "
                   "present CTC and joining time") == [
        "Interested applicants kindly mail your resume to the HR desk, mention present CTC "
        "and joining time"]
    assert clauses("Helping clients with personal care, washing, dressing and continence "
                   "care") == ["Helping clients with personal care, washing, dressing and "
                               "continence care"]


def test_must_and_nice_read_per_chunk() -> None:
    ad = parse("Mobile mechanic\nRequirements:\nLevel 3 light vehicle qualification "
               "essential; MOT tester status desirable")
    kinds = {r.text: r.must for r in ad.requirements}
    assert kinds == {"Level 3 light vehicle qualification essential": True,
                     "MOT tester status desirable": False}


def test_long_pasted_lines_split_in_linear_time() -> None:
    """Boundaries are checked on a bounded window: no line costs quadratic time."""
    for line in ("word. " * 15000, "Role About us: x " * 6000, "x, " * 30000 + "£5 per hour",
                 "Mr. " * 20000, "night shift We are " * 8000):
        began = time.perf_counter()
        units(line)
        assert time.perf_counter() - began < 2.0
