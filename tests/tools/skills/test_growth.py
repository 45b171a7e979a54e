"""Growth sentences read by meaning (tools/skills/growth.py): the committed head, its
checksum, what it reads, and that a tag in such a sentence is a growth area, not a strength.
Sentences written for this test, not from any dev or training set."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tools.skills import growth
from tools.skills.growth import (
    RECIPE,
    WEIGHTS,
    GrowthHeadChecksumError,
    load_growth_head,
    reads_as_growth,
)
from tools.skills.polarity import states_growth
from tools.skills.tagger import Tagger
from tools.skills.tagging import reading, tag

MISTAKE = ("I keep putting the wrong expiry dates on the labels and my supervisor has to "
           "redo them")
DONE = ["restocked the chillers and rotated the dairy before the doors opened",
        "Rebuilt the rota for December so everyone gets one weekend off",
        "changed three tyres and did an MOT on the van before lunch",
        "showed the new apprentice how to bleed the radiators properly"]


def test_committed_head_matches_its_recipe() -> None:
    recipe = json.loads(RECIPE.read_text())
    loaded = load_growth_head()
    assert loaded is not None
    head, threshold = loaded
    assert head.labels == ("did", "growth")
    assert 0.5 <= threshold < 1.0 and threshold == recipe["threshold"]
    # what it was built for: more growth lines found, few did lines lost, out of fold
    cv = recipe["cross_validated"]
    assert cv["growth_found_rule_or_head"] > cv["growth_found_rule"] + 0.2
    assert cv["did_as_growth_rule_or_head"] < 0.08


def test_a_changed_head_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "growth_head.npz"
    shutil.copy(WEIGHTS, copy)
    recipe = json.loads(RECIPE.read_text())
    (tmp_path / "growth_head.json").write_text(json.dumps({**recipe, "sha256": "0" * 64}))
    with pytest.raises(GrowthHeadChecksumError):
        load_growth_head.__wrapped__(copy)


def test_a_mistake_without_a_cue_word_reads_as_growth() -> None:
    assert not states_growth(MISTAKE, (0, len(MISTAKE)))  # the rules alone miss it
    assert reads_as_growth([MISTAKE, *DONE]) == [True] + [False] * len(DONE)


def test_remembered_by_digest_only() -> None:
    reads_as_growth([MISTAKE])
    assert growth._seen and all(isinstance(k, bytes) and len(k) == 32 for k in growth._seen)
    assert not any(MISTAKE.encode() in k for k in growth._seen)


def test_reading_turns_a_demonstrated_mention_into_growth() -> None:
    span = (0, len(MISTAKE))
    evidence = (MISTAKE.index("labels"), MISTAKE.index("labels") + 6)
    assert reading(MISTAKE, span, evidence)[0] == "demonstrated"
    assert reading(MISTAKE, span, evidence, grows=True)[0] == "growth"


def test_a_shown_tag_in_a_mistake_is_growth_not_a_strength(tagger: Tagger) -> None:
    text = ("my pivot tables keep breaking and I end up doing the monthly report by hand with "
            "a calculator")
    # "keep breaking" is a growth cue since the sixteenth session; the head read it so before
    assert states_growth(text, (0, len(text)))
    tags = tag(text, ("esco",))
    assert "use spreadsheets software" in {t.label for t in tags}
    assert all(t.polarity != "demonstrated" for t in tags)
    assert any(t.polarity == "growth" for t in tags)
