"""The agent facade: rejected skills are remembered per user and never proposed again."""

from __future__ import annotations

from agent.capabilities.skills import reject_skill, tag_for_user
from memory.records import get_records
from tools.skills.tagger import Tagger

TEXT = "I handled customer complaints all day and I mentored a junior colleague."


def test_rejected_skill_is_not_proposed_again(tagger: Tagger) -> None:
    records = get_records()
    ana = records.ensure_user("cli", "local", "ana", display_name="ana")
    ben = records.ensure_user("cli", "local", "ben", display_name="ben")
    first = tag_for_user(ana, TEXT, source_id="r1")
    assert first and all(t.source_id == "r1" for t in first)
    victim = first[0]
    reject_skill(ana, victim.framework, victim.id)
    again = tag_for_user(ana, TEXT)
    assert (victim.framework, victim.id) not in {(t.framework, t.id) for t in again}
    for t in again:  # its counterpart in the other framework is gone too
        assert all(a["id"] != victim.id for a in t.also)
    assert (victim.framework, victim.id) in {(t.framework, t.id) for t in tag_for_user(ben, TEXT)}
