"""Tailored profiles: a job ad's requirements matched against the user's evidence.

Each requirement is covered (the user's facts show the same skill or name the same term,
cited), transferable (a related skill, with why, cited) or a gap (with a concrete next step).
Nothing about the user comes from the ad: the ad only supports gap and requirement lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, Field

from memory.embeddings import get_embedder
from prompts import render
from tools.demonstrated import done_parts, own_deed, shows_own_action
from tools.facts import Fact
from tools.job_ads import EXAMPLES_CUED, JobAd, Requirement, parse, spelled
from tools.meaning import (
    asks_credential,
    asks_training,
    by_meaning,
    holds_credential,
    how_long_untold,
    job_told,
    named_tool,
    version_split,
    ways_of_working,
    working_towards,
)
from tools.strengths import activities_under, key

Status = Literal["covered", "transferable", "gap"]
RELATED_TECH = {
    "postgresql": ["postgres", "mysql", "sql"], "postgres": ["postgresql", "mysql", "sql"],
    "mysql": ["postgres", "postgresql", "sql"], "sql": ["postgres", "postgresql", "mysql"],
    "kubernetes": ["docker"], "docker": ["kubernetes"], "aws": ["azure", "gcp"],
    "azure": ["aws", "gcp"], "gcp": ["aws", "azure"], "react": ["javascript", "typescript"],
    "typescript": ["javascript"],
    "javascript": ["typescript"],  # (its libraries: WRITTEN_IN)
    "c++": ["c", "c#"], "c": ["c++"], "c#": ["c++", "java"],
    "tableau": ["powerbi", "excel"],
    "powerbi": ["tableau", "excel"], "excel": ["tableau", "powerbi"], "pytorch": ["tensorflow"],
    "tensorflow": ["pytorch"], "django": ["flask", "fastapi"], "flask": ["django", "fastapi"],
    "fastapi": ["flask", "django"], "java": ["kotlin", "scala"], "kotlin": ["java"],
}
# A library or framework written in a language: using it is writing that language
# ("I wrote the pydantic models" shows Python), so the language is covered, not related.
WRITTEN_IN = {
    "python": ["django", "flask", "fastapi", "pydantic", "pandas", "numpy", "pytest",
               "sqlalchemy", "jupyter", "scikit-learn", "celery"],
    "javascript": ["react", "vue", "angular", "node.js", "nodejs", "express", "jest", "jquery",
                   "next.js"],
    "java": ["spring", "spring boot", "junit", "maven", "gradle"],
    "c#": [".net", "asp.net", "unity", "blazor"],
    "php": ["laravel", "symfony", "wordpress"],
    "ruby": ["rails", "rspec"],
}
TRANSFER_MIN = 0.62
Tagger = Callable[[Sequence[str]], list[list[Any]]]


class Match(BaseModel):
    """One requirement and what the user's evidence says about it."""

    requirement: str
    must: bool
    kind: Literal["requirement", "duty"] = "requirement"
    status: Status
    labels: list[str] = Field(default_factory=list, description="skills the ad line names")
    cites: list[str] = Field(default_factory=list)
    via: str | None = Field(default=None, description="the user's related skill or term")
    term: str | None = Field(default=None, description="the technical term matched")
    source: str | None = Field(default=None, description="the ad's whole requirement, when "
                               "this match is one of the tools it names")
    why: str | None = Field(default=None, description="in plain words, why it counts")
    next_step: str | None = None
    growing: list[str] = Field(default_factory=list, description="a gap the user named as a "
                               "growth area: the reflection that says so")
    same_skill: bool = Field(default=False, exclude=True, description="shown by the same "
                             "framework skill in a deed (a struggle told does not undo it)")


class Profile(BaseModel):
    """The matched profile, before rendering."""

    job: JobAd
    matches: list[Match] = Field(default_factory=list)
    credentials: list[str] = Field(default_factory=list, description="verified fact ids")

    def coverage(self, must_only: bool = True) -> float:
        """Share of (must-have) requirements covered or transferable."""
        pool = [m for m in self.matches if m.must or not must_only] or self.matches
        if not pool:
            return 0.0
        return round(sum(m.status != "gap" for m in pool) / len(pool), 3)


