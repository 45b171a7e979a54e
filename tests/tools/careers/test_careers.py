"""Careers tools: checked data, ranking on a small seeded user, targets, plans and the goal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from memory.embeddings import get_embedder
from memory.records import get_records
from tests.tools.careers.seed import WEEKS, esco_tag, seed_cook
from tools.careers import data as occupation_data
from tools.careers.explore import explore_roles, get_prefs, goal_progress, plan_growth
from tools.careers.targets import phrases, resolve


def test_data_loads_verified_and_a_changed_file_is_refused(tmp_path: Path) -> None:
    data = occupation_data.load()
    assert len(data.occupations) == 3007 and data.vectors.shape == (3007, 384)
    cook = next(o for o in data.occupations if o.label == "cook")
    assert cook.isco == "5120" and data.isco_label("5120") == "Cooks"
    assert {data.skills[p].label for p in cook.essential} >= {"use cooking techniques"}
    tagger_ids = {r["id"] for r in occupation_data.read_jsonl_gz(
        Path("tools/skills/data/esco_skills.jsonl.gz"))}
    assert sum(s.id in tagger_ids for s in data.skills) / len(data.skills) > 0.95
    assert "European Commission" in data.manifest["esco"]["attribution"]
    copy = tmp_path / "data"
    shutil.copytree(occupation_data.DATA_DIR, copy)
    (copy / "isco_groups.json").write_text("{}")
    with pytest.raises(occupation_data.DataError, match="checksum"):
        occupation_data.verify(copy)


def test_roles_rank_kitchen_work_and_quote_the_users_own_words() -> None:
    uid = seed_cook()
    first = explore_roles(uid)
    labels = [r.label for r in first.roles]
    assert len(labels) == 10 and {"cook", "grill cook"} & set(labels), labels
    assert [r.kind for r in first.roles].count("stretch") == 2
    assert first.roles[-1].kind == "stretch" and first.roles[0].kind == "near"
    texts = {text for _, text, _ in WEEKS}
    for r in first.roles:
        assert r.shown, r.label
        for m in r.shown:
            e = m.evidence[0]
            assert e.fact_id.startswith(e.item_id + "#") and e.words in e.sentence
            assert any(e.sentence in t for t in texts)
        assert not set(r.missing) & {m.label for m in r.shown}
    assert explore_roles(uid).roles == first.roles  # deterministic
    other = get_records().ensure_user("cli", "local", "nobody", "Nobody")
    assert explore_roles(other).roles == [] and not explore_roles(other).enough


def test_interests_asked_once_kept_and_honoured() -> None:
    uid = seed_cook()
    assert explore_roles(uid).ask_interests
    assert not explore_roles(uid).ask_interests
    result = explore_roles(uid, "I love cooking for people but I hate working as a cook")
    assert "cook" not in [r.label for r in result.roles]
    kept = get_prefs(uid).interests
    assert kept.enjoy == ["cooking for people"] and kept.avoid == ["working as a cook"]
    assert get_records().export_user(uid)["career_prefs"]["interests"]["avoid"]


@pytest.mark.parametrize(("said", "avoid", "enjoy"), [
    ("what could I do instead of teaching?", ["teaching"], []),
    ("jobs away from retail please", ["retail"], []),
    ("I want to get out of hospitality, I love cooking though", ["hospitality"], ["cooking"]),
    # a postman: the thing itself, not "something with", and ", not ..." is what to avoid
    ("i'd like something with planning, not carrying parcels in the rain at 60",
     ["carrying parcels in the rain at 60"], ["planning"]),
    # a roofer and a vet nurse: what they will not keep doing ("forever" cut off)
    ("cant be up on roofs forever with my back. what else could i do", ["up on roofs"], []),
    ("not sure I can do clinical work forever", ["clinical work"], []),
    ("can't keep doing nights much longer", ["nights"], []),
])
def test_what_to_leave_behind_is_what_to_avoid(said: str, avoid: list[str],
                                              enjoy: list[str]) -> None:
    """A teacher's "what could I do instead of teaching?" got tutor, SEN teacher and Steiner
    school teacher first."""
    from tools.careers.interests import parse_interests

    found = parse_interests(said)
    assert found is not None and (found.avoid, found.enjoy) == (avoid, enjoy)


def test_what_one_can_keep_doing_forever_or_cannot_go_on_with_is_no_interest() -> None:
    from tools.careers.interests import parse_interests

    assert parse_interests("I could do this forever") is None
    assert parse_interests("i cant do this anymore") is None


def test_a_skill_every_trade_asks_for_grounds_no_role() -> None:
    """A roofer who had trained the new lad was offered "games development manager" and
    "specialist biomedical scientist" as stretch roles: 264 occupations ask for "train
    employees". A role is grounded by a skill of its own that few trades ask for."""
    import numpy as np

    from tools.careers.roles import GENERIC_REACH, Profile, shows_any
    from tools.careers.shown import ShownSkill

    data = occupation_data.load()
    pos = {s.label: i for i, s in enumerate(data.skills)}
    at = {o.label: k for k, o in enumerate(data.occupations)}

    def profile(*labels: str) -> Profile:
        return Profile(shown={data.skills[pos[x]].id: ShownSkill(data.skills[pos[x]].id, x, 1.0)
                              for x in labels}, groups={}, sentences=np.zeros((0, 1)))

    trained = profile("train employees")
    assert data.reach[pos["train employees"]] >= GENERIC_REACH
    assert shows_any(data, trained)[at["games development manager"]]
    assert not shows_any(data, trained, specific=True)[at["games development manager"]]
    roofs = shows_any(data, profile("train employees", "remove roofs"), specific=True)
    assert roofs[at["roofer"]] and not roofs[at["games development manager"]]


