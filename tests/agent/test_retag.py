"""`passport memory retag`: saved reflections tagged again by the installed tagger (real
SQLite, real tagger over the small test index), their text, times and memories untouched."""

from __future__ import annotations

from datetime import UTC, datetime

from typer.testing import CliRunner

from agent.capabilities import reflection as reflection_cap
from channels.cli.main import build_app
from memory.records import get_records
from memory.vectors import get_vectors
from tools.skills.tagger import Tagger

BOGUS = {"framework": "esco", "id": "http://data.europa.eu/esco/skill/bogus",
         "label": "perform underwater bridge inspection", "score": 0.9,
         "evidence": "checked every bridge", "start": 0, "end": 5,
         "polarity": "demonstrated"}


def test_retag_replaces_old_tags_and_keeps_the_moment(tagger: Tagger) -> None:
    """Tags are kept as they were found when a moment was saved; after an upgrade the
    wrong-sense ones stayed in strengths and profiles for good."""
    records = get_records()
    ana = records.ensure_user("cli", "local", "ana")
    now = datetime.now(UTC)
    reflection_cap.reflect(ana, "I trained two new cashiers on the self-checkout machines and "
                                "wrote a one-page guide for them.", now)
    rid = str(reflection_cap.reflect(ana, "just save it", now).facts["reflection_id"])
    before = records.list_reflections(ana)[0]
    found = before["skills"]
    assert found  # the small index tags this moment
    records.set_reflection_skills(ana, rid, [BOGUS])  # as an older tagger left it
    vectors = len(get_vectors().list(ana))
    result = CliRunner().invoke(build_app(), ["memory", "retag", "--user", ana])
    assert result.exit_code == 0, result.output
    after = records.list_reflections(ana)[0]
    assert after["skills"] == found and BOGUS["label"] not in {
        s["label"] for s in records.user_skills(ana)}
    assert (after["text"], after["created_at"], after["updated_at"]) == (
        before["text"], before["created_at"], before["updated_at"])
    assert len(get_vectors().list(ana)) == vectors
    assert reflection_cap.retag(ana) == (1, 0)  # nothing left to change