# between two tools of a list of alternatives: "Power BI or Tableau", "Python/R", "A, B or C"
_OR_GAP = re.compile(r"^\s*(?:,\s*(?:or\s+)?|or\s+|and/or\s+|/\s*)$", re.I)


def _alternatives(text: str, terms: list[str]) -> bool:
    """Whether the terms are named as alternatives, one of which is enough."""
    spots = sorted((m.start(), m.end()) for t in terms
                   if (m := re.search(re.escape(t), text, re.I)))
    if len(spots) < 2 or len(spots) != len(terms):
        return False
    gaps = [text[a[1]:b[0]] for a, b in zip(spots, spots[1:], strict=False)]
    return all(_OR_GAP.match(g) for g in gaps) and re.search(r"or|/", gaps[-1], re.I) is not None


def _example_cued(term: str | None, text: str) -> bool:
    """Whether a tool is named in brackets with its own nice-to-have cue ("Strong SQL
    (Postgres ideally)"): that tool is nice to have, whatever the line."""
    return bool(term) and "|" not in str(term) and any(
        re.search(rf"(?<!\w){re.escape(str(term))}(?!\w)", m.group(0), re.I)
        for m in EXAMPLES_CUED.finditer(text))


def _atoms(req: Requirement, done: list[Fact]) -> list[tuple[str, str | None]]:
    """(label, term) pairs: one per technical term, else the requirement itself. Tools named
    as alternatives ("dashboards in Power BI or Tableau") stay one requirement, whose term
    lists them with "|": the whole line, covered, when the user shows one of them, and one
    gap named by the tools when none is shown (two must-have gaps would ask for both)."""
    if req.terms and len(req.terms) > 1:
        if _alternatives(req.text, req.terms):
            # "dashboards in Looker or Tableau": one of them is enough; the whole line when
            # the user shows one, else one gap named by its tools (judged as a tool is)
            shown = any(_term_facts(t, done) for t in req.terms)
            return [(req.text if shown else " or ".join(req.terms), "|".join(req.terms))]
        return [(t, t) for t in req.terms]
    return [(req.text, req.terms[0] if req.terms else None)]


def _once(atoms: list[list[tuple[str, str | None]]], wanted: list[Requirement]
          ) -> list[list[tuple[str, str | None]]]:
    """Each tool named once: "docker" listed under the ad's technologies and "Docker"
    asked for in a must-have line is one must-have requirement (the ad of a backend job
    showed JavaScript, Node.js and TypeScript twice each, as nice-to-have and must-have)."""
    must = {term.lower() for req, pairs in zip(wanted, atoms, strict=True) if req.must
            for label, term in pairs if term and label == term}
    seen: set[str] = set()
    out: list[list[tuple[str, str | None]]] = []
    for req, pairs in zip(wanted, atoms, strict=True):
        kept = []
        for label, term in pairs:
            named = term.lower() if term and label == term else None
            if named and (named in seen or (named in must and not req.must)):
                continue
            seen.update([named] if named else [])
            kept.append((label, term))
        out.append(kept)
    return out


def _done(fact: Fact) -> bool:
    """True when the fact shows the user doing something (not a wish, a plan, a negation,
    a question or someone else's action); a deed beside a negated reason or aside counts
    ("I rang the planner because one haulier didnt turn up")."""
    if fact.kind in ("credential", "introduction"):
        return True  # held, or the work the person said they do
    said = {t.get("polarity") for t in fact.skills}
    if "growth" in said and "demonstrated" not in said:
        # a struggle the tagger read by meaning ("I mess up the ... every time"), unless
        # another part of the sentence tells a deed ("I've been a store manager for 7 years
        # but I'm doing a data analytics course")
        grows = [str(t.get("evidence", "")) for t in fact.skills if t.get("polarity") == "growth"]
        # a part inside the struggle's evidence is the struggle too ("i always panic when the
        # council inspector comes, last time my hands were shaking", tagged whole)
        free = [p for p in done_parts(fact.text)
                if not any(e and (e in p or p.strip(" ,.") in e) for e in grows)]
        if not any(own_deed(p) for p in free):
            return False
    return shows_own_action(fact)