def test_what_the_user_enjoys_moves_fitting_roles_up() -> None:
    uid = seed_cook()
    before = [r.label for r in explore_roles(uid).roles]
    after = [r.label for r in explore_roles(uid, "I really enjoy baking bread and cakes").roles]
    assert "baker" not in before and "baker" in after
    assert after.index("pastry chef") < before.index("pastry chef")


@pytest.mark.parametrize(("said", "how", "label"), [
    ("head chef", "label", "head chef"),
    ("lorry driver", "alternative", "cargo vehicle driver"),
    ("electrishan", "spelling", "electrician"),
    ("hairdreser", "spelling", "hairdresser"),
    # a job board's title ESCO names otherwise ("which of these: consumer electronics repair
    # technician, computer hardware repair technician, ...")
    ("IT support technician", "alternative", "ICT help desk agent"),
    ("1st line support", "alternative", "ICT help desk agent"),
])
def test_target_resolution(said: str, how: str, label: str) -> None:
    data = occupation_data.load()
    found = resolve(data, said, get_embedder().embed_one(said))
    assert found.how == how
    assert next(o.label for o in data.occupations if o.id == found.occupation_id) == label


def test_an_ambiguous_target_asks_with_options() -> None:
    data = occupation_data.load()
    found = resolve(data, "nurse", get_embedder().embed_one("nurse"))
    assert found.how == "ambiguous" and found.occupation_id is None
    assert "nurse responsible for general care" in [o["label"] for o in found.options]
    assert phrases("how do i get from kitchen porter to head chef?") == ("kitchen porter",
                                                                         "head chef")
    assert phrases("what would I need to learn to become a nurse one day")[1] == "nurse"


def test_a_step_up_named_without_the_trade_offers_the_users_trade_first() -> None:
    """A forklift driver "in big warehouse" who wants to become "team leader" was offered a
    restaurant, a fruit farm, a horticulture and a zoo team leader (ESCO has no warehouse
    team leader); the step up in their trade now comes first, and the rest stay offered."""
    from tools.careers.targets import with_trade

    data = occupation_data.load()
    found = resolve(data, "team leader", get_embedder().embed_one("team leader"))
    assert found.how == "ambiguous"
    assert "warehouse manager" not in [o["label"] for o in found.options]
    job = "forklift driver in big warehouse near Leicester"
    offered = [o["label"] for o in with_trade(data, found, job).options]
    assert offered[0] == "warehouse manager" and len(offered) == 5
    assert found.options[0]["label"] in offered  # the name's own options stay offered
    assert with_trade(data, found, None) == found  # no job told: as before
    assert with_trade(data, found, "odd jobs here and there") == found


