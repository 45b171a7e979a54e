"""Typed results of the careers tools: roles that fit, growth plans, the user's career prefs."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from tools.understanding.commands import JOB_VERBS, PAST_JOB_VERBS


class Evidence(BaseModel):
    """One quoted piece of the user's evidence for a skill."""

    fact_id: str = Field(description="<item_id>#<n> of the sentence")
    item_id: str
    words: str = Field(description="the exact words that show the skill")
    sentence: str = Field(description="the whole sentence, verbatim")
    date: str
    kind: str
    verified: bool = False


class SkillMatch(BaseModel):
    """A skill an occupation asks for, and how far the user's evidence shows it."""

    id: str
    label: str
    essential: bool
    credit: float = Field(description="1 shown; less when only a related skill is shown")
    via: str | None = Field(default=None, description="the related skill the credit comes from")
    evidence: list[Evidence] = Field(default_factory=list)


class Role(BaseModel):
    """One ESCO occupation ranked for the user."""

    id: str
    label: str
    isco: str
    isco_label: str
    description: str
    kind: Literal["near", "stretch"]
    score: float
    shown: list[SkillMatch] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="essential skills not shown")
    essential_total: int = 0
    regulated: bool = Field(default=False, description="an EU regulated profession (ESCO)")


class OnetRole(BaseModel):
    """An O*NET occupation whose detailed work activities the user's evidence shows."""

    id: str = Field(description="O*NET-SOC code")
    title: str
    shown: list[Evidence] = Field(default_factory=list)
    activities: int = Field(description="how many work activities the occupation has")


class Interests(BaseModel):
    """What the user said they enjoy and would rather avoid."""

    enjoy: list[str] = Field(default_factory=list)
    avoid: list[str] = Field(default_factory=list)
    asked: bool = False


class Goal(BaseModel):
    """The occupation the user is working towards."""

    id: str
    label: str
    said: str = Field(description="the user's own words for it")
    set_at: str
    gaps: list[str] = Field(default_factory=list, description="ESCO URIs of the gap skills")


class CareerPrefs(BaseModel):
    """Kept per user in the records store: interests and the current goal."""

    interests: Interests = Field(default_factory=Interests)
    goal: Goal | None = None
    options: list[str] = Field(default_factory=list,
                               description="the roles last offered when a target was unclear")
    job: str | None = Field(default=None, description="the work the person said they do, in "
                            "their words, when they introduced themselves")
    work_said: str | None = Field(default=None, description="the introduction's words about "
                                  "that work, verbatim ('I was assistant manager in a "
                                  "supermarket for 7 years'): the person's own evidence")
    work_said_on: str | None = Field(default=None, description="ISO date of the introduction")
    name: str | None = Field(default=None, description="the name the person told the coach in "
                             "their introduction ('hi, I'm Gareth'): how the coach greets them")


def job_sentence(job: str, you: bool = False) -> str:
    """The stated job as the writer would say it: "I work as a dental nurse", "I work in a
    call centre", "I am training to be a teaching assistant"; with ``you``, as the coach says
    it back ("you work as a dental nurse", "you are training to be ...")."""
    if re.match(r"(?:re)?training\s", job, re.I):
        return f"{'you are' if you else 'I am'} {job}"
    past = re.match(r"(?:i\s+)?was\s+(?P<rest>.+)", job, re.I)
    if past:  # "I was assistant manager in a supermarket": a job they had
        return f"{'you were' if you else 'I was'} {past.group('rest')}"
    been = re.match(r"(?:i(?:'ve|’ve| have)\s+)?been\s+(?P<rest>.+)", job, re.I)
    if been:  # "been a chef": a job they have done for a while
        return f"{'you have been' if you else 'I have been'} {been.group('rest')}"
    subject = "you" if you else "I"
    if re.match(rf"(?:{JOB_VERBS}|{PAST_JOB_VERBS})\b", job, re.I):
        # the work said by its verb: "teach year 4", "managed a clothes shop"
        return f"{subject} {job}"
    if re.match(r"(?:in|at|for|on)\s", job, re.I):
        return f"{subject} work {job}"
    return f"{subject} work as {job}"


class Step(BaseModel):
    """One gap skill of a growth plan, with a concrete next step from the templates."""

    id: str
    label: str
    essential: bool
    closeness: float = Field(description="how close what the user shows already is, 0..1")
    via: str | None = None
    task: str
    evidence_kind: str


class Plan(BaseModel):
    """What to learn next to become the target occupation."""

    target: Role
    start: str | None = Field(default=None, description="the user's starting role, if named")
    steps: list[Step] = Field(default_factory=list)
    have: list[SkillMatch] = Field(default_factory=list)


class Resolution(BaseModel):
    """How the user's words for a role were resolved."""

    said: str
    how: Literal["label", "alternative", "spelling", "meaning", "ambiguous", "unknown"]
    occupation_id: str | None = None
    options: list[dict[str, str]] = Field(default_factory=list)
