"""Job-ad parsing on real postings and on ads written in other styles.

Two checks, both able to fail:
- SkillSpan postings (aside third, see :mod:`evals.skillspan_ads`): the share of
  skill-bearing lines that became a requirement or a duty (target >= 0.90) and the
  benefit or company lines that did (target 0). Skipped when ``../shared`` is absent.
- Hand-written ads (``evals/data/job_ads/*.json``: NHS-style inline Essential/Desirable,
  "What you'll bring", "Your profile", a one-line paste, bullets of every kind, a planted
  AI-screener line): every gold requirement must be found with the right must/nice kind,
  gold duties found, and no benefit, company or instruction line may become one.
- Written ads with every line labelled (:mod:`evals.written_ads`, aside third): the share
  of requirement and duty lines kept (target >= 0.90) and the benefit or company lines
  kept (target 0).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals import written_ads
from evals.skillspan_ads import benefit_company_lines, load_postings, split
from tools.job_ads import JobAd, parse

ADS = Path(__file__).parent / "data" / "job_ads"
TARGETS = {"skill_lines_kept": 0.90, "benefit_company_kept": 0, "gold_found": 0.90,
           "must_nice_right": 0.90, "forbidden_kept": 0}


def _kept_lines(ad: JobAd) -> set[int]:
    return {r.line for r in ad.requirements + ad.duties}


def skillspan_report(part: str = "aside") -> dict[str, Any]:
    """Skill-bearing lines kept and benefit/company lines kept, on one part of the split."""
    tuning, aside = split(load_postings())
    posts = aside if part == "aside" else tuning
    if not posts:
        return {"skipped": "../shared/evals/skills/skillspan is absent"}
    skill = kept = bad = bad_total = 0
    misses: list[str] = []
    for post in posts:
        got = _kept_lines(parse("\n".join(post.lines)))
        labels = benefit_company_lines(post)
        for number, line in enumerate(post.lines, start=1):
            if post.skill[number - 1]:
                skill += 1
                kept += number in got
                if number not in got:
                    misses.append(f"{post.key}:{number} {line[:80]}")
            elif number in labels:
                bad_total += 1
                bad += number in got
    return {"part": part, "postings": len(posts), "skill_lines": skill,
            "skill_lines_kept": round(kept / skill, 3), "benefit_company_lines": bad_total,
            "benefit_company_kept": bad, "misses": misses[:40]}


def _found(gold: str, texts: list[str]) -> bool:
    low = gold.lower()
    return any(low in t.lower() or t.lower() in low and len(t) > 3 for t in texts)


def written_report() -> dict[str, Any]:
    """Gold requirements, duties and forbidden lines of the hand-written ads."""
    total = found = right = forbidden = 0
    per_ad: list[dict[str, Any]] = []
    for path in sorted(ADS.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if "ad" not in case:
            continue
        ad = parse(case["ad"])
        reqs = {r.text: r.must for r in ad.requirements}
        kept = list(reqs) + [d.text for d in ad.duties]
        hits = 0
        for gold, must in [(g, True) for g in case.get("must", [])] + \
                [(g, False) for g in case.get("nice", [])] + \
                [(g, None) for g in case.get("duties", [])]:
            total += 1
            match = [t for t in kept if _found(gold, [t])]
            hits += bool(match)
            right += bool(match) and (must is None or any(reqs.get(t) is must for t in match))
        bad = [line for line in case.get("never", []) if _found(line, kept)]
        forbidden += len(bad)
        ignored_ok = all(_found(x, ad.ignored) for x in case.get("ignored", []))
        forbidden += 0 if ignored_ok else 1
        found += hits
        per_ad.append({"ad": path.stem, "found": hits, "forbidden_kept": bad,
                       "instructions_ignored": ignored_ok})
    return {"ads": len(per_ad), "gold": total, "gold_found": round(found / max(total, 1), 3),
            "must_nice_right": round(right / max(total, 1), 3), "forbidden_kept": forbidden,
            "per_ad": per_ad}


def failures(skillspan: dict[str, Any], written: dict[str, Any]) -> list[str]:
    """The targets missed, in words (empty when every target is met)."""
    out: list[str] = []
    for report in (skillspan, written):
        for name, target in TARGETS.items():
            if name not in report:
                continue
            value = report[name]
            if name == "skill_lines_kept" and "skipped" in report:
                continue
            worse = value > target if target == 0 else value < target
            if worse:
                out.append(f"{name} {value} (target {'0' if target == 0 else f'>= {target}'})")
    return out


def job_ads_report() -> dict[str, Any]:
    """All three checks: real postings, written ads with gold, written ads labelled by line."""
    out = {"skillspan_aside": skillspan_report("aside"), "written": written_report(),
           "written_lines_aside": written_ads.report("aside")}
    for key, path, _whose in written_ads.STRANGER_SETS:
        if path.exists():
            out[key] = written_ads.report("aside", written_ads.load_ads(path))
    return out


def all_failures(job_ads: dict[str, Any]) -> list[str]:
    """The targets :func:`job_ads_report` misses, in words."""
    out = failures(job_ads["skillspan_aside"], job_ads["written"])
    for key in ("written_lines_aside", *(k for k, _, _ in written_ads.STRANGER_SETS)):
        if key in job_ads:
            out += written_ads.failures(job_ads[key])
    return out


def format_lines(job_ads: dict[str, Any]) -> list[str]:
    """One indented line per check of :func:`job_ads_report`."""
    real, written = job_ads["skillspan_aside"], job_ads["written"]
    if "skipped" in real:
        lines = [f"  real postings: skipped ({real['skipped']})"]
    else:
        lines = [f"  real postings (SkillSpan dev, aside third, {real['postings']} ads): "
                 f"skill-bearing lines kept {real['skill_lines_kept']:.3f} (target >= 0.90), "
                 f"benefit/company lines kept {real['benefit_company_kept']} of "
                 f"{real['benefit_company_lines']} (target 0)"]
    lines.append(f"  written ads ({written['ads']}): gold found {written['gold_found']:.3f}, "
                 f"must/nice right {written['must_nice_right']:.3f}, forbidden lines kept "
                 f"{written['forbidden_kept']}")
    for key, whose in (("written_lines_aside", ""),
                       *((k, w) for k, _, w in written_ads.STRANGER_SETS)):
        if key not in job_ads:
            continue
        w = job_ads[key]
        lines.append(f"  written ads labelled by line{whose} (aside third, {w['ads']} ads): "
                     f"requirement/duty lines kept {w['kept_share']:.3f} of "
                     f"{w['requirement_duty_lines']} (target >= 0.90), benefit/company lines "
                     f"kept {w['benefit_company_kept']} of {w['benefit_company_lines']} "
                     f"(target 0), application/meta lines kept {w['application_meta_kept']} "
                     f"of {w['application_meta_lines']}")
    return lines