def test_real_words_are_not_respelt_into_another_role() -> None:
    data = occupation_data.load()
    # "nurse manager" is close in spelling to "venue manager" (a venue director), but both
    # words are real: the roles nearest in meaning are offered instead.
    found = resolve(data, "nurse manager", get_embedder().embed_one("nurse manager"))
    labels = [o["label"] for o in found.options]
    assert found.how == "ambiguous" and "venue director" not in labels
    assert any("nurse" in label or "health" in label or "medical" in label for label in labels)


def test_a_number_after_the_options_picks_a_role_not_a_skill() -> None:
    from agent.intents import route

    assert route("2", awaiting="career_target").intent == "plan_growth"
    assert route("2").intent != "plan_growth"


def test_plan_orders_gaps_keeps_the_goal_and_notices_progress() -> None:
    uid = seed_cook()
    out = plan_growth(uid, "how do I get from cook to head chef")
    assert out.plan is not None and out.plan.target.label == "head chef"
    data = occupation_data.load()
    chef = next(o for o in data.occupations if o.label == "head chef")
    essential = {data.skills[p].id for p in chef.essential}
    shown = {m.id for m in out.plan.have}
    steps = out.plan.steps
    assert steps and all(s.id not in shown for s in steps)
    kinds = [s.essential for s in steps]
    assert kinds == sorted(kinds, reverse=True) and all(s.id in essential for s in steps
                                                        if s.essential)
    closeness = [s.closeness for s in steps if s.essential]
    assert closeness == sorted(closeness, reverse=True)
    assert all(s.task.startswith("This month") and s.evidence_kind for s in steps)
    goal = get_prefs(uid).goal
    assert goal is not None and goal.label == "head chef" and goal.said == "head chef"
    gap = steps[0]
    text = f"Today I did {gap.label} for the first time."
    tag = esco_tag(text, gap.label, gap.label)
    assert goal_progress(uid, [tag]) == ("head chef", [gap.label])
    assert goal_progress(uid, [tag | {"polarity": "growth"}]) is None
    asked = plan_growth(uid, "what should I learn to become a nurse")
    assert asked.plan is None and asked.resolution.how == "ambiguous"
    assert get_prefs(uid).goal == goal  # an open question does not replace the goal


def test_onet_occupations_ranked_by_the_activities_shown() -> None:
    from tools.careers.models import Evidence
    from tools.careers.roles import onet_roles

    data = occupation_data.load()
    cooks = next(o for o in data.onet if o["title"] == "Cooks, Restaurant")
    quote = Evidence(fact_id="ref_x#1", item_id="ref_x", words="cooked", sentence="I cooked.",
                     date="2026-10-01", kind="reflection")
    shown = {d: quote for d in cooks["activities"][:4]}
    found = onet_roles(data, shown)
    assert found and found[0].id == cooks["id"] and len(found[0].shown) == 4
    assert onet_roles(data, dict(list(shown.items())[:1])) == []


def test_low_similarities_still_rank_the_occupations_nearest_the_users_words() -> None:
    """A first, short reflection is close to no occupation in absolute terms (every cosine
    under the 0.2 floor): the occupations nearest to it still get their affinity."""
    import numpy as np

    from tools.careers.roles import AFFINITY_FLOOR, Profile, affinity, scores

    data = occupation_data.load()
    chef = next(i for i, o in enumerate(data.occupations) if o.label == "head chef")
    # away from occupations in general, orthogonal to the chef
    noise = -data.vectors.mean(axis=0)
    noise -= (noise @ data.vectors[chef]) * data.vectors[chef]
    noise /= np.linalg.norm(noise)
    sentence = 0.18 * data.vectors[chef] + np.sqrt(1 - 0.18 ** 2) * noise
    sentences = sentence[None, :] / np.linalg.norm(sentence)
    assert affinity(data, sentences).max() < AFFINITY_FLOOR
    total = scores(data, Profile(shown={}, groups={}, sentences=sentences))
    assert int(np.argmax(total)) == chef and total[chef] > 0