def _unnamed(requirement: str, fact: Fact, facts: list[Fact]) -> bool:
    """Whether a tool the requirement names is missing from the fact and from every other
    sentence of its reflection ("CI is like 4 min faster now too" names the CI of "gave each
    test its own user via a fixture")."""
    return named_tool(requirement, fact) is not None and all(
        named_tool(requirement, f) is not None for f in facts
        if f.item_id == fact.item_id and f.kind == fact.kind)


def _rank(facts: list[Fact]) -> list[str]:
    chosen = sorted(facts, key=lambda f: (f.verified, f.date), reverse=True)
    out: list[str] = []
    for f in chosen:
        if f.id not in out:
            out.append(f.id)
    return out  # by_meaning keeps the two closest in meaning


def _term_pattern(term: str) -> re.Pattern[str]:
    """How a technical term is found in a text."""
    # A one-letter language ("C") only as written, never the "c" of "c/o" or "Cortex-M4".
    if len(term) == 1:
        return re.compile(rf"(?<![\w.+#/-]){re.escape(term.upper())}(?![\w+#/-])")
    # a versioned name also without its version: "NEWS2" as "NEWS was 5" (not "S3", "EC2")
    versioned = version_split(term)
    if versioned:
        base, number = versioned
        return re.compile(rf"(?<![\w.+#]){re.escape(base)}(?:\s?{number})?(?![\w+#])",
                          0 if base.isupper() else re.I)
    # "Power BI" also as "PowerBI" or "Power-BI"; one product under its other name
    # ("postgres" is PostgreSQL, "k8s" Kubernetes)
    names = "|".join(spelled(t) for t in (term, *SAME_TECH.get(term.lower(), ())))
    return re.compile(rf"(?<![\w.+#])(?:{names})(?![\w+#])", re.I)


# one product, two names people write: the one covers the other (RELATED_TECH is a
# neighbour, which is only transferable)
SAME_TECH = {"postgresql": ("postgres",), "postgres": ("postgresql",), "kubernetes": ("k8s",),
             "k8s": ("kubernetes",)}


def _term_facts(term: str, done: list[Fact]) -> list[Fact]:
    """The done facts (already filtered by :func:`_done`) that name a technical term."""
    pattern = _term_pattern(term)
    return [f for f in done if pattern.search(f.text)]


def _keys(tag: dict[str, Any]) -> list[tuple[str, str]]:
    """A requirement's skill and the O*NET activities kept under it (``also``): each may be
    one of the user's."""
    return [key(tag), *(("onet", str(a["id"])) for a in activities_under(tag))]


def next_step(label: str, term: str | None) -> str:
    """A concrete next step for a gap, naming the requirement in the ad's words."""
    if asks_credential(label) or asks_training(label):
        return render("profile_step_credential")
    if term:
        return render("profile_step_project", term=term)
    if _QUALITY.fullmatch(label.strip(" .")):
        return render("profile_step_quality", quality=label.strip(" .").lower())
    return render("profile_step_task")


# a quality asked of the person, not a task: "motivated", "kind, patient", "reliable and
# punctual" (what a post line asks once the post's own name is left out)
_QUALITY_WORD = (r"(?:motivated|self-motivated|kind|patient|caring|reliable|punctual|"
                 r"enthusiastic|hard-?working|passionate|friendly|flexible|organi[sz]ed|"
                 r"proactive|positive|calm|confident|creative|curious|dedicated|driven|"
                 r"energetic|honest|compassionate|approachable|committed|smart|talented)")
_QUALITY = re.compile(rf"{_QUALITY_WORD}(?:(?:,\s*|\s+and\s+|\s+&\s+|\s+){_QUALITY_WORD})*",
                      re.I)


