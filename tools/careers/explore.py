"""The careers answers for one user: roles that fit, a growth plan, the kept prefs and goal.

Reads the user's facts (``tools.facts``), ranks occupations (``roles``), resolves a target
(``targets``) and plans the gaps (``plan``). Interests and the goal are kept in the records
store (``career_prefs``). Everything is deterministic; wording is left to the callers'
templates.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import numpy as np
from pydantic import BaseModel, Field

from memory.embeddings import get_embedder
from memory.records import get_records
from memory.schemas import clean_display_name
from tools.careers import data as occupation_data
from tools.careers.interests import merge, parse_interests
from tools.careers.models import (
    CareerPrefs,
    Goal,
    Interests,
    OnetRole,
    Plan,
    Resolution,
    Role,
    job_sentence,
)
from tools.careers.plan import plan
from tools.careers.roles import (
    Profile,
    interest_scores,
    make_profile,
    onet_roles,
    rank,
    role,
    scores,
    shows_any,
)
from tools.careers.shown import shown_activities, shown_skills
from tools.careers.targets import current_work, phrases, resolve, with_trade
from tools.facts import Fact, facts_for

MAX_SENTENCES = 80
MIN_SKILLS = 2
_vectors: dict[str, np.ndarray] = {}


class RolesResult(BaseModel):
    """Roles that fit the user, the interests used, and whether to ask about them."""

    roles: list[Role] = Field(default_factory=list)
    onet: list[OnetRole] = Field(default_factory=list, description="O*NET occupations")
    interests: Interests = Field(default_factory=Interests)
    ask_interests: bool = False
    skills_shown: int = 0
    enough: bool = True
    current: list[str] = Field(default_factory=list,
                               description="the job they do now, left out of the roles")


class PlanResult(BaseModel):
    """A growth plan, or the question to ask when the target is unclear."""

    resolution: Resolution
    plan: Plan | None = None
    start: Resolution | None = None


def embed(texts: list[str]) -> dict[str, np.ndarray]:
    """Unit vectors of texts, remembered for the process (sentences repeat across calls)."""
    todo = [t for t in dict.fromkeys(texts) if t not in _vectors]
    if todo:
        for text, vec in zip(todo, get_embedder().embed(todo), strict=True):
            _vectors[text] = np.asarray(vec, dtype=np.float32)
        while len(_vectors) > 20_000:
            _vectors.pop(next(iter(_vectors)))
    return {t: _vectors[t] for t in texts}


def _sentences(facts: list[Fact]) -> np.ndarray:
    texts = [f.text for f in sorted(facts, key=lambda f: f.date, reverse=True)
             if f.kind != "credential" or f.id.endswith("#1")][:MAX_SENTENCES]
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    found = embed(texts)
    return np.stack([found[t] for t in texts])


def user_profile(user_id: str) -> tuple[occupation_data.OccupationData, Profile]:
    """The occupation data and this user's side of the match; the job they said they do
    ("I work as a bus mechanic") counts among their sentences."""
    data = occupation_data.load()
    facts = facts_for(user_id)
    sentences = _sentences(facts)
    job = get_prefs(user_id).job
    if job:
        said = job_sentence(job)
        sentences = np.concatenate([embed([said])[said][None, :], sentences])
    profile = make_profile(data, shown_skills(facts), sentences)
    profile.activities = shown_activities(facts)
    return data, profile


def get_prefs(user_id: str) -> CareerPrefs:
    """The user's kept interests and goal."""
    return CareerPrefs.model_validate(get_records().career_prefs(user_id))


def save_prefs(user_id: str, prefs: CareerPrefs) -> None:
    """Keep the user's interests and goal."""
    get_records().save_career_prefs(user_id, prefs.model_dump())


def keep_job(user_id: str, job: str, said: str | None = None, on: str | None = None) -> None:
    """Keep the job a person said they do (replacing an earlier one), and the words of their
    introduction that tell it (``said``, on the date ``on``)."""
    prefs = get_prefs(user_id)
    if prefs.job != job or (said and prefs.work_said != said):
        prefs.job = job
        prefs.work_said, prefs.work_said_on = (said, on) if said else (None, None)
        save_prefs(user_id, prefs)