def test_a_stretch_role_shares_a_skill_the_user_shows() -> None:
    """A step up must start from something shown: with few skills, the roles just below the
    near ones by affinity alone were offered as stretch roles sharing nothing."""
    import numpy as np

    from tools.careers.roles import NEAR, rank

    data = occupation_data.load()
    n = len(data.occupations)
    total = np.linspace(1.0, 0.0, n, dtype=np.float32)  # a fixed order, best first
    grounded = np.zeros(n, dtype=bool)
    grounded[[NEAR + 5, NEAR + 30]] = True
    _, stretch = rank(data, total, grounded=grounded)
    assert set(stretch) <= {NEAR + 5, NEAR + 30} and stretch
    _, none = rank(data, total, grounded=np.zeros(n, dtype=bool))
    assert none == []
    _, free = rank(data, total)
    assert len(free) == 2  # without the mask every pooled role may stretch


def test_near_roles_the_user_shows_a_skill_of_come_first() -> None:
    """A care assistant's roles read "care at home worker: you show 2 ...", then "nurse
    assistant: you show 0 of its 36 essential skills", then another care role with 2: the
    roles with evidence of hers now come first, each group in its fit order."""
    import numpy as np

    from tools.careers.roles import NEAR, rank

    data = occupation_data.load()
    n = len(data.occupations)
    total = np.linspace(1.0, 0.0, n, dtype=np.float32)
    grounded = np.zeros(n, dtype=bool)
    grounded[[1, 4, 7]] = True
    near, _ = rank(data, total, grounded=grounded)
    assert near == [1, 4, 7] + [i for i in range(NEAR) if i not in (1, 4, 7)]
    assert rank(data, total)[0] == list(range(NEAR))


def test_a_role_line_counts_the_optional_skills_it_quotes() -> None:
    """"you show 0 of its 28 essential skills" above a quoted skill read as a contradiction:
    the optional skills shown are counted too."""
    from agent.capabilities.careers import _role_lines
    from tools.careers.models import Evidence, Role, SkillMatch

    quote = Evidence(fact_id="ref_a#1", item_id="ref_a", words="the small deck oven",
                     sentence="I moved all the bread to the small deck oven", date="2026-11-30",
                     kind="reflection")
    oven = SkillMatch(id="s1", label="tend bakery ovens", essential=False, credit=1.0,
                      evidence=[quote])
    role = Role(id="o1", label="pastry maker", isco="7512", isco_label="bakers",
                description="", kind="near", score=0.3, shown=[oven], essential_total=28)
    first = _role_lines(3, role)[0]
    assert "0 of its 28 essential skills and 1 of the skills it also values" in first
    assert "also values" not in _role_lines(3, role.model_copy(update={"shown": []}))[0]


def test_the_roles_a_name_fits_are_offered_nearest_the_user_first() -> None:
    """"supervisor" fits about a hundred occupations; a cook asking to become one was
    offered the first five by label ("oil refinery control room operator", "door
    supervisor", "mine supervisor", ...). Now the ones nearest their own evidence come
    first; someone with no evidence yet still gets the name's own order."""
    from tools.careers.explore import user_profile
    from tools.careers.roles import scores

    cook = seed_cook("cora")
    asked = plan_growth(cook, "I want to become a supervisor one day")
    assert asked.resolution.how == "ambiguous"
    data, profile = user_profile(cook)
    fit = scores(data, profile)
    position = {o.label: i for i, o in enumerate(data.occupations)}
    offered = [float(fit[position[o["label"]]]) for o in asked.resolution.options]
    assert offered == sorted(offered, reverse=True)
    every = [float(fit[i]) for i, o in enumerate(data.occupations) if "supervisor" in o.label]
    assert offered[0] == max(every)  # the nearest of all of them, not of the first five
    nobody = get_records().ensure_user("cli", "local", "nadia", "Nadia")
    plain = plan_growth(nobody, "I want to become a supervisor one day")
    data = occupation_data.load()
    assert [o["label"] for o in plain.resolution.options] == [
        o["label"] for o in resolve(data, "supervisor").options]


