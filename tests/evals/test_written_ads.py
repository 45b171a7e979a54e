"""The written ads labelled line by line: a dev set that can fail, and what the parser does
with its hard lines (mission and research background, "you will" benefits, duties under
headings and bullets of every kind)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals import written_ads
from evals.job_ads_eval import all_failures, format_lines
from tools.job_ads import JobAd, Requirement, parse


def _ad(name: str) -> written_ads.WrittenAd:
    return next(a for a in written_ads.load_ads() if a.ad == name)


def _kept(name: str) -> dict[str, bool]:
    ad = _ad(name)
    return {p.text: k for p, k in zip(ad.lines, written_ads.kept_pieces(ad, parse(ad.text())),
                                      strict=True)}


def test_the_dev_set_is_varied_and_split_every_third_ad() -> None:
    ads = written_ads.load_ads()
    assert len(ads) >= 40
    assert len({a.sector for a in ads}) >= 12 and len({a.country for a in ads}) >= 12
    for ad in ads:
        kinds = {p.kind for p in ad.lines}
        assert kinds & {"requirement", "duty"} and kinds & {"benefit", "company"}, ad.ad
    tuning, aside = written_ads.split(ads)
    assert [a.ad for a in aside] == [a.ad for a in ads[2::3]]
    assert len(tuning) + len(aside) == len(ads)


def test_a_paragraph_ad_keeps_its_pieces_on_one_line() -> None:
    ad = _ad("barista-glasgow-para")
    assert ad.text().count("\n") == 0
    assert {n for n, _ in ad.numbered()} == {1}
    piece = next(p for p in ad.lines if p.kind == "benefit")
    assert written_ads.kind_of(ad, 1, piece.text[:40]) == "benefit"
    assert written_ads.kind_of(ad, 2, piece.text[:40]) is None


def test_a_parser_that_keeps_everything_or_nothing_fails(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    def everything(text: str) -> JobAd:
        ad = parse(text)
        ad.requirements += [Requirement(text=a.text, must=True, line=a.line)
                            for a in ad.set_aside]
        return ad

    ads = written_ads.load_ads()[:6]
    monkeypatch.setattr(written_ads, "parse", everything)
    report = written_ads.report("aside", ads)
    assert report["benefit_company_kept"] == report["benefit_company_lines"] > 0
    assert any("benefit/company" in f for f in written_ads.failures(report))
    monkeypatch.setattr(written_ads, "parse", lambda text: JobAd(title="", text=text))
    report = written_ads.report("aside", ads)
    assert report["kept_share"] == 0.0
    assert any("requirement/duty" in f for f in written_ads.failures(report))
    job_ads = {"skillspan_aside": {"skipped": "absent"},
               "written": {"ads": 7, "gold_found": 1.0, "must_nice_right": 1.0,
                           "forbidden_kept": 0}, "written_lines_aside": report}
    assert any("requirement/duty" in f for f in all_failures(job_ads))
    assert "requirement/duty lines kept 0.000" in format_lines(job_ads)[-1]


def test_mission_and_research_background_is_set_aside_and_the_duties_stay() -> None:
    kept = _kept("climate-startup-ops-amsterdam")
    assert not kept["Every year, 1.3 billion tonnes of food is wasted while farmers struggle "
                    "to sell what doesn't look perfect."]
    assert not kept["Oogst connects Dutch growers with restaurants and canteens that want to "
                    "cook with surplus produce."]
    assert kept["You will manage our courier partners, set up routes and fix the hiccups "
                "before customers notice them."]
    kept = _kept("amr-research-fellow-leeds")
    assert not kept["Antimicrobial resistance is one of the biggest threats to global health, "
                    "and older people in care homes are among those most exposed."]
    assert kept["Experience of qualitative interviewing and analysis in health or social care "
                "settings is essential."]


def test_what_the_reader_gets_is_set_aside_among_the_duties() -> None:
    kept = _kept("nhs-band6-physio")
    assert not kept["You will have protected time for CPD and access to the trust's neuro "
                    "in-service training programme every fortnight."]
    assert kept["Supervise Band 5 physiotherapists and rehab assistants."]
    assert not kept["Our trust provides community and mental health services to over 1 "
                    "million people across south London."]


def test_duties_under_a_purpose_heading_and_ticked_bullets_are_kept() -> None:
    ngo = parse(_ad("ngo-programme-officer-nairobi").text())
    assert "Prepare quarterly donor reports and contribute to proposal writing." in [
        d.text for d in ngo.duties]
    kept = _kept("hgv-driver-midlands-agency")
    assert kept["✅ Valid CPC and tacho card"] and kept["✅ 1 year's Class 1 experience"]
    assert not kept["✅ Weekly pay, holiday pay accrued"]


def test_the_tuning_ads_keep_their_requirements_and_set_most_firm_text_aside() -> None:
    report = written_ads.report("tuning")
    assert report["kept_share"] >= 0.9
    assert report["benefit_company_kept"] <= 0.1 * report["benefit_company_lines"]


@pytest.mark.parametrize("path", [written_ads.STRANGERS, written_ads.STRANGERS_3])
def test_the_strangers_ads_are_split_on_their_own_and_their_planted_lines_never_kept(
        path: Path) -> None:
    """Twelve ads written later by a writer who never saw our code (twice): a set of its own
    (every third ad aside), each line labelled, three with a line planted for AI screeners,
    which the parser ignores."""
    ads = written_ads.load_ads(path)
    assert len(ads) == 12 and len({a.ad for a in ads}) == 12
    planted = [(a, p) for a in ads for p in a.lines if p.kind == "instruction"]
    assert len(planted) == 3
    for ad, piece in planted:
        parsed = parse(ad.text())
        assert any(piece.text[:30] in x for x in parsed.ignored), (ad.ad, parsed.ignored)
        assert not any(piece.text[:30] in r.text for r in parsed.requirements + parsed.duties)
    report = written_ads.report("aside", ads)
    assert report["ads"] == 4 and report["requirement_duty_lines"] >= 30
