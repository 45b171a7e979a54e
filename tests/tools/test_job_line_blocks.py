"""The second look at a job ad's kept lines: company history and what the reader gets are
set aside in their block; what the reader does stays a requirement or duty."""

from __future__ import annotations

import numpy as np

from tools import job_line_blocks as blocks
from tools.job_ads import JobAd, parse
from tools.job_lines import KINDS_WEIGHTS, _committed, threshold, trained_models
from tools.understanding.head import Head

HAULAGE = """HGV Class 1 Driver
Mercer Haulage started with one lorry in 1972 and today runs a fleet of 140 vehicles from depots in Doncaster and Hull.
Our customers include some of the UK's biggest supermarkets and we have won Haulier of the Year twice.
Complete daily vehicle walkaround checks and report defects.
Valid Class C+E licence, CPC and digi card required."""  # noqa: E501

ELECTRICIAN = """Maintenance Electrician - Food Factory
Founded in 1987 in Preston, Harlow Foods has grown into one of the North West's largest chilled food producers.
Over the past ten years the business has opened three new sites and now employs more than 900 people.
You will carry out planned and reactive maintenance on packing lines.
Fault-finding on PLC controlled equipment (Allen Bradley or Siemens).
18th Edition wiring regulations.
You will join a friendly engineering team and get real opportunities to progress into a shift lead role.
Company van, overtime paid at time and a half, and a generous pension scheme."""  # noqa: E501

CARE_HOME = """Healthcare Assistant - Nights
Sunnyside Care is a family-run group of nursing homes that has been caring for older people across Kent since 1994.
Our homes have been rated Good by the CQC and our residents are at the heart of everything we do.
Record care notes accurately on our electronic system.
Experience in dementia care would be an advantage.
In return you will experience a supportive atmosphere, meet caring colleagues and be offered paid training towards NVQ Level 3."""  # noqa: E501


def _kept(ad: JobAd) -> list[str]:
    return [r.text for r in ad.requirements + ad.duties]


def _aside(ad: JobAd) -> dict[str, str]:
    return {a.text: a.why for a in ad.set_aside}


def test_company_history_in_its_block_is_set_aside_and_the_duties_stay() -> None:
    ad = parse(HAULAGE)
    history = ("Mercer Haulage started with one lorry in 1972 and today runs a fleet of 140 "
               "vehicles from depots in Doncaster and Hull.")
    assert _aside(ad)[history] == "company"
    assert not any("lorry" in t for t in _kept(ad))
    assert "Complete daily vehicle walkaround checks and report defects." in _kept(ad)
    assert any("Class C+E licence" in t for t in _kept(ad))


def test_what_the_reader_gets_after_you_will_is_not_a_duty() -> None:
    ad = parse(ELECTRICIAN)
    gets = ("You will join a friendly engineering team and get real opportunities to progress "
            "into a shift lead role.")
    assert gets in _aside(ad)
    assert not any("shift lead" in t for t in _kept(ad))
    assert "You will carry out planned and reactive maintenance on packing lines." in _kept(ad)
    assert any("PLC" in t for t in _kept(ad))


def test_a_line_that_opens_with_a_verb_of_doing_stays_among_firm_lines() -> None:
    ad = parse(CARE_HOME)
    assert "Record care notes accurately on our electronic system." in _kept(ad)
    assert not any("CQC" in t or "supportive atmosphere" in t for t in _kept(ad))
    lines = ["Our homes are small and homely.", "Record care notes accurately."]
    rows = blocks.features(lines, [None, None], np.full((2, 4), 0.25), [0.1, 0.1])
    assert rows.shape == (2, blocks.WIDTH)
    assert rows[1, blocks.DOES] == 1.0 and rows[0, blocks.DOES] == 0.0
    assert blocks.keep_probabilities(rows)[1] == 1.0


def test_verbs_of_doing_come_from_skill_labels_not_knowledge_or_function_words() -> None:
    verbs = blocks.skill_verbs()
    assert {"record", "support", "build", "deliver", "plan", "write"} <= verbs
    assert not {"the", "our", "experience", "knowledge", "excellent", "you"} & verbs


def test_the_trained_head_is_small_and_sure_of_its_threshold() -> None:
    assert blocks.WEIGHTS.stat().st_size < 20_000
    assert 0.0 < blocks.threshold() < 0.5
    head = blocks._model()
    assert head is not None and head[0].weights.shape == (blocks.WIDTH, 2)


def test_cross_validation_models_are_used_only_inside_their_block() -> None:
    weights, committed = _committed()
    with trained_models((weights, 0.99), (Head.load(KINDS_WEIGHTS), 0.5)):
        assert threshold() == 0.99
    assert threshold() == committed