def test_the_job_said_in_an_introduction_counts_among_the_users_words() -> None:
    """A bus mechanic's "I am mechanic for city buses" told careers nothing: his roles were
    driving ones, from the bus words of his weeks."""
    from tools.careers.explore import keep_job, user_profile
    from tools.careers.models import job_sentence
    from tools.skills.tagging import get_tagger

    uid = seed_cook()
    _, before = user_profile(uid)
    keep_job(uid, "pastry chef in a hotel")
    _, after = user_profile(uid)
    assert len(after.sentences) == len(before.sentences) + 1
    said = get_embedder().embed([job_sentence("pastry chef in a hotel")])[0]
    assert float(after.sentences[0] @ said) > 0.999
    assert get_records().export_user(uid)["career_prefs"]["job"] == "pastry chef in a hotel"
    assert job_sentence("in a call centre") == "I work in a call centre"
    # a job said by its past verb is said back so ("you work as managed a clothes shop")
    assert job_sentence("managed a clothes shop", you=True) == "you managed a clothes shop"
    # stated twice, the job alone is enough for the tagger's trade prior
    assert not isinstance(get_tagger().context([job_sentence("pastry chef")] * 2), float)


def test_the_job_they_do_now_is_left_out_of_where_they_could_go_next() -> None:
    """A bike mechanic was offered "bicycle mechanic" first, an electrician "electrician":
    the job they told us they do is named once as left out, not offered as a move. A
    preferred label wins over the same words as another occupation's alternative label."""
    from agent.capabilities.careers import roles_reply
    from tools.careers.explore import keep_job
    from tools.careers.targets import current_work

    data = occupation_data.load()
    labels = lambda ids: [data.occupations[i].label for i in ids]  # noqa: E731
    assert labels(current_work(data, "a self employed electrician")) == ["electrician"]
    assert labels(current_work(data, "bike mechanic in a small shop")) == ["bicycle mechanic"]
    # the kind of that work, told in the introduction: a domestic electrician is one too
    said = "I'm a self employed electrician, mostly domestic rewires and consumer unit swaps"
    assert labels(current_work(data, "a self employed electrician", said)) == [
        "electrician", "domestic electrician"]
    assert current_work(data, None) == []
    uid = seed_cook()
    before = [r.label for r in explore_roles(uid).roles]
    assert "cook" in before
    keep_job(uid, "cook in a care home")
    after = explore_roles(uid)
    assert "cook" not in [r.label for r in after.roles] and after.current == ["cook"]
    assert len(after.roles) == len(before)
    assert "Left out: cook, the work you told me you do now." in roles_reply(after)


def test_a_role_showing_none_of_their_skills_must_be_near_the_work_they_do_now() -> None:
    """An electrician's call-out to a bakery put "baker" (0 of its skills shown) among his
    roles. Once the job a person does now is told, a role that shows none of their skills
    must be near it; a job they had (or train for) does not narrow their next roles."""
    import numpy as np

    from tools.careers.explore import far_from_work, keep_job

    data = occupation_data.load()
    at = {o.label: k for k, o in enumerate(data.occupations)}
    nothing = np.zeros(len(data.occupations), dtype=bool)
    far = far_from_work(data, "a self employed electrician", nothing)
    assert far[at["baker"]] and not far[at["event electrician"]]
    shown = nothing.copy()
    shown[at["baker"]] = True  # a role they show a skill of is never far
    assert not far_from_work(data, "a self employed electrician", shown)[at["baker"]]
    for had in ("was a self employed electrician", "training to be an electrician", None):
        assert not far_from_work(data, had, nothing).any()
    from tools.careers.explore import user_profile
    from tools.careers.roles import shows_any

    uid = seed_cook()
    keep_job(uid, "a self employed electrician")
    mine = far_from_work(data, "a self employed electrician",
                         shows_any(data, user_profile(uid)[1]))
    roles = explore_roles(uid).roles
    assert roles and not any(mine[at[r.label]] for r in roles)