def keep_name(user_id: str, name: str) -> None:
    """Keep the name a person told the coach ("hi, I'm Gareth"), replacing an earlier one;
    kept as it may be shown anywhere (no control characters, at most 64 characters)."""
    name = clean_display_name(name) or ""
    prefs = get_prefs(user_id)
    if name and prefs.name != name:
        prefs.name = name
        save_prefs(user_id, prefs)


FAR_FROM_JOB = 0.25  # an occupation this far from the job told needs one of the user's skills
_NOT_NOW = re.compile(r"(?:i\s+)?(?:was|(?:re)?training)\b", re.I)


def job_now(job: str | None) -> str | None:
    """The job a person told us they do now; None for a job they had ("was a secondary
    science teacher") or train for ("training to be a teaching assistant")."""
    return None if not job or _NOT_NOW.match(job) else job


def far_from_work(data: occupation_data.OccupationData, job: str | None,
                  grounded: np.ndarray) -> np.ndarray:
    """Occupations not to offer: ones that show none of the user's skills and are far from
    the work they told us they do now (an electrician's call-out to a bakery offered "baker",
    0 of its skills shown). Nothing for a job they had or train for: a career changer's next
    roles are far from it."""
    if not (job := job_now(job)):
        return np.zeros(len(data.occupations), dtype=bool)
    work = job_sentence(job)
    return np.asarray(~grounded & (data.vectors @ embed([work])[work] < FAR_FROM_JOB))


SHARED_WITH_JOB = 3  # essential skills a role showing none of the user's must share with the job


def unlike_work(data: occupation_data.OccupationData, current: list[int],
                grounded: np.ndarray) -> np.ndarray:
    """Occupations not to offer: ones that show none of the user's skills and share fewer
    than ``SHARED_WITH_JOB`` essential skills with the work they do now, when that work is an
    ESCO occupation (a chef de partie "on the fish section" was offered "fish canning
    operator", 0 of its skills shown and 1 shared with chef, near by its words alone)."""
    unlike = np.zeros(len(data.occupations), dtype=bool)
    if not current:
        return unlike
    mine = [set(data.occupations[i].essential) for i in current]
    for i, occupation in enumerate(data.occupations):
        if not grounded[i]:
            shared = max(len(own & set(occupation.essential)) for own in mine)
            unlike[i] = shared < SHARED_WITH_JOB
    return unlike


def explore_roles(user_id: str, text: str = "", ask: bool = True) -> RolesResult:
    """Which roles fit the user: near roles and one or two stretch roles, with evidence.

    Args:
        user_id: the user.
        text: the user's message; interests stated in it are kept ("I love ..., hate ...").
        ask: whether this answer may ask about interests (False for the page: read only).

    Returns:
        Ranked roles; ``ask_interests`` is True the first time when no interests are known.
    """
    prefs = get_prefs(user_id)
    stated = parse_interests(text) if text else None
    data, profile = user_profile(user_id)
    enough = len(profile.shown) >= MIN_SKILLS
    asking = False
    if stated is not None:
        prefs.interests = merge(prefs.interests, stated)
    elif ask and enough and not prefs.interests.asked:
        # (asked with the roles only: "I cannot suggest roles yet" asks nothing, and the
        # next message, a week told, was read as the answer and got that reply again)
        prefs.interests.asked = asking = True
    if stated is not None or asking:
        save_prefs(user_id, prefs)
    interests = prefs.interests
    vectors = embed(interests.enjoy + interests.avoid)
    boost, avoided = interest_scores(data, interests, vectors)
    total = scores(data, profile, boost)
    # "the work you told me you do now": not the job they had, nor the one they train for
    current = current_work(data, job_now(prefs.job), prefs.work_said)
    grounded = shows_any(data, profile, specific=True)
    avoided = avoided.copy()
    avoided[current] = True  # where they could go next is not the job they do now
    avoided |= far_from_work(data, prefs.job, grounded)
    avoided |= unlike_work(data, current, grounded)
    near, stretch = rank(data, total, avoided, grounded=grounded)
    roles = [role(data, profile, i, float(total[i]), "near") for i in near]
    roles += [role(data, profile, i, float(total[i]), "stretch") for i in stretch]
    return RolesResult(roles=roles if enough else [], interests=interests, ask_interests=asking,
                       current=[data.occupations[i].label for i in current],
                       onet=onet_roles(data, profile.activities) if enough else [],
                       skills_shown=len(profile.shown), enough=enough)


