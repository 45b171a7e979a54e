"""Career questions in chat: routed to the careers tools, answered, never saved as reflections."""

from __future__ import annotations

from agent.coach import OfflineCoach
from agent.service import AgentService
from memory.records import get_records
from tests.agent.helpers import converse
from tests.tools.careers.seed import seed_cook


def _reflections(uid: str) -> list[int]:
    rec = get_records()
    return [len(rec.list_reflections(uid, s)) for s in ("saved", "draft")]


async def test_career_questions_are_answered_and_never_stored_as_reflections() -> None:
    uid = seed_cook()
    before = _reflections(uid)
    async with AgentService(model=OfflineCoach()) as service:
        roles, interests, plan, choice = await converse(service, uid, [
            "honestly what kind of jobs would somebody like me be good at?",
            "i really like feeding people but dont want night shifts",
            "what would i need to learn to become a nurse",
            "nurse responsible for general care"])
    assert "explore_roles" in roles.tools and "**cook**" in roles.text
    assert "what kind of work do you enjoy" in roles.text
    assert "explore_roles" in interests.tools and "what kind of work" not in interests.text
    prefs = get_records().career_prefs(uid)
    assert prefs["interests"]["avoid"] == ["night shifts"]
    assert "plan_growth" in plan.tools and "Which of these do you mean" in plan.text
    assert "plan_growth" in choice.tools and "**nurse responsible for general care**" in \
        choice.text
    assert prefs["goal"]["label"] == "nurse responsible for general care"
    assert _reflections(uid) == before
