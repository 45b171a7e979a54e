"""The ESCO usage prior: the committed table is what the build step makes from the official
download, it is checked at load, and it ranks a widely used skill above a niche one."""

from __future__ import annotations

import gzip
import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tools.skills.prior import RECIPE, TABLE, PriorChecksumError, build, load_counts, prior_vector
from tools.skills.tagger import Tagger

from .helpers import small_tagger

OFFICIAL = Path(__file__).resolve().parents[4] / "shared" / "taxonomies" / "esco-v1.1.1"
URI = "http://data.europa.eu/esco/skill/"


def _uri_of(label: str) -> str:
    concepts = small_tagger().index.data.concepts
    return next(c.id for c in concepts if c.framework == "esco" and c.label == label)


def test_widely_used_skills_weigh_more_than_niche_ones() -> None:
    wide, niche = _uri_of("lead a team"), _uri_of("lead the dental team")
    essential, optional, reuse = load_counts()[wide]
    assert essential + optional > 40 and reuse  # "lead a team" is cross-sector
    vec = prior_vector([wide, niche, "onet:4.A.1.a.1", URI + "not-a-skill"], 0.06, 0.02)
    assert vec[0] > vec[1] > 0.0
    assert vec[2] == vec[3] == 0.0  # O*NET and unknown ids get nothing
    assert vec[0] <= 0.06 * 1.5 + 0.02
    assert not prior_vector([wide], 0.0, 0.0).any()


def test_a_changed_table_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / TABLE.name
    shutil.copy(TABLE, copy)
    recipe = json.loads(RECIPE.read_text())
    (tmp_path / RECIPE.name).write_text(json.dumps({**recipe, "sha256": "0" * 64}))
    with pytest.raises(PriorChecksumError):
        load_counts(copy)
    assert load_counts(tmp_path / "absent.tsv.gz") == {}


@pytest.mark.skipif(not OFFICIAL.exists(), reason="../shared/taxonomies is absent")
def test_the_build_step_reproduces_the_committed_table(tmp_path: Path) -> None:
    recipe = build(OFFICIAL, tmp_path / TABLE.name)
    committed = json.loads(RECIPE.read_text())
    assert recipe["sha256"] == committed["sha256"]
    assert recipe["occupations"] == committed["occupations"]  # type: ignore[comparison-overlap]
    rows = gzip.decompress((tmp_path / TABLE.name).read_bytes()).decode().splitlines()
    assert len(rows) == recipe["skills"] == 13896


def test_the_prior_orders_candidates_but_does_not_make_weak_evidence_shown() -> None:
    base = small_tagger()
    plain = Tagger(base.index, replace(base.config, prior_occupations=0.0, prior_reuse=0.0))
    text = ["I kept the crew together and told everyone what to do on the night shift."]
    with_prior = base.score_texts(text)[1][0]
    without = plain.score_texts(text)[1][0]
    lead = base.position[("esco", _uri_of("lead a team"))]
    lifted = with_prior - without
    assert lifted[lead] == pytest.approx(base.prior()[lead], abs=1e-5) and lifted[lead] > 0.03
    # a score that passes only because of the prior is not shown
    from tools.skills.tagging import _candidates

    row = np.full_like(with_prior, -1.0)
    row[lead] = base.config.threshold["esco"] + base.prior()[lead] / 2
    mask = base.framework_mask("esco")
    assert _candidates(base, row, mask, None) == []
    row[lead] = base.config.threshold["esco"] + base.prior()[lead] + 0.01
    assert _candidates(base, row, mask, None) == [lead]