def match(job: JobAd, facts: list[Fact], tagger: Tagger) -> Profile:
    """Match every requirement of the ad against the user's facts.

    Args:
        job: the parsed ad.
        facts: the user's facts.
        tagger: ``texts -> tags per text`` (``tools.skills.tagging.tag_many``).

    Returns:
        The profile with one match per requirement atom, in the ad's order.
    """
    profile = Profile(job=job, credentials=[f.id for f in facts if f.kind == "credential"
                                            and f.verified and f.id.endswith("#1")])
    done = [f for f in facts if _done(f)]
    user_skills: dict[tuple[str, str], list[Fact]] = {}
    labels: dict[tuple[str, str], str] = {}
    under: dict[tuple[str, str], str] = {}  # an activity kept under a skill: that skill's name
    for f in done:
        for t in f.skills if not job_told(f) else []:  # a job said alone tags no deed
            if t.get("polarity", "demonstrated") == "demonstrated":
                user_skills.setdefault(key(t), []).append(f)
                labels.setdefault(key(t), str(t["label"]))
                for a in activities_under(t):  # matches as itself, is named as its skill
                    user_skills.setdefault(("onet", str(a["id"])), []).append(f)
                    under.setdefault(("onet", str(a["id"])), str(t["label"]))
    growth: dict[tuple[str, str], list[Fact]] = {}  # what the user said they want to grow
    for f in facts:
        for t in f.skills if f.kind == "reflection" else []:
            if t.get("polarity") == "growth":
                growth.setdefault(key(t), []).append(f)
    wanted = job.requirements + job.duties
    atoms = _once([_atoms(r, done) for r in wanted], wanted)
    texts = [label for pairs in atoms for label, _ in pairs]
    tags = tagger(texts) if texts else []
    user_keys = list(labels)
    user_vecs = get_embedder().embed([labels[k] for k in user_keys]) if user_keys else None
    k = 0
    atom_tags: list[list[dict[str, Any]]] = []
    lines: list[str] = []  # the ad's whole requirement, for each atom
    for req, pairs in zip(wanted, atoms, strict=True):
        for label, term in pairs:
            found = [t if isinstance(t, dict) else t.model_dump() for t in tags[k]]
            k += 1
            found = [t for t in found if t.get("polarity") != "negated"][:3]
            atom_tags.append(found)
            lines.append(re.sub("|".join(re.escape(t) for t in req.terms) or "^$", " ",
                                req.text, flags=re.I))
            m = Match(requirement=label, must=req.must and not _example_cued(term, req.text),
                      kind=req.kind, status="gap",
                      labels=[str(t["label"]) for t in found],
                      source=req.text if label != req.text else None)
            if term:
                hits, named = next(((h, t) for t in term.split("|") if (h := _term_facts(t, done))),
                                   ([], term))
                written: tuple[list[Fact], str] | None = None if hits else next(
                    ((h, lib) for lib in WRITTEN_IN.get(named.lower(), [])
                     if (h := _term_facts(lib, done))), None)
                if hits:
                    m.status, m.cites, m.term = "covered", _rank(hits), named
                elif written:
                    m.status, m.cites, m.term = "covered", _rank(written[0]), written[1]
                else:
                    for rel in RELATED_TECH.get(term.lower(), []):
                        near = _term_facts(rel, done)
                        if near and _term_pattern(rel).search(m.source or label):
                            # the ad names it as the kind it means: "Python (pandas)"
                            m.status, m.cites, m.term = "covered", _rank(near), rel
                            break
                        if near:
                            m.status, m.cites, m.via = "transferable", _rank(near), rel
                            m.term = rel
                            break
            else:
                credential = asks_credential(label)
                same = [f for t in found for k in _keys(t) for f in user_skills.get(k, [])
                        if not credential or holds_credential(f)]
                # "EV charger or solar PV installation experience" is not shown by a consumer
                # unit fitted, though both are "install electrical equipment"; one item of a
                # list ("rewires, consumer unit upgrades, fault finding and EICRs") need not be
                if same and "," not in label and all(_unnamed(label, f, facts) for f in same):
                    shared = next(k for t in found for k in _keys(t) if k in user_skills)
                    shared_label = labels.get(shared) or under[shared]
                    m.status, m.cites, m.via = "transferable", _rank(same), shared_label
                    m.same_skill = True
                    # the skill is the tagger's name for it, not the person's words
                    m.why = render("match_skill_named_missing", via=shared_label)
                elif same:
                    m.status, m.cites = "covered", _rank(same)
                elif found and user_vecs is not None and not credential:
                    # a credential is held or not: a related skill is no step towards it
                    req_vecs = get_embedder().embed(
                        [str(t["label"]) for t in found] +
                        [str(a["label"]) for t in found for a in activities_under(t)])
                    sims = np.asarray(req_vecs @ user_vecs.T)
                    i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
                    if float(sims[i, j]) >= TRANSFER_MIN:
                        near_key = user_keys[int(j)]
                        m.status, m.via = "transferable", labels[near_key]
                        m.cites = _rank(user_skills[near_key])
            if m.status == "gap":
                m.next_step = next_step(label, " or ".join(term.split("|")) if term else None)
                m.growing = _rank([f for t in found for f in growth.get(key(t), [])])[:1]
            profile.matches.append(m)
    by_meaning(profile.matches, atom_tags, done, lines)
    ways_of_working(profile.matches, done)
    working_towards(profile.matches, done)
    how_long_untold(profile.matches, done)
    told_growing(profile.matches, [f for f in facts if f.kind == "reflection" and f not in done
                                   and any(t.get("polarity") == "growth" for t in f.skills)],
                 {f.id: f for f in done})
    return profile


