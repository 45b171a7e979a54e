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


def test_a_saved_reflection_that_shows_a_gap_skill_says_so() -> None:
    from agent.capabilities.careers import goal_note
    from tests.tools.careers.seed import esco_tag
    from tools.careers.explore import plan_growth

    uid = seed_cook()
    assert goal_note(uid, []) == ""
    plan = plan_growth(uid, "from cook to head chef").plan
    assert plan is not None
    gap = plan.steps[0].label
    text = f"I had to {gap} on my own this week."
    note = goal_note(uid, [esco_tag(text, gap, gap)])
    assert gap in note and "**head chef**" in note


async def test_llm_narration_may_not_add_roles_or_quotes() -> None:
    from langchain_core.messages import AIMessage

    from tests.fakes.chat_model import ScriptedChatModel, tool_call

    uid = seed_cook()
    faithful = "From your own words you look closest to cook and grill cook work."
    invented = ('You would make a great airline pilot: you said "I flew a plane last week".')
    model = ScriptedChatModel(script=[
        tool_call("explore_roles"), AIMessage(content=faithful),
        tool_call("explore_roles", i=1), AIMessage(content=invented)])
    async with AgentService(model=model) as service:
        ok, caught = await converse(service, uid, ["which jobs fit me?", "and now?"])
    assert ok.text == faithful
    assert "airline pilot" not in caught.text and "**cook**" in caught.text
    assert _reflections(uid) == [3, 0]


def test_career_questions_route_to_the_careers_tools_and_reflections_do_not() -> None:
    from agent.intents import route

    for text in ("so which roles might fit someone like me?", "/explore",
                 "where could i go from here"):
        assert route(text).intent == "explore", text
    for text in ("how can i get from barista to cafe owner", "/grow head chef",
                 "what do I need to pick up to become a plumber?"):
        assert route(text).intent == "plan_growth", text
    for text in ("I helped a customer find the right job for her",
                 "I need to get better at taking notes as a team leader",
                 "this week I learned to use the till, it took a while to become easy"):
        assert route(text).intent not in ("explore", "plan_growth"), text
    assert route("I love gardening, hate sales", awaiting="career_interests").intent == \
        "explore"
    assert route("the second one", awaiting="career_target").intent == "plan_growth"


def test_an_option_can_be_picked_by_number() -> None:
    from tools.careers.explore import plan_growth

    uid = seed_cook()
    asked = plan_growth(uid, "what do I need to become a nurse?")
    labels = [o["label"] for o in asked.resolution.options]
    assert asked.plan is None and len(labels) >= 2
    picked = plan_growth(uid, "the second one")
    assert picked.plan is not None and picked.plan.target.label == labels[1]
    assert get_records().career_prefs(uid)["options"] == []
    assert plan_growth(uid, "2").plan is None  # nothing offered any more: asks again