def test_a_job_they_had_or_train_for_is_not_left_out_as_their_work_now() -> None:
    """"training to be a teaching assistant" left "teaching assistant" out of the roles as
    "the work you told me you do now": the role they train for is the one they want."""
    from tools.careers.explore import job_now, keep_job
    from tools.careers.targets import current_work

    data = occupation_data.load()
    assert job_now("training to be a teaching assistant") is None
    assert job_now("was a secondary science teacher") is None
    assert job_now("a self employed electrician") == "a self employed electrician"
    assert current_work(data, "training to be a cook") != []  # the words alone name it
    uid = seed_cook()
    keep_job(uid, "training to be a cook")
    assert explore_roles(uid).current == []
    keep_job(uid, "a cook")
    assert explore_roles(uid).current == ["cook"]


def test_a_name_told_is_kept_as_it_may_be_shown() -> None:
    from tools.careers.explore import keep_name

    uid = seed_cook()
    keep_name(uid, "A" * 5000)
    assert get_prefs(uid).name == "A" * 64
    keep_name(uid, "\x00\x07")  # nothing printable: the name kept stays
    assert get_prefs(uid).name == "A" * 64


def test_a_role_showing_none_of_their_skills_must_share_work_with_their_job() -> None:
    """A chef de partie "on the fish section" was offered "fish canning operator": 0 of its
    skills shown, near his words by "fish" alone, 1 essential skill shared with chef. A role
    showing none of a person's skills must share essential skills with the job they do."""
    import numpy as np

    from tools.careers.explore import unlike_work

    data = occupation_data.load()
    at = {o.label: k for k, o in enumerate(data.occupations)}
    nothing = np.zeros(len(data.occupations), dtype=bool)
    unlike = unlike_work(data, [at["chef"]], nothing)
    assert unlike[at["fish canning operator"]] and unlike[at["baker"]]
    assert not unlike[at["cook"]] and not unlike[at["fish cook"]]
    shown = nothing.copy()
    shown[at["fish canning operator"]] = True  # a role they show a skill of stays
    assert not unlike_work(data, [at["chef"]], shown)[at["fish canning operator"]]
    assert not unlike_work(data, [], nothing).any()  # no job told: nothing narrowed


def test_one_word_that_heads_many_occupations_names_no_current_work() -> None:
    """"year 6 teacher in Leicester" was left out of her roles as "politics lecturer" (ESCO
    lists "teacher" as one of its alternative labels); "driver" was a hearse driver."""
    from tools.careers.data import load
    from tools.careers.targets import current_work

    data = load()
    assert current_work(data, "year 6 teacher in Leicester") == []
    assert current_work(data, "driver") == []
    labels = [data.occupations[i].label for i in current_work(data, "a self employed electrician")]
    assert labels == ["electrician"]


def test_a_regulated_profession_says_a_recognised_qualification_comes_first() -> None:
    """A vet nurse asking "what do I need to learn to become a veterinary surgeon?" got
    "ask someone experienced to show you 'perform surgical procedures on animals'" and nothing
    about the degree and registration a vet needs. ESCO marks 15 EU regulated professions."""
    from agent.capabilities.careers import plan_reply

    data = occupation_data.load()
    regulated = {o.label for o in data.occupations if o.regulated}
    assert len(regulated) == 15 and {"general veterinarian", "pharmacist"} <= regulated
    assert not next(o for o in data.occupations if o.label == "head chef").regulated
    uid = seed_cook()
    vet = plan_growth(uid, "what do I need to learn to become a general veterinarian")
    assert vet.plan is not None and vet.plan.target.regulated
    assert "regulated profession" in plan_reply(vet)
    chef = plan_growth(uid, "how do I get from cook to head chef")
    assert chef.plan is not None and "regulated" not in plan_reply(chef)


def test_too_few_skills_asks_nothing_and_keeps_the_question_for_later() -> None:
    """A midwife's "what's this for exactly?" got "I cannot suggest roles yet", and her week,
    told next, was read as the answer to a question never shown, and got it again."""
    uid = get_records().ensure_user("cli", "local", "newcomer")
    result = explore_roles(uid)
    assert not result.enough and not result.ask_interests
    assert not get_prefs(uid).interests.asked
    assert explore_roles(seed_cook()).ask_interests  # asked with the roles, once