GROWING_NEAR = 0.45  # a growth sentence this close to a requirement speaks to it
GROWING_BESIDE = 0.3  # ... and this close, it is said beside the deeds that cover it
GROWING_CLOSER = 2.0  # ... and this many times closer than a transferable link, it is the gap


def told_growing(matches: list[Match], growing: list[Fact], done: dict[str, Fact]) -> None:
    """A requirement the person told a struggle with, in the sentence closest to it of all
    they said ("I am not confident with the new computer system for care notes" for
    "Confident recording care notes on an electronic system"), is a gap they are working on,
    not covered or transferable by a sentence that only shares a word with it, and a gap
    says so (in place). A named tool or the same framework skill in a deed still covers it;
    one covered by the person's deeds keeps the struggle beside them."""
    todo = [m for m in matches if (m.status != "gap" and not m.term and not m.same_skill)
            or (m.status == "gap" and not m.growing)]
    if not todo or not growing:
        return
    vecs = get_embedder().embed([m.requirement for m in todo]
                                + [f.text for f in growing]
                                + [done[c].text for m in todo for c in m.cites if c in done])
    reqs, grows = vecs[:len(todo)], vecs[len(todo):len(todo) + len(growing)]
    cited = iter(vecs[len(todo) + len(growing):])
    for m, r in zip(todo, reqs, strict=True):
        own = [float(r @ next(cited)) for c in m.cites if c in done]
        sims = grows @ r
        best = int(np.argmax(sims))
        if sims[best] <= max(own, default=0.0):
            continue
        if m.status == "covered" and (m.via is None or sims[best] < GROWING_NEAR) \
                and sims[best] >= GROWING_BESIDE:
            # covered by their deeds, and they said they are working on it ("Good written
            # and verbal communication skills" beside "my English writing is not so good"):
            # both are said
            m.growing = [growing[best].id]
        elif sims[best] >= GROWING_NEAR or (
                m.status == "transferable" and sims[best] >= GROWING_BESIDE
                and sims[best] >= GROWING_CLOSER * max(own, default=0.0)):
            # (a link by one shared word, far weaker than the struggle told: "made my first
            # dashboard ... for the weekly sales" for "Write SQL queries to extract and join
            # sales data", beside "i'm not confident with SQL joins yet")
            if m.status != "gap":
                m.status, m.cites, m.via, m.why = "gap", [], None, None
                m.next_step = next_step(m.requirement, None)
            m.growing = [growing[best].id]


def tailor(job_text: str, facts: list[Fact], tagger: Tagger) -> Profile:
    """Parse the ad and match it (see :func:`tools.job_ads.parse` and :func:`match`)."""
    return match(parse(job_text), facts, tagger)