def _resolve(data: occupation_data.OccupationData, phrase: str,
             profile: Profile | None = None) -> Resolution:
    prefer = (lambda hits: nearest_first(data, profile, hits)) if profile is not None else None
    return resolve(data, phrase, embed([phrase])[phrase] if phrase else None, prefer)


def nearest_first(data: occupation_data.OccupationData, profile: Profile,
                  hits: list[int]) -> list[int]:
    """Occupations ordered by the user's fit, as roles are ranked (their skills and related
    ones, and their sentences; :func:`tools.careers.roles.scores`); the name's own order
    breaks ties and stands alone for a user with no evidence yet."""
    if not profile.shown and not len(profile.sentences):
        return hits
    fit = scores(data, profile)
    return sorted(hits, key=lambda i: -float(fit[i]))


ORDINAL = re.compile(r"^\W*(?:(?:number|no\.?|#)\s*)?(?:(?P<n>[1-9])|(?:the\s+)?(?P<w>first|"
                     r"second|third|fourth|fifth|last)(?:\s+one)?)\W*$", re.I)
WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


def choice(text: str, options: list[str]) -> str | None:
    """The option the user picked by number ("2", "the second one"), if any."""
    found = ORDINAL.match(text) if options else None
    if found is None:
        return None
    word = (found.group("w") or "").lower()
    n = int(found.group("n")) if found.group("n") else WORDS.get(word, len(options))
    return options[n - 1] if 1 <= n <= len(options) else None


def plan_growth(user_id: str, text: str, now: datetime | None = None) -> PlanResult:
    """What to learn next to become the role in the user's words; keeps it as their goal.

    Args:
        user_id: the user.
        text: "what should I learn next to become a ...", "from A to B", or the role itself;
            an option's exact label after an ambiguous answer resolves it.
        now: when the goal is set (now by default).

    Returns:
        The plan, or a resolution that is ``ambiguous`` / ``unknown`` (ask the user).
    """
    prefs = get_prefs(user_id)
    picked = choice(text, prefs.options)
    start_phrase, target_phrase = (None, picked) if picked else phrases(text)
    data, profile = user_profile(user_id)
    found = with_trade(data, _resolve(data, target_phrase, profile), prefs.job)
    start = _resolve(data, start_phrase) if start_phrase else None
    if found.occupation_id is None:
        if found.how == "ambiguous":
            prefs.options = [o["label"] for o in found.options]
            save_prefs(user_id, prefs)
        return PlanResult(resolution=found, start=start)
    index = next(i for i, o in enumerate(data.occupations) if o.id == found.occupation_id)
    result = plan(data, profile, index, start=start_phrase)
    prefs.options = []
    prefs.goal = Goal(id=result.target.id, label=result.target.label, said=target_phrase,
                      set_at=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
                      gaps=[s.id for s in result.steps])
    save_prefs(user_id, prefs)
    return PlanResult(resolution=found, plan=result, start=start)


def goal_progress(user_id: str, tags: list[dict[str, object]]) -> tuple[str, list[str]] | None:
    """The goal and the gap skills of it that newly saved tags demonstrate, if any.

    Args:
        user_id: the user.
        tags: the skill tags of a reflection just saved.

    Returns:
        (goal label, labels of the gap skills shown) or None when no gap skill is shown.
    """
    goal = get_prefs(user_id).goal
    if goal is None:
        return None
    gaps = set(goal.gaps)
    hit = [str(t.get("label")) for t in tags if t.get("id") in gaps
           and t.get("polarity", "demonstrated") == "demonstrated"]
    return (goal.label, list(dict.fromkeys(hit))) if hit else None
